"""A statement saved as published is announced to its followers (the admin's form, the
importer, the shell). Bulk publishing sends no save signal:
summits/publishing.py calls `tasks.announce` itself.
"""

from typing import Any

from summits.alerts.tasks import announce
from summits.models import Statement


def statement_saved(sender: type[Statement], instance: Statement, raw: bool, **kwargs: Any) -> None:
    # Every save of a published statement, not only the one that published it: the
    # fan-out adds only what nobody was owed before, so an edit sends nothing twice.
    if not raw and instance.status == Statement.Status.PUBLISHED:
        announce([instance.pk])
