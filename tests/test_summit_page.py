"""The summit page: header, positions matrix, filtered statement list, htmx fragments."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from summits.models import Statement
from tests.factories import add_statements, drafted
from tests.pages import HTMX, listed_ids

URL = "/summits/sochi-2011/"


def published_ids(**lookup) -> set[str]:
    statements = Statement.objects.filter(status=Statement.Status.PUBLISHED, **lookup)
    return set(statements.values_list("public_id", flat=True))


def test_it_shows_the_summit_header(client, sochi):
    html = client.get(URL).content.decode()
    assert "<h1>NATO-Russia Council, Sochi 2011</h1>" in html
    assert "NATO-Russia Council" in html
    assert '<time datetime="2011-07-04">4 July 2011</time>' in html
    assert "Sochi, Russia" in html
    assert "Black Sea resort of Sochi, polite in tone" in html
    assert "Foreign Minister of Russia" in html
    assert "NATO should build its European missile defense system as planned." in html
    assert "At loggerheads" in html


def test_it_shows_the_positions_matrix(client, sochi):
    html = client.get(URL).content.decode()
    assert "<caption" in html and 'scope="col">Missile defense</th>' in html
    cell = re.search(
        r'<a class="matrix__cell" href="\?actor=sergei-lavrov&amp;issue=missile-defense#statements"'
        r".*?</a>",
        html,
        re.S,
    )
    assert cell is not None
    assert "Opposes" in cell.group(0) and '<span class="stance__count">2</span>' in cell.group(0)
    assert 'hx-get="?actor=sergei-lavrov&amp;issue=missile-defense"' in cell.group(0)
    # Zuma said nothing on missile defense: his row has empty cells.
    assert "actor=jacob-zuma&amp;issue=missile-defense" not in html
    assert 'class="matrix__empty"' in html


def test_it_lists_only_published_statements(client, sochi):
    draft = drafted(text__startswith="We did not agree")
    html = client.get(URL).content.decode()
    assert draft.public_id not in html
    assert set(listed_ids(html)) == published_ids(summit=sochi)
    assert len(listed_ids(html)) == 23
    assert "23 utterances." in html


def test_it_filters_by_actor(client, sochi):
    response = client.get(URL, {"actor": "sergei-lavrov"})
    html = response.content.decode()
    assert response.status_code == 200
    assert set(listed_ids(html)) == published_ids(speaker__slug="sergei-lavrov")
    assert len(listed_ids(html)) == 3
    assert "3 utterances match the filters." in html
    assert 'value="sergei-lavrov" checked' in html
    # Facet counts under the current filter: Lavrov spoke on two issues.
    assert 'Missile defense <span class="facet__count">2</span>' in html
    assert 'Ceasefire in Libya <span class="facet__count">1</span>' in html


def test_it_combines_filters_across_facets(client, sochi):
    response = client.get(
        URL, {"actor": ["sergei-lavrov", "dmitry-medvedev"], "issue": "missile-defense"}
    )
    ids = set(listed_ids(response.content.decode()))
    expected = published_ids(
        speaker__slug__in=["sergei-lavrov", "dmitry-medvedev"], issues__slug="missile-defense"
    )
    assert ids == expected and len(ids) == 4


def test_it_filters_by_stance_and_kind(client, sochi):
    html = client.get(URL, {"stance": "conditional", "kind": "quote"}).content.decode()
    ids = set(listed_ids(html))
    assert ids == published_ids(summit=sochi, stance="conditional", kind="quote")
    assert len(ids) == 3


def test_it_searches_text_and_context(client, sochi):
    html = client.get(URL, {"q": "ceasefire"}).content.decode()
    ids = set(listed_ids(html))
    assert published_ids(text__icontains="ceasefire") <= ids
    assert Statement.objects.get(text__startswith="any ceasefire must").public_id in ids
    joked = client.get(URL, {"q": "joked"}).content.decode()
    assert listed_ids(joked) == [
        Statement.objects.get(text="Good weather, good relations").public_id
    ]


def test_it_swaps_only_the_results_for_htmx(client, sochi):
    response = client.get(URL, {"actor": "sergei-lavrov"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<h1>" not in html and "matrix__table" not in html
    assert html.lstrip().startswith('<div id="results"')
    assert len(listed_ids(html)) == 3
    assert (
        '<p id="result-count" data-hx-swap-oob="innerHTML">3 utterances match the filters.' in html
    )
    assert response["HX-Push-Url"] == f"{URL}?actor=sergei-lavrov"
    assert response["Vary"] == "HX-Request"


def test_it_pushes_the_canonical_url_without_empty_fields(client, sochi):
    response = client.get(URL, {"q": "", "actor": "sergei-lavrov", "page": "1"}, headers=HTMX)
    assert response["HX-Push-Url"] == f"{URL}?actor=sergei-lavrov"


def test_it_gives_the_full_page_with_vary_to_a_plain_request(client, sochi):
    response = client.get(URL, {"actor": "sergei-lavrov"})
    html = response.content.decode()
    assert "<html" in html and "matrix__table" in html
    assert response["Vary"] == "HX-Request"
    assert "HX-Push-Url" not in response


def test_it_gives_the_full_page_to_a_history_restore(client, sochi):
    headers = HTMX | {"HX-History-Restore-Request": "true"}
    response = client.get(URL, {"actor": "sergei-lavrov"}, headers=headers)
    html = response.content.decode()
    assert "<html" in html and "matrix__table" in html
    assert len(listed_ids(html)) == 3


def test_it_loads_htmx_locally_under_a_strict_csp(client, sochi):
    response = client.get(URL)
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert 'src="/static/django_htmx/htmx-2.min.js" defer>' in html
    assert '"allowEval": false' in html
    assert " style=" not in html and "hx-on" not in html
    assert "<script>" not in html


def test_it_says_which_actor_does_not_exist(client, sochi):
    response = client.get(URL, {"actor": ["xyz", "sergei-lavrov"]})
    html = response.content.decode()
    assert response.status_code == 400
    assert "No such actor &#x27;xyz&#x27;." in html
    # The valid part of the filter still applies.
    assert len(listed_ids(html)) == 3


@pytest.mark.parametrize(
    "params, message",
    [
        ({"issue": "nope"}, "No such issue &#x27;nope&#x27;."),
        ({"stance": "angry"}, "No such stance &#x27;angry&#x27;"),
        ({"kind": "rumour"}, "No such kind &#x27;rumour&#x27;"),
        ({"page": "two"}, "The page must be a whole number."),
        ({"page": "0"}, "The page must be 1 or more."),
        ({"q": "x" * 300}, "at most 200 characters"),
    ],
)
def test_it_answers_bad_values_with_a_message_not_an_error(client, sochi, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert len(listed_ids(response.content.decode())) == 24


def test_it_shows_the_message_in_an_htmx_fragment_too(client, sochi):
    response = client.get(URL, {"actor": "xyz"}, headers=HTMX)
    assert response.status_code == 200
    assert "No such actor &#x27;xyz&#x27;." in response.content.decode()


def test_it_paginates_and_drops_the_page_when_a_filter_changes(client, sochi):
    add_statements(sochi, 10)
    first = client.get(URL).content.decode()
    assert len(listed_ids(first)) == 25
    assert 'href="?page=2"' in first
    second = client.get(URL, {"page": "2"}).content.decode()
    assert len(listed_ids(second)) == 9
    assert "page 2 of 2" in second
    # The filter form carries no page, and the matrix links start from the first page.
    form = re.search(r'<form id="filter-form".*?</form>', second, re.S).group(0)
    assert 'name="page"' not in form
    assert "page=" not in re.search(r'<table class="matrix__table">.*?</table>', second, re.S)[0]
    # A page past the end shows the last page rather than failing.
    assert client.get(URL, {"page": "99"}).status_code == 200


def test_it_answers_404_for_an_unknown_summit(client, sochi):
    response = client.get("/summits/nowhere-1999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_it_runs_a_bounded_number_of_queries(client, sochi, django_assert_max_num_queries):
    # Counts taken on an error page would prove nothing about the page: each must be 200.
    # On PostgreSQL words not searched before in this revision cost two queries: the ids
    # they name other than by the text (words_side_ids()), then the ids they find together
    # (StatementFilter.searched), which the facets and the list then share.
    with django_assert_max_num_queries(11 if connection.vendor == "postgresql" else 9):
        page = client.get(URL, {"actor": "sergei-lavrov", "issue": "missile-defense", "q": "NATO"})
    assert page.status_code == 200
    with django_assert_max_num_queries(5):
        fragment = client.get(URL, {"actor": "sergei-lavrov"}, headers=HTMX)
    assert fragment.status_code == 200


def test_it_does_not_run_more_queries_for_more_statements(client, sochi):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(URL).status_code == 200
        return len(context.captured_queries)

    before = queries_for_page()
    add_statements(sochi, 40)
    add_statements(sochi, 5, speaker_slug="jacob-zuma")
    assert queries_for_page() == before


def test_it_names_a_delegation_only_where_the_role_does_not(client, sochi):
    html = client.get(URL).content.decode()
    # "President of Russia" says Russia already; Zuma's role does not say African Union.
    medvedev = html[html.index(">Dmitry Medvedev</a>") :].split("</li>")[0]
    zuma = html[html.index(">Jacob Zuma</a>") :].split("</li>")[0]
    assert "Delegation:" not in medvedev
    assert "Delegation: African Union" in zuma


def test_it_lists_the_overview_as_readers_read_it(client, sochi):
    # The overview's lists are drawn in Python (attendance_items, issue_items,
    # article_items): each item as the template loops wrote it, escaped.
    html = client.get(URL).content.decode()
    assert (
        '<li><a href="/participants/anders-fogh-rasmussen/">Anders Fogh Rasmussen</a>'
        '<span class="people__role">NATO Secretary-General</span></li>'
    ) in html
    assert (
        '<dt><a href="/issues/libya-ceasefire/">Ceasefire in Libya</a></dt>\n'
        "      <dd>The fighting in Libya should end in a ceasefire and peace talks.</dd>"
    ) in html
    article = sochi.articles.get()
    assert (
        f'<li><a href="/articles/{article.pk}/">At loggerheads</a><span class="coverage__meta">'
        'DW, <time datetime="2011-07-04">4 July 2011</time>, by Geert Groot Koerkamp</span></li>'
    ) in html


def test_it_shows_an_issue_without_a_proposition_by_its_description(client, sochi):
    issue = sochi.issues.get(slug="libya-ceasefire")
    issue.proposition = ""
    issue.description = "Talks <and> a truce."
    issue.save()
    html = client.get(URL).content.decode()
    assert "<dd>Talks &lt;and&gt; a truce.</dd>" in html
