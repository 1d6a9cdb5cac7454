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
