"""Issue 13 in a browser: compare, the timeline, downloads and the copy buttons; axe-core on
the new pages at phone and desktop widths."""

import re

import pytest
from playwright.sync_api import expect

from summits.models import Statement
from tests.browser.pages import axe_violations

pytestmark = pytest.mark.browser

COMPARE = "/compare/?actors=sergei-lavrov,anders-fogh-rasmussen"


def test_it_compares_two_participants_and_follows_a_cell(site):
    page = site.page
    site.open("/participants/sergei-lavrov/")
    page.get_by_role("link", name="Compare Sergei Lavrov with others").click()
    page.get_by_role("link", name="Anders Fogh Rasmussen").first.click()
    page.wait_for_url(re.compile(r"/compare/\?actors=sergei-lavrov,anders-fogh-rasmussen$"))
    overall = page.locator("#compare-overall")
    expect(overall).to_contain_text("Missile defense")
    overall.get_by_role("link", name=re.compile(r"Opposes")).first.click()
    page.wait_for_url(re.compile(r"/search/\?actor=sergei-lavrov&issue=missile-defense"))
    expect(page.locator("ol.statements article.statement")).not_to_have_count(0)
    assert site.console_errors == []


def test_it_shows_the_timeline_and_its_links_list_the_statements(site):
    page = site.page
    site.open("/participants/sergei-lavrov/")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Opposed at 1 of 1 summit")
    timeline.get_by_role("link", name=re.compile(r"Opposes")).first.click()
    page.wait_for_url(re.compile(r"actor=sergei-lavrov&issue=missile-defense&stance=opposes"))
    expected = Statement.objects.published().filter(
        speaker__slug="sergei-lavrov", issues__slug="missile-defense", stance="opposes"
    )
    expect(page.locator("ol.statements article.statement")).to_have_count(expected.count())


def test_it_downloads_what_the_filters_show(site):
    page = site.page
    site.open("/summits/sochi-2011/?actor=sergei-lavrov")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "sochi-2011-statements.csv"
    lines = open(download.path(), encoding="utf-8").read().splitlines()
    assert lines[0].startswith("id,url,api_url")
    assert (
        len(lines) - 1
        == Statement.objects.published().filter(speaker__slug="sergei-lavrov").count()
    )


def test_it_copies_the_citation_and_the_embed_code(site):
    page = site.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    statement = Statement.objects.published().filter(kind="quote").first()
    site.open(statement.get_absolute_url())
    page.get_by_role("button", name="Copy citation").click()
    expect(page.locator("#cite-status")).to_have_text(re.compile("Copied|Could not copy"))
    page.get_by_role("button", name="Copy embed code").click()
    expect(page.locator("#embed-status")).to_have_text(re.compile("Copied|Could not copy"))
    assert site.console_errors == []


def test_it_offers_the_citation_and_embed_code_as_text_without_script(site_without_js):
    page = site_without_js.page
    statement = Statement.objects.published().filter(kind="quote").first()
    site_without_js.open(statement.get_absolute_url())
    expect(page.locator("#citation")).to_contain_text(statement.speaker.name)
    expect(page.locator("#embed-code")).to_have_value(re.compile(r"<blockquote"))
    expect(page.get_by_role("button", name="Copy citation")).to_be_hidden()


@pytest.mark.parametrize("width", [390, 1280])
def test_it_passes_axe_on_the_new_pages(site, width):
    page = site.page
    page.set_viewport_size({"width": width, "height": 900})
    statement = Statement.objects.published().filter(kind="quote").first()
    failures = []
    for path in (
        COMPARE,
        "/compare/?actors=sergei-lavrov",
        "/participants/sergei-lavrov/",
        "/issues/missile-defense/",
        "/search/?q=Lavrov+Libya",
        "/summits/sochi-2011/?q=Qaddafi",
        statement.get_absolute_url(),
    ):
        site.open(path)
        report = axe_violations(page)
        if report:
            failures.append(f"{path} at {width}px:\n{report}")
    assert not failures, "\n\n".join(failures)
