"""Coverage for tests to start from: the seed bundle, a second summit, more statements.

The Sochi seed itself is the `sochi` fixture (tests/conftest.py).
"""

from pathlib import Path

from summits.models import Article, Issue, Participant, Statement, StatementIssue, Summit

SEED = Path(__file__).resolve().parent.parent / "summits" / "fixtures" / "sochi-2011.json"

# A second summit, earlier than Sochi, where Medvedev spoke on missile defense too.
LISBON = {
    "format": "loggerheads-coverage/1",
    "summit": {
        "name": "NATO-Russia Council, Lisbon 2010",
        "slug": "lisbon-2010",
        "starts_on": "2010-11-20",
        "ends_on": "2010-11-20",
        "city": "Lisbon",
        "country": "Portugal",
        "forum": "NATO-Russia Council",
    },
    "participants": [
        {
            "name": "Dmitry Medvedev",
            "slug": "dmitry-medvedev",
            "role": "President of the Russian Federation",
            "delegation": "Russia",
        }
    ],
    # Issues are shared by slug across bundles: the same wording keeps Sochi's issue as it is.
    "issues": [
        {
            "name": "Missile defense",
            "slug": "missile-defense",
            "proposition": "NATO should build its European missile defense system as planned.",
            "description": "Western plans for a missile defense shield in Eastern Europe, which "
            "Russia sees as a threat to its national security unless it takes part.",
        }
    ],
    "articles": [
        {
            "key": "lisbon-wire",
            "title": "Medvedev open to missile shield talks",
            "outlet": "Wire",
            "published_on": "2010-11-20",
            "body": 'Medvedev said: "We are ready to cooperate on missile defense." He left.',
        }
    ],
    "statements": [
        {
            "speaker": "dmitry-medvedev",
            "issues": ["missile-defense"],
            "article": "lisbon-wire",
            "kind": "quote",
            "text": "We are ready to cooperate on missile defense.",
            "stance": "conditional",
            "said_on": "2010-11-20",
        }
    ],
}


def add_statements(
    summit: Summit,
    count: int,
    speaker_slug: str = "sergei-lavrov",
    wording: str = "Russia will answer the shield",
) -> None:
    """More published paraphrases on missile defense, to show query counts do not grow."""
    article = summit.articles.first()
    speaker = Participant.objects.get(slug=speaker_slug)
    issue = summit.issues.get(slug="missile-defense")
    for n in range(count):
        statement = Statement.objects.create(
            article=article,
            speaker=speaker,
            kind=Statement.Kind.PARAPHRASE,
            text=f"{wording}, statement {n}.",
            stance=Statement.Stance.OPPOSES,
            status=Statement.Status.PUBLISHED,
            # After the seed's statements, whose positions are offsets in the article's text.
            position=10_000 + n,
        )
        StatementIssue.objects.create(statement=statement, issue=issue)


def paraphrase(speaker: str, text: str, issue: str, **fields) -> Statement:
    """A paraphrase in the seed's one article, by the participant and on the issue with these
    slugs; other fields (stance, status, position) as given, else the model's defaults."""
    statement = Statement.objects.create(
        article=Article.objects.get(),
        speaker=Participant.objects.get(slug=speaker),
        kind=Statement.Kind.PARAPHRASE,
        text=text,
        **fields,
    )
    statement.issues.add(Issue.objects.get(slug=issue))
    return statement


def drafted(**lookup: object) -> Statement:
    """The statement these lookups find, taken back to draft and saved (so its history has it)."""
    statement = Statement.objects.get(**lookup)
    statement.status = Statement.Status.DRAFT
    statement.save()
    return statement
