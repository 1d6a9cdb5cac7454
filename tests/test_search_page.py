"""Search: statements from every summit matching the words, with the summit page's facets."""

import re

import pytest

from summits.bundles import import_bundle
from summits.models import Statement
from tests.factories import LISBON, add_statements
from tests.pages import HTMX, listed_ids


def test_it_finds_statements_across_summits(client, sochi):
    import_bundle(LISBON)
    html = client.get("/search/", {"q": "cooperation"}).content.decode()
    ids = listed_ids(html)
    assert Statement.objects.get(text__startswith="NATO will not alter").public_id in ids
    both = listed_ids(client.get("/search/", {"q": "missile"}).content.decode())
    lisbon = Statement.objects.get(summit__slug="lisbon-2010").public_id
    assert lisbon in both
    assert len(both) > 1


def test_it_matches_the_context_too(client, sochi):
    html = client.get("/search/", {"q": "joked"}).content.decode()
    assert listed_ids(html) == [
        Statement.objects.get(text="Good weather, good relations").public_id
    ]


def test_it_shows_the_same_facets_and_filters_by_actor(client, sochi):
    html = client.get("/search/", {"q": "NATO", "actor": "sergei-lavrov"}).content.decode()
    assert 'name="actor" value="sergei-lavrov" checked' in html
    ids = set(listed_ids(html))
    assert ids and ids <= set(
        Statement.objects.filter(speaker__slug="sergei-lavrov").values_list("public_id", flat=True)
    )
    assert "<legend>Stance</legend>" in html


def test_it_hides_drafts(client, sochi):
    on_ceasefire = Statement.objects.filter(text__icontains="ceasefire")
    drafts = set(on_ceasefire.values_list("public_id", flat=True))
    assert drafts
    on_ceasefire.update(status="draft")
    html = client.get("/search/", {"q": "ceasefire"}).content.decode()
    assert not drafts & set(listed_ids(html))


def test_it_shows_a_prompt_without_a_query(client, sochi):
    response = client.get("/search/")
    assert response.status_code == 200
    assert listed_ids(response.content.decode()) == []
    assert 'id="filter-q"' in response.content.decode()


def test_it_swaps_only_the_results_for_htmx(client, sochi):
    response = client.get("/search/", {"q": "missile", "actor": "sergei-lavrov"}, headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html and html.lstrip().startswith('<div id="results"')
    assert response["Vary"] == "HX-Request"
    assert response["HX-Push-Url"] == "/search/?actor=sergei-lavrov&q=missile"
    assert 'hx-swap-oob="innerHTML"' in html


def test_it_reports_bad_values(client, sochi):
    response = client.get("/search/", {"q": "missile", "stance": "furious"})
    assert response.status_code == 400
    assert "No such stance &#x27;furious&#x27;" in response.content.decode()


def test_it_does_not_run_more_queries_for_more_statements(
    client, sochi, django_assert_max_num_queries
):
    # Counts taken on an error page would prove nothing about the results: each must be 200.
    # The budget is tests/test_query_budgets.py's for search.
    with django_assert_max_num_queries(9):
        before = client.get("/search/", {"q": "missile", "actor": "sergei-lavrov"})
    assert before.status_code == 200
    # Forty more that match, so the second count is taken on a longer list of results.
    add_statements(sochi, 40, wording="Russia will answer the missile shield")
    with django_assert_max_num_queries(9):
        after = client.get("/search/", {"q": "missile", "actor": "sergei-lavrov"})
    assert after.status_code == 200
    assert len(listed_ids(after.content.decode())) > len(listed_ids(before.content.decode()))


@pytest.mark.postgres
def test_it_ranks_the_best_match_first_with_websearch_syntax(client, sochi):
    html = client.get("/search/", {"q": '"missile defense" -compromise'}).content.decode()
    ids = listed_ids(html)
    compromise = Statement.objects.get(text__startswith="A compromise on missile defense")
    assert ids and compromise.public_id not in ids
    ranked = listed_ids(client.get("/search/", {"q": "ceasefire Libya"}).content.decode())
    top = Statement.objects.get(public_id=ranked[0])
    assert "ceasefire" in (top.text + top.context).lower()
    assert re.search("libya", top.text + top.context, re.I)


def test_it_offers_the_speakers_of_the_most_statements_and_every_ticked_one(
    client, sochi, monkeypatch
):
    monkeypatch.setattr("summits.views.SEARCH_FACET_OPTIONS", 1)
    html = client.get("/search/", {"q": "missile"}).content.decode()
    speakers = html[html.index("facet--actor") :].split("</fieldset>")[0]
    assert speakers.count('name="actor"') == 1
    assert re.search(r"And \d+ more with fewer statements", speakers)
    # A ticked speaker stays offered (to untick) even with fewer statements.
    ticked = re.findall(r'name="actor" value="([^"]+)"', html)[0]
    others = client.get("/search/", {"q": "missile", "actor": "sergei-lavrov"}).content.decode()
    chosen = others[others.index("facet--actor") :].split("</fieldset>")[0]
    assert 'value="sergei-lavrov" checked' in chosen
    assert ticked == "sergei-lavrov" or f'value="{ticked}"' in chosen
