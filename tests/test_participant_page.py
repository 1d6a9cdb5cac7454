"""The participant page: every statement by one speaker across summits, grouped by issue."""

import re

from summits.bundles import import_bundle
from summits.models import Statement
from tests.factories import LISBON, drafted

URL = "/participants/dmitry-medvedev/"


def test_it_lists_every_summit_with_the_role_held_there(client, sochi):
    import_bundle(LISBON)
    html = client.get(URL).content.decode()
    assert "<h1>Dmitry Medvedev</h1>" in html
    roles = re.search(r'<ul class="roles">.*?</ul>', html, re.S).group(0)
    assert roles.index("Sochi 2011") < roles.index("Lisbon 2010")
    assert "Sochi 2011</a>: President of Russia" in roles
    assert "Lisbon 2010</a>: President of the Russian Federation" in roles


def test_it_groups_statements_by_issue_newest_summit_first(client, sochi):
    import_bundle(LISBON)
    html = client.get(URL).content.decode()
    section = re.search(
        r'<section class="group"[^>]*>\s*<h2[^>]*><a href="/issues/missile-defense/">.*?</section>',
        html,
        re.S,
    ).group(0)
    sochi_quote = "On the basis of such decisions"
    lisbon_quote = "We are ready to cooperate on missile defense."
    assert section.index(sochi_quote) < section.index(lisbon_quote)
    # Each statement shows the role held at its own summit.
    assert "President of the Russian Federation" in section[section.index("Lisbon 2010") - 2000 :]
    expected = Statement.objects.filter(speaker__slug="dmitry-medvedev", status="published").count()
    assert f"{expected} published utterances" in html
    assert "Not tied to an issue" not in html


def test_it_hides_drafts(client, sochi):
    draft = drafted(text="Good weather, good relations")
    html = client.get(URL).content.decode()
    assert draft.public_id not in html
    assert "Good weather, good relations" not in html


def test_it_answers_404_for_an_unknown_participant(client, sochi):
    response = client.get("/participants/nobody/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_it_runs_a_fixed_number_of_queries(client, sochi, django_assert_max_num_queries):
    import_bundle(LISBON)
    # Six for the statements, one for the stance-over-time grid (issue 13); 8 with the
    # revision lookup, the page budget in tests/test_query_budgets.py.
    with django_assert_max_num_queries(7):
        response = client.get(URL)
    # A count taken on an error page would prove nothing about this one.
    assert response.status_code == 200
