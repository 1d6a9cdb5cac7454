"""Cached reader pages that an edit retires at once, and conditional GET on top of them.

Every page is keyed by the coverage revision (one row, one indexed read per request): any
save, delete or publish advances it, so a cached page or an ETag can never outlive the data
it shows. The cost is that an edit retires every cached page, not only the ones it touched;
edits are rare next to reads, and "never stale" is the promise that matters.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.csp import CSP, build_policy

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

COVERAGE_MODELS = (Summit, Participant, Attendance, Issue, Article, Statement, StatementIssue)


def current_revision() -> int:
    # Read on every page request, so it skips the ORM's query building: a primary-key
    # lookup in plain SQL costs a fraction of a millisecond.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {CoverageRevision._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def advance_revision(**_signal_kwargs) -> None:
    """Retire every cached page; call it after any write that bypasses model signals."""
    updated = CoverageRevision.objects.filter(pk=1).update(
        number=F("number") + 1, changed_at=timezone.now()
    )
    if not updated:
        with transaction.atomic():
            CoverageRevision.objects.get_or_create(pk=1, defaults={"number": 1})


def connect_signals() -> None:
    """Advance the revision on every ORM write to coverage (called from AppConfig.ready)."""
    for model in COVERAGE_MODELS:
        post_save.connect(advance_revision, sender=model, dispatch_uid=f"rev-save-{model}")
        post_delete.connect(advance_revision, sender=model, dispatch_uid=f"rev-del-{model}")
    for through in (Statement.issues.through, Summit.issues.through):
        m2m_changed.connect(advance_revision, sender=through, dispatch_uid=f"rev-m2m-{through}")


def variant(request: HttpRequest) -> str:
    # An htmx request gets the results fragment; a history restore wants the whole page.
    htmx = getattr(request, "htmx", None)
    return "fragment" if htmx and not htmx.history_restore_request else "page"


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a reader page from the cache and answer 304 when the reader's copy is current."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
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
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if cacheable(response):
                seal_policy(request, response)
                response["ETag"] = etag
                # Browsers may keep the page but must ask (and get a 304) before reusing it.
                patch_cache_control(response, no_cache=True)
                patch_vary_headers(response, ["HX-Request"])
                cache.set(key, response, settings.CACHE_SECONDS)
        return response

    return wrapper


def cacheable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
    )


def seal_policy(request: HttpRequest, response: HttpResponse) -> None:
    # The cached HTML carries this request's CSP nonce, so the header that authorises it
    # must be stored with it; the CSP middleware leaves a header it finds in place.
    policy = getattr(settings, "SECURE_CSP", None)
    nonce = getattr(request, "_csp_nonce", None)
    if policy and CSP.HEADER_ENFORCE not in response:
        response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(policy, nonce)
