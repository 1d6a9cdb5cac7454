"""What a social network's crawler does with a permalink: read its og:image and load it."""

import pytest

from summits.models import Statement

pytestmark = pytest.mark.browser


def og_image(page) -> str:
    return page.locator('meta[property="og:image"]').get_attribute("content")


def loaded_size(page, url: str) -> dict:
    """Load `url` in an <img> on the page and report the size the browser decoded."""
    return page.evaluate(
        """url => new Promise(resolve => {
            const img = new Image();
            img.onload = () => resolve({width: img.naturalWidth, height: img.naturalHeight});
            img.onerror = () => resolve({width: 0, height: 0});
            img.src = url;
        })""",
        url,
    )


def test_it_shares_a_permalink_as_its_quote_card(site):
    statement = Statement.objects.get(text="Good weather, good relations")
    response = site.open(statement.get_absolute_url())
    assert response.status == 200
    image = og_image(site.page)
    assert image == f"{site.base_url}/s/{statement.public_id}/card.png"
    assert site.page.locator('meta[name="twitter:card"]').get_attribute("content") == (
        "summary_large_image"
    )
    alt = site.page.locator('meta[property="og:image:alt"]').get_attribute("content")
    assert alt.startswith("“Good weather, good relations” — Dmitry Medvedev")

    assert loaded_size(site.page, image) == {"width": 1200, "height": 630}
    assert site.console_errors == []

    # Opened on its own, as a crawler fetches it. (Chromium's image viewer then trips the
    # site's strict CSP with its own inline style, so the console is not checked here.)
    card = site.page.goto(image)
    assert card.status == 200
    assert card.headers["content-type"] == "image/png"
    assert card.headers["cache-control"] == "public, max-age=3600"


def test_it_shares_a_summit_as_its_card(site):
    site.open("/summits/sochi-2011/")
    image = og_image(site.page)
    assert image == f"{site.base_url}/summits/sochi-2011/card.png"
    assert loaded_size(site.page, image) == {"width": 1200, "height": 630}
