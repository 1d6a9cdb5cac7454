"""Queries compiled once per shape (summits/compiled.py) read what the ORM would read."""

from datetime import UTC, date, datetime
from functools import partial

import pytest
from django.db.models import Q

from summits.bundles import import_bundle
from summits.compiled import BoundQuery, IdArray, compiled
from summits.filters import among
from summits.models import Article, CoverageRevision, Statement, Summit
from summits.views import (
    from_json_row,
    listed_before,
    participant_statements,
    place_on_summit_page,
    statements_in_order,
    summit_articles,
    summit_attendances,
    summit_issues,
    summit_overview,
    summit_tally,
)
from tests.factories import LISBON


def by_speaker(speaker_id: int, summit_id: int):
    statements = Statement.objects.published().filter(speaker_id=speaker_id, summit_id=summit_id)
    return statements.for_display().order_by("position", "pk")


def test_one_shape_reads_each_requests_values(sochi):
    import_bundle(LISBON)
    pairs = Statement.objects.published().values_list("speaker_id", "summit_id").distinct()
    assert len(pairs) > 3
    for speaker_id, summit_id in pairs:
        query = compiled("test-by-speaker", by_speaker, [speaker_id, summit_id])
        rows = query.rows([speaker_id, summit_id], limit=100)
        expected = list(by_speaker(speaker_id, summit_id))
        assert [s.pk for s in rows] == [s.pk for s in expected]
        # Joined rows and annotations come as the ORM makes them.
        assert [(s.speaker.name, s.summit.slug, s.speaker_role) for s in rows] == [
            (s.speaker.name, s.summit.slug, s.speaker_role) for s in expected
        ]
        assert query.count([speaker_id, summit_id]) == len(expected)


def test_a_bound_query_pages_as_the_queryset_does(sochi):
    import_bundle(LISBON)
    speaker = Statement.objects.published().values_list("speaker_id", flat=True).first()
    bound = BoundQuery(compiled("participant", participant_statements, [speaker]), [speaker])
    everything = list(participant_statements(speaker))
    assert len(bound) == len(everything)
    assert [s.pk for s in bound[1:3]] == [s.pk for s in everything[1:3]]


def test_the_place_on_the_summit_page_counts_as_the_orm_does(sochi):
    for statement in Statement.objects.published().select_related("article"):
        published_on = statement.article.published_on
        values = [statement.summit_id, statement.article_id, statement.position, statement.pk]
        orm = listed_before(*values, *([published_on] if published_on else [])).count()
        assert place_on_summit_page(statement) == orm


def test_a_value_the_sql_does_not_carry_as_it_is_refused():
    # A LIKE pattern wraps its value: the SQL could not be run for another.
    def named(name: str):
        return Summit.objects.filter(Q(name__icontains=name))

    with pytest.raises(ValueError, match="not parameters"):
        compiled("test-like", named, ["Sochi"])


def test_a_value_also_used_transformed_is_refused():
    # Bound where it is compared as it is, it would stay a constant inside the pattern.
    def named_or_like(name: str):
        return Summit.objects.filter(Q(name=name) | Q(name__icontains=name))

    with pytest.raises(ValueError, match="other than as a parameter"):
        compiled("test-exact-and-like", named_or_like, ["Sochi"])


@pytest.mark.postgres
@pytest.mark.django_db
def test_ids_are_bound_as_one_array_and_find_what_a_list_finds(sochi):
    ids = list(Statement.objects.order_by("-pk").values_list("pk", flat=True))
    chosen = [*ids[::2], 2_000_000_123]  # the last, an id no statement has
    assert isinstance(among(chosen).source_expressions[1].value, IdArray)
    found = Statement.objects.filter(among(chosen)).order_by("pk")
    assert list(found) == list(Statement.objects.filter(pk__in=chosen).order_by("pk"))
    assert list(Statement.objects.filter(among([]))) == []
    # Compiled once, then bound with other ids: each time the rows of those ids, in order.
    for some in (chosen, ids[1::2], ids[:1]):
        assert [s.pk for s in statements_in_order(some)] == [pk for pk in some if pk in ids]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_summit_overview_in_one_statement_reads_what_its_four_queries_read(sochi):
    import_bundle(LISBON)
    undated = Article.objects.filter(summit=sochi).first()
    undated.published_on = None
    undated.authors = ["A. Writer", "B. <Writer>"]
    undated.save(check_quotes=False)
    for summit in Summit.objects.all():
        pk = [summit.pk]
        overview = summit_overview(pk)
        assert overview["attendances"] == list(summit_attendances(summit.pk))
        tally = list(summit_tally(summit.pk))
        assert sorted(overview["tally"], key=repr) == sorted(tally, key=repr)
        fields = ["pk", "name", "slug", "proposition", "description"]
        assert [[getattr(i, f) for f in fields] for i in overview["issues"]] == [
            [getattr(i, f) for f in fields] for i in summit_issues(summit.pk)
        ]
        expected = list(partial(summit_articles, preview=False)(summit.pk))
        fields = ["pk", "summit_id", "key", "title", "outlet", "url", "published_on", "authors"]
        assert [[getattr(a, f) for f in fields] for a in overview["articles"]] == [
            [getattr(a, f) for f in fields] for a in expected
        ]
        assert all(a.get_deferred_fields() == {"body"} for a in overview["articles"])


def test_a_model_from_json_columns_gets_each_field_as_its_type():
    # JSON gives a day, a timestamp or a number as text or a float; the overview's models
    # must hold what the ORM would (a field added to Issue or Article later included).
    revision = from_json_row(
        CoverageRevision, {"id": 1, "number": 3, "changed_at": "2026-11-27T10:00:00+00:00"}
    )
    article = from_json_row(Article, {"id": 7, "published_on": "2011-06-01"})

    assert revision.changed_at == datetime(2026, 11, 27, 10, tzinfo=UTC)
    assert revision.number == 3
    assert article.published_on == date(2011, 6, 1)
    assert article.get_deferred_fields() >= {"title", "body"}
