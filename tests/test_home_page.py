"""The home page: summits newest first, with their counts, and a search box."""

import re

from summits.bundles import import_bundle
from summits.models import Statement
from tests.factories import LISBON


def test_it_lists_summits_newest_first_with_counts(client, sochi):
    import_bundle(LISBON)
    html = client.get("/").content.decode()
    assert html.index("Sochi 2011") < html.index("Lisbon 2010")
    sochi_card = re.search(r'<li class="summit-card">.*?Sochi 2011.*?</li>', html, re.S).group(0)
    assert "<dt>Statements</dt><dd>24</dd>" in sochi_card
    assert "<dt>Participants</dt><dd>7</dd>" in sochi_card
    assert "<dt>Issues</dt><dd>4</dd>" in sochi_card
    assert "Sochi, Russia" in sochi_card and "4 July 2011" in sochi_card
    assert "NATO-Russia Council" in sochi_card
    lisbon_card = html[html.index("Lisbon 2010") :]
    assert "<dt>Statements</dt><dd>1</dd>" in lisbon_card


def test_it_counts_only_published_statements(client, sochi):
    Statement.objects.filter(speaker__slug="sergei-lavrov").update(status="draft")
    html = client.get("/").content.decode()
    assert "<dt>Statements</dt><dd>21</dd>" in html


def test_it_has_a_search_box(client, sochi):
    html = client.get("/").content.decode()
    assert '<form class="big-search" role="search" method="get" action="/search/">' in html
    assert 'name="q"' in html
    assert html.count('role="search"') == 1


def test_it_runs_three_queries_whatever_the_number_of_summits(
    client, sochi, django_assert_max_num_queries
):
    import_bundle(LISBON)
    with django_assert_max_num_queries(3):
        response = client.get("/")
    # A count taken on an error page would prove nothing about the home page.
    assert response.status_code == 200
    assert "Lisbon 2010" in response.content.decode()
