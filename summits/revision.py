"""The coverage revision: a number that every edit to coverage advances.

Cached pages and their ETags are keyed by it, so a page can never outlive the data it shows.
With a shared cache (Redis, REDIS_URL) the number lives there, so reading it costs no
database query; with per-process memory only the database is shared by every worker, so it
is read from the `CoverageRevision` row.
"""

import logging
import time
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
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
# What a cache that is down raises; a cache outage costs speed, never a page.
CACHE_ERRORS = (RedisError, OSError)
COVERAGE_MODELS = (Summit, Participant, Attendance, Issue, Article, Statement, StatementIssue)
REVISION_KEY = "coverage-revision"
# The revision read at the start of the request being served, so that the parts of a page
# (statement cards, facet counts) are keyed as the page is, without reading it again; None
# outside a cached reader page.
request_revision: ContextVar[str | None] = ContextVar("request_revision", default=None)


def shared_cache() -> bool:
    """True when every web process sees the same cache (Redis), not one memory per process."""
    return "LocMemCache" not in settings.CACHES["default"]["BACKEND"]


def current_revision() -> str:
    """The revision every cached page and ETag is keyed by."""
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


def advance_revision(**_signal_kwargs: Any) -> None:
    """Retire every cached page; call it after any write that bypasses model signals.

    Once per transaction: an import or bulk publish saves hundreds of rows, each sending a
    signal, but readers only need the revision to move when the transaction commits, and
    every extra advance is one more UPDATE of the same row and one more retired page cache.
    """
    # A test's own wrapping block stands for autocommit: each write in it is a transaction.
    blocks = [b for b in connection.atomic_blocks if not getattr(b, "_from_testcase", False)]
    if blocks:
        # Advanced already in this transaction: its UPDATE commits (or rolls back) with
        # this write. The mark is an on-commit callback, because Django drops those exactly
        # when the work they belong to ends: at commit, at a rollback, and at the rollback
        # of the savepoint they were made in. (An Atomic object is no mark: a decorated
        # function enters the same one in every transaction.)
        if advanced_in_this_transaction():
            return
        transaction.on_commit(revision_advanced)
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


def revision_advanced() -> None:
    """The mark advance_revision() leaves in a transaction's on-commit list; does nothing."""


def advanced_in_this_transaction() -> bool:
    # A mark made inside a savepoint that has since been released belongs to work a test's
    # wrapping block stands in for as a finished transaction: it no longer counts.
    open_savepoints = set(connection.savepoint_ids)
    # Entries are (savepoint ids, callback, robust); django-stubs knows only the first two.
    return any(
        entry[1] is revision_advanced and entry[0] <= open_savepoints
        for entry in connection.run_on_commit
    )


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
