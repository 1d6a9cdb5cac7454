"""page_url: the address reverse() gives, for every page that links with it."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from summits.models import page_url

NAMES = (
    "summit",
    "participant",
    "issue",
    "article",
    "statement",
    "statement-card",
    "statement-in-summit",
    "summit-card",
)
KEYS = ("sochi-2011", "sergei-lavrov", "n96xstya", 42, "42", "a_b", "UPPER-case", "x")


@pytest.mark.parametrize("prefix", ["/", "/sub/path/"])
def test_it_gives_the_address_reverse_gives(prefix):
    set_script_prefix(prefix)
    try:
        for name in NAMES:
            for key in KEYS:
                assert page_url(name, key) == reverse(name, args=[key]), (name, key)
    finally:
        clear_script_prefix()


def test_it_reverses_a_key_that_is_not_plain():
    # Quoted as reverse() quotes it, or refused as reverse() refuses it.
    assert page_url("article", "é t") == reverse("article", args=["é t"]) == "/articles/%C3%A9%20t/"
    with pytest.raises(NoReverseMatch):
        page_url("summit", "not a slug")
    with pytest.raises(NoReverseMatch):
        page_url("statement", "a/b")
