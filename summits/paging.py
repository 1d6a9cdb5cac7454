"""Pages of statements, summits, participants and issues: one paginator for pages and the API."""

from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet


def page_of[T: Model](
    items: QuerySet[T], per_page: int, number: int | str | None, count: int | None = None
) -> Page[T]:
    """The page asked for; a missing, malformed or out-of-range number gives a real page.

    `count`, when the caller has the total already (the statement filter's facet counts),
    spares the paginator its COUNT query.
    """
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    return paginator.get_page(number)


def is_whole_number(raw: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts "²", which int() then refuses."""
    return raw.isascii() and raw.isdigit()
