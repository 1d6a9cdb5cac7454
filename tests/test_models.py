"""Integrity that the database enforces, whoever writes to it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from summits.models import Article, Issue, Participant, Statement, Summit


def test_it_refuses_an_unknown_stance_in_the_database(sochi):
    statement = Statement.objects.filter(summit=sochi).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(stance="furious")


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Statement, "kind", "rumour"),
        (Statement, "status", "archived"),
        (Participant, "kind", "robot"),
    ],
)
def test_it_refuses_other_bad_enum_values(sochi, model, field, value):
    row = model.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: value})


def test_it_refuses_a_raw_insert_that_skips_the_orm(sochi):
    statement = Statement.objects.first()
    table = Statement._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET kind = %s WHERE id = %s", ["gossip", statement.pk])


def test_it_refuses_a_duplicate_slug(sochi):
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(name="Another Medvedev", slug="dmitry-medvedev")
    with pytest.raises(IntegrityError), transaction.atomic():
        Issue.objects.create(name="Missile shield", slug="missile-defense")


def test_it_refuses_a_summit_that_ends_before_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Summit.objects.create(
            name="Backwards", slug="backwards", starts_on="2011-07-04", ends_on="2011-07-01"
        )


@pytest.mark.parametrize(
    "cited",
    [
        lambda: Participant.objects.get(slug="sergei-lavrov"),
        lambda: Issue.objects.get(slug="libya"),
        lambda: Article.objects.get(key="dw-2011-07-04"),
        lambda: Summit.objects.get(slug="sochi-2011"),
    ],
    ids=["participant", "issue", "article", "summit"],
)
def test_it_refuses_to_delete_what_statements_cite(sochi, cited):
    before = Statement.objects.count()
    with pytest.raises(ProtectedError), transaction.atomic():
        cited().delete()
    assert Statement.objects.count() == before
    assert cited().pk


def test_it_deletes_an_issue_nobody_cited(sochi):
    Issue.objects.create(name="Arctic", slug="arctic")
    Issue.objects.get(slug="arctic").delete()
    assert not Issue.objects.filter(slug="arctic").exists()


def test_it_refuses_to_save_an_altered_quote(sochi):
    statement = Statement.objects.get(text__startswith="We all want Libya")
    statement.text = "We all want Libya to be a modern, democratic state"
    with pytest.raises(ValidationError) as caught:
        statement.save()
    assert "does not appear in the article 'At loggerheads'" in str(caught.value)
    statement.refresh_from_db()
    assert statement.text == "We all want Libya to be a modern, sovereign state"


def test_it_accepts_the_altered_words_as_a_paraphrase(sochi):
    statement = Statement.objects.get(text__startswith="We all want Libya")
    statement.kind = Statement.Kind.PARAPHRASE
    statement.text = "Everyone wants Libya to become a modern, sovereign state."
    statement.save()
    statement.refresh_from_db()
    assert statement.kind == "paraphrase"


def test_it_refuses_an_article_edit_that_strands_a_quote(sochi):
    article = Article.objects.get(key="dw-2011-07-04")
    article.body = article.body.replace("Good weather, good relations", "Fine weather")
    with pytest.raises(ValidationError):
        article.save()
    article.refresh_from_db()
    assert "Good weather, good relations" in article.body


def test_it_gives_every_statement_a_short_permanent_public_id(sochi):
    statement = Statement.objects.first()
    public_id = statement.public_id
    assert len(public_id) == 8
    statement.context = "edited"
    statement.save()
    statement.refresh_from_db()
    assert statement.public_id == public_id
    assert statement.get_absolute_url() == f"/s/{public_id}/"
    assert Statement.objects.values("public_id").distinct().count() == Statement.objects.count()


def test_it_keeps_history_of_edits(sochi):
    statement = Statement.objects.get(text__startswith="We all want Libya")
    before = statement.history.count()
    statement.context = "at the closing press conference"
    statement.save()
    assert statement.history.count() == before + 1
    assert statement.history.earliest().context == "told reporters at the conference"
    assert statement.history.first().context == "at the closing press conference"


def test_it_keeps_the_issue_links_of_each_version(sochi):
    statement = Statement.objects.get(text__startswith="We all want Libya")
    statement.issues.set([Issue.objects.get(slug="libya-ceasefire")])
    imported = statement.history.last()
    # The import saved the statement and then linked its issue: one version, with the link.
    assert [link.issue.slug for link in imported.issues.all()] == ["libya"]
    assert statement.history.count() == 2
    newest = statement.history.first()
    assert [link.issue.slug for link in newest.issues.all()] == ["libya-ceasefire"]
    earlier = [[link.issue.slug for link in v.issues.all()] for v in statement.history.all()]
    assert ["libya"] in earlier
    statement.issues.add(Issue.objects.get(slug="libya"))
    latest = statement.history.first()
    assert sorted(link.issue.slug for link in latest.issues.all()) == ["libya", "libya-ceasefire"]


def test_it_places_statements_where_their_words_stand(sochi):
    article = Article.objects.get()
    speaker = Participant.objects.get(slug="sergei-lavrov")

    def add(kind: str, text: str, **values) -> Statement:
        return Statement.objects.create(
            article=article, speaker=speaker, kind=kind, text=text, **values
        )

    quote = add("quote", "We will support everything that fosters the swiftest halt")
    paraphrase = add("paraphrase", "Lavrov said the African Union's plans focused on peace talks.")
    elsewhere = add("paraphrase", "A word about the weather in Moscow.")
    chosen = add("quote", "We did not agree.", position=7)

    assert quote.position == article.body.index("We will support") + 1
    assert paraphrase.position == article.body.index("NATO and Russia promised") + 1
    assert elsewhere.position == len(article.body) + 1
    assert chosen.position == 7  # an editor's order stands
    in_order = list(article.statements.values_list("text", flat=True))
    assert in_order.index("supposed to do") < in_order.index(paraphrase.text)
    assert in_order.index(paraphrase.text) < in_order.index(quote.text)
    assert in_order[-1] == elsewhere.text
