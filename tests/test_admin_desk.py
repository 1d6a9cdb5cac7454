"""The desk: an article's proposals accepted one by one as drafts, then published."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from summits.models import Article, Attendance, CoverageRevision, Issue, Participant, Statement
from tests.pages import page_text

BODY = (
    "Russian Foreign Minister Sergei Lavrov was blunt after the meeting in Sochi. "
    '"We did not agree on anything that matters," Lavrov said.\n\n'
    'German Chancellor Angela Merkel struck a softer tone. "Dialogue is the only way '
    'forward," Merkel told reporters.\n\n'
    'The Kremlin said the talks had been "useful but difficult."'
)


def article_with_a_statement(summit, key: str, title: str, body: str, **fields) -> Article:
    """An article with one statement already recorded, so the desk shows it beside the
    proposals (and its issues cost their prefetch query)."""
    article = Article(summit=summit, key=key, title=title, body=body)
    article.save()
    Statement.objects.create(
        article=article,
        speaker=Participant.objects.get(slug="the-kremlin"),
        kind="paraphrase",
        text="The Kremlin found the talks useful.",
        **fields,
    )
    return article


@pytest.fixture
def article(sochi) -> Article:
    return article_with_a_statement(sochi, "wire-2", "Blunt and soft", BODY, position=5)


def desk_url(article: Article) -> str:
    return reverse("admin:summits_article_desk", args=[article.pk])


def proposal(response, start: int) -> dict:
    """A proposal's form as the desk shows it, as a browser would post it."""
    [form] = [f for f in response.context["proposals"] if f.proposal["start"] == start]
    data = {}
    for bound in form:
        value = bound.value()
        if value in (None, "", []):
            continue
        data[bound.html_name] = value
    return data


def starts(response) -> list[int]:
    return [form.proposal["start"] for form in response.context["proposals"]]


def test_it_links_the_article_page_to_the_desk_and_the_old_address_there(admin_client, article):
    response = admin_client.get(reverse("admin:summits_article_change", args=[article.pk]))

    assert f'<a href="{desk_url(article)}">Desk</a>' in response.content.decode()
    old = reverse("admin:summits_article_find_statements", args=[article.pk])
    moved = admin_client.get(old)
    assert (moved.status_code, moved["Location"]) == (301, desk_url(article))


def test_it_shows_the_text_marked_and_the_proposals_in_article_order(admin_client, article):
    response = admin_client.get(desk_url(article))

    assert response.status_code == 200
    text = page_text(response)
    assert starts(response) == sorted(starts(response))
    assert len(starts(response)) == 3
    for start in starts(response):
        assert f'href="#proposal-{start}"' in text
        assert f'id="proposal-{start}"' in text
    assert "We did not agree on anything that matters</textarea>" in text
    # The recorded paraphrase is listed; the roster speaker is preselected.
    assert "The Kremlin found the talks useful." in text
    lavrov = Participant.objects.get(slug="sergei-lavrov")
    assert re.search(rf'<option value="{lavrov.pk}" selected>Sergei Lavrov', text)
    # Angela Merkel is not on the roster: offered as someone else, by name.
    assert 'name="other_speaker" value="Angela Merkel"' in text
    # The keys are documented on the screen.
    assert "<kbd>J / K</kbd> next / previous proposal" in text


def test_it_never_preselects_a_stance_and_keeps_the_context_short(admin_client, article):
    response = admin_client.get(desk_url(article))

    text = page_text(response)
    assert not re.search(r'name="stance" value="[a-z]+" required id="[^"]+" checked', text)
    contexts = [form.initial["context"] for form in response.context["proposals"]]
    assert contexts == ["", "told reporters", ""]


def test_it_costs_the_same_queries_however_many_proposals(admin_client, article, sochi):
    longer = article_with_a_statement(sochi, "wire-3", "Longer", (BODY + "\n\n") * 6)
    counts = []
    for shown in (article, longer):
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(desk_url(shown))
        counts.append((len(response.context["proposals"]), len(queries)))

    # Measured: 12 (session, user, article, summit, roster, agenda, the extractor's roster
    # and its aliases, recorded statements for the offer, named speakers, recorded
    # statements with their speakers, their issues), for 3 proposals or 18.
    (few, few_queries), (many, many_queries) = counts
    assert many > few
    assert many_queries == few_queries <= 12


