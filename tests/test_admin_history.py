"""History in the admin: every editorial change is kept, listed, and can be reverted."""

import re

import pytest
from django.urls import reverse

from summits.models import Article, Issue, Participant, Statement, Summit
from tests.pages import form_data, page_text


def as_changed(response) -> str:
    """The history page's text as it reads after each change: words taken out dropped."""
    text = re.sub(r"<del>.*?</del>", "", page_text(response), flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def change(admin_client, model, instance, **values) -> None:
    url = reverse(f"admin:summits_{model._meta.model_name}_change", args=[instance.pk])
    data = form_data(admin_client.get(url))
    data.update(values)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


@pytest.mark.parametrize(
    ("model", "lookup", "field", "value"),
    [
        (Summit, {"slug": "sochi-2011"}, "city", "Krasnaya Polyana"),
        (Participant, {"slug": "sergei-lavrov"}, "name", "Sergey Lavrov"),
        (Issue, {"slug": "libya"}, "proposition", "NATO should stop bombing Libya"),
        (Article, {"key": "dw-2011-07-04"}, "outlet", "Deutsche Welle"),
        (Statement, {"text": "Good weather, good relations"}, "context", "smiling"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_it_keeps_a_history_entry_per_change(admin_client, sochi, model, lookup, field, value):
    instance = model.objects.get(**lookup)
    before = instance.history.count()

    change(admin_client, model, instance, **{field: value})

    assert instance.history.count() == before + 1
    latest = instance.history.first()
    assert getattr(latest, field) == value
    assert latest.history_user.username == "admin"
    response = admin_client.get(
        reverse(f"admin:summits_{model._meta.model_name}_history", args=[instance.pk])
    )
    assert value in as_changed(response)


def test_it_reverts_a_statement_to_its_old_text(admin_client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    public_id = statement.public_id
    original = statement.history.first()
    versions = statement.history.count()
    change(
        admin_client,
        Statement,
        statement,
        kind="paraphrase",
        text="Medvedev said the weather matched the mood.",
    )
    statement.refresh_from_db()
    assert statement.kind == "paraphrase"

    history_page = page_text(
        admin_client.get(reverse("admin:summits_statement_history", args=[statement.pk]))
    )
    revert_url = reverse(
        "admin:summits_statement_simple_history", args=[statement.pk, original.history_id]
    )
    assert revert_url in history_page
    response = admin_client.get(revert_url)
    assert "Good weather, good relations" in page_text(response)
    response = admin_client.post(revert_url, form_data(response))

    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.kind, statement.text) == ("quote", "Good weather, good relations")
    assert statement.public_id == public_id  # the permalink survives the revert
    assert statement.history.count() == versions + 2  # the edit and the revert


def issue_ids(*slugs: str) -> list[str]:
    return [str(Issue.objects.get(slug=slug).pk) for slug in slugs]


def issue_slugs(links) -> set[str]:
    return {link.issue.slug for link in links}


def test_it_keeps_one_entry_per_save_with_its_issues(admin_client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    before = statement.history.count()

    change(
        admin_client,
        Statement,
        statement,
        context="joked at the final press conference",
        issues=issue_ids("libya", "nato-russia-relations"),
    )

    assert statement.history.count() == before + 1
    latest = statement.history.first()
    assert latest.context == "joked at the final press conference"
    assert issue_slugs(latest.issues.all()) == {"libya", "nato-russia-relations"}


def test_it_reverts_a_statement_with_its_issue_links(admin_client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    original = statement.history.first()
    assert issue_slugs(original.issues.all()) == {"nato-russia-relations"}
    change(
        admin_client,
        Statement,
        statement,
        issues=issue_ids("libya", "nato-russia-relations"),
    )
    assert {issue.slug for issue in statement.issues.all()} == {"libya", "nato-russia-relations"}

    revert_url = reverse(
        "admin:summits_statement_simple_history", args=[statement.pk, original.history_id]
    )
    response = admin_client.get(revert_url)
    assert response.context["adminform"].form["issues"].value() == [
        Issue.objects.get(slug="nato-russia-relations").pk
    ]
    response = admin_client.post(revert_url, form_data(response))

    change_url = reverse("admin:summits_statement_change", args=[statement.pk])
    assert response.status_code == 302
    assert response.url == change_url  # back to the statement, not the list
    assert {issue.slug for issue in statement.issues.all()} == {"nato-russia-relations"}
    assert issue_slugs(statement.history.first().issues.all()) == {"nato-russia-relations"}
    assert "Reverted to the version of" in statement.history.first().history_change_reason


def test_it_keeps_issues_in_history_when_publishing_in_bulk(admin_client, sochi):
    chosen = list(Statement.objects.filter(text__startswith="NATO will not alter"))
    chosen += list(Statement.objects.filter(text="Good weather, good relations"))
    url = reverse("admin:summits_statement_changelist")

    for action in ("unpublish", "publish"):
        response = admin_client.post(
            url, {"action": action, "_selected_action": [s.pk for s in chosen]}
        )
        assert response.status_code == 302

    for statement in chosen:
        latest, previous = statement.history.all()[:2]
        assert (latest.status, previous.status) == ("published", "draft")
        assert issue_slugs(latest.issues.all()) == {i.slug for i in statement.issues.all()}
        assert issue_slugs(previous.issues.all()) == {i.slug for i in statement.issues.all()}
        assert latest.history_change_reason == "Published from the statement list"
        history = page_text(
            admin_client.get(reverse("admin:summits_statement_history", args=[statement.pk]))
        )
        assert "Issues:" not in history  # no fake issue changes


def test_it_shows_a_text_change_in_full_as_a_word_diff(admin_client, sochi):
    statement = Statement.objects.get(text__startswith="We have been mandated")
    # Recorded as the article's account instead, so the new words need not be verbatim.
    new_text = statement.text.replace("very successful", "quite successful")

    change(admin_client, Statement, statement, kind="paraphrase", text=new_text)

    response = admin_client.get(reverse("admin:summits_statement_history", args=[statement.pk]))
    content = response.content.decode()
    assert "<del>very</del> <ins>quite</ins>" in content
    text = page_text(response)
    assert "chars]" not in text
    assert "We have been mandated to take all necessary means to protect civilians" in text
    assert "successfully implemented the Security Council resolution" in text


def test_it_prints_no_none_placeholders_in_history(admin_client, sochi):
    statement = Statement.objects.get(text="Good weather, good relations")
    change(admin_client, Statement, statement, context="smiling")

    response = admin_client.get(reverse("admin:summits_statement_history", args=[statement.pk]))

    assert "None" not in page_text(response).split('id="change-history"')[1]


def test_it_gives_a_later_change_of_links_a_version_of_its_own(
    sochi, django_capture_on_commit_callbacks
):
    statement = Statement.objects.get(text="Good weather, good relations")
    libya = Issue.objects.get(slug="libya")
    with django_capture_on_commit_callbacks(execute=True):
        statement.context = "joked at the final press conference"
        statement.save()
    saved = statement.history.first()
    links_when_saved = issue_slugs(saved.issues.all())

    # Later, in a shell or a script: the save's transaction is long over.
    with django_capture_on_commit_callbacks(execute=True):
        statement.issues.add(libya)

    assert statement.history.first().pk != saved.pk
    assert "libya" in issue_slugs(statement.history.first().issues.all())
    saved.refresh_from_db()
    assert issue_slugs(saved.issues.all()) == links_when_saved
