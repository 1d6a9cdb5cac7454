"""Every reader page costs the same number of queries on a corpus ten times larger.

Budgets (issue 5, each one lower since issue 14 counts the facets in one query): summit page
<= 6 (it ran 8, 5 since its overview's four queries are one statement), filtered htmx
fragment <= 5, search <= 9 (one more since a search finds the ids its
words name other than by the text, for every word at once, before the ids the words find
together), permalink <= 5, participant and issue pages <= 8, home <= 6. Counted uncached,
revision lookup included.
"""

import pytest
from django.core.management import call_command

from summits.bundles import import_bundle, read_bundle
from summits.models import Participant, Statement, StatementIssue, Summit
from summits.utterances import group
from tests.conftest import SEED
from tests.pages import uncached_queries

BUDGETS = {
    "home": 6,
    "summit": 6,
    "summit_filtered": 9,
    "fragment": 5,
    "search": 9,
    "permalink": 5,
    "participant": 8,
    "issue": 8,
}


def pages() -> dict[str, tuple[str, dict]]:
    report = Statement.objects.get(text__startswith="it is precisely these sorts")
    return {
        "home": ("/", {}),
        "summit": ("/summits/sochi-2011/", {}),
        "summit_filtered": ("/summits/sochi-2011/?actor=sergei-lavrov&issue=libya-ceasefire", {}),
        "fragment": ("/summits/sochi-2011/?actor=sergei-lavrov", {"HX-Request": "true"}),
        "search": ("/search/?q=ceasefire", {}),
        "permalink": (report.get_absolute_url(), {}),
        "participant": ("/participants/dmitry-medvedev/", {}),
        "issue": ("/issues/nato-russia-relations/", {}),
    }


def measure(client) -> dict[str, int]:
    counts = {}
    for name, (url, headers) in pages().items():
        counts[name] = uncached_queries(client, url, headers)
    return counts


def grow(summit: Summit, count: int) -> None:
    """More published statements on the measured pages: every speaker, issue and stance,
    and more reports of one utterance (every third statement by a speaker joins one)."""
    article = summit.articles.first()
    grouped: dict[int, list[Statement]] = {}
    speakers = list(Participant.objects.filter(attendances__summit=summit))
    issues = list(summit.issues.all())
    stances = [s for s in Statement.Stance.values]
    for n in range(count):
        statement = Statement.objects.create(
            article=article,
            speaker=speakers[n % len(speakers)],
            kind=Statement.Kind.PARAPHRASE,
            text=f"A position on the ceasefire, number {n}.",
            stance=stances[n % len(stances)],
            status=Statement.Status.PUBLISHED,
            position=1000 + n,
        )
        StatementIssue.objects.create(statement=statement, issue=issues[n % len(issues)])
        if n % 3 == 0:
            grouped.setdefault(statement.speaker_id, []).append(statement)
    for reports in grouped.values():
        if len(reports) > 1:
            group(reports)


@pytest.mark.django_db
def test_it_keeps_every_page_within_budget_on_a_ten_times_larger_corpus(client, sochi):
    # A second outlet's report, grouped with DW's: the pages show utterances with reports.
    import_bundle(read_bundle(SEED.parent / "sochi-2011-kremlin.json"))
    call_command("generate_corpus", "--summits", "3", "--statements", "150", "--seed", "11")
    small = measure(client)
    grow(sochi, 9 * Statement.objects.filter(summit=sochi).count())
    call_command("generate_corpus", "--summits", "30", "--statements", "1500", "--seed", "12")
    large = measure(client)
    assert large == small
    over = {name: n for name, n in large.items() if n > BUDGETS[name]}
    assert not over, f"over budget: {over} (budgets {BUDGETS})"