def test_it_accepts_a_proposal_as_a_draft_and_returns_at_the_next(admin_client, article, sochi):
    page = admin_client.get(desk_url(article))
    first, second, _ = starts(page)
    libya = Issue.objects.get(slug="libya")
    data = proposal(page, first) | {"stance": "opposes", "issues": [str(libya.pk)]}

    response = admin_client.post(desk_url(article), data)

    assert response.status_code == 302
    assert response["Location"] == f"{desk_url(article)}#proposal-{second}"
    lavrov = article.statements.get(text="We did not agree on anything that matters")
    assert (lavrov.speaker.slug, lavrov.stance, lavrov.status, lavrov.kind) == (
        "sergei-lavrov",
        "opposes",
        "draft",
        "quote",
    )
    # Its position is where its words stand in the article, so it follows the text.
    assert lavrov.position == BODY.index("We did not") + 1
    assert list(lavrov.issues.all()) == [libya]
    [version] = lavrov.history.all()
    assert [link.issue for link in version.issues.all()] == [libya]
    assert version.history_change_reason == "Accepted at the desk"
    after = admin_client.get(desk_url(article))
    assert first not in starts(after)
    assert "Draft saved: Sergei Lavrov" in page_text(after)


def test_it_asks_for_a_stance_and_saves_nothing_without_one(admin_client, article):
    page = admin_client.get(desk_url(article))
    data = proposal(page, starts(page)[0])

    response = admin_client.post(desk_url(article), data)

    assert response.status_code == 200
    assert "Pick a stance; “No clear stance” is a choice too." in page_text(response)
    assert article.statements.count() == 1


def test_it_records_someone_new_and_an_issue_added_to_the_agenda(admin_client, article, sochi):
    page = admin_client.get(desk_url(article))
    data = proposal(page, starts(page)[1]) | {"stance": "supports", "new_issue": "Dialogue"}

    assert admin_client.post(desk_url(article), data).status_code == 302

    merkel = article.statements.get(text="Dialogue is the only way forward")
    assert (merkel.speaker.name, merkel.context) == ("Angela Merkel", "told reporters")
    assert Attendance.objects.filter(summit=sochi, participant=merkel.speaker).exists()
    dialogue = Issue.objects.get(name="Dialogue")
    assert dialogue in sochi.issues.all()
    assert list(merkel.issues.all()) == [dialogue]


def test_it_asks_for_one_speaker(admin_client, article):
    page = admin_client.get(desk_url(article))
    data = proposal(page, starts(page)[0]) | {"stance": "none", "other_speaker": "Someone"}

    response = admin_client.post(desk_url(article), data)

    assert "Pick a speaker or type a name, not both." in page_text(response)
    del data["speaker"], data["other_speaker"]
    response = admin_client.post(desk_url(article), data)
    assert "Who said it? Pick a speaker or type a name." in page_text(response)
    assert article.statements.count() == 1
    assert not Participant.objects.filter(name="Someone").exists()


def test_it_marks_a_misquote_and_offers_the_articles_words(admin_client, article):
    page = admin_client.get(desk_url(article))
    data = proposal(page, starts(page)[0]) | {
        "stance": "none",
        "text": "We did not agree on anything that mattered",
    }

    response = admin_client.post(desk_url(article), data)

    text = page_text(response)
    assert "This quote does not appear in the article 'Blunt and soft'." in text
    assert "Use the article’s words: “We did not agree on anything that matters”" in text
    assert '<a class="desk-mark misquote"' in text
    assert article.statements.count() == 1

    response = admin_client.post(desk_url(article), data | {"use_article_words": "on"})
    assert response.status_code == 302
    assert article.statements.filter(text="We did not agree on anything that matters").exists()


def test_it_makes_a_statement_from_a_passage_of_the_text(admin_client, article):
    kremlin = Participant.objects.get(slug="the-kremlin")
    data = {
        "text": "Russian Foreign Minister Sergei Lavrov was blunt after the meeting in Sochi.",
        "kind": "paraphrase",
        "speaker": str(kremlin.pk),
        "stance": "neutral",
    }

    response = admin_client.post(desk_url(article), data)

    assert response.status_code == 302
    made = article.statements.get(text=data["text"])
    assert (made.kind, made.position, made.status) == ("paraphrase", 1, "draft")


