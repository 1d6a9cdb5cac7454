"""Cached reader pages that an edit retires at once, and conditional GET on top of them.

Pages are kept in each process's memory (the "pages" cache), keyed by the coverage revision
(summits/revision.py): any save, delete or publish advances it, so a cached page or an ETag
can never outlive the data it shows. The cost is that an edit retires every cached page, not
only the ones it touched; edits are rare next to reads, and "never stale" is the promise that
matters.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import lru_cache, wraps
from http import HTTPStatus
from typing import Any, cast

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from summits.revision import CACHE_ERRORS, current_revision, request_revision

log = logging.getLogger(__name__)


def is_fragment(request: HttpRequest) -> bool:
    """True when the request wants only a page's results region (an htmx swap).

    A history restore wants the whole page. Read from the headers, not `request.htmx`: the
    page cache runs before django-htmx's middleware, and keys each variant by this answer.
    """
    htmx = request.headers.get("HX-Request") == "true"
    restore = request.headers.get("HX-History-Restore-Request") == "true"
    return htmx and not restore


def cached_page[V: Callable[..., HttpResponse]](view: V) -> V:
    """Mark a reader view whose pages PageCacheMiddleware may keep and serve.

    A kept page goes to every reader of its URL, so it must carry nothing that is one
    reader's: no CSP nonce. Reader pages load only our own scripts, which `script-src 'self'`
    allows; without a nonce for the request, templates render none (`{% csp_nonce_attr %}`)
    and Django's CSP middleware drops the nonce source from the policy.
    """

    @wraps(view)
    def without_nonce(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request._csp_nonce = None  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    without_nonce.page_cached = True  # type: ignore[attr-defined]
    return cast(V, without_nonce)


class PageCacheMiddleware:
    """Serve cached reader pages before the rest of the middleware chain and the view.

    It sits just after WhiteNoise, so a cache hit costs about what a static file does plus
    one revision read. The response stored is the one the chain inside it produced, headers
    included (the CSP header, nonce-free on these pages: see cached_page; Vary, ETag), so
    serving it early changes nothing a reader could see.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if (
            request.method not in ("GET", "HEAD")
            or self.from_editor(request)
            or not self.is_page(request)
        ):
            return self.get_response(request)
        canonicalise(request)
        # Absolute URLs (canonical, og:url) are in the page, so scheme and host are part of it.
        where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        variant = "fragment" if is_fragment(request) else "page"
        digest = hashlib.sha256(f"{variant}|{where}".encode()).hexdigest()[:32]
        revision = current_revision()
        etag = f'"{revision}-{digest}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return revalidate(not_modified, etag)
        key = f"page:{revision}:{digest}"
        response = cache_get(key)
        if response is not None:
            return response
        token = request_revision.set(revision)
        try:
            response = self.get_response(request)
        finally:
            request_revision.reset(token)
        if cacheable(response):
            cache_set(key, revalidate(response, etag))
        return response

    @staticmethod
    def from_editor(request: HttpRequest) -> bool:
        # Readers never log in. A request with a session may be an editor previewing drafts
        # (summits/preview.py): it must not get a reader's cached page, nor leave its own.
        return settings.SESSION_COOKIE_NAME in request.COOKIES

    @staticmethod
    def is_page(request: HttpRequest) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        request.resolver_match = match
        return getattr(match.func, "page_cached", False)


# The statement filter's parameters, on the pages that filter; elsewhere only `page`.
FILTERED_PAGES = ("summit", "search")


# Pages whose other parameters are read in the order given: /compare/?actors=a,b puts a's
# column first, so its values are kept as asked, not sorted.
ORDERED_PARAMETERS = {"compare": ("actors",)}


def page_parameters(url_name: str | None) -> tuple[str, ...]:
    if url_name in FILTERED_PAGES:
        # Imported here: summits.filters imports this module (per_revision).
        from summits.filters import StatementFilter

        return tuple(StatementFilter.base_fields)
    return ("page", *ORDERED_PARAMETERS.get(url_name or "", ()))


def canonicalise(request: HttpRequest) -> None:
    """Reduce the query to what the page reads: its own parameters, values sorted, no blanks.

    The view then sees the canonical query too, so a page asked for with junk parameters
    (utm_source, a cache-buster) is the canonical page, cached once under its key: junk
    neither misses the cache nor fills it, and no link on the page repeats the junk. Values
    that are wrong (an unknown speaker) reach the view, which answers 400, never cached.
    """
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return
    match = request.resolver_match
    query = canonical_query(match.url_name if match else None, raw)
    if query != raw:
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


# A pure function of its arguments, asked again for every hit of a popular URL: the hot path
# pays one dictionary lookup. Bounded, so junk query strings cannot grow it.
@lru_cache(maxsize=4096)
def canonical_query(url_name: str | None, raw: str) -> str:
    given = QueryDict(raw)
    canonical = QueryDict(mutable=True)
    ordered = ORDERED_PARAMETERS.get(url_name or "", ())
    for name in sorted(page_parameters(url_name)):
        stripped = [value.strip() for value in given.getlist(name) if value.strip()]
        values = list(dict.fromkeys(stripped)) if name in ordered else sorted(set(stripped))
        if name == "page" and values == ["1"]:
            continue  # the first page is the page itself
        if values:
            canonical.setlist(name, values)
    return canonical.urlencode()


def revalidate[R: HttpResponseBase](response: R, etag: str) -> R:
    # Browsers may keep the page but must ask (and get a 304) before reusing it.
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["HX-Request"])
    return response


def cache_get(key: str) -> HttpResponseBase | None:
    # A cache that is down costs speed, never the page.
    try:
        response: Any = caches["pages"].get(key)
    except CACHE_ERRORS as exc:
        log.warning("page cache unreachable: %s", exc)
        return None
    return response if isinstance(response, HttpResponseBase) else None


def cache_set(key: str, response: HttpResponseBase) -> None:
    try:
        caches["pages"].set(key, response, settings.CACHE_SECONDS)
    except CACHE_ERRORS as exc:
        log.warning("page cache unreachable: %s", exc)


def cacheable(response: HttpResponseBase) -> bool:
    # A view that marks its answer no-store or private (an editor's preview) is not kept.
    control = response.get("Cache-Control", "")
    return (
        response.status_code == HTTPStatus.OK
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and "no-store" not in control
        and "private" not in control
    )


def per_revision[T](
    name: str, key: str, compute: Callable[[], T], keep: Callable[[T], bool] | None = None
) -> T:
    """`compute()`, kept in this process for the current revision and shared by every page.

    The parts many pages repeat (a statement's card, a summit's facet counts) cost one
    render per revision instead of one per page; a cold page is mostly parts rendered
    before. Outside a cached reader page (no request revision) nothing is kept: a part
    stored without the revision it was read under could outlive an edit. `keep`, if
    given, says whether a value is worth its memory (a large one may be computed again).
    """
    revision = request_revision.get()
    if revision is None:
        return compute()
    # `key` may be any text (a search's words, a query's SQL): its digest keeps the cache
    # key short and of safe characters whatever the backend.
    full_key = f"{name}:{revision}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    parts = caches["parts"]
    try:
        found = parts.get(full_key, MISSING)
    except CACHE_ERRORS as exc:
        log.warning("parts cache unreachable: %s", exc)
        return compute()
    if found is not MISSING:
        return cast(T, found)
    value = compute()
    if keep is not None and not keep(value):
        return value
    try:
        parts.set(full_key, value, settings.CACHE_SECONDS)
    except CACHE_ERRORS as exc:
        log.warning("parts cache unreachable: %s", exc)
    return value


MISSING = object()
