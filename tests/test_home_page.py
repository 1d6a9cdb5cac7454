"""The home page: summits newest first, with their counts, and a search box."""

import re

from summits.bundles import import_bundle
from summits.models import Statement

LISBON = {
    "format": "loggerheads-coverage/1",
    "summit": {
        "name": "NATO-Russia Council, Lisbon 2010",
        "slug": "lisbon-2010",
        "starts_on": "2010-11-20",
        "ends_on": "2010-11-20",
        "city": "Lisbon",
        "country": "Portugal",
        "forum": "NATO-Russia Council",
    },
    "participants": [
        {
            "name": "Dmitry Medvedev",
            "slug": "dmitry-medvedev",
            "role": "President of the Russian Federation",
            "delegation": "Russia",
        }
    ],
    # Issues are shared by slug across bundles: the same wording keeps Sochi's issue as it is.
    "issues": [
        {
            "name": "Missile defense",
            "slug": "missile-defense",
            "proposition": "NATO should build its European missile defense system as planned.",
            "description": "Western plans for a missile defense shield in Eastern Europe, which "
            "Russia sees as a threat to its national security unless it takes part.",
        }
    ],
    "articles": [
        {
            "key": "lisbon-wire",
            "title": "Medvedev open to missile shield talks",
            "outlet": "Wire",
            "published_on": "2010-11-20",
            "body": 'Medvedev said: "We are ready to cooperate on missile defense." He left.',
        }
    ],
    "statements": [
        {
            "speaker": "dmitry-medvedev",
            "issues": ["missile-defense"],
            "article": "lisbon-wire",
            "kind": "quote",
            "text": "We are ready to cooperate on missile defense.",
            "stance": "conditional",
            "said_on": "2010-11-20",
        }
    ],
}


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
