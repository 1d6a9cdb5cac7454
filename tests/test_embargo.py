"""Embargo: a summit imported with `--draft` leaves no trace for anonymous readers, at any
public URL kind, until an editor publishes it; then it appears everywhere at once."""

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from summits.models import Article, CoverageRevision, Statement, Summit

# Invented coverage: the names are made up so any trace of them on a page is unmistakable.
SECRET = "Zanzibar Accord"
BUNDLE = {
    "format": "loggerheads-coverage/1",
    "summit": {
        "name": f"{SECRET} Summit 2030",
        "slug": "zanzibar-2030",
        "starts_on": "2030-05-01",
        "city": "Stone Town",
        "country": "Tanzania",
        "forum": "Indian Ocean Forum",
    },
    "participants": [
        {"name": "Amina Quellbrook", "slug": "amina-quellbrook", "role": "Envoy"},
        {"name": "Sergei Lavrov", "slug": "sergei-lavrov", "role": "Foreign Minister of Russia"},
    ],
    "issues": [{"name": "Reef tariffs", "slug": "reef-tariffs"}],
    "articles": [
        {
            "key": "wire-2030",
            "title": f"Inside the {SECRET}",
            "body": '"The reef tariffs must fall by spring," Quellbrook said. '
            '"Moscow will watch the zanzibar talks closely," Lavrov said.',
        }
    ],
    "statements": [
        {
            "speaker": "amina-quellbrook",
            "article": "wire-2030",
            "kind": "quote",
            "text": "The reef tariffs must fall by spring",
            "issues": ["reef-tariffs"],
            "stance": "supports",
        },
        {
            "speaker": "sergei-lavrov",
            "article": "wire-2030",
            "kind": "quote",
            "text": "Moscow will watch the zanzibar talks closely",
            "stance": "neutral",
        },
    ],
}
TRACES = [SECRET, "zanzibar", "Quellbrook", "reef-tariffs", "Reef tariffs"]


@pytest.fixture
def embargoed(sochi, tmp_path: Path) -> Summit:
    path = tmp_path / "zanzibar.json"
    path.write_text(json.dumps(BUNDLE))
    call_command("import_coverage", str(path), "--draft", stdout=None)
    return Summit.objects.get(slug="zanzibar-2030")


def public_urls(summit: Summit) -> dict[str, str]:
    """Every kind of public address, pointed at the embargoed coverage where it can be."""
    statement = Statement.objects.get(text__startswith="The reef tariffs")
    article = Article.objects.get(key="wire-2030")
    permalink = f"http://testserver{statement.get_absolute_url()}"
    return {
        "home": reverse("home"),
        "summit": summit.get_absolute_url(),
        "article": article.get_absolute_url(),
        "article by key": reverse("article", args=["wire-2030"]),
        "permalink": statement.get_absolute_url(),
        "participant (new)": reverse("participant", args=["amina-quellbrook"]),
        "participant (also elsewhere)": reverse("participant", args=["sergei-lavrov"]),
        "issue": reverse("issue", args=["reef-tariffs"]),
        "search": reverse("search") + "?q=zanzibar",
        "search by speaker": reverse("search") + "?actor=amina-quellbrook",
        "feed, all": reverse("feed-all"),
        "feed, summit": reverse("feed-summit", args=[summit.slug]),
        "feed, participant": reverse("feed-participant", args=["amina-quellbrook"]),
        "feed, issue": reverse("feed-issue", args=["reef-tariffs"]),
        "api, summits": reverse("api-summits"),
        "api, summit": reverse("api-summit", args=[summit.slug]),
        "api, bundle": reverse("api-summit-bundle", args=[summit.slug]),
        "api, statements": reverse("api-statements"),
        "api, statements of summit": reverse("api-statements") + f"?summit={summit.slug}",
        "api, statement": reverse("api-statement", args=[statement.public_id]),
        "api, participants": reverse("api-participants"),
        "api, participant": reverse("api-participant", args=["amina-quellbrook"]),
        "api, participant elsewhere": reverse("api-participant", args=["sergei-lavrov"]),
        "api, issues": reverse("api-issues"),
        "api, issue": reverse("api-issue", args=["reef-tariffs"]),
        "card, statement": reverse("statement-card", args=[statement.public_id]),
        "card, summit": reverse("summit-card", args=[summit.slug]),
        "oembed": reverse("oembed") + f"?url={permalink}",
    }


def test_it_imports_the_whole_bundle_as_drafts(embargoed):
    article = Article.objects.get(key="wire-2030")
    assert (embargoed.status, article.status) == ("draft", "draft")
    assert set(embargoed.statements.values_list("status", flat=True)) == {"draft"}


def test_it_leaves_no_trace_for_anonymous_readers_at_any_public_url(client, embargoed):
    # Even statements published one by one stay behind the summit's embargo.
    Statement.objects.filter(summit=embargoed).update(status="published")

    for kind, url in public_urls(embargoed).items():
        response = client.get(url)
        assert response.status_code in (200, 400, 404), (kind, response.status_code)
        body = response.content.decode(errors="replace")
        # A page may repeat what was asked ("no page /summits/zanzibar-2030/"): the
        # reader typed that; it tells them nothing.
        parts = urlsplit(url)
        asked = [parts.path, *parts.path.split("/"), *(v for _, v in parse_qsl(parts.query))]
        for echo in sorted(filter(None, asked), key=len, reverse=True):
            body = body.replace(echo, "")
        for trace in TRACES:
            assert trace.casefold() not in body.casefold(), (kind, url, trace)


def test_it_shows_everything_once_the_summit_and_statements_are_published(client, embargoed):
    chief = User.objects.create_superuser("chief", password="x" * 12)
    editor = client.__class__()
    editor.force_login(chief)
    revision = CoverageRevision.objects.get(pk=1).number
    editor.post(
        reverse("admin:summits_summit_changelist"),
        {"action": "publish", "_selected_action": [embargoed.pk]},
    )
    embargoed.refresh_from_db()
    assert embargoed.status == "published"
    assert Article.objects.get(key="wire-2030").status == "published"
    # The statements keep their own state: published from the desk or statement list.
    assert client.get(public_urls(embargoed)["permalink"]).status_code == 404
    article = Article.objects.get(key="wire-2030")
    editor.post(reverse("admin:summits_article_desk_publish", args=[article.pk]))
    assert CoverageRevision.objects.get(pk=1).number == revision + 2

    urls = public_urls(embargoed)
    for kind in ["home", "summit", "article", "permalink", "participant (new)", "issue"]:
        response = client.get(urls[kind])
        assert response.status_code == 200, kind
        assert SECRET.casefold() in response.content.decode().casefold(), kind
    assert client.get(urls["card, summit"]).status_code == 200
    assert client.get(urls["oembed"]).status_code == 200
    assert "Quellbrook" in client.get(urls["feed, all"]).content.decode()
