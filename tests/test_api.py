"""The JSON API as a reuser sees it: what it answers matches the database, drafts never leave,
the bundle is byte for byte `export_coverage`, and a bad request gets JSON saying why."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summits.models import Article, Issue, Participant, Statement, Summit
from tests.pages import narrowed_like_the_filter

API_DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def all_statement_ids(client, **params) -> list[str]:
    ids, url = [], reverse("api-statements")
    while url:
        body = get_json(client, url, **params)
        ids += [statement["id"] for statement in body["results"]]
        url, params = body["next"], {}
    return ids


def published_ids(**lookup) -> set[str]:
    statements = Statement.objects.filter(status=Statement.Status.PUBLISHED, **lookup)
    return set(statements.values_list("public_id", flat=True))


def test_it_lists_summits_with_published_counts(client, sochi, draft):
    body = get_json(client, reverse("api-summits"))
    assert body["count"] == 1
    assert body["next"] is None and body["previous"] is None
    [summit] = body["results"]
    assert summit["slug"] == "sochi-2011"
    assert summit["name"] == sochi.name
    assert summit["starts_on"] == "2011-07-04"
    assert summit["statement_count"] == 24
    assert summit["api_url"] == "http://testserver/api/summits/sochi-2011/"


def test_it_shows_a_summit_in_detail(client, sochi, draft, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        body = get_json(client, reverse("api-summit", args=["sochi-2011"]))
    assert body["summary"] == sochi.summary
    assert {p["slug"] for p in body["participants"]} == set(
        sochi.participants.values_list("slug", flat=True)
    )
    medvedev = next(p for p in body["participants"] if p["slug"] == "dmitry-medvedev")
    assert medvedev["role"] == "President of Russia"
    assert {i["slug"] for i in body["issues"]} == set(sochi.issues.values_list("slug", flat=True))
    assert [a["key"] for a in body["articles"]] == ["dw-2011-07-04"]
    assert body["bundle_url"] == "http://testserver/api/summits/sochi-2011/bundle.json"
    assert body["statements_url"] == "http://testserver/api/statements/?summit=sochi-2011"


def test_it_serves_the_bundle_exactly_as_export_coverage_prints_it(client, sochi, draft):
    out = io.StringIO()
    call_command("export_coverage", "sochi-2011", stdout=out)
    response = client.get(reverse("api-summit-bundle", args=["sochi-2011"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.decode() == out.getvalue()
    assert draft.text not in response.content.decode()


def test_it_lists_participants_and_issues_with_published_counts(client, sochi, draft):
    participants = get_json(client, reverse("api-participants"))["results"]
    lavrov = next(p for p in participants if p["slug"] == "sergei-lavrov")
    assert lavrov["statement_count"] == len(published_ids(speaker__slug="sergei-lavrov"))
    assert lavrov["statements_url"] == "http://testserver/api/statements/?actor=sergei-lavrov"
    assert [p["slug"] for p in participants] == list(
        Participant.objects.order_by("name").values_list("slug", flat=True)
    )

    issues = get_json(client, reverse("api-issues"))["results"]
    defense = next(i for i in issues if i["slug"] == "missile-defense")
    assert defense["statement_count"] == len(published_ids(issues__slug="missile-defense"))
    assert defense["proposition"] == Issue.objects.get(slug="missile-defense").proposition


def test_it_shows_a_participant_with_the_roles_held(client, sochi):
    body = get_json(client, reverse("api-participant", args=["dmitry-medvedev"]))
    assert body["name"] == "Dmitry Medvedev"
    assert body["attended"] == [
        {
            "summit": {
                "slug": "sochi-2011",
                "name": sochi.name,
                "url": "http://testserver/summits/sochi-2011/",
                "api_url": "http://testserver/api/summits/sochi-2011/",
            },
            "role": "President of Russia",
            "delegation": "Russia",
        }
    ]
    assert body["feed_url"] == "http://testserver/feeds/participants/dmitry-medvedev.atom"


def test_it_shows_an_issue_and_the_summits_that_discussed_it(client, sochi):
    body = get_json(client, reverse("api-issue", args=["missile-defense"]))
    assert body["description"] == Issue.objects.get(slug="missile-defense").description
    assert [s["slug"] for s in body["summits"]] == ["sochi-2011"]


def test_it_lists_every_published_statement_and_no_draft(
    client, sochi, draft, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        body = get_json(client, reverse("api-statements"))
    assert body["count"] == 24
    ids = [statement["id"] for statement in body["results"]]
    assert set(ids) == published_ids()
    assert draft.public_id not in ids


def test_it_describes_a_statement_as_the_database_has_it(client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    body = get_json(client, reverse("api-statement", args=[statement.public_id]))
    assert body == {
        "id": statement.public_id,
        "url": f"http://testserver/s/{statement.public_id}/",
        "api_url": f"http://testserver/api/statements/{statement.public_id}/",
        "card_url": f"http://testserver/s/{statement.public_id}/card.png",
        "kind": "quote",
        "text": "Good weather, good relations",
        "context": statement.context,
        "stance": "supports",
        "said_on": "2011-07-04",
        "speaker": {
            "slug": "dmitry-medvedev",
            "name": "Dmitry Medvedev",
            "kind": "person",
            "url": "http://testserver/participants/dmitry-medvedev/",
            "api_url": "http://testserver/api/participants/dmitry-medvedev/",
            "role": "President of Russia",
            "delegation": "Russia",
        },
        "issues": [
            {
                "slug": issue.slug,
                "name": issue.name,
                "url": f"http://testserver/issues/{issue.slug}/",
                "api_url": f"http://testserver/api/issues/{issue.slug}/",
            }
            for issue in statement.issues.all()
        ],
        "summit": {
            "slug": "sochi-2011",
            "name": sochi.name,
            "url": "http://testserver/summits/sochi-2011/",
            "api_url": "http://testserver/api/summits/sochi-2011/",
        },
        "article": {
            "key": "dw-2011-07-04",
            "title": "At loggerheads",
            "outlet": "DW",
            "url": statement.article.url or None,
            "published_on": "2011-07-04",
            "authors": ["Geert Groot Koerkamp"],
        },
        "position": statement.position,
        "utterance": None,
    }


def test_it_hides_a_draft_statement(client, draft):
    body = get_json(client, reverse("api-statement", args=[draft.public_id]), status=404)
    assert draft.public_id in body["error"]


@pytest.mark.parametrize(
    "params",
    [
        {"summit": "sochi-2011"},
        {"actor": "sergei-lavrov"},
        {"actor": ["sergei-lavrov", "dmitry-medvedev"], "issue": "missile-defense"},
        {"issue": "missile-defense", "stance": "opposes"},
        {"kind": "paraphrase"},
        {"summit": "sochi-2011", "q": "missile"},
    ],
    ids=["summit", "actor", "actors-on-issue", "issue-stance", "kind", "text"],
)
def test_it_filters_statements_like_the_summit_page(client, sochi, draft, params):
    lookup = narrowed_like_the_filter(
        Statement.objects.filter(status=Statement.Status.PUBLISHED), params
    )
    expected = set(lookup.values_list("public_id", flat=True))
    if "q" in params:
        # A search word matches the text, the context or an issue's name (issue 13).
        expected = {
            s.public_id
            for s in lookup.prefetch_related("issues")
            if "missile" in s.text.lower()
            or "missile" in s.context.lower()
            or any("missile" in issue.name.lower() for issue in s.issues.all())
        }
    ids = all_statement_ids(client, **params)
    assert expected, "the filter should match something in the seed"
    assert sorted(ids) == sorted(expected)


def test_it_pages_fifty_statements_at_a_time(client, sochi, django_assert_max_num_queries):
    article = Article.objects.get()
    speaker = Participant.objects.get(slug="russia")
    Statement.objects.bulk_create(
        Statement(
            summit=sochi,
            article=article,
            speaker=speaker,
            kind=Statement.Kind.PARAPHRASE,
            text=f"Paraphrase number {n}.",
            status=Statement.Status.PUBLISHED,
            position=100 + n,
        )
        for n in range(60)
    )
    with django_assert_max_num_queries(6):
        first = get_json(client, reverse("api-statements"), summit="sochi-2011")
    assert first["count"] == 84
    assert first["pages"] == 2
    assert len(first["results"]) == 50
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/statements/?summit=sochi-2011&page=2"
    second = get_json(client, first["next"])
    assert len(second["results"]) == 34
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/statements/?summit=sochi-2011&page=1"
    ids = [s["id"] for s in first["results"] + second["results"]]
    assert len(set(ids)) == 84


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"stance": "furious"}, "stance"),
        ({"kind": "rumour"}, "kind"),
        ({"actor": "nobody-at-all"}, "actor"),
        ({"issue": "no-such-issue"}, "issue"),
        ({"summit": "yalta-1945"}, "summit"),
        ({"page": "two"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "9"}, "page"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_it_refuses_a_bad_filter_naming_the_parameter(client, sochi, params, parameter):
    body = get_json(client, reverse("api-statements"), status=400, **params)
    assert body["error"].startswith(f"{parameter}:")
    assert list(body["parameters"]) == [parameter]


@pytest.mark.parametrize(
    "url",
    [
        "/api/summits/yalta-1945/",
        "/api/summits/yalta-1945/bundle.json",
        "/api/participants/nobody/",
        "/api/issues/nothing/",
        "/api/statements/zzzzzzzz/",
    ],
)
def test_it_answers_an_unknown_slug_with_a_json_404(client, sochi, url):
    body = get_json(client, url, status=404)
    assert body["error"]


def test_it_refuses_to_write(client, sochi):
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(reverse("api-summits"))
        assert response.status_code == 405
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "GET" in response["Allow"]
        assert "read-only" in response.json()["error"]
    assert Summit.objects.count() == 1


def test_it_answers_a_cors_preflight(client, sochi):
    response = client.options(reverse("api-statements"))
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_it_documents_every_field_it_sends(client, sochi):
    text = API_DOCS.read_text(encoding="utf-8")
    statement = Statement.objects.filter(status=Statement.Status.PUBLISHED).first()
    bodies = [
        get_json(client, reverse("api-summit", args=["sochi-2011"])),
        get_json(client, reverse("api-participant", args=["sergei-lavrov"])),
        get_json(client, reverse("api-issue", args=["missile-defense"])),
        get_json(client, reverse("api-statement", args=[statement.public_id])),
        get_json(client, reverse("api-statements")),
    ]

    def keys(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from keys(item)
        elif isinstance(value, list):
            for item in value:
                yield from keys(item)

    missing = {key for body in bodies for key in keys(body) if f"`{key}`" not in text}
    assert not missing, f"undocumented fields: {sorted(missing)}"
    assert json.dumps(bodies)  # every answer is plain JSON


@pytest.mark.parametrize(
    "url",
    [
        "/api/statements/?actor=%00",
        "/api/statements/?summit=%00",
        "/api/statements/?q=%00",
        "/api/statements/%00/",
        "/oembed?url=http://testserver/s/%2500/",
    ],
)
def test_it_refuses_a_nul_character_without_failing(client, sochi, url):
    # PostgreSQL cannot compare text containing NUL: refused, whichever layer refuses it.
    client.raise_request_exception = False
    assert client.get(url).status_code in (400, 404)


@pytest.mark.parametrize(
    "url, parameter",
    [
        ("/api/statements/?actor=%00", "actor"),
        ("/api/statements/?summit=%00", "summit"),
        ("/api/statements/?q=%00", "q"),
        ("/api/summits/sochi-2011/?page=%00", "page"),
        ("/oembed?url=http://testserver/s/%00/", "url"),
    ],
)
def test_it_refuses_a_nul_character_in_a_parameter_in_json(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {
        "error": f"{parameter}: contains a NUL character.",
        "parameters": {parameter: ["Contains a NUL character."]},
    }


def test_it_refuses_a_nul_character_in_the_path_in_json(client):
    response = client.get("/api/statements/%00/")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {"error": "Bad request: the address contains a NUL character."}


def test_it_still_refuses_a_nul_character_in_plain_text_outside_the_api(client):
    response = client.get("/summits/sochi-2011/?q=%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain"
    assert response.content.decode() == "Bad request: the address contains a NUL character."


PARAMETERS = ("summit", "actor", "issue", "stance", "kind", "q", "page")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.dictionaries(
        st.sampled_from(PARAMETERS),
        st.lists(st.text(max_size=30), min_size=1, max_size=3),
        max_size=4,
    )
)
def test_it_never_fails_whatever_the_filters(client, sochi, params):
    client.raise_request_exception = False
    response = client.get(reverse("api-statements"), params)
    assert response.status_code in (200, 400), (params, response.content[:300])
    if response.status_code == 200:
        assert {s["id"] for s in response.json()["results"]} <= published_ids()
    elif response["Content-Type"].startswith("application/json"):
        assert set(response.json()["parameters"]) <= set(PARAMETERS)
