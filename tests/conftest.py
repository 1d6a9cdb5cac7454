"""Shared fixtures: the Sochi summit as every test sees it, and database-specific markers.

Also the test run's own settings: how many examples hypothesis tries, and a fast password
hasher.
"""

import os
import sys

import pytest
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test.utils import override_settings
from hypothesis import settings as hypothesis_settings

from summits.bundles import import_bundle, read_bundle
from summits.models import Article, Issue, Participant, Statement, Summit
from tests.factories import SEED

# A quick look while developing, a thorough one in CI (which sets CI=true). A test that
# names its own max_examples keeps it. HYPOTHESIS_PROFILE=ci runs CI's count anywhere.
hypothesis_settings.register_profile("dev", max_examples=100)
hypothesis_settings.register_profile("ci", max_examples=2000)
hypothesis_settings.load_profile(
    os.getenv("HYPOTHESIS_PROFILE") or ("ci" if os.getenv("CI", "").lower() == "true" else "dev")
)


def pytest_collection_modifyitems(config, items):
    # Decided at collection: the database vendor is fixed by DATABASE_URL for the whole run.
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    # Production's PBKDF2 costs 0.65 s a hash here, paid by every test that creates or logs
    # in a user. What the tests check is who may do what, not the strength of the hash.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    # Each test rolls the database back, coverage revision included: a page cached by an
    # earlier test under the same revision number must not answer for this one.
    for alias in ("default", "pages", "parts"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages", "parts"):
        caches[alias].clear()


class SeedTransaction:
    """The Sochi import, held in an open transaction that the tests needing it nest theirs in.

    Importing the bundle costs 0.3-1 s and some 250 tests want it. Imported once inside an
    outer transaction, it stays for each test that asks for `sochi`: the test's own
    transaction becomes a savepoint, rolled back after the test as before, so every test
    still starts from the freshly imported summit. Django's TestCase does the same for
    setUpTestData. A test that does not ask for it gets the outer transaction rolled back
    first, so it sees the empty database it always saw.
    """

    def __init__(self, django_db_blocker):
        self.blocker = django_db_blocker
        self.atomic: transaction.Atomic | None = None

    def open(self) -> None:
        if self.atomic:
            return
        with self.blocker.unblock():
            atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            # As Django's TestCase marks its own: code under test may open durable blocks.
            atomic._from_testcase = True
            atomic.__enter__()
            try:
                import_bundle(read_bundle(SEED))
            except BaseException:
                atomic.__exit__(*sys.exc_info())
                raise
        self.atomic = atomic

    def close(self) -> None:
        if not self.atomic:
            return
        with self.blocker.unblock():
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


SEED_TRANSACTION = pytest.StashKey[SeedTransaction]()


@pytest.fixture(scope="session")
def seed_transaction(request, django_db_setup, django_db_blocker):
    seed = request.config.stash[SEED_TRANSACTION] = SeedTransaction(django_db_blocker)
    yield seed
    seed.close()
    del request.config.stash[SEED_TRANSACTION]


def transactional(item: pytest.Item) -> bool:
    """Whether the test commits for real (and is flushed after), so no transaction may wrap it."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get(
        "transaction", bool(marker.args[:1] and marker.args[0])
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture: a test that reads or writes the database without asking for the
    # seed must not find it there, and a transactional test cannot run inside a transaction.
    seed = item.config.stash.get(SEED_TRANSACTION, None)
    if seed is None or ("sochi" in item.fixturenames and not transactional(item)):
        return
    uses_db = {"_django_db_helper", "django_db_blocker"} & set(item.fixturenames)
    if uses_db or item.get_closest_marker("django_db"):
        seed.close()


@pytest.fixture(autouse=True)
def seed_for_this_test(request):
    # Autouse, so that it runs before `db` opens the test's transaction, which must nest in
    # the seed's. Only pytest-django's own django_db marker runs earlier.
    if "sochi" not in request.fixturenames:
        return
    seed = request.getfixturevalue("seed_transaction")
    if transactional(request.node) or (connection.in_atomic_block and not seed.atomic):
        # A transactional test commits for real and is flushed after, and when the marker
        # opened the test's transaction first, the import goes inside it: as it once was.
        import_bundle(read_bundle(SEED))
    else:
        seed.open()


@pytest.fixture
def sochi(db) -> Summit:
    """The seed summit, imported from its bundle exactly as `make run` loads it."""
    return Summit.objects.get(slug="sochi-2011")


@pytest.fixture
def draft(sochi) -> Statement:
    """A draft by Lavrov on missile defense: no reader page, feed or API may show it."""
    statement = Statement.objects.create(
        article=Article.objects.get(),
        speaker=Participant.objects.get(slug="sergei-lavrov"),
        kind=Statement.Kind.PARAPHRASE,
        text="A draft nobody outside the newsroom should read.",
        stance=Statement.Stance.OPPOSES,
        status=Statement.Status.DRAFT,
        position=99,
    )
    statement.issues.add(Issue.objects.get(slug="missile-defense"))
    return statement