def test_it_publishes_the_articles_drafts_after_listing_them(admin_client, article):
    article.status = Article.Status.DRAFT
    article.save()
    missile_defense = Issue.objects.get(slug="missile-defense")
    article.statements.get().issues.add(missile_defense)
    publish = reverse("admin:summits_article_desk_publish", args=[article.pk])
    revision = CoverageRevision.objects.get(pk=1).number

    listing = admin_client.get(publish)

    text = page_text(listing)
    assert "The Kremlin found the talks useful." in text
    assert "The article itself is a draft: it is published with them." in text
    assert 'value="Yes, publish 1"' in text
    response = admin_client.post(publish, follow=True)
    assert "Published 1 statements and the article." in page_text(response)
    statement = article.statements.get()
    article.refresh_from_db()
    assert (statement.status, article.status) == ("published", "published")
    assert CoverageRevision.objects.get(pk=1).number == revision + 1
    # History keeps the issue links of the bulk change.
    latest = statement.history.first()
    assert (latest.status, [link.issue for link in latest.issues.all()]) == (
        "published",
        [missile_defense],
    )

    unpublish = reverse("admin:summits_article_desk_unpublish", args=[article.pk])
    assert "Readers will no longer see" in page_text(admin_client.get(unpublish))
    admin_client.post(unpublish)
    statement.refresh_from_db()
    assert statement.status == "draft"


def test_it_lets_an_editor_use_the_desk_but_not_a_viewer(client, article):
    editor = User.objects.create_user("jana", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    viewer = User.objects.create_user("vic", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "view_statement"])
    )

    client.force_login(viewer)
    assert client.get(desk_url(article)).status_code == 403
    publish = reverse("admin:summits_article_desk_publish", args=[article.pk])
    assert client.post(publish).status_code == 403
    client.force_login(editor)
    assert client.get(desk_url(article)).status_code == 200


def test_it_serves_the_desk_under_the_strict_policy(admin_client, article):
    response = admin_client.get(desk_url(article))

    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    page = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert f'nonce="{nonce}"' in tag, tag
    assert "/static/js/desk.js" in page
    assert "style=" not in page.split("<body", 1)[1]


def only_proposal(admin_client, summit, body: str):
    """The desk's one proposal for a new article of `body`."""
    article = Article(summit=summit, key="one-proposal", title="One proposal", body=body)
    article.save()
    [form] = admin_client.get(desk_url(article)).context["proposals"]
    return form


def test_it_never_offers_a_name_inside_a_quote_as_a_new_participant(admin_client, sochi):
    body = (
        "The leaders met in Deauville.\n\n"
        '"He (Gaddafi) has no future in a free, democratic Libya," the statement said.'
    )

    form = only_proposal(admin_client, sochi, body)

    assert (form.initial["speaker"], form.initial["other_speaker"]) == ("", "")


def test_it_saves_and_opens_the_desk_from_the_article_form(admin_client, sochi):
    response = admin_client.post(
        reverse("admin:summits_article_add"),
        {
            "summit": sochi.pk,
            "title": "Pasted in a hurry",
            "body": BODY,
            "status": "draft",
            "statements-TOTAL_FORMS": "0",
            "statements-INITIAL_FORMS": "0",
            "_desk": "Save and open the desk",
        },
    )

    article = Article.objects.get(title="Pasted in a hurry")
    assert response["Location"] == desk_url(article)
    # A key is made when none is typed; the article waits as a draft.
    assert (article.key, article.status) == ("pasted-in-a-hurry", "draft")


def test_it_never_offers_two_speakers_as_one_new_participant(admin_client, sochi):
    body = (
        "Prime Minister Dmitri Novak met Chancellor Ilse Brandt in Sochi.\n\n"
        "Novak and Brandt said the two countries would expand their trade next year."
    )

    form = only_proposal(admin_client, sochi, body)

    assert "both speak" in form.proposal["evidence"]
    assert (form.initial["speaker"], form.initial["other_speaker"]) == ("", "")
