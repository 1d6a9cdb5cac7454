"""Shared fixtures: the Sochi summit as every test sees it, and database-specific markers."""

from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection

from summits.bundles import import_bundle, read_bundle
from summits.models import Summit

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
