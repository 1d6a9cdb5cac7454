"""Participant aliases: kept in the admin with history, found by autocomplete and search."""

from django.urls import reverse

from summits.models import Participant, ParticipantAlias, Statement


def test_it_edits_aliases_inline_on_the_participant_page(admin_client, sochi):
    lavrov = Participant.objects.get(slug="sergei-lavrov")

    response = admin_client.get(reverse("admin:summits_participant_change", args=[lavrov.pk]))

    assert "aliases-0-name" in response.content.decode()


def test_it_keeps_alias_history(sochi):
    alias = ParticipantAlias.objects.create(
        participant=Participant.objects.get(slug="sergei-lavrov"), name="Lavrow"
    )

    assert alias.history.count() == 1


def test_it_finds_a_speaker_by_alias_in_the_autocomplete(admin_client, sochi):
    ParticipantAlias.objects.create(
        participant=Participant.objects.get(slug="sergei-lavrov"), name="Lavrow"
    )

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Lavrow",
            "app_label": "summits",
            "model_name": "statement",
            "field_name": "speaker",
        },
    )

    assert [r["text"] for r in response.json()["results"]] == ["Sergei Lavrov"]


def test_it_finds_statements_by_a_speakers_alias_in_reader_search(client, sochi):
    lavrov = Participant.objects.get(slug="sergei-lavrov")
    ParticipantAlias.objects.create(participant=lavrov, name="Lavrow")
    Statement.objects.filter(speaker=lavrov).update(status=Statement.Status.PUBLISHED)
    quote = Statement.objects.filter(speaker=lavrov).first()

    response = client.get(reverse("summit", args=["sochi-2011"]), {"q": "Lavrow"})

    assert quote.text[:40] in response.content.decode()
