"""Cached reader pages that an edit retires at once, and conditional GET on top of them.

Pages are kept in each process's memory (the "pages" cache); the revision that keys them is
shared: in Redis with REDIS_URL, otherwise in PostgreSQL.

Every page is keyed by the coverage revision (one row, one indexed read per request): any
save, delete or publish advances it, so a cached page or an ETag can never outlive the data
it shows. The cost is that an edit retires every cached page, not only the ones it touched;
edits are rare next to reads, and "never stale" is the promise that matters.
"""

import hashlib
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.csp import CSP, build_policy
from redis.exceptions import RedisError

from summits.models import (
    Article,
    Attendance,
    CoverageRevision,
    Issue,
    Participant,
    Statement,
    StatementIssue,
    Summit,
)

log = logging.getLogger(__name__)
CACHE_ERRORS = (RedisError, OSError)
COVERAGE_MODELS = (Summit, Participant, Attendance, Issue, Article, Statement, StatementIssue)


REVISION_KEY = "coverage-revision"


def shared_cache() -> bool:
    """True when every web process sees the same cache (Redis), not one memory per process."""
    return "LocMemCache" not in settings.CACHES["default"]["BACKEND"]


def current_revision() -> str:
    """The revision every cached page and ETag is keyed by.

    With a shared cache it lives there (one cheap GET); with per-process memory only the
    database is shared by every worker, so it is read from there.
    """
    if shared_cache():
        try:
            revision = cache.get(REVISION_KEY)
            if revision is None:
                # Lost or never set (a Redis restart): any new value retires every old page.
                cache.add(REVISION_KEY, time.time_ns(), None)
                revision = cache.get(REVISION_KEY)
            return f"r{revision}"
        except CACHE_ERRORS as exc:
            log.warning("shared cache unreachable, reading the revision from the database: %s", exc)
    # Read on every page request, so it skips the ORM's query building: a primary-key
    # lookup in plain SQL costs a fraction of a millisecond.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {CoverageRevision._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return f"d{row[0] if row else 0}"


def advance_revision(**_signal_kwargs) -> None:
    """Retire every cached page; call it after any write that bypasses model signals."""
    updated = CoverageRevision.objects.filter(pk=1).update(
        number=F("number") + 1, changed_at=timezone.now()
    )
    if not updated:
        with transaction.atomic():
            CoverageRevision.objects.get_or_create(pk=1, defaults={"number": 1})
    if shared_cache():
        # After the commit, so no reader can cache pre-edit data under the new revision;
        # Django runs it before the editor's response returns, so their next page is fresh.
        transaction.on_commit(bump_shared_revision)


def bump_shared_revision() -> None:
    try:
        try:
            cache.incr(REVISION_KEY)
        except ValueError:
            cache.add(REVISION_KEY, time.time_ns(), None)
    except CACHE_ERRORS as exc:
        # The database revision has moved; pages cached under the old shared revision
        # expire within CACHE_SECONDS. Say so loudly: readers may see them until then.
        log.error("could not advance the shared revision, cached pages may be stale: %s", exc)


def connect_signals() -> None:
    """Advance the revision on every ORM write to coverage (called from AppConfig.ready)."""
    for model in COVERAGE_MODELS:
        post_save.connect(advance_revision, sender=model, dispatch_uid=f"rev-save-{model}")
        post_delete.connect(advance_revision, sender=model, dispatch_uid=f"rev-del-{model}")
    for through in (Statement.issues.through, Summit.issues.through):
        m2m_changed.connect(advance_revision, sender=through, dispatch_uid=f"rev-m2m-{through}")


def variant(request: HttpRequest) -> str:
    # An htmx request gets the results fragment; a history restore wants the whole page.
    # Read from the headers: this runs before django-htmx's middleware sets request.htmx.
    htmx = request.headers.get("HX-Request") == "true"
    restore = request.headers.get("HX-History-Restore-Request") == "true"
    return "fragment" if htmx and not restore else "page"


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a reader view whose pages PageCacheMiddleware may keep and serve."""
    view.page_cached = True
    return view


class PageCacheMiddleware:
    """Serve cached reader pages before the rest of the middleware chain and the view.

    It sits just after WhiteNoise, so a cache hit costs about what a static file does plus
    one revision read. The response stored is the one the whole chain produced, headers
    included (the CSP header with the nonce the page carries, Vary, ETag), so serving it
    early changes nothing a reader could see.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or not self.is_page(request):
            return self.get_response(request)
        # Absolute URLs (canonical, og:url) are in the page, so scheme and host are part of it.
        where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(f"{variant(request)}|{where}".encode()).hexdigest()[:32]
        revision = current_revision()
        etag = f'"{revision}-{digest}"'
        if etag in request.headers.get("If-None-Match", ""):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            patch_cache_control(not_modified, no_cache=True)
            patch_vary_headers(not_modified, ["HX-Request"])
            return not_modified
        key = f"page:{revision}:{digest}"
        response = cache_get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if cacheable(response):
            seal_policy(request, response)
            response["ETag"] = etag
            # Browsers may keep the page but must ask (and get a 304) before reusing it.
            patch_cache_control(response, no_cache=True)
            patch_vary_headers(response, ["HX-Request"])
            cache_set(key, response)
        return response

    @staticmethod
    def is_page(request: HttpRequest) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return getattr(match.func, "page_cached", False)


def cache_get(key: str) -> HttpResponse | None:
    # A cache that is down costs speed, never the page.
    try:
        return caches["pages"].get(key)
    except CACHE_ERRORS as exc:
        log.warning("page cache unreachable: %s", exc)
        return None


def cache_set(key: str, response: HttpResponse) -> None:
    try:
        caches["pages"].set(key, response, settings.CACHE_SECONDS)
    except CACHE_ERRORS as exc:
        log.warning("page cache unreachable: %s", exc)


def cacheable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
    )


def seal_policy(request: HttpRequest, response: HttpResponse) -> None:
    # The cached HTML carries this request's CSP nonce, so the header that authorises it is
    # stored with it (the CSP middleware, outside this one, leaves a header it finds).
    policy = getattr(settings, "SECURE_CSP", None)
    nonce = getattr(request, "_csp_nonce", None)
    if policy and CSP.HEADER_ENFORCE not in response:
        response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(policy, nonce)
