"""Addresses that outlive a rename: an old slug answers 301 to the current address.

Summits, participants and issues keep their slugs in their history (simple_history), so any
slug ever published can be traced to the row that has since been renamed. This is the one
place that does it, for every kind of address: a page (/participants/<old>/), a feed, an API
answer, and a filter value in a query string (?actor=<old>). A lookup that meets an old slug
raises `Renamed`; `follows_renames` turns that into a permanent redirect to the same route
with the new slugs, the rest of the query kept.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, NoReturn

from django.db.models import Model, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponseBase,
    HttpResponsePermanentRedirect,
)
from django.urls import reverse

from summits.compiled import compiled


class Renamed(Exception):
    """Old slugs were asked for: in the path (`path`: old -> new) or in query parameters
    (`query`: parameter -> {old: new})."""

    def __init__(
        self,
        path: dict[str, str] | None = None,
        query: dict[str, dict[str, str]] | None = None,
    ) -> None:
        super().__init__("renamed")
        self.path = path or {}
        self.query = query or {}


def history_slugs[M: Model](model: type[M], slugs: Iterable[str]) -> dict[str, str]:
    """Old slug -> current slug, for each of `slugs` that some row of `model` once had.

    Two queries whatever the number of slugs: the newest history row holding each slug, then
    the current slugs of those rows. A slug no row ever had is left out.
    """
    wanted = list(slugs)
    if not wanted:
        return {}
    history: Any = getattr(model, "history")  # noqa: B009 -- simple_history adds it untyped
    holders: dict[str, int] = {}
    for slug, pk in (
        history.filter(slug__in=wanted).order_by("history_date").values_list("slug", "id")
    ):
        holders[slug] = pk  # the newest holder wins: ordered oldest first
    current = dict(
        model._default_manager.filter(pk__in=set(holders.values())).values_list("pk", "slug")
    )
    return {old: current[pk] for old, pk in holders.items() if pk in current and current[pk] != old}


def current[M: Model](readable: QuerySet[M], slug: str) -> M:
    """The row with this slug now among those the request may read (embargoes apply);
    `Renamed` if the slug is an old one of such a row, else 404."""
    found = readable.filter(slug=slug).first()
    if found is not None:
        return found
    not_current(readable, slug)


def current_published[M: Model](name: str, published: Callable[[], QuerySet[M]], slug: str) -> M:
    """current() among the rows readers may see (`published()`, a query named `name`),
    its lookup compiled once per process (summits/compiled.py): building and compiling
    the filter cost a cold summit page about 0.4 ms, more than PostgreSQL takes to find the
    row by its unique slug."""
    lookup = compiled(("current", name), lambda given: published().filter(slug=given), [slug])
    found = lookup.rows([slug], limit=1)
    if found:
        return found[0]
    not_current(published(), slug)


def not_current(readable: QuerySet[Any], slug: str) -> NoReturn:
    """`Renamed` if `slug` is an old slug of a row the request may read, else 404."""
    model = readable.model
    renamed = history_slugs(model, [slug])
    if slug in renamed and readable.filter(slug=renamed[slug]).exists():
        raise Renamed(path={slug: renamed[slug]})
    raise Http404(f"No {model._meta.verbose_name} '{slug}'")


def new_address(request: HttpRequest, renamed: Renamed) -> str:
    """The address of this request with every old slug replaced by its current one."""
    match = request.resolver_match
    path = request.path
    if match is not None and renamed.path:
        kwargs = {
            name: renamed.path.get(value, value) if isinstance(value, str) else value
            for name, value in match.kwargs.items()
        }
        path = reverse(match.view_name, args=match.args, kwargs=kwargs)
    query = request.GET.copy()
    for parameter, slugs in renamed.query.items():
        # A value may be one slug (?actor=a&actor=b) or a comma-separated list (?actors=a,b).
        values = [
            ",".join(slugs.get(part.strip(), part.strip()) for part in value.split(","))
            for value in query.getlist(parameter)
        ]
        query.setlist(parameter, list(dict.fromkeys(values)))
    encoded = query.urlencode()
    return path + (f"?{encoded}" if encoded else "")


def follows_renames[V: Callable[..., HttpResponseBase]](view: V) -> V:
    """Answer a view's `Renamed` with a 301 to the current address (query kept)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except Renamed as renamed:
            return HttpResponsePermanentRedirect(new_address(request, renamed))

    return wrapper  # type: ignore[return-value]
