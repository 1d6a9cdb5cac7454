from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db.models import Model

def bulk_update_with_history[M: Model](
    objs: Iterable[M],
    model: type[M],
    fields: Sequence[str],
    batch_size: int | None = None,
    default_user: Any = None,
    default_change_reason: str | None = None,
    default_date: datetime | None = None,
    manager: Any = None,
    custom_historical_attrs: dict[str, Any] | None = None,
) -> int: ...
