"""Synthetic but realistic coverage, for measuring the site at archive scale.

The shape follows real summit reporting: a few leaders say most of what is quoted (Zipf),
the same people come back summit after summit with changing roles, each summit has a handful
of issues on its agenda, and every quote stands verbatim in the body of the article that
reports it. The same seed always gives the same corpus. Rows are written with bulk inserts,
so history is not recorded for generated data.
"""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.text import slugify

from summits.models import (
    PUBLIC_ID_ALPHABET,
    PUBLIC_ID_LENGTH,
    Article,
    Attendance,
    Issue,
    Participant,
    Statement,
    StatementIssue,
    Summit,
)
from summits.revision import advance_revision

FIRST_NAMES = (
    "Anna Boris Carlos Dilma Emmanuel Fatima Gordon Helmut Indira Jacques Kofi Lula Margaret "
    "Nelson Olaf Pedro Recep Silvio Theresa Vladimir Angela Barack Cyril Dmitry Ellen Felipe "
    "Gerhard Hu Ibrahim Jean Kevin Lee Mario Narendra Ursula Romano Shinzo Tony Xi Yoshihiko"
).split()
LAST_NAMES = (
    "Abe Bachelet Blair Brown Chirac Draghi Erdogan Fernandez Gandhi Hollande Ishiba Juncker "
    "Kohl Lagarde Macron Mandela Merkel Modi Nakamura Obama Prodi Putin Ramaphosa Rousseff "
    "Sarkozy Scholz Singh Sirleaf Suga Tusk Varga Wen Yeltsin Zapatero Lavrov Rasmussen Annan"
).split()
COUNTRIES = (
    "Russia France Germany Italy Japan Canada Brazil India China Turkey Poland Spain Mexico "
    "Indonesia Nigeria Egypt Argentina Australia Korea Ukraine Norway Sweden Chile Kenya"
).split()
CITIES = (
    "Sochi Deauville Lisbon Bucharest Gleneagles Evian Heiligendamm Toyako Muskoka Camp-David "
    "Lough-Erne Elmau Ise-Shima Taormina Charlevoix Biarritz Cornwall Hiroshima Apulia Vilnius "
    "Madrid Brussels Warsaw Newport Riga Istanbul Prague Strasbourg Helsinki Rome"
).split()
FORUMS = (
    "G8",
    "G20",
    "NATO Summit",
    "NATO-Russia Council",
    "European Council",
    "EU-Russia Summit",
    "BRICS Summit",
    "ASEAN Summit",
    "African Union Summit",
    "UN Climate Conference",
)
ROLES = (
    "President of {country}",
    "Prime Minister of {country}",
    "Foreign Minister of {country}",
    "Chancellor of {country}",
    "Finance Minister of {country}",
    "Defence Minister of {country}",
)
ORGANIZATIONS = (
    "The Kremlin",
    "The White House",
    "NATO",
    "The European Commission",
    "The African Union",
    "The Foreign Ministry of {country}",
    "The Government of {country}",
    "The Élysée",
)
# Each issue: its name, the proposition stances answer, and words its statements use.
TOPICS = (
    (
        "Missile defense",
        "NATO should build its missile defense system as planned",
        "missile shield radar interceptors security",
    ),
    (
        "Libya",
        "The air campaign in Libya should continue",
        "Libya civilians mandate ceasefire regime",
    ),
    (
        "Climate finance",
        "Rich countries should fund climate adaptation",
        "climate emissions adaptation fund warming",
    ),
    ("Trade tariffs", "Tariffs on steel should be lifted", "tariffs steel exports trade markets"),
    (
        "Debt relief",
        "Creditors should write off poor countries' debt",
        "debt creditors relief loans default",
    ),
    (
        "Energy security",
        "Europe should cut its reliance on imported gas",
        "gas pipelines energy supply prices",
    ),
    (
        "Nuclear non-proliferation",
        "Iran's enrichment should be capped",
        "enrichment inspections uranium sanctions reactors",
    ),
    (
        "Syria",
        "Foreign forces should withdraw from Syria",
        "Syria refugees Damascus truce corridors",
    ),
    (
        "Ukraine",
        "Sanctions should stay until the ceasefire holds",
        "Ukraine sanctions border ceasefire Donbas",
    ),
    (
        "Migration",
        "Asylum seekers should be shared among member states",
        "asylum migrants borders quotas camps",
    ),
    ("Food security", "Grain exports should be guaranteed", "grain harvest famine exports prices"),
    (
        "Pandemic preparedness",
        "Vaccine patents should be waived",
        "vaccines patents pandemic doses hospitals",
    ),
    (
        "Banking regulation",
        "Banks should hold more capital",
        "banks capital bailout regulation bonuses",
    ),
    ("Arctic", "The Arctic should stay demilitarised", "Arctic ice shipping routes navy"),
    (
        "Cyber security",
        "States should agree rules for cyberspace",
        "cyber attacks hackers networks espionage",
    ),
    (
        "Development aid",
        "Aid should reach 0.7% of national income",
        "aid poverty development budgets schools",
    ),
)
VERBS = (
    "will support",
    "cannot accept",
    "are ready to discuss",
    "must not ignore",
    "will defend",
    "have always opposed",
    "welcome",
    "reject",
    "insist on",
    "will review",
)
OPENERS = (
    "We {verb} any plan on {word} that {tail}",
    "Our position on {word} is clear: we {verb} it unless it {tail}",
    "Nobody here {verb2} the {word} question lightly, because it {tail}",
    "On {word}, we {verb} what our partners propose, as long as it {tail}",
    "The {word} issue {tail}, and we {verb} that",
)
TAILS = (
    "respects the interests of our people",
    "threatens the stability of the whole region",
    "is built on trust, transparency and predictability",
    "does not divide our security",
    "goes beyond the mandate we agreed",
    "needs a decision before the winter",
    "has been discussed for far too long",
    "puts the burden on the poorest countries",
)
SPEECH = ("said", "told reporters", "stressed", "warned", "added", "insisted", "joked")
CONTEXTS = (
    "at the closing press conference",
    "in a joint statement with the host",
    "in an interview before the talks",
    "speaking to reporters on arrival",
    "after a bilateral meeting on the sidelines",
    "in the plenary session",
)
OUTLETS = ("DW", "Reuters", "AFP", "BBC News", "Le Monde", "The Guardian", "RIA Novosti", "AP")
STANCES = (
    (Statement.Stance.SUPPORTS, 30),
    (Statement.Stance.OPPOSES, 27),
    (Statement.Stance.CONDITIONAL, 15),
    (Statement.Stance.NEUTRAL, 13),
    (Statement.Stance.NONE, 15),
)
# The corpus's shape: how often a participant is an organisation, a statement has a single
# issue, is a verbatim quote rather than a paraphrase, and is published rather than a draft.
ORGANIZATION_SHARE = 0.15
SINGLE_ISSUE_SHARE = 0.8
QUOTE_SHARE = 0.55
PUBLISHED_SHARE = 0.95
STANCE_VALUES = [stance for stance, _ in STANCES]
STANCE_WEIGHTS = [weight for _, weight in STANCES]
BATCH = 5000


