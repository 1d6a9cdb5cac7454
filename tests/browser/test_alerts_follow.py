"""Following by email in a browser: in place with htmx, as plain pages without JS; axe-clean."""

import re

import pytest
from playwright.sync_api import expect

from summits.alerts.models import Subscription
from tests.browser.pages import axe_violations

pytestmark = pytest.mark.browser

PARTICIPANT = "/participants/sergei-lavrov/"


def test_it_follows_in_place_with_javascript(site):
    page = site.page
    site.open(PARTICIPANT)
    page.evaluate("window.readerMark = 'still here'")
    page.get_by_role("link", name="Follow by email").click()
    email = page.get_by_label("Your email address")
    expect(email).to_be_visible()
    assert page.evaluate("window.readerMark === 'still here'")  # swapped, not loaded
    assert page.url.endswith(PARTICIPANT)
    assert axe_violations(page) == ""

    email.fill("not an address")
    page.get_by_role("button", name="Follow Sergei Lavrov").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a valid email address")
    assert not Subscription.objects.exists()
    assert axe_violations(page) == ""

    page.get_by_label("Your email address").fill("reader@example.org")
    page.get_by_label("A daily digest").check()
    page.get_by_role("button", name="Follow Sergei Lavrov").click()
    expect(page.get_by_role("status")).to_contain_text("Check your mailbox")
    assert page.evaluate("window.readerMark === 'still here'")
    assert "reader@example.org" not in page.content()
    subscription = Subscription.objects.get()
    assert (subscription.frequency, subscription.confirmed_at) == ("daily", None)
    assert axe_violations(page) == ""
    assert site.console_errors == []


def test_it_follows_with_plain_pages_without_javascript(site_without_js):
    page = site_without_js.page
    site_without_js.open(PARTICIPANT)
    page.get_by_role("link", name="Follow by email").click()
    page.wait_for_url(re.compile(r"/alerts/follow/participant/sergei-lavrov/$"))
    page.get_by_label("Your email address").fill("reader@example.org")
    page.get_by_role("button", name="Follow Sergei Lavrov").click()
    expect(page.get_by_role("status")).to_contain_text("Check your mailbox")
    subscription = Subscription.objects.get()
    assert (subscription.frequency, subscription.confirmed_at) == ("immediate", None)


def test_it_passes_axe_on_the_follow_page_on_a_phone(site):
    # 1280 px is checked above, with the form in place on the participant page.
    site.page.set_viewport_size({"width": 390, "height": 900})
    site.open("/alerts/follow/issue/missile-defense/")
    assert axe_violations(site.page) == ""
    site.open("/search/?q=radar")
    assert axe_violations(site.page) == ""
