"""'Find statements': the extractor's proposals, ticked and corrected, saved as drafts."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from summits.models import Article, Attendance, Issue, Participant, Statement
from tests.pages import page_text

BODY = (
    "Russian Foreign Minister Sergei Lavrov was blunt after the meeting in Sochi. "
    '"We did not agree on anything that matters," Lavrov said.\n\n'
    'German Chancellor Angela Merkel struck a softer tone. "Dialogue is the only way '
    'forward," Merkel told reporters.\n\n'
    'The Kremlin said the talks had been "useful but difficult."'
)


@pytest.fixture
def article(sochi) -> Article:
    article = Article(summit=sochi, key="wire-2", title="Blunt and soft", body=BODY)
    article.save()
    # One statement already recorded, so new ones must follow it.
    Statement.objects.create(
        article=article,
        speaker=Participant.objects.get(slug="the-kremlin"),
        kind="paraphrase",
        text="The Kremlin found the talks useful.",
        position=5,
    )
    return article


def find_url(article: Article) -> str:
    return reverse("admin:summits_article_find_statements", args=[article.pk])


def proposals_data(response) -> dict:
    """The proposals form as the page shows it, every proposal ticked."""
    formset = response.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": "0",
    }
    for form in formset.forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False or value == []:
                continue
            data[bound.html_name] = "on" if value is True else value
    return data


def test_it_links_the_article_page_to_the_assistant(admin_client, article):
    response = admin_client.get(reverse("admin:summits_article_change", args=[article.pk]))

    assert f'<a href="{find_url(article)}">Find statements</a>' in response.content.decode()


def test_it_proposes_each_quote_with_its_speaker(
    admin_client, article, django_assert_max_num_queries
):
    # Measured: 11 (session, user, article, roster x2 (attendances, aliases), issues x2,
    # statements, participants, labels). However many proposals, the count stays.
    with django_assert_max_num_queries(12):
        response = admin_client.get(find_url(article))

    assert response.status_code == 200
    text = page_text(response)
    assert "We did not agree on anything that matters</textarea>" in text
    assert "Dialogue is the only way forward</textarea>" in text
    initial = response.context["formset"].initial
    lavrov = Participant.objects.get(slug="sergei-lavrov")
    kremlin = Participant.objects.get(slug="the-kremlin")
    assert [(i["speaker"], i["new_speaker"]) for i in initial] == [
        (lavrov.pk, ""),
        (None, "Angela Merkel"),
        (kremlin.pk, ""),
    ]
    # The preselected speaker is labelled in the autocomplete without a query per proposal.
    assert f'<option value="{lavrov.pk}" selected>Sergei Lavrov</option>' in text
    assert "On this summit's agenda" in text


def test_it_saves_the_ticked_proposals_as_drafts(admin_client, article, sochi):
    data = proposals_data(admin_client.get(find_url(article)))
    libya = Issue.objects.get(slug="libya")
    missile_defense = Issue.objects.get(slug="missile-defense")
    data.update(
        {
            "form-0-issues": [str(libya.pk), str(missile_defense.pk)],
            "form-0-stance": "opposes",
            "form-1-issues": [str(missile_defense.pk)],
            "form-1-stance": "conditional",
        }
    )
    del data["form-2-keep"]

    response = admin_client.post(find_url(article), data, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:summits_article_change", args=[article.pk]
    )
    assert "2 draft statements saved." in page_text(response)
    lavrov, merkel = article.statements.exclude(kind="paraphrase").order_by("position")
    assert (lavrov.speaker.slug, lavrov.text, lavrov.stance, lavrov.status, lavrov.position) == (
        "sergei-lavrov",
        "We did not agree on anything that matters",
        "opposes",
        "draft",
        6,
    )
    assert set(lavrov.issues.all()) == {libya, missile_defense}
    assert lavrov.summit == sochi
    assert lavrov.context == '"We did not agree on anything that matters," Lavrov said.'
    assert (merkel.speaker.name, merkel.speaker.slug, merkel.position) == (
        "Angela Merkel",
        "angela-merkel",
        7,
    )
    assert Attendance.objects.filter(summit=sochi, participant=merkel.speaker).exists()
    assert not article.statements.filter(text__startswith="useful").exists()
    assert merkel.history.first().history_user.username == "admin"


def test_it_does_not_propose_recorded_quotes_twice(admin_client, article):
    admin_client.post(find_url(article), proposals_data(admin_client.get(find_url(article))))
    assert article.statements.count() == 4

    response = admin_client.get(find_url(article))

    text = page_text(response)
    assert response.context["formset"].total_form_count() == 0
    assert "Already recorded (3), not proposed again" in text
    assert "No new statements found in this article." in text
    assert len(re.findall(r'<li class="already-recorded">', text)) == 3


def test_it_refuses_an_altered_quote_and_saves_nothing(admin_client, article):
    data = proposals_data(admin_client.get(find_url(article)))
    data["form-1-text"] = "Dialogue is the only way"  # still verbatim
    data["form-0-text"] = "We agreed on everything that matters"

    response = admin_client.post(find_url(article), data)

    assert response.status_code == 200
    text = page_text(response)
    assert "Please correct the errors below; nothing was saved." in text
    assert (
        "This quote does not appear in the article 'Blunt and soft'. The closest passage is"
    ) in text
    assert article.statements.count() == 1

    data["form-0-kind"] = "paraphrase"
    response = admin_client.post(find_url(article), data)
    assert response.status_code == 302
    assert article.statements.filter(text="We agreed on everything that matters").exists()
    assert article.statements.filter(text="Dialogue is the only way").exists()


def test_it_asks_for_one_speaker(admin_client, article):
    data = proposals_data(admin_client.get(find_url(article)))
    data["form-0-new_speaker"] = "Someone Else"
    data["form-1-new_speaker"] = ""

    response = admin_client.post(find_url(article), data)

    text = page_text(response)
    assert "Pick a participant or type a new name, not both." in text
    assert "Who said it? Pick a participant or type a new name." in text
    assert article.statements.count() == 1
    assert not Participant.objects.filter(name="Someone Else").exists()


def test_it_reuses_a_participant_typed_as_new(admin_client, article):
    data = proposals_data(admin_client.get(find_url(article)))
    del data["form-0-speaker"]
    data["form-0-new_speaker"] = "sergei  lavrov"

    admin_client.post(find_url(article), data)

    assert Participant.objects.filter(name__iexact="sergei lavrov").count() == 1


def test_it_lets_an_editor_find_statements_but_not_a_viewer(client, article):
    editor = User.objects.create_user("jana", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    viewer = User.objects.create_user("vic", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "view_statement"])
    )

    client.force_login(viewer)
    assert client.get(find_url(article)).status_code == 403
    client.force_login(editor)
    assert client.get(find_url(article)).status_code == 200


def test_it_serves_the_assistant_under_the_strict_policy(admin_client, article):
    response = admin_client.get(find_url(article))

    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
        assert f'nonce="{nonce}"' in tag, tag
    assert "style=" not in response.content.decode().split("<body", 1)[1]


def test_it_shows_why_and_how_sure_and_preselects_the_rosters_participant(admin_client, article):
    response = admin_client.get(find_url(article))

    page = response.content.decode()
    assert "Why this speaker:" in page and "confidence" in page
    lavrov = Participant.objects.get(slug="sergei-lavrov")
    [initial] = [i for i in response.context["formset"].initial if i["text"].startswith("We did")]
    assert initial["speaker"] == lavrov.pk
    assert initial["new_speaker"] == ""


def test_it_never_offers_a_name_inside_a_quote_as_a_new_participant(admin_client, sochi):
    body = (
        "The leaders met in Deauville.\n\n"
        '"He (Gaddafi) has no future in a free, democratic Libya," the statement said.'
    )
    article = Article(summit=sochi, key="g8-libya", title="Libya", body=body)
    article.save()

    response = admin_client.get(find_url(article))

    [initial] = response.context["formset"].initial
    assert initial["speaker"] is None
    assert initial["new_speaker"] == ""
    admin_client.post(find_url(article), proposals_data(response))
    assert not Participant.objects.filter(name__icontains="Gaddafi").exists()
