"""The synthetic corpus behaves like real coverage and is the same for the same seed."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from summits.models import Article, Attendance, Issue, Participant, Statement, Summit
from summits.quotes import quote_occurs_in


def generated() -> list[tuple]:
    return list(
        Statement.objects.order_by("public_id").values_list(
            "public_id", "speaker__name", "kind", "text", "stance", "status", "summit__slug"
        )
    )


def wipe() -> None:
    Statement.objects.all().delete()
    Article.objects.all().delete()
    Attendance.objects.all().delete()
    Summit.objects.all().delete()
    Participant.objects.all().delete()
    Issue.objects.all().delete()


def test_it_generates_the_asked_numbers(db):
    call_command("generate_corpus", "--summits", "12", "--statements", "600", stdout=None)
    assert Summit.objects.count() == 12
    assert Statement.objects.count() == 600


def test_it_is_deterministic_for_a_seed(db):
    call_command("generate_corpus", "--summits", "5", "--statements", "300", "--seed", "7")
    first = generated()
    wipe()
    call_command("generate_corpus", "--summits", "5", "--statements", "300", "--seed", "7")
    assert generated() == first


def test_it_keeps_every_quote_verbatim_in_its_article(db):
    call_command("generate_corpus", "--summits", "6", "--statements", "400")
    quotes = Statement.objects.filter(kind="quote").select_related("article")
    assert quotes.count() > 100
    assert all(quote_occurs_in(q.text, q.article.body) for q in quotes)


def test_it_lets_a_few_speakers_say_most(db):
    call_command("generate_corpus", "--summits", "20", "--statements", "2000")
    counts = sorted(
        Statement.objects.values("speaker").annotate(n=Count("pk")).values_list("n", flat=True),
        reverse=True,
    )
    top_tenth = counts[: max(1, len(counts) // 10)]
    assert sum(top_tenth) > 0.3 * sum(counts)


def test_it_brings_participants_back_with_changing_roles(db):
    call_command("generate_corpus", "--summits", "20", "--statements", "2000")
    recurring = (
        Attendance.objects.values("participant")
        .annotate(summits=Count("summit", distinct=True), roles=Count("role", distinct=True))
        .filter(summits__gt=1, roles__gt=1)
    )
    assert recurring.exists()
    agenda_sizes = Summit.objects.annotate(n=Count("issues")).values_list("n", flat=True)
    assert all(3 <= n <= 12 for n in agenda_sizes)
    assert Statement.objects.filter(status="published").count() > 0.85 * Statement.objects.count()


def test_it_refuses_to_generate_the_same_seed_twice(db):
    call_command("generate_corpus", "--summits", "2", "--statements", "10", "--seed", "4")
    with pytest.raises(CommandError, match="seed 4 is already"):
        call_command("generate_corpus", "--summits", "2", "--statements", "10", "--seed", "4")
