"""What a reader does in a browser: filter in place, reload, go back, share, and with no JS."""

import re

import pytest
from playwright.sync_api import expect

from summits.models import Statement
from tests.browser.pages import SUMMIT, axe_violations, reader_pages, statements

pytestmark = pytest.mark.browser


def lavrov_ids() -> set[str]:
    return set(
        Statement.objects.filter(speaker__slug="sergei-lavrov", status="published").values_list(
            "public_id", flat=True
        )
    )


def listed_ids(page) -> set[str]:
    ids = page.locator("ol.statements article.statement").evaluate_all("els => els.map(e => e.id)")
    return {element_id.removeprefix("s-") for element_id in ids}


def mark_document(page) -> None:
    """A flag on window survives an htmx swap and disappears with a full page load."""
    page.evaluate("window.readerMark = 'still here'")


def same_document(page) -> bool:
    return page.evaluate("window.readerMark === 'still here'")


def test_it_filters_by_actor_in_place_and_keeps_the_url(site):
    page = site.page
    site.open(SUMMIT)
    expect(statements(page)).to_have_count(24)
    mark_document(page)

    page.get_by_role("checkbox", name=re.compile(r"^Sergei Lavrov")).check()

    page.wait_for_url(re.compile(r"/summits/sochi-2011/\?actor=sergei-lavrov$"))
    expect(statements(page)).to_have_count(3)
    assert listed_ids(page) == lavrov_ids()
    assert same_document(page), "the filter reloaded the whole page"
    expect(page.locator("#result-count")).to_have_text("3 utterances match the filters.")
    assert page.evaluate("document.activeElement.id") == "f-actor-sergei-lavrov"

    page.reload()
    expect(statements(page)).to_have_count(3)
    assert listed_ids(page) == lavrov_ids()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Sergei Lavrov"))).to_be_checked()
    assert site.console_errors == []


def filter_by_lavrov(site):
    """The summit page, filtered in place to Lavrov's three statements."""
    page = site.page
    site.open(SUMMIT)
    page.get_by_role("checkbox", name=re.compile(r"^Sergei Lavrov")).check()
    page.wait_for_url(re.compile(r"\?actor=sergei-lavrov$"))
    expect(statements(page)).to_have_count(3)
    return page


def test_it_restores_the_previous_list_on_back(site):
    page = filter_by_lavrov(site)
    page.get_by_role("checkbox", name=re.compile(r"^Opposes")).check()
    page.wait_for_url(re.compile(r"\?actor=sergei-lavrov&stance=opposes$"))
    expect(statements(page)).to_have_count(2)

    page.go_back()
    page.wait_for_url(re.compile(r"\?actor=sergei-lavrov$"))
    expect(statements(page)).to_have_count(3)
    page.go_back()
    page.wait_for_url(re.compile(r"/summits/sochi-2011/$"))
    expect(statements(page)).to_have_count(24)
    expect(page.get_by_role("checkbox", name=re.compile(r"^Sergei Lavrov"))).not_to_be_checked()
    assert site.console_errors == []


def test_it_filters_from_a_matrix_cell_in_place(site):
    page = site.page
    site.open(SUMMIT)
    mark_document(page)
    cell = page.locator(
        'a.matrix__cell[href="?actor=sergei-lavrov&issue=missile-defense#statements"]'
    )
    expect(cell).to_contain_text("Opposes 2")
    cell.click()
    page.wait_for_url(re.compile(r"\?actor=sergei-lavrov&issue=missile-defense$"))
    expect(statements(page)).to_have_count(2)
    assert same_document(page)
    expect(page.get_by_role("checkbox", name=re.compile(r"^Missile defense"))).to_be_checked()


def test_it_filters_with_the_keyboard(site):
    page = site.page
    site.open(SUMMIT)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.locator("#filter-q").focus()
    page.keyboard.press("Tab")
    first = page.locator(".facet--actor input").first
    expect(first).to_be_focused()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"\?actor=anders-fogh-rasmussen$"))
    expect(statements(page)).to_have_count(8)
    expect(page.locator("#f-actor-anders-fogh-rasmussen")).to_be_focused()


def test_it_searches_words_in_place(site):
    page = site.page
    site.open(SUMMIT)
    mark_document(page)
    page.locator("#filter-q").fill("ceasefire")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=ceasefire$"))
    assert same_document(page)
    # A word may match the text, the context or an issue's name ("Ceasefire in Libya").
    expect(statements(page).first).to_contain_text(re.compile("ceasefire", re.IGNORECASE))


def test_it_filters_without_javascript(site_without_js):
    page = site_without_js.page
    site_without_js.open(SUMMIT)
    page.get_by_role("checkbox", name=re.compile(r"^Sergei Lavrov")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/summits/sochi-2011/\?.*actor=sergei-lavrov"))
    expect(statements(page)).to_have_count(3)
    assert listed_ids(page) == lavrov_ids()
    page.get_by_role("link", name=re.compile("Sergei Lavrov on Missile defense")).click()
    page.wait_for_url(re.compile(r"\?actor=sergei-lavrov&issue=missile-defense#statements$"))
    expect(statements(page)).to_have_count(2)


def test_it_shows_a_permalink_with_its_share_tags(site):
    page = site.page
    statement = Statement.objects.get(text__startswith="We did not agree")
    site.open(f"/s/{statement.public_id}/")
    expect(page.locator("blockquote.permalink__quote")).to_contain_text("We did not agree.")
    url = f"{site.base_url}/s/{statement.public_id}/"
    expect(page.locator('meta[property="og:url"]')).to_have_attribute("content", url)
    expect(page.locator('meta[property="og:title"]')).to_have_attribute(
        "content", "Sergei Lavrov at NATO-Russia Council, Sochi 2011"
    )
    expect(page.locator('meta[property="og:description"]')).to_have_attribute(
        "content", re.compile("^“We did not agree.")
    )
    expect(page.locator('meta[name="twitter:card"]')).to_have_attribute(
        "content", re.compile("^summary")
    )
    # The copy button appears once its script has run, and reports what it did.
    button = page.get_by_role("button", name="Copy link")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("#copy-status")).not_to_be_empty()
    assert site.console_errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_it_passes_axe_on_every_reader_page(site, width):
    page = site.page
    page.set_viewport_size({"width": width, "height": 900})
    failures = []
    for name, path in reader_pages():
        site.open(path)
        report = axe_violations(page)
        if report:
            failures.append(f"{name} ({path}) at {width}px:\n{report}")
    assert not failures, "\n\n".join(failures)
    # The bad-filter and not-found pages answer 400 and 404 on purpose; anything else counts.
    unexpected = [e for e in site.console_errors if not e.startswith("Failed to load resource")]
    assert unexpected == [], "console errors (a CSP violation?)"


def test_it_passes_axe_after_an_htmx_swap(site):
    page = filter_by_lavrov(site)
    assert axe_violations(page) == ""
