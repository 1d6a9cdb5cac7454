from collections.abc import Sequence
from typing import Any

from django.db.models import Model

class HistoryManager:
    def bulk_history_create(self, objs: Sequence[Model], *args: Any, **kwargs: Any) -> Any: ...
