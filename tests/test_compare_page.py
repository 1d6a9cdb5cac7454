"""The compare page: two or three participants' stances side by side, overall and per summit."""

import re

import pytest

from summits.models import Statement
from summits.stances import summary
from tests.pages import uncached_queries
from tests.test_query_budgets import grow

URL = "/compare/?actors=sergei-lavrov,anders-fogh-rasmussen"


def test_it_sets_the_stances_side_by_side_on_shared_issues(client, sochi):
    html = client.get(URL).content.decode()
    assert "<h1>Sergei Lavrov and Anders Fogh Rasmussen</h1>" in html
    overall = re.search(
        r'<table class="matrix__table compare-table" id="compare-overall">.*?</table>', html, re.S
    ).group(0)
    assert "Missile defense" in overall and "Ceasefire in Libya" in overall
    # Each count links to its statements; a link lists exactly what the count says.
    link = re.search(
        r'href="(/search/\?actor=sergei-lavrov&amp;issue=missile-defense&amp;stance=opposes)"',
        overall,
    )
    assert link
    listed = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    expected = (
        Statement.objects.published()
        .filter(speaker__slug="sergei-lavrov", issues__slug="missile-defense", stance="opposes")
        .count()
    )
    # The seed groups none of these, so each statement is its own utterance.
    assert f"{expected} utterance" in listed
    assert "Opposed at 1 of 1 summit" in overall
    assert "Stances at NATO-Russia Council, Sochi 2011" in html


def test_it_accepts_repeated_parameters_and_three_actors(client, sochi):
    response = client.get(
        "/compare/?actors=sergei-lavrov&actors=dmitry-medvedev,anders-fogh-rasmussen"
    )
    assert response.status_code == 200
    assert "Sergei Lavrov, Dmitry Medvedev and Anders Fogh Rasmussen" in response.content.decode()


def test_it_suggests_partners_for_one_actor(client, sochi):
    response = client.get("/compare/?actors=sergei-lavrov")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Compare Sergei Lavrov with…" in html
    assert 'href="/compare/?actors=sergei-lavrov,anders-fogh-rasmussen"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("actors=sergei-lavrov,nobody", "No participant &#x27;nobody&#x27;"),
        ("actors=a,b,c,d", "Compare at most 3 participants at a time; 4 given."),
    ],
)
def test_it_refuses_unknown_slugs_and_too_many_with_a_clear_400(client, sochi, query, message):
    response = client.get(f"/compare/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_it_is_reachable_from_participant_pages_and_the_matrix(client, sochi):
    assert (
        'href="/compare/?actors=sergei-lavrov"'
        in client.get("/participants/sergei-lavrov/").content.decode()
    )
    assert (
        'href="/compare/?actors=sergei-lavrov"'
        in client.get("/summits/sochi-2011/").content.decode()
    )


def test_it_summarises_only_what_is_recorded():
    assert summary([{"supports"}, {"supports", "conditional"}, {"supports"}, {"opposes"}]) == (
        "supported at 3 of 4 summits, opposed at 1, conditional at 1"
    )
    assert summary([set(), {"neutral"}]) == "neutral at 1 of 1 summit"
    assert summary([]) == ""


def test_it_costs_the_same_queries_on_a_larger_corpus(client, sochi):
    urls = [URL, "/compare/?actors=sergei-lavrov"]
    small = [uncached_queries(client, url) for url in urls]
    grow(sochi, 120)
    large = [uncached_queries(client, url) for url in urls]
    assert small == large
    assert max(large) <= 8
