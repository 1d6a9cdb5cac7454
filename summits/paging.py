"""Pages of statements, summits, participants and issues: one paginator for pages and the API."""

from collections.abc import Sequence
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from summits.compiled import BoundQuery


def page_of[T](
    items: QuerySet[Any, T] | BoundQuery[T] | Sequence[T],
    per_page: int,
    number: int | str | None,
    count: int | None = None,
) -> Page[T]:
    """The page asked for; a missing, malformed or out-of-range number gives a real page.

    `count`, when the caller has the total already (the statement filter's facet counts),
    spares the paginator its COUNT query. `items` may be a list (a participant's ids).
    """
    # A BoundQuery is only sliced and counted, which is all a paginator does with a list.
    paginator = Paginator(cast(Sequence[T], items), per_page)
    if count is not None:
        paginator.count = count
    return paginator.get_page(number)


def is_whole_number(raw: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²", which int() then refuses."""
    return raw.isascii() and raw.isdigit()
