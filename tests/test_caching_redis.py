"""The page cache on a shared Redis (REDIS_URL): the revision lives there, and is never stale."""

import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from summits.models import Statement

SUMMIT = "/summits/sochi-2011/"
# clear() is FLUSHDB, so each pytest-xdist worker (gw0, gw1, ...) has a database of its own,
# counting down from 14; 15 is test_settings.py's. A run without xdist takes 14.
WORKER = int(os.getenv("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
REDIS_DB = 14 - WORKER


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "loggerheads.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "KEY_PREFIX": "loggerheads-test",
        },
        "pages": settings.PAGE_CACHE,
        "parts": settings.PARTS_CACHE,
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def test_it_serves_a_repeat_request_without_touching_the_database(client, sochi, redis_cache):
    first = client.get(SUMMIT, {"actor": "sergei-lavrov"})
    with CaptureQueriesContext(connection) as context:
        second = client.get(SUMMIT, {"actor": "sergei-lavrov"})
    assert second.content == first.content
    assert len(context.captured_queries) == 0


def test_it_shows_an_edit_on_the_next_request(
    client, sochi, redis_cache, django_capture_on_commit_callbacks
):
    statement = Statement.objects.get(text__startswith="We will support everything")
    etag = client.get(SUMMIT)["ETag"]
    # The revision moves when the edit commits (the test's transaction never does).
    with django_capture_on_commit_callbacks(execute=True):
        statement.context = "Speaking after the talks in Sochi"
        statement.save()
    response = client.get(SUMMIT, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Speaking after the talks in Sochi" in response.content.decode()


def test_it_answers_304_for_an_unchanged_page(client, sochi, redis_cache):
    etag = client.get(SUMMIT)["ETag"]
    assert client.get(SUMMIT, headers={"If-None-Match": etag}).status_code == 304


def test_it_recovers_when_redis_forgets_the_revision(client, sochi, redis_cache):
    before = client.get(SUMMIT)["ETag"]
    redis_cache.clear()
    caches["pages"].clear()
    after = client.get(SUMMIT)
    assert after.status_code == 200
    assert after["ETag"] != before


def test_it_still_serves_pages_when_redis_is_down(client, sochi, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "loggerheads.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
        "pages": settings.PAGE_CACHE,
        "parts": settings.PARTS_CACHE,
    }
    response = client.get(SUMMIT)
    assert response.status_code == 200
    assert "We will support everything" in response.content.decode()
