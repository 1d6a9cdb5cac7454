from collections.abc import Sequence
from typing import Any

class HistoricalRecords:
    def __init__(
        self,
        *,
        excluded_fields: Sequence[str] | None = None,
        m2m_fields: Sequence[str] | None = None,
        **options: Any,
    ) -> None: ...
    # On a model class this is replaced by a manager of historical rows (`Summit.history`).
    def __get__(self, instance: object, owner: type[object] | None = None) -> Any: ...
    # Overridden by summits/history.py so a save and its link changes make one version.
    def create_historical_record_m2ms(self, history_instance: Any, instance: Any) -> None: ...
    def m2m_changed(
        self, instance: Any, action: str, attr: str, pk_set: Any, reverse: bool, **kwargs: Any
    ) -> None: ...
