"""Shared fixtures: the Sochi summit as every test sees it, and database-specific markers."""

from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection

from summits.bundles import import_bundle, read_bundle
from summits.models import Article, Issue, Participant, Statement, Summit

SEED = Path(__file__).resolve().parent.parent / "summits" / "fixtures" / "sochi-2011.json"


def pytest_collection_modifyitems(config, items):
    # Decided at collection: the database vendor is fixed by DATABASE_URL for the whole run.
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def fresh_cache():
    # Each test rolls the database back, coverage revision included: a page cached by an
    # earlier test under the same revision number must not answer for this one.
    for alias in ("default", "pages", "parts"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages", "parts"):
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
