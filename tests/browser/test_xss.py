"""Injected script never runs: every reader page, feed and JSON answer, in Chromium.

The coverage is tests/test_escaping.py's, from tests/payloads.py (`store_payloads`): script,
attribute and template payloads in every field an editor fills in. Each page is loaded, its
payload text hovered and its heading clicked; a payload that ran would set `window.__xss` or
open a dialog. The reader pages are read with the Content Security Policy bypassed, so escaping
alone must stop the payloads (under the policy an injection would only log an error, which
the other tests here, run with it, would catch). Chromium, the live server, the tabs and the
Sochi seed come from tests/browser/conftest.py.
"""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.pages import Site
from tests.payloads import (
    ESCAPED_SCRIPT,
    SCRIPT,
    SINGLE_QUOTED,
    Payloads,
    feeds,
    json_answers,
    reader_pages,
    shown_fields,
    store_payloads,
)

pytestmark = pytest.mark.browser

# Links whose address would run script when followed, however the scheme is spelled.
SCRIPT_LINKS = """() => [...document.querySelectorAll('a[href], area[href], [src]')]
    .filter(el => /^(javascript|data|vbscript):/.test(el.protocol || ''))
    .map(el => el.outerHTML)"""


MOUSE_OVER_EVERYTHING = """() => document.querySelectorAll('body *').forEach(
    el => el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))"""


@pytest.fixture
def stored(seeded) -> Payloads:
    return store_payloads()


@pytest.fixture
def site_without_csp(new_site) -> Site:
    """A tab that ignores the Content Security Policy: only escaping stands in the way."""
    return new_site(bypass_csp=True)


def watch_dialogs(site: Site) -> list[str]:
    opened: list[str] = []

    def dismiss(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    site.page.on("dialog", dismiss)
    return opened


def unexpected(console_errors: list[str]) -> list[str]:
    # The not-found page answers 404 on purpose, which Chromium logs as a failed load.
    return [e for e in console_errors if not e.startswith("Failed to load resource")]


def visit(site, path: str):
    # Nothing on these pages loads late: the load event is enough, no need for network idle.
    return site.page.goto(site.base_url + path, wait_until="load")


def injected_ran(page) -> bool:
    return page.evaluate("typeof window.__xss !== 'undefined'")


def test_it_runs_no_injected_script_on_any_reader_page(site_without_csp, stored):
    site = site_without_csp
    page = site.page
    dialogs = watch_dialogs(site)
    shown = shown_fields(stored)
    for name, path in reader_pages(stored).items():
        response = visit(site, path)
        assert response.status == (404 if name == "not found" else 200), name
        assert not injected_ran(page), f"{name}: a payload ran on load"
        # An injected event handler would wait for the pointer: hover where the text shows,
        # then send every element a mouseover (under the CSP a handler would log an error).
        carriers = page.get_by_text(SINGLE_QUOTED).filter(visible=True)
        for index in range(carriers.count()):
            carriers.nth(index).hover(force=True)
        page.evaluate(MOUSE_OVER_EVERYTHING)
        page.locator("h1").first.click(force=True)
        assert not injected_ran(page), f"{name}: a payload ran on hover or click"
        assert page.evaluate(SCRIPT_LINKS) == [], f"{name}: a link that runs script"
        for value in shown.get(name, []):
            expect(page.get_by_text(value).filter(visible=True).first).to_be_visible()
    assert dialogs == []
    assert unexpected(site.console_errors) == []


def test_it_puts_the_payloads_in_share_tags_and_json_ld_as_text(site, stored):
    page = site.page
    dialogs = watch_dialogs(site)
    quote, summit, speaker = stored.quote, stored.summit, stored.speaker
    visit(site, f"/s/{quote.public_id}/")
    assert page.get_attribute('meta[property="og:title"]', "content") == (
        f"{speaker.name} at {summit.name}"
    )
    description = page.get_attribute('meta[property="og:description"]', "content")
    assert description.startswith(f"“{quote.text}”")
    assert page.get_attribute('meta[name="description"]', "content") == description
    assert quote.text in page.get_attribute('meta[property="og:image:alt"]', "content")
    json_ld = page.locator('script[type="application/ld+json"]')
    expect(json_ld).to_have_count(1)
    data = json.loads(json_ld.text_content())
    assert data["text"] == quote.text
    assert data["creator"]["name"] == speaker.name
    assert data["isBasedOn"]["headline"] == stored.article.title

    visit(site, "/summits/xss-summit/")
    assert page.get_attribute('meta[name="description"]', "content") == summit.summary
    assert page.title() == f"{summit.name} · Loggerheads"
    visit(site, "/issues/xss-issue/")
    assert page.get_attribute('meta[name="description"]', "content").startswith(
        stored.issue.proposition
    )
    visit(site, f"/articles/{stored.article.pk}/")
    assert stored.article.title in page.get_attribute('meta[name="description"]', "content")
    assert not injected_ran(page)
    assert dialogs == []
    assert site.console_errors == []


def test_it_shows_feeds_and_json_as_inert_text(site, stored):
    page = site.page
    dialogs = watch_dialogs(site)
    # Chromium shows a feed as its XML source, where markup in a title reads escaped; JSON
    # as text, where it reads as typed.
    answers = [(path, ESCAPED_SCRIPT) for path in feeds().values()] + [
        (path, SCRIPT) for path in json_answers(stored, site.base_url).values()
    ]
    for path, shown in answers:
        response = visit(site, path)
        assert response.status == 200, f"{path}: {response.status}"
        assert not injected_ran(page), path
        assert shown in page.locator("body").inner_text(), f"{path}: payload not shown as text"
    assert dialogs == []
    # Chromium asks for /favicon.ico beside a document that is not HTML.
    assert unexpected(site.console_errors) == []
