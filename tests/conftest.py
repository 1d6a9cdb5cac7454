"""Shared fixtures: the Sochi summit as every test sees it, and database-specific markers.

Also the test run's own settings: how many examples hypothesis tries, and a fast password
hasher.
"""

import os
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import override_settings
from hypothesis import settings as hypothesis_settings

from summits.bundles import import_bundle, read_bundle
from summits.models import Article, Issue, Participant, Statement, Summit

SEED = Path(__file__).resolve().parent.parent / "summits" / "fixtures" / "sochi-2011.json"

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
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def sochi(db) -> Summit:
    """The seed summit, imported from its bundle exactly as `make run` loads it."""
    import_bundle(read_bundle(SEED))
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
