"""The Sochi summit as `make run` loads it: faithful to the article, quote by quote."""

import re
from pathlib import Path

from summits.models import Article, Participant, Statement
from summits.quotes import fold, quote_occurs_in

# The article as DW published it, vendored beside the bundle made from it: the bundle's body is
# cleaned, so only the original can show a quote was not reworded in the cleaning.
ORIGINAL = Path(__file__).resolve().parent.parent / "summits" / "fixtures" / "at-loggerheads.txt"
# A passage between double quotation marks, or closed by two apostrophes.
QUOTED = re.compile(r"\"([^\"]+?)(?:\"|'')")


def test_it_loads_the_speakers_the_article_names(sochi):
    speakers = set(
        Participant.objects.filter(statements__summit=sochi).values_list("name", flat=True)
    )
    assert {"Dmitry Medvedev", "Sergei Lavrov", "Anders Fogh Rasmussen", "Jacob Zuma"} <= speakers
    assert Participant.objects.get(slug="the-kremlin").kind == "organization"


def test_it_loads_the_issues_with_propositions(sochi):
    issues = {issue.slug: issue for issue in sochi.issues.all()}
    assert {"missile-defense", "libya", "nato-russia-relations"} <= issues.keys()
    assert all(issue.proposition for issue in issues.values())


def test_it_cleans_the_article_glitches(sochi):
    article = Article.objects.get(summit=sochi)
    assert article.body.startswith("According to Russian president Dmitry Medvedev")
    assert "2011According" not in article.body
    assert "Editor" not in article.body and "Author" not in article.body
    assert article.editors == ["Michael Lawton"]
    assert article.authors == ["Geert Groot Koerkamp"]
    assert str(article.published_on) == "2011-07-04"


def test_it_records_every_quote_verbatim_against_the_original_text(sochi):
    original = ORIGINAL.read_text(encoding="utf-8")
    quotes = Statement.objects.filter(summit=sochi, kind="quote")
    assert quotes.count() >= 10
    for statement in quotes:
        assert quote_occurs_in(statement.text, original), statement.text


def test_it_records_every_passage_in_quotation_marks_as_a_quote(sochi):
    body = Article.objects.get(summit=sochi).body
    recorded = [fold(s.text) for s in Statement.objects.filter(summit=sochi, kind="quote")]
    passages = [fold(match.group(1)).rstrip(",. ") for match in QUOTED.finditer(body)]
    assert len(passages) == 11
    for passage in passages:
        assert any(passage in text for text in recorded), passage


def test_it_records_reported_positions_as_paraphrases_with_issues(sochi):
    paraphrases = Statement.objects.filter(summit=sochi, kind="paraphrase")
    assert paraphrases.count() >= 10
    assert not paraphrases.filter(issues=None).exists()
    lavrov = paraphrases.filter(speaker__slug="sergei-lavrov", issues__slug="missile-defense")
    assert lavrov.get().stance == "opposes"


def test_it_keeps_statements_in_the_article_s_order(sochi):
    texts = list(Statement.objects.filter(summit=sochi).values_list("text", flat=True))
    assert texts[1] == "Good weather, good relations"
    assert texts[-1].startswith("any solution must accommodate")


def test_it_starts_each_test_from_the_imported_summit_a(sochi):
    # This test and the next share the seed's transaction (tests/conftest.py, SeedTransaction):
    # whichever runs second must not see what the first changed.
    Statement.objects.filter(summit=sochi).update(status=Statement.Status.DRAFT)
    sochi.name = "Renamed by the test before"
    sochi.save()


def test_it_starts_each_test_from_the_imported_summit_b(sochi):
    assert sochi.name == "NATO-Russia Council, Sochi 2011"
    assert not Statement.objects.filter(summit=sochi, status=Statement.Status.DRAFT).exists()


def test_it_keeps_the_seed_from_a_test_that_does_not_ask_for_it(db):
    # Runs after tests that held the seed open: it must find the database as empty as ever.
    assert not Participant.objects.exists()
    assert not Article.objects.exists()
