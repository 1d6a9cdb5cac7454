"""The editor's whole job in a real browser, from an empty newsroom to a published statement.

Chromium, the static files and the skip without a browser come from tests/browser/conftest.py.
Log in, create a summit, paste an article, open its desk, accept the proposals with issues
and stances, publish them and the summit, then read the summit page as an anonymous reader
and follow a permalink. Runs on Debian's Chromium under the app's strict Content Security Policy.
"""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, expect

from summits.models import Issue, Statement

editors_group = import_module("summits.migrations.0003_editors_group")

pytestmark = pytest.mark.browser

BODY = (
    "Russian Foreign Minister Sergei Lavrov was blunt after the meeting in Berlin. "
    '"We did not agree on anything that matters," Lavrov said.\n\n'
    'German Chancellor Angela Merkel struck a softer tone. "Dialogue is the only way '
    'forward," Merkel told reporters.\n\n'
    'The Kremlin said the talks had been "useful but difficult."'
)


@pytest.fixture
def editor(live_server) -> User:
    # Live-server tests end with a flush, which empties the group the migration made.
    editors_group.create_editors(apps, schema_editor=None)
    user = User.objects.create_user("jana", password="black-sea-breeze-2011", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def new_page(chromium):
    """Open pages, each in its own browser context (its own cookies); close them after."""
    contexts = []

    def open_page() -> Page:
        contexts.append(chromium.new_context(viewport={"width": 1280, "height": 900}))
        page = contexts[-1].new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def watch(page: Page) -> list[str]:
    """Collect script errors and policy violations, which a user would never see."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error"
            and ("Content Security Policy" in message.text or "script" in message.text.lower())
            else None
        ),
    )
    return problems


def test_it_takes_an_article_from_paste_to_published(live_server, plain_static, new_page, editor):
    Issue.objects.create(name="Missile defense", slug="missile-defense")
    Issue.objects.create(name="Libya", slug="libya")
    admin = f"{live_server.url}/admin"
    page = new_page()
    problems = watch(page)

    # Log in as an editor.
    page.goto(f"{admin}/login/")
    page.fill("#id_username", "jana")
    page.fill("#id_password", "black-sea-breeze-2011")
    page.click("input[type=submit]")
    expect(page.locator("#content")).to_contain_text("Statements")

    # Create the summit; its slug fills itself in from the name.
    page.goto(f"{admin}/summits/summit/add/")
    page.fill("#id_name", "Berlin Talks 2026")
    page.press("#id_name", "Tab")
    expect(page.locator("#id_slug")).to_have_value("berlin-talks-2026")
    page.fill("#id_starts_on", "2026-03-02")
    page.fill("#id_city", "Berlin")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # Add an article from the summit's page by pasting its text.
    page.click("text=Add an article")
    expect(page.locator("#id_summit")).to_have_value(re.compile(r"\d+"))
    page.fill("#id_title", "Blunt and soft")
    page.fill("#id_outlet", "DW")
    page.fill("#id_published_on", "2026-03-02")
    page.press("#id_published_on", "Tab")
    expect(page.locator("#id_key")).to_have_value("dw-2026-03-02")
    page.fill("#id_body", BODY)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # The desk: three proposals; accept two with issues and stances, skip the third.
    page.click("text=Desk")
    proposals = page.locator("#desk-forms > li")
    expect(proposals).to_have_count(3)
    expect(proposals.first.locator("textarea")).to_have_value(
        "We did not agree on anything that matters"
    )
    expect(proposals.nth(1).locator("input[name=other_speaker]")).to_have_value("Angela Merkel")
    # The new summit has no agenda yet: an issue typed on the desk joins it.
    first = proposals.first
    first.get_by_label("Add an issue to the agenda").fill("Missile defense")
    first.get_by_label("Opposes").check()
    first.get_by_role("button", name="Accept as draft").click()
    expect(proposals).to_have_count(2)
    second = proposals.first
    second.get_by_label("Missile defense").check()
    second.get_by_label("Add an issue to the agenda").fill("Libya")
    second.get_by_label("Supports").check()
    second.get_by_role("button", name="Accept as draft").click()
    expect(proposals).to_have_count(1)
    assert Statement.objects.filter(status="draft").count() == 2

    # Publish them from the desk, then lift the new summit's embargo from the summit list.
    page.click("#desk-publish-link")
    page.click("input[value='Yes, publish 2']")
    expect(page.locator(".messagelist")).to_contain_text("Published 2 statements and the article.")
    page.goto(f"{admin}/summits/summit/")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("1 summits and 0 articles published.")
    assert problems == []

    # An anonymous reader sees them on the summit page, and the permalinks work.
    reader = new_page()
    reader.goto(f"{live_server.url}/summits/berlin-talks-2026/")
    for text in ["We did not agree on anything that matters", "Dialogue is the only way forward"]:
        expect(reader.locator("body")).to_contain_text(text)
    statement = Statement.objects.get(text="Dialogue is the only way forward")
    permalink = reader.locator(f'a[href="/s/{statement.public_id}/"]').first
    permalink.click()
    expect(reader).to_have_url(f"{live_server.url}/s/{statement.public_id}/")
    expect(reader.locator("body")).to_contain_text("Dialogue is the only way forward")
    expect(reader.locator("body")).to_contain_text("Angela Merkel")
