"""Playwright against Debian's Chromium and pytest-django's live server.

The sync Playwright API runs an event loop in the test's thread, where the test also uses
Django's ORM: DJANGO_ALLOW_ASYNC_UNSAFE lets it, but only while a browser is open. Set for the
whole process it would leak into subprocesses (`manage.py check --deploy` rejects it).
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.pages import Site
from tests.factories import SEED

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or shutil.which("chromium"):
        return
    if os.getenv("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="package")
def chromium():
    """One Chromium for the browser tests in a row; each test opens contexts of its own.

    Launching Chromium and Playwright's driver cost ~1 s (wall and CPU) a test. A context is
    Chromium's own unit of isolation (cookies, storage, cache), and every tab a test opens is
    in a new one, closed after the test: a test sees no more of another than before. Package
    scope ends it before the first test outside tests/browser, and with it the event loop
    and DJANGO_ALLOW_ASYNC_UNSAFE, which the other tests and their subprocesses must not see.
    """
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def plain_static(settings):
    """The live server serves files from the source folders; no manifest to build."""
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture
def seeded(transactional_db):
    """The Sochi seed, committed so the live server's thread can read it."""
    from summits.bundles import import_bundle, read_bundle
    from summits.models import Summit

    import_bundle(read_bundle(SEED))
    return Summit.objects.get(slug="sochi-2011")


@pytest.fixture
def new_site(chromium, live_server, plain_static, seeded):
    """Opens a tab on the live server; options go to Chromium's new_context."""
    contexts = []

    def open_tab(**options) -> Site:
        context = chromium.new_context(**({"viewport": {"width": 1280, "height": 900}} | options))
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return Site(page, live_server.url)

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def site(new_site) -> Site:
    return new_site()


@pytest.fixture
def site_without_js(new_site) -> Site:
    return new_site(java_script_enabled=False, viewport={"width": 390, "height": 844})
