"""The strict Content Security Policy holds in a real browser, and nothing the site needs
breaks under it: every reader page, htmx filtering in place, and the editors' admin.

A violation shows two ways in Chromium: a "Refused to ..." console message, and a
`securitypolicyviolation` event, which a script added before any page script records on
`window.__violations`. Chromium, the live server and the Sochi seed come from
tests/browser/conftest.py; the reader pages (tests/browser/pages.py) are the ones
test_reader.py checks with axe.
"""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.browser.pages import SUMMIT, reader_pages, statements

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""
PASSWORD = "black-sea-breeze-2011"


class Policy:
    """What a page broke of the policy, as the console and the violation events tell it."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self.listen)

    def listen(self, message) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.console.append(f"{message.type}: {message.text}")

    def broken(self) -> list[str]:
        return self.console + self.page.evaluate("window.__violations || []")


@pytest.fixture
def policy(site) -> Policy:
    return Policy(site.page)


def directives(header: str) -> dict[str, str]:
    return dict(
        ([*part.strip().split(" ", 1), ""])[:2] for part in header.split(";") if part.strip()
    )


def test_it_keeps_every_reader_page_within_the_policy(site, policy):
    page = site.page
    broken = {}
    for name, path in reader_pages():
        response = site.open(path)
        header = response.headers.get("content-security-policy", "")
        script_src = directives(header).get("script-src", "")
        # Cached pages are every reader's: no nonce, our own scripts only.
        assert script_src == "'self'", f"{name}: {header!r}"
        assert "unsafe-inline" not in header and "unsafe-eval" not in header, name
        # Both scripts ran: htmx, and site.js.
        assert page.evaluate("typeof htmx") == "object", f"{name}: htmx did not load"
        assert page.evaluate("document.querySelector('script[src*=\"site.js\"]').nonce") == ""
        if policy.broken():
            broken[name] = policy.broken()
        policy.console.clear()
    assert broken == {}
    # The copy button is shown by site.js: proof our own script ran on the permalink.
    site.open(dict(reader_pages())["permalink"])
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    assert policy.broken() == []


def test_it_filters_in_place_under_the_policy(site, policy):
    page = site.page
    site.open(SUMMIT)
    expect(statements(page)).to_have_count(24)
    page.evaluate("window.__marker = 1")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as swap:
        page.get_by_role("checkbox", name=re.compile(r"^Sergei Lavrov")).check()
    assert swap.value.status == 200
    page.wait_for_url(re.compile(r"\?actor=sergei-lavrov$"))
    expect(statements(page)).to_have_count(3)
    expect(page.locator("#result-count")).to_have_text("3 utterances match the filters.")
    assert page.evaluate("window.__marker") == 1, "the filter reloaded the whole page"
    assert "actor=" in page.url
    assert policy.broken() == []


def test_it_keeps_the_admin_within_the_policy(live_server, site, policy):
    User.objects.create_superuser("editor-in-chief", "chief@example.org", PASSWORD)
    page = site.page
    response = site.open("/admin/login/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    assert policy.broken() == [], "login page"
    page.get_by_label("Username").fill("editor-in-chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    site.open("/admin/summits/statement/")
    expect(page.locator("#result_list tbody tr")).not_to_have_count(0)
    # The changelist's own scripts (actions, filters) are in force: select all, count shown.
    page.locator("#action-toggle").check()
    expect(page.locator(".action-counter")).to_contain_text("selected")
    assert policy.broken() == [], "statement changelist"
