"""The statement card (summits/templatetags/statements.py, card_html), the one definition of a
statement as readers see it on every page that lists it, the article page included."""

import re

import pytest

from summits.bundles import import_bundle, read_bundle
from summits.models import Statement
from summits.templatetags.statements import card_html
from tests.conftest import SEED


@pytest.mark.django_db
def test_it_shows_each_part_of_a_statement_escaped_and_nothing_else(sochi):
    # A second outlet's report, grouped with DW's: cards that name their other reports.
    import_bundle(read_bundle(SEED.parent / "sochi-2011-kremlin.json"))
    statements = list(Statement.objects.published().for_display().order_by("pk"))
    assert any(s.report_count > 1 for s in statements)
    for statement in statements:
        card = card_html(statement, show_summit=True, anchored=True)

        # No template text leaks to readers ("{#", "{%", "{{").
        assert not re.search(r"\{[#%{]", card), statement.public_id
        assert f'id="s-{statement.public_id}"' in card
        assert f'href="{statement.speaker.get_absolute_url()}"' in card
        assert f'href="{statement.get_absolute_url()}"' in card
        assert f'href="{statement.article.get_absolute_url()}"' in card
        assert f'href="{statement.summit.get_absolute_url()}"' in card
        assert statement.get_stance_display() in card
        for issue in statement.issues.all():
            assert f'href="{issue.get_absolute_url()}"' in card
        assert ("One utterance," in card) == (statement.report_count > 1)
        assert ("Paraphrase" in card) == (statement.kind == "paraphrase")


@pytest.mark.django_db
def test_it_anchors_and_names_the_summit_only_when_asked(sochi):
    statement = Statement.objects.published().for_display().first()

    card = card_html(statement, show_summit=False, anchored=False)

    assert 'id="s-' not in card
    assert f'href="{statement.summit.get_absolute_url()}"' not in card


@pytest.mark.django_db
def test_it_escapes_what_an_editor_typed(sochi):
    statement = Statement.objects.published().for_display().first()
    statement.text = '<script>alert("x")</script>'
    statement.context = "<b>bold</b>"

    card = card_html(statement, show_summit=False, anchored=True)

    assert "<script>" not in card and "<b>" not in card
    assert "&lt;script&gt;" in card


@pytest.mark.django_db
def test_it_draws_the_article_pages_cards(client, sochi):
    statement = Statement.objects.published().for_display().first()

    response = client.get(statement.article.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="s-{statement.public_id}"' in html
    assert "{#" not in html
