"""Stance over time: a participant's timeline (issues by summits) and an issue's grid
(participants by summits), each count linking to its statements, each row summarised."""

import re

from summits.bundles import import_bundle
from summits.models import Statement
from tests.pages import uncached_queries
from tests.test_home_page import LISBON
from tests.test_query_budgets import grow


def test_it_draws_a_participants_timeline_with_links_to_the_statements(client, sochi):
    import_bundle(LISBON)
    html = client.get("/participants/dmitry-medvedev/").content.decode()
    grid = re.search(
        r'<table class="matrix__table stance-grid" id="timeline">.*?</table>', html, re.S
    )
    grid = grid.group(0)
    # Summits across, oldest first.
    assert grid.index("Lisbon 2010") < grid.index("Sochi 2011")
    link = re.search(
        r'href="(/summits/sochi-2011/\?actor=dmitry-medvedev&amp;issue=missile-defense'
        r'&amp;stance=(\w+)#statements)"',
        grid,
    )
    assert link
    listed = client.get(link.group(1).replace("&amp;", "&").split("#")[0]).content.decode()
    expected = Statement.objects.published().filter(
        summit__slug="sochi-2011",
        speaker__slug="dmitry-medvedev",
        issues__slug="missile-defense",
        stance=link.group(2),
    )
    # Nothing here is grouped, so each statement is its own utterance.
    assert f"{expected.count()} utterance" in listed
    assert re.search(r"(Supported|Conditional|Opposed|Neutral) at \d of 2 summits", grid)


def test_it_draws_an_issues_grid_of_participants_by_summit(client, sochi):
    html = client.get("/issues/missile-defense/").content.decode()
    grid = re.search(
        r'<table class="matrix__table stance-grid" id="issue-grid">.*?</table>', html, re.S
    )
    assert grid
    assert 'href="/participants/sergei-lavrov/">Sergei Lavrov</a>' in grid.group(0)
    assert "Opposed at 1 of 1 summit" in grid.group(0)


def test_it_costs_the_same_queries_on_a_larger_corpus(client, sochi):
    urls = ["/participants/sergei-lavrov/", "/issues/missile-defense/"]
    small = [uncached_queries(client, url) for url in urls]
    grow(sochi, 120)
    import_bundle(LISBON)
    large = [uncached_queries(client, url) for url in urls]
    assert small == large
    assert max(large) <= 8


def test_it_draws_only_the_most_recent_summits_and_summarises_them_all(client, sochi, monkeypatch):
    # A speaker at hundreds of summits drew every one: a 5 MB page (issue 14). The grid
    # stops at GRID_SUMMITS columns, the newest; the summary still counts every summit.
    monkeypatch.setattr("summits.stances.GRID_SUMMITS", 1)
    import_bundle(LISBON)
    html = client.get("/participants/dmitry-medvedev/").content.decode()
    grid = re.search(
        r'<table class="matrix__table stance-grid" id="timeline">.*?</table>', html, re.S
    ).group(0)
    assert "Sochi 2011" in grid
    assert "Lisbon 2010" not in grid
    assert re.search(r"(Supported|Conditional|Opposed|Neutral) at \d of 2 summits", grid)
    assert "The 1 most recent of 2 summits are shown" in html
    # Below the grid every statement is still listed, Lisbon's too.
    assert "Lisbon 2010" in html[html.index("</table>") :]
