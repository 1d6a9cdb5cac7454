"""The statement card built in Python (summits/templatetags/statements.py, card_html) is the
card the template draws (templates/summits/_statement.html), character for character: the
list pages use the first, the article page includes the second."""

import pytest
from django.template.loader import get_template

from summits.bundles import import_bundle, read_bundle
from summits.models import Statement
from summits.templatetags.statements import card_html
from tests.conftest import SEED


@pytest.mark.django_db
def test_the_python_card_is_the_template_card(sochi):
    # A second outlet's report, grouped with DW's: cards that name their other reports.
    import_bundle(read_bundle(SEED.parent / "sochi-2011-kremlin.json"))
    template = get_template("summits/_statement.html")
    statements = list(Statement.objects.published().for_display().order_by("pk"))
    assert any(s.report_count > 1 for s in statements)
    assert any(s.speaker_role for s in statements) and any(s.said_on for s in statements)
    assert any(s.context for s in statements) and any(s.kind == "quote" for s in statements)
    for statement in statements:
        for show_summit in (False, True):
            for anchored in (True, False):
                drawn = template.render(
                    {"statement": statement, "show_summit": show_summit, "unanchored": not anchored}
                )
                built = card_html(statement, show_summit=show_summit, anchored=anchored)
                assert built == drawn, statement.public_id
