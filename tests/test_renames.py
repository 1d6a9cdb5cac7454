"""Every address ever published keeps working after a rename: a 301 to the current one.

Participants, issues and summits; pages (the compare page too), feeds, the API, and filter
values in a query string.
"""

import pytest

from summits.models import Issue, Participant, Summit


@pytest.fixture
def renamed(sochi):
    """Lavrov, the Libya issue and the summit itself, each under a new slug."""
    for model, old, new in (
        (Participant, "sergei-lavrov", "sergey-lavrov"),
        (Issue, "libya", "libya-war"),
        (Summit, "sochi-2011", "eu-russia-sochi-2011"),
    ):
        row = model.objects.get(slug=old)
        row.slug = new
        row.save()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/participants/sergei-lavrov/?page=2", "/participants/sergey-lavrov/?page=2"),
        ("/issues/libya/", "/issues/libya-war/"),
        ("/summits/sochi-2011/?stance=supports", "/summits/eu-russia-sochi-2011/?stance=supports"),
        ("/feeds/participants/sergei-lavrov.atom", "/feeds/participants/sergey-lavrov.atom"),
        ("/feeds/issues/libya.atom", "/feeds/issues/libya-war.atom"),
        ("/feeds/summits/sochi-2011.atom", "/feeds/summits/eu-russia-sochi-2011.atom"),
        ("/api/participants/sergei-lavrov/", "/api/participants/sergey-lavrov/"),
        ("/api/issues/libya/", "/api/issues/libya-war/"),
        ("/api/summits/sochi-2011/", "/api/summits/eu-russia-sochi-2011/"),
        ("/api/summits/sochi-2011/bundle.json", "/api/summits/eu-russia-sochi-2011/bundle.json"),
    ],
)
def test_it_redirects_every_old_address_permanently(client, renamed, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "/summits/eu-russia-sochi-2011/?actor=sergei-lavrov&stance=supports",
            "/summits/eu-russia-sochi-2011/?actor=sergey-lavrov&stance=supports",
        ),
        # Reader pages answer on their canonical query (parameters sorted), redirects too.
        ("/search/?q=ceasefire&issue=libya", "/search/?issue=libya-war&q=ceasefire"),
        (
            "/compare/?actors=sergei-lavrov,anders-fogh-rasmussen",
            "/compare/?actors=sergey-lavrov%2Canders-fogh-rasmussen",
        ),
        ("/api/statements/?actor=sergei-lavrov", "/api/statements/?actor=sergey-lavrov"),
        ("/api/statements/?summit=sochi-2011", "/api/statements/?summit=eu-russia-sochi-2011"),
        (
            "/feeds/summits/eu-russia-sochi-2011.atom?actor=sergei-lavrov",
            "/feeds/summits/eu-russia-sochi-2011.atom?actor=sergey-lavrov",
        ),
    ],
)
def test_it_rewrites_old_slugs_in_filter_values(client, renamed, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_it_still_refuses_a_slug_nobody_ever_had(client, renamed):
    response = client.get("/summits/eu-russia-sochi-2011/?actor=nobody")
    assert response.status_code == 400
    assert "No such actor" in response.content.decode()
    assert client.get("/api/participants/nobody/").status_code == 404
    assert client.get("/feeds/participants/nobody.atom").status_code == 404
