"""Regenerates docs/screenshots/ (opt-in: SCREENSHOTS=1), so the pictures match the code."""

import os
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.getenv("SCREENSHOTS"), reason="set SCREENSHOTS=1 to regenerate"),
]

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.parametrize("width, height", [(390, 2200), (1280, 1800)])
def test_it_photographs_the_summit_page(site, width, height):
    site.page.set_viewport_size({"width": width, "height": height})
    site.open("/summits/sochi-2011/")
    OUT.mkdir(parents=True, exist_ok=True)
    site.page.screenshot(path=OUT / f"summit-{width}.png")
