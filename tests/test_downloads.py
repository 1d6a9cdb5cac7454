"""Downloads: every filtered statement list as CSV and JSON under the page's own query string."""

import csv
import io
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from summits.models import Participant, Statement
from tests.pages import listed_ids
from tests.test_query_budgets import grow


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_it_downloads_the_filtered_summit_list_as_csv(client, sochi):
    response = client.get("/summits/sochi-2011/statements.csv", {"actor": "sergei-lavrov"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="sochi-2011-statements.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    expected = Statement.objects.published().filter(speaker__slug="sergei-lavrov")
    assert {row["id"] for row in rows} == set(expected.values_list("public_id", flat=True))
    assert {row["speaker.slug"] for row in rows} == {"sergei-lavrov"}


def test_it_gives_the_same_fields_as_the_api_in_json(client, sochi):
    response = client.get("/summits/sochi-2011/statements.json", {"stance": "supports"})
    downloaded = json.loads(body(response))
    api = client.get("/api/statements/", {"summit": "sochi-2011", "stance": "supports"}).json()
    assert sorted(downloaded, key=lambda s: s["id"]) == sorted(
        api["results"], key=lambda s: s["id"]
    )
    csv_header = body(client.get("/summits/sochi-2011/statements.csv")).splitlines()[0]
    assert csv_header.split(",")[:3] == ["id", "url", "api_url"]
    assert "speaker.role" in csv_header


def test_it_downloads_a_search(client, sochi):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/search/statements.csv?q=ceasefire")))))
    # Every statement the search lists, and only those (the page shows one page of them).
    listed = listed_ids(client.get("/search/", {"q": "ceasefire"}).content.decode())
    assert rows and {r["id"] for r in rows} == set(listed)


def test_it_keeps_the_header_row_when_nothing_matches(client, sochi):
    text = body(client.get("/summits/sochi-2011/statements.csv?q=Qaddafi"))
    assert text.startswith("id,url,api_url")
    assert len(text.splitlines()) == 1
    assert json.loads(body(client.get("/summits/sochi-2011/statements.json?q=Qaddafi"))) == []


def test_it_refuses_a_bad_filter_and_follows_a_rename(client, sochi):
    response = client.get("/summits/sochi-2011/statements.csv?stance=maybe")
    assert response.status_code == 400
    assert "stance: No such stance" in response.content.decode()
    lavrov = Participant.objects.get(slug="sergei-lavrov")
    lavrov.slug = "sergey-lavrov"
    lavrov.save()
    response = client.get("/summits/sochi-2011/statements.csv?actor=sergei-lavrov")
    assert response.status_code == 301
    assert response["Location"] == "/summits/sochi-2011/statements.csv?actor=sergey-lavrov"


def test_it_shows_download_links_next_to_the_feed_link(client, sochi):
    html = client.get("/summits/sochi-2011/?actor=sergei-lavrov").content.decode()
    assert (
        '<a href="/feeds/summits/sochi-2011.atom?actor=sergei-lavrov">Feed</a> · Download these'
        " statements: "
        '<a href="/summits/sochi-2011/statements.csv?actor=sergei-lavrov" download>CSV</a>'
    ) in html


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        body(client.get(url))
    return len(context.captured_queries)


def test_it_streams_in_a_fixed_number_of_queries(client, sochi):
    url = "/summits/sochi-2011/statements.csv?actor=sergei-lavrov&issue=missile-defense"
    small = count(client, url)
    grow(sochi, 120)
    large = count(client, url)
    # Summit, actor and issue lookups, then one query and one prefetch per chunk of rows.
    assert small == large <= 4 + 2
