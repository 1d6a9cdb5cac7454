"""Search that forgives: any spelling of a name, defence or defense, any word order, names
and words mixed, and the pages a search names offered above its statements."""

import pytest
from django.db import connection
from django.db.models import Q

from summits.models import Participant, ParticipantAlias, Statement
from tests.factories import paraphrase
from tests.pages import listed_ids


@pytest.fixture
def gaddafi(sochi) -> Statement:
    """A statement that names Gaddafi in one spelling; the others are his recorded aliases."""
    leader = Participant.objects.create(name="Muammar Gaddafi", slug="muammar-gaddafi")
    for alias in ("Gaddafi", "Gadhafi", "Qaddafi"):
        ParticipantAlias.objects.create(participant=leader, name=alias)
    return paraphrase(
        "jacob-zuma",
        "Gaddafi had accepted the African Union's road map for talks.",
        "libya",
        stance=Statement.Stance.SUPPORTS,
        status=Statement.Status.PUBLISHED,
        position=900,
    )


def found(client, q: str, url: str = "/search/") -> str:
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("spelling", ["Gaddafi", "Gadhafi", "Qaddafi", "qaddafi"])
def test_it_finds_a_name_in_every_recorded_spelling(client, gaddafi, spelling):
    assert f'id="s-{gaddafi.public_id}"' in found(client, spelling)


def test_it_mixes_names_and_words_in_any_order(client, sochi):
    lavrov_on_libya = (
        Statement.objects.published()
        .filter(speaker__slug="sergei-lavrov")
        .filter(
            Q(issues__name__icontains="libya")
            | Q(text__icontains="libya")
            | Q(context__icontains="libya")
        )
        .distinct()
    )
    assert lavrov_on_libya.exists()
    for q in ("Lavrov Libya", "Libya Lavrov", "libya lavrov"):
        html = found(client, q)
        for statement in lavrov_on_libya:
            assert f'id="s-{statement.public_id}"' in html, q
        others = Statement.objects.published().exclude(pk__in=lavrov_on_libya)
        for statement in others:
            assert f'id="s-{statement.public_id}"' not in html, q


def test_it_finds_the_speakers_role(client, sochi):
    html = found(client, "Foreign Minister missile")
    lavrov = Statement.objects.published().filter(
        speaker__slug="sergei-lavrov", issues__slug="missile-defense"
    )
    assert all(f'id="s-{s.public_id}"' in html for s in lavrov)


def test_it_reads_defence_as_defense(client, sochi):
    american = found(client, "missile defense")
    british = found(client, "missile defence")
    assert american.count('class="statement ') == british.count('class="statement ') > 0


def test_it_needs_every_word_to_match_somewhere(client, sochi):
    assert "0 statements" in found(client, "Lavrov zanzibar")


def test_it_offers_matching_pages_above_the_statements(client, sochi):
    html = found(client, "Lavrov Libya")
    pages = html[html.index('id="matching-heading"') : html.index('id="statements"')]
    assert 'href="/participants/sergei-lavrov/"' in pages
    assert 'href="/issues/libya/"' in pages


def test_it_offers_each_words_pages_in_name_order(client, sochi):
    # Each word's pages are found (and kept) apart, then put in one order: by name.
    html = found(client, "Medvedev Lavrov")
    pages = html[html.index('id="matching-heading"') : html.index('id="statements"')]
    medvedev = pages.index('href="/participants/dmitry-medvedev/"')
    assert medvedev < pages.index('href="/participants/sergei-lavrov/"')
    assert found(client, "Lavrov Medvedev").count('class="kicker">Participant') == 2


def test_it_searches_the_summit_page_the_same_way(client, sochi):
    html = found(client, "Lavrov Libya", "/summits/sochi-2011/")
    assert "match the filters" not in html.split('id="result-count"')[1][:200]
    summit_ids = listed_ids(html)
    assert summit_ids and set(summit_ids) == set(listed_ids(found(client, "Lavrov Libya")))


@pytest.mark.postgres
def test_it_ignores_accents_and_forgives_a_misspelt_name_on_postgresql(client, gaddafi, sochi):
    assert connection.vendor == "postgresql"
    lavrov = Statement.objects.published().filter(speaker__slug="sergei-lavrov").first()
    assert f'id="s-{lavrov.public_id}"' in found(client, "Lavrof")
    assert f'id="s-{gaddafi.public_id}"' in found(client, "Gaddafí")


@pytest.mark.postgres
def test_the_stored_folded_text_follows_every_write_on_postgresql(gaddafi):
    """Search reads the folded text and context PostgreSQL stores (migration 0011): a save,
    a queryset update and a history revert each change what a word finds, with no code of
    ours keeping the columns in step."""
    from summits.filters import text_search

    def finds(word: str) -> bool:
        return text_search(Statement.objects.filter(pk=gaddafi.pk), word).exists()

    assert finds("ROAD") and not finds("Élysée")
    gaddafi.text = "The Élysée had accepted nothing."
    gaddafi.save()
    assert finds("elysee") and finds("ÉLYSÉE") and not finds("road")
    Statement.objects.filter(pk=gaddafi.pk).update(context="Said in Nîmes, on the quay.")
    assert finds("nimes") and finds("quay")
    gaddafi.history.earliest().instance.save()  # the first version, restored
    assert finds("road") and not finds("elysee")
