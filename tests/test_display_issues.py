"""A displayed statement's issues: read with the statement (for_display), in name order, and
as usable as prefetch_related("issues") left them."""

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from summits.models import Issue, Statement, StatementIssue
from tests.pages import HTMX, uncached_queries


def on_every_issue(sochi) -> Statement:
    statement = Statement.objects.filter(summit=sochi, status="published").order_by("pk").first()
    for issue in sochi.issues.all():
        StatementIssue.objects.get_or_create(statement=statement, issue=issue)
    return statement


@pytest.mark.django_db
def test_it_gives_each_statement_its_issues_in_name_order(sochi):
    statement = on_every_issue(sochi)
    shown = Statement.objects.for_display().get(pk=statement.pk)
    names = [issue.name for issue in shown.issues.all()]
    assert names == sorted(issue.name for issue in sochi.issues.all())
    # Whole issues, as the ORM would load them.
    first = shown.issues.all()[0]
    assert first == Issue.objects.get(name=names[0])
    assert (first.slug, first.proposition) == (
        Issue.objects.get(pk=first.pk).slug,
        Issue.objects.get(pk=first.pk).proposition,
    )
    # A statement on no issue has none.
    bare = Statement.objects.filter(status="published").exclude(pk=statement.pk)
    bare = bare.filter(issues__isnull=True).first() or Statement.objects.create(
        article=statement.article,
        speaker=statement.speaker,
        kind=Statement.Kind.PARAPHRASE,
        text="A word on nothing in particular.",
        status=Statement.Status.PUBLISHED,
    )
    assert list(Statement.objects.for_display().get(pk=bare.pk).issues.all()) == []


@pytest.mark.django_db
def test_it_keeps_a_query_built_on_the_issues_to_the_statement(sochi):
    statement = on_every_issue(sochi)
    other = Statement.objects.filter(summit=sochi).exclude(pk=statement.pk).first()
    StatementIssue.objects.filter(statement=other).delete()
    agenda = sochi.issues.count()
    both = Statement.objects.for_display().filter(pk__in=[statement.pk, other.pk])
    shown = {s.pk: s for s in both}
    with CaptureQueriesContext(connection) as read:
        assert shown[statement.pk].issues.count() == agenda
        assert list(shown[other.pk].issues.all()) == []
    assert not read.captured_queries
    # Narrowed further, the issues are queried, and only this statement's.
    narrowed = shown[other.pk].issues.filter(slug__startswith="")
    assert list(narrowed) == []
    assert shown[statement.pk].issues.filter(slug="missile-defense").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_permalink_reads_its_issues_with_the_statement(client, sochi):
    statement = on_every_issue(sochi)
    # The revision, and the statement with its issues.
    assert uncached_queries(client, statement.get_absolute_url()) == 2


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_list_reads_its_issues_with_the_statements(client, sochi):
    # The revision, the summit, the facet counts and the listed statements with their issues.
    fragment = "/summits/sochi-2011/?actor=sergei-lavrov"
    assert uncached_queries(client, fragment, HTMX) == 4


@pytest.mark.django_db
def test_the_issues_queryset_is_built_only_when_asked_and_a_write_retires_it(sochi):
    statement = on_every_issue(sochi)
    shown = Statement.objects.for_display().get(pk=statement.pk)
    agenda = sorted(issue.name for issue in sochi.issues.all())
    with CaptureQueriesContext(connection) as read:
        assert [issue.name for issue in shown.displayed_issues()] == agenda
        assert "issues" in shown._prefetched_objects_cache
        assert [issue.name for issue in shown.issues.all()] == agenda
    assert not read.captured_queries
    # Pickled (as a cache would keep it) and copied, it still has them.
    restored = pickle.loads(pickle.dumps(Statement.objects.for_display().get(pk=statement.pk)))
    assert [issue.name for issue in restored.displayed_issues()] == agenda
    # A write through the manager, before or after the queryset was built, is read back.
    for fresh in (Statement.objects.for_display().get(pk=statement.pk), shown):
        dropped = fresh.displayed_issues()[0]
        fresh.issues.remove(dropped)
        assert dropped not in fresh.issues.all()
        assert dropped not in fresh.displayed_issues()
        fresh.issues.add(dropped)
        assert dropped in fresh.issues.all()
    # refresh_from_db forgets them as it forgets a prefetch.
    unread = Statement.objects.for_display().get(pk=statement.pk)
    StatementIssue.objects.filter(statement=statement).delete()
    unread.refresh_from_db()
    assert list(unread.issues.all()) == []
    assert unread.displayed_issues() == []
    unread = Statement.objects.for_display().get(pk=statement.pk)
    unread.refresh_from_db(fields=["issues"])
    assert list(unread.issues.all()) == []