@dataclass
class CorpusSize:
    summits: int
    statements: int
    participants: int
    issues: int


def plan(summits: int, statements: int) -> CorpusSize:
    # Real archives have far fewer speakers than statements; a few hundred recur for decades.
    participants = max(20, min(5000, statements // 40))
    return CorpusSize(summits, statements, participants, len(TOPICS) * 4)


def generate(
    summits: int,
    statements: int,
    seed: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
) -> CorpusSize:
    """Add a synthetic corpus of `summits` summits and `statements` statements."""
    rng = random.Random(seed)
    size = plan(summits, statements)
    report = progress or (lambda stage, done, total: None)
    with transaction.atomic():
        taken_ids = set(Statement.objects.values_list("public_id", flat=True))
        participants = make_participants(rng, size.participants, seed)
        issues = make_issues(rng, size.issues, seed)
        vocabulary = {
            issue.pk: TOPICS[index % len(TOPICS)][2].split() for index, issue in enumerate(issues)
        }
        summit_rows = make_summits(rng, summits, seed)
        report("summits", summits, summits)
        # Zipf: the k-th most active speaker says about 1/k as much as the first.
        weights = [1 / (rank + 1) for rank in range(len(participants))]
        per_summit = split(rng, statements, summits)
        done = 0
        pending: list[Statement] = []
        pending_links: list[tuple[Statement, list[int]]] = []
        for summit, count in zip(summit_rows, per_summit, strict=True):
            agenda = rng.sample(issues, rng.randint(3, min(12, len(issues))))
            summit.issues.add(*agenda)
            speakers = pick_speakers(rng, participants, weights, count)
            make_attendances(rng, summit, speakers)
            articles = make_articles(rng, summit, count)
            for statement, issue_ids in make_statements(
                rng,
                summit,
                articles=articles,
                speakers=speakers,
                agenda=agenda,
                vocabulary=vocabulary,
                count=count,
                taken_ids=taken_ids,
            ):
                pending.append(statement)
                pending_links.append((statement, issue_ids))
            done += count
            if len(pending) >= BATCH:
                flush(pending, pending_links)
                report("statements", done, statements)
        flush(pending, pending_links)
        report("statements", done, statements)
        # Bulk inserts send no signals; cached pages must still learn of the new coverage.
        advance_revision()
    return size


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Spread statements over summits unevenly, as coverage is: big summits get more."""
    if parts <= 0:
        return []
    weights = [rng.paretovariate(1.5) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for index in range(total - sum(counts)):
        counts[index % parts] += 1
    return counts


def make_participants(rng: random.Random, count: int, seed: int) -> list[Participant]:
    rows = []
    for index in range(count):
        country = rng.choice(COUNTRIES)
        if rng.random() < ORGANIZATION_SHARE:
            name = rng.choice(ORGANIZATIONS).format(country=country)
            kind = Participant.Kind.ORGANIZATION
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            kind = Participant.Kind.PERSON
        slug = f"{slugish(name)}-g{seed}-{index}"
        rows.append(Participant(name=name, slug=slug, kind=kind))
    Participant.objects.bulk_create(rows, batch_size=BATCH)
    return list(Participant.objects.filter(slug__contains=f"-g{seed}-").order_by("pk"))


def make_issues(rng: random.Random, count: int, seed: int) -> list[Issue]:
    rows = []
    for index in range(count):
        name, proposition, _ = TOPICS[index % len(TOPICS)]
        era = index // len(TOPICS)
        # Past the topic list, the same topics come back as later rounds of the question.
        label = name if era == 0 else f"{name} ({era + 1})"
        rows.append(
            Issue(
                name=label,
                slug=f"{slugish(name)}-g{seed}-{index}",
                proposition=proposition + ".",
            )
        )
    Issue.objects.bulk_create(rows, batch_size=BATCH)
    return list(Issue.objects.filter(slug__contains=f"-g{seed}-").order_by("pk"))


def make_summits(rng: random.Random, count: int, seed: int) -> list[Summit]:
    start = date(1945, 2, 4)
    span = (date(2025, 12, 31) - start).days
    rows = []
    for index in range(count):
        day = start + timedelta(days=span * index // max(count, 1) + rng.randint(0, 3))
        forum = rng.choice(FORUMS)
        city = rng.choice(CITIES).replace("-", " ")
        rows.append(
            Summit(
                name=f"{forum}, {city} {day.year}",
                slug=f"{slugish(forum)}-{slugish(city)}-{day.year}-g{seed}-{index}",
                starts_on=day,
                ends_on=day + timedelta(days=rng.randint(0, 2)),
                city=city,
                country=rng.choice(COUNTRIES),
                forum=forum,
                summary=f"Leaders met in {city} for the {forum}.",
            )
        )
    Summit.objects.bulk_create(rows, batch_size=BATCH)
    return list(Summit.objects.filter(slug__contains=f"-g{seed}-").order_by("starts_on", "pk"))


def pick_speakers(
    rng: random.Random, participants: list[Participant], weights: list[float], count: int
) -> list[Participant]:
    wanted = max(2, min(len(participants), 3 + count // 8))
    chosen: dict[int, Participant] = {}
    while len(chosen) < wanted:
        for participant in rng.choices(participants, weights=weights, k=wanted):
            chosen.setdefault(participant.pk, participant)
    return list(chosen.values())[:wanted]


def make_attendances(rng: random.Random, summit: Summit, speakers: list[Participant]) -> None:
    rows = []
    for participant in speakers:
        country = rng.choice(COUNTRIES)
        role = (
            "" if participant.kind == "organization" else rng.choice(ROLES).format(country=country)
        )
        rows.append(
            Attendance(summit=summit, participant=participant, role=role, delegation=country)
        )
    Attendance.objects.bulk_create(rows)


def make_articles(rng: random.Random, summit: Summit, count: int) -> list[Article]:
    articles = []
    for index in range(max(1, min(6, 1 + count // 15))):
        outlet = rng.choice(OUTLETS)
        articles.append(
            Article(
                summit=summit,
                key=f"{slugish(outlet)}-{index + 1}",
                title=f"{summit.forum} in {summit.city}: leaders at odds",
                outlet=outlet,
                published_on=summit.ends_on,
                authors=[f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"],
                body="",
            )
        )
    return articles


def make_statements(
    rng: random.Random,
    summit: Summit,
    *,
    articles: list[Article],
    speakers: list[Participant],
    agenda: list[Issue],
    vocabulary: dict[int, list[str]],
    count: int,
    taken_ids: set[str],
) -> Iterator[tuple[Statement, list[int]]]:
    paragraphs: dict[int, list[str]] = {index: [] for index in range(len(articles))}
    positions = [0] * len(articles)
    drafted = []
    speaker_weights = [1 / (rank + 1) for rank in range(len(speakers))]
    for _ in range(count):
        article_index = rng.randrange(len(articles))
        speaker = rng.choices(speakers, weights=speaker_weights)[0]
        issues = rng.sample(agenda, 1 if rng.random() < SINGLE_ISSUE_SHARE else min(2, len(agenda)))
        words = vocabulary[issues[0].pk]
        text = rng.choice(OPENERS).format(
            verb=rng.choice(VERBS),
            verb2=rng.choice(("takes", "treats", "sees")),
            word=rng.choice(words),
            tail=rng.choice(TAILS),
        )
        kind = Statement.Kind.QUOTE if rng.random() < QUOTE_SHARE else Statement.Kind.PARAPHRASE
        if kind == Statement.Kind.QUOTE:
            text += "."
            paragraphs[article_index].append(
                f'"{text}" {speaker.name} {rng.choice(SPEECH)} {rng.choice(CONTEXTS)}.'
            )
        else:
            text = f"{speaker.name} said {text[0].lower()}{text[1:]}."
            paragraphs[article_index].append(text)
        positions[article_index] += 1
        public_id = new_id(rng, taken_ids)
        drafted.append(
            (
                Statement(
                    public_id=public_id,
                    summit=summit,
                    speaker=speaker,
                    kind=kind,
                    text=text,
                    context=rng.choice(CONTEXTS),
                    stance=rng.choices(STANCE_VALUES, STANCE_WEIGHTS)[0],
                    said_on=summit.starts_on,
                    status=(
                        Statement.Status.PUBLISHED
                        if rng.random() < PUBLISHED_SHARE
                        else Statement.Status.DRAFT
                    ),
                    position=positions[article_index],
                ),
                article_index,
                [issue.pk for issue in issues],
            )
        )
    for index, article in enumerate(articles):
        article.body = "\n\n".join(paragraphs[index]) or f"Leaders met in {summit.city}."
    Article.objects.bulk_create(articles)
    for statement, article_index, issue_ids in drafted:
        statement.article = articles[article_index]
        yield statement, issue_ids


def flush(pending: list[Statement], pending_links: list[tuple[Statement, list[int]]]) -> None:
    Statement.objects.bulk_create(pending, batch_size=BATCH)
    StatementIssue.objects.bulk_create(
        (
            StatementIssue(statement_id=statement.pk, issue_id=issue_id)
            for statement, issue_ids in pending_links
            for issue_id in issue_ids
        ),
        batch_size=BATCH,
    )
    pending.clear()
    pending_links.clear()


def new_id(rng: random.Random, taken: set[str]) -> str:
    while True:
        public_id = "".join(rng.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))
        if public_id not in taken:
            taken.add(public_id)
            return public_id


def slugish(text: str) -> str:
    return slugify(text.replace("_", "-"))[:40].strip("-") or "x"
