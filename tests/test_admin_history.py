"""History in the admin: every editorial change is kept, listed, and can be reverted."""

import pytest
from django.urls import reverse

from summits.models import Article, Issue, Participant, Statement, Summit
from tests.pages import form_data, page_text


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
    assert value in page_text(response)


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
