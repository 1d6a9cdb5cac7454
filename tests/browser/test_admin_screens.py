"""The editor's screens fit a 1280 px laptop: no sideways scrolling on the article form (with
its statements inline) or the statement list, and the admin wears the newsroom's name."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page

from summits.models import Article

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(site) -> Page:
    User.objects.create_superuser("desk", password="black-sea-breeze-2011")
    page = site.page
    site.open("/admin/login/?next=/admin/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "black-sea-breeze-2011")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def overflow(page: Page) -> dict:
    """How far the page reaches beyond the window, and the widest elements that do."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .slice(0, 5)
            .map(el => `${el.tagName}.${el.className} ${el.getBoundingClientRect().right}`);
          return {scroll: document.documentElement.scrollWidth - width, wide};
        }"""
    )


@pytest.mark.parametrize("screen", ["article form", "statement list"])
def test_it_fits_1280_px_without_sideways_scrolling(site, admin_page, screen):
    path = {
        "article form": f"/admin/summits/article/{Article.objects.get().pk}/change/",
        "statement list": "/admin/summits/statement/",
    }[screen]

    site.open(path)

    assert admin_page.viewport_size["width"] == 1280
    assert overflow(admin_page) == {"scroll": 0, "wide": []}


def test_it_wears_the_newsrooms_name_and_icon(site, admin_page):
    assert "Loggerheads newsroom" in admin_page.title()
    assert admin_page.inner_text("#site-name") == "Loggerheads newsroom"
    icon = admin_page.get_attribute("link[rel=icon]", "href")
    assert icon.endswith("img/favicon.svg")
    assert site.page.request.get(site.base_url + icon).ok
    assert site.console_errors == []
