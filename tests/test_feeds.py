"""Atom feeds as a feed reader sees them: each parses as Atom, its entries are exactly the
published statements of its filter, and every link in it is absolute."""

import html
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from summits.models import Statement
from tests.pages import narrowed_like_the_filter

ATOM = "{http://www.w3.org/2005/Atom}"


def atom(client, url, **params) -> ET.Element:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    # What RFC 4287 requires of a feed and of each entry.
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}").text, required
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Loggerheads"
    for entry in feed.iter(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text, required
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://")
    return feed


def entry_links(feed: ET.Element) -> list[str]:
    return [
        entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        for entry in feed.iter(f"{ATOM}entry")
    ]


def permalinks(statements) -> set[str]:
    published = statements.filter(status=Statement.Status.PUBLISHED)
    return {f"http://testserver/s/{pid}/" for pid in published.values_list("public_id", flat=True)}


def test_it_lists_every_published_statement_in_the_main_feed(client, draft):
    feed = atom(client, reverse("feed-all"))
    links = entry_links(feed)
    assert len(links) == len(set(links)) == 24
    assert set(links) == permalinks(Statement.objects.all())
    assert f"http://testserver/s/{draft.public_id}/" not in links
    assert feed.find(f"{ATOM}id").text == "http://testserver/"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == (
        "http://testserver/feeds/statements.atom"
    )


def test_it_describes_each_entry_with_the_words_said(client, sochi):
    feed = atom(client, reverse("feed-all"))
    quote = Statement.objects.get(text="Good weather, good relations")
    entry = next(
        e
        for e in feed.iter(f"{ATOM}entry")
        if e.find(f"{ATOM}id").text.endswith(quote.public_id + "/")
    )
    assert entry.find(f"{ATOM}title").text == "Dmitry Medvedev: “Good weather, good relations”"
    assert "Good weather, good relations" in entry.find(f"{ATOM}summary").text
    terms = {category.get("term") for category in entry.iter(f"{ATOM}category")}
    assert terms == set(quote.issues.values_list("name", flat=True))


def test_it_lists_one_summits_statements(client, draft):
    feed = atom(client, reverse("feed-summit", args=["sochi-2011"]))
    assert set(entry_links(feed)) == permalinks(Statement.objects.filter(summit__slug="sochi-2011"))
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        "http://testserver/summits/sochi-2011/"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "sergei-lavrov"},
        {"issue": "missile-defense", "stance": "opposes"},
        {"kind": "quote"},
        {"actor": ["sergei-lavrov", "dmitry-medvedev"], "issue": "missile-defense"},
    ],
    ids=["actor", "issue-stance", "kind", "two-actors-one-issue"],
)
def test_it_follows_a_filtered_summit_view(client, draft, params):
    statements = narrowed_like_the_filter(
        Statement.objects.filter(summit__slug="sochi-2011"), params
    )
    feed = atom(client, reverse("feed-summit", args=["sochi-2011"]), **params)
    links = entry_links(feed)
    assert links, "the filter should match something in the seed"
    assert len(links) == len(set(links))
    assert set(links) == permalinks(statements)
    # The feed points back at the filtered page it follows, and has its own id.
    alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate.startswith("http://testserver/summits/sochi-2011/?")
    assert feed.find(f"{ATOM}id").text == alternate


def test_it_refuses_a_bad_filter_naming_the_parameter(client, sochi):
    response = client.get(reverse("feed-summit", args=["sochi-2011"]), {"stance": "furious"})
    assert response.status_code == 400
    assert response.content.decode().startswith("stance:")


def test_it_ignores_the_page_of_a_copied_summit_address(client, sochi):
    feed = atom(client, reverse("feed-summit", args=["sochi-2011"]), page="2")
    assert len(entry_links(feed)) == 24


def test_it_lists_one_participants_statements(client, draft):
    feed = atom(client, reverse("feed-participant", args=["sergei-lavrov"]))
    expected = permalinks(Statement.objects.filter(speaker__slug="sergei-lavrov"))
    assert expected
    assert set(entry_links(feed)) == expected
    assert feed.find(f"{ATOM}title").text == "Loggerheads: statements by Sergei Lavrov"


def test_it_lists_the_statements_on_one_issue_once_each(client, draft):
    feed = atom(client, reverse("feed-issue", args=["missile-defense"]))
    links = entry_links(feed)
    assert len(links) == len(set(links))
    assert set(links) == permalinks(Statement.objects.filter(issues__slug="missile-defense"))


@pytest.mark.parametrize(
    "url",
    ["/feeds/summits/yalta-1945.atom", "/feeds/participants/nobody.atom", "/feeds/issues/no.atom"],
)
def test_it_answers_an_unknown_slug_with_404(client, sochi, url):
    assert client.get(url).status_code == 404


def test_it_dates_an_entry_by_when_it_was_published(client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    statement.status = Statement.Status.DRAFT
    statement.save()
    statement.status = Statement.Status.PUBLISHED
    statement.save()
    first = statement.history.filter(status="published").earliest("history_date")
    feed = atom(client, reverse("feed-all"))
    entry = next(
        e
        for e in feed.iter(f"{ATOM}entry")
        if e.find(f"{ATOM}id").text.endswith(statement.public_id + "/")
    )
    assert entry.find(f"{ATOM}published").text.startswith(
        first.history_date.strftime("%Y-%m-%dT%H:%M")
    )
    latest = statement.history.latest("history_date")
    assert entry.find(f"{ATOM}updated").text.startswith(
        latest.history_date.strftime("%Y-%m-%dT%H:%M")
    )


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/", "/feeds/statements.atom"),
        ("/summits/sochi-2011/", "/feeds/summits/sochi-2011.atom"),
        ("/participants/sergei-lavrov/", "/feeds/participants/sergei-lavrov.atom"),
        ("/issues/missile-defense/", "/feeds/issues/missile-defense.atom"),
        (
            "/summits/sochi-2011/?actor=sergei-lavrov&stance=opposes",
            "/feeds/summits/sochi-2011.atom?actor=sergei-lavrov&stance=opposes",
        ),
    ],
)
def test_it_links_each_page_to_the_feed_that_follows_it(client, sochi, page, feed):
    head = client.get(page).content.decode().split("</head>")[0]
    links = re.findall(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', head
    )
    assert [html.unescape(link) for link in links] == [feed]
    atom(client, html.unescape(links[0]))
