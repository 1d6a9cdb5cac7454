"""The issue page: the proposition and every participant's statements on it, in date order."""

import re

from summits.bundles import import_bundle
from summits.models import Statement
from tests.factories import LISBON

URL = "/issues/missile-defense/"


def speaker_section(html: str, slug: str) -> str:
    return re.search(
        rf'<section class="group" aria-labelledby="speaker-{slug}">.*?</section>', html, re.S
    ).group(0)


def test_it_shows_the_proposition(client, sochi):
    html = client.get(URL).content.decode()
    assert "<h1>Missile defense</h1>" in html
    assert "NATO should build its European missile defense system as planned." in html


def test_it_shows_how_a_position_moved_across_summits(client, sochi):
    import_bundle(LISBON)
    html = client.get(URL).content.decode()
    medvedev = speaker_section(html, "dmitry-medvedev")
    lisbon = medvedev.index("We are ready to cooperate on missile defense.")
    sochi_ = medvedev.index("On the basis of such decisions")
    assert lisbon < sochi_, "Lisbon 2010 comes before Sochi 2011"
    assert "President of the Russian Federation" in medvedev[:sochi_]
    assert "President of Russia</span>" in medvedev[lisbon:]
    assert "Conditional" in medvedev


def test_it_lists_only_statements_on_this_issue(client, sochi):
    html = client.get(URL).content.decode()
    listed = set(re.findall(r'id="s-([a-z0-9]+)"', html))
    expected = set(
        Statement.objects.filter(status="published", issues__slug="missile-defense").values_list(
            "public_id", flat=True
        )
    )
    assert listed == expected
    assert "Jacob Zuma" not in html


def test_it_hides_drafts(client, sochi):
    Statement.objects.filter(speaker__slug="sergei-lavrov").update(status="draft")
    html = client.get(URL).content.decode()
    assert "Sergei Lavrov" not in html


def test_it_answers_404_for_an_unknown_issue(client, sochi):
    assert client.get("/issues/no-such-issue/").status_code == 404


def test_it_runs_a_fixed_number_of_queries(client, sochi, django_assert_max_num_queries):
    import_bundle(LISBON)
    # Six for the statements, one for the stance-over-time grid (issue 13); 8 with the
    # revision lookup, the page budget in tests/test_query_budgets.py.
    with django_assert_max_num_queries(7):
        response = client.get(URL)
    # A count taken on an error page would prove nothing about this one.
    assert response.status_code == 200
