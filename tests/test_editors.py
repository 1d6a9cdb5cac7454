"""The Editors group: enough to manage coverage in the admin, nothing beyond it."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from summits.models import Statement
from tests.pages import add_statement, page_text

COVERAGE = ["summit", "participant", "attendance", "issue", "article", "statement"]
COVERAGE += ["statementissue"]
# Editors keep participants' names, so their aliases too (migration 0006).
COVERAGE += ["participantalias"]


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("jana", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_it_gives_the_group_exactly_the_coverage_permissions(db):
    group = Group.objects.get(name="Editors")
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))

    expected = {
        ("summits", f"{action}_{model}")
        for model in COVERAGE
        for action in ("add", "change", "delete", "view")
    }
    expected |= {
        ("summits", f"view_historical{model}")
        for model in [
            "summit",
            "participant",
            "attendance",
            "issue",
            "article",
            "statement",
            "statementissue",
            "participantalias",
        ]
    }
    assert granted == expected
    assert not group.user_set.exists()


def test_it_lets_an_editor_add_a_statement(editor_client, sochi):
    response = add_statement(editor_client, "We accepted the NATO position as an accomplished fact")

    assert response.status_code == 302
    statement = Statement.objects.get(text__startswith="We accepted the NATO position")
    assert statement.status == Statement.Status.DRAFT
    assert statement.history.first().history_user.username == "jana"


def test_it_lets_an_editor_publish_and_revert(editor_client, sochi):
    statement = Statement.objects.first()
    response = editor_client.post(
        reverse("admin:summits_statement_changelist"),
        {"action": "unpublish", "_selected_action": [statement.pk]},
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT
    history = editor_client.get(reverse("admin:summits_statement_history", args=[statement.pk]))
    assert history.status_code == 200


def test_it_shows_an_editor_the_coverage_and_not_the_users(editor_client, sochi):
    index = page_text(editor_client.get(reverse("admin:index")))

    assert "Statements" in index and "Articles" in index
    assert "Users" not in index and "Groups" not in index
    assert editor_client.get(reverse("admin:auth_user_add")).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_it_shows_staff_without_the_group_nothing_to_change(client, sochi):
    staff = User.objects.create_user("visitor", password="x", is_staff=True)
    client.force_login(staff)

    index = page_text(client.get(reverse("admin:index")))

    assert "You don’t have permission to view or edit anything." in index
    assert client.get(reverse("admin:summits_statement_changelist")).status_code == 403
    assert client.get(reverse("admin:summits_statement_add")).status_code == 403
