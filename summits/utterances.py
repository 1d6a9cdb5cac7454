"""One utterance, many reports: when two statements report the same words, and how they differ.

Outlets print one sentence differently: translated another way, trimmed to a clause, with
other quotation marks, and now and then with a "not" lost. This module decides when two
reports are close enough that an editor should be asked to group them (`similarity`,
`propose_utterance`), groups and splits them, counts utterances once for reader pages
(`Tally`), and compares a report word by word with the first one (`compare`).

The measure, chosen on tests/utterances/pairs.json (real reports by two outlets, and
different utterances by the same speaker on the same topic):

- both texts are normalised: typography folded as for quotes, case folded, "n't" read as
  "not", punctuation and editors' brackets dropped;
- `surface`: rapidfuzz's partial_ratio, the best alignment of the shorter text inside the
  longer, which forgives trimming (one outlet quotes a clause of what another printed).
  Under four words any phrase aligns somewhere, so short texts use the plain ratio;
- `content`: token_set_ratio over crudely stemmed content words, which forgives word order
  and function words: what two translations of one sentence mostly share;
- the score is `surface`, lifted halfway towards `content` when the content words agree
  more than the letters do. Content alone overrates two sentences on one topic; the mean
  keeps a translation variant (about 65-80) above a neighbouring sentence (at most 64);
- two texts that each name someone or somewhere, and share no name, are never one
  utterance ("the legitimate aspirations of the Syrian people" is not the Libyan one).

At QUOTE_THRESHOLD (68, the middle of the 64-72 band where both targets hold) the 68
labelled pairs give precision 0.97 and recall 0.97 (docs/utterances.md).
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from rapidfuzz import fuzz

from summits.models import Statement, StatementKind, Utterance
from summits.quotes import fold

# Two quotes at or above this score are proposed as one utterance (see the module docstring).
QUOTE_THRESHOLD = 68
# A paraphrase rewords by definition, so a quote and a paraphrase of one moment score lower;
# such a proposal is only ever a suggestion the editor confirms.
PARAPHRASE_THRESHOLD = 55
SHORT_TEXT_WORDS = 4

_WORD = re.compile(r"[a-z0-9]+")
# Words that carry no content of their own; two sentences on one topic share most of them.
_FUNCTION_WORDS = frozenset(
    """a an the and or but of to in on for with by at as is are was were be been it this
    that these those we our us i you he him his she her they them their its from so not no
    never have has had will would can could should do does did there what which who all
    any each""".split()
)
_SUFFIXES = ("ing", "ed", "es", "s", "ly")
_SENTENCE_END = (".", "?", "!", ":")
_NAME_EDGES = "\"'()[]{},.;:!?"


def normalise(text: str) -> str:
    """The words of a text as similarity compares them: no case, typography or marks."""
    return " ".join(_WORD.findall(fold(text).casefold().replace("n't", " not")))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= SHORT_TEXT_WORDS:
            return word[: -len(suffix)]
    return word


def _content_words(text: str) -> str:
    return " ".join(_stem(w) for w in normalise(text).split() if w not in _FUNCTION_WORDS)


def names(text: str) -> set[str]:
    """Capitalised words inside a sentence (people, places, bodies), by their first letters,
    so 'Libya' and 'Libyan' are one name."""
    words = fold(text).split()
    found = set()
    for index, word in enumerate(words):
        bare = word.strip(_NAME_EDGES)
        if (
            index > 0
            and bare[:1].isupper()
            and not words[index - 1].endswith(_SENTENCE_END)
            and bare.casefold() not in _FUNCTION_WORDS
        ):
            found.add(bare.casefold()[:5])
    return found


def similarity(first: str, second: str) -> float:
    """How likely two texts report the same words, 0-100 (see the module docstring)."""
    one, two = names(first), names(second)
    if one and two and not one & two:
        return 0.0
    a, b = normalise(first), normalise(second)
    if not a or not b:
        return 0.0
    if min(len(a.split()), len(b.split())) >= SHORT_TEXT_WORDS:
        surface = fuzz.partial_ratio(a, b)
    else:
        surface = fuzz.ratio(a, b)
    content = fuzz.token_set_ratio(_content_words(first), _content_words(second))
    return max(surface, (surface + content) / 2)


def threshold(first_kind: str, second_kind: str) -> int:
    quotes = first_kind == second_kind == StatementKind.QUOTE
    return QUOTE_THRESHOLD if quotes else PARAPHRASE_THRESHOLD


def candidates(statement: Statement) -> list[tuple[float, Statement]]:
    """Statements by the same speaker at the same summit, in other articles, close enough
    to be proposed as reports of the same utterance; the closest first."""
    others = (
        Statement.objects.filter(speaker_id=statement.speaker_id, summit_id=statement.summit_id)
        .exclude(article_id=statement.article_id)
        .exclude(pk=statement.pk)
        .select_related("article", "utterance")
    )
    if statement.utterance_id is not None:
        others = others.exclude(utterance_id=statement.utterance_id)
    scored = [(similarity(statement.text, other.text), other) for other in others]
    close = [
        (score, other) for score, other in scored if score >= threshold(statement.kind, other.kind)
    ]
    return sorted(close, key=lambda pair: (-pair[0], pair[1].pk))


@dataclass(frozen=True)
class Proposal:
    """A grouping to put to the editor: this statement reports the same words as `other`."""

    statement: Statement
    other: Statement
    score: float


def propose(statement: Statement) -> Proposal | None:
    """The closest recorded report of the same words, if any: never applied unconfirmed."""
    close = candidates(statement)
    if not close:
        return None
    score, other = close[0]
    return Proposal(statement, other, score)


def propose_utterance(statement: Statement) -> Utterance | None:
    """The utterance this statement would join if the editor confirms, unsaved if new.

    The admin (and the editor's desk) calls it after a statement is saved and puts the
    answer to the editor; nothing is grouped until they confirm with `group`.
    """
    proposal = propose(statement)
    if proposal is None:
        return None
    if proposal.other.utterance is not None:
        return proposal.other.utterance
    return Utterance(
        summit_id=statement.summit_id,
        speaker_id=statement.speaker_id,
        key=new_key(proposal.other),
    )


def new_key(statement: Statement) -> str:
    """A bundle name for a new utterance: the speaker and the first words, unique in the
    summit."""
    words = "-".join(slugify(statement.text).split("-")[:6])
    base = f"{statement.speaker.slug}-{words}".strip("-")[:90].strip("-")
    taken = set(
        Utterance.objects.filter(summit_id=statement.summit_id, key__startswith=base).values_list(
            "key", flat=True
        )
    )
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


class GroupingError(ValueError):
    """Statements that cannot be one utterance: different speakers or summits."""


@transaction.atomic
def group(statements: Sequence[Statement]) -> Utterance:
    """Make the statements reports of one utterance, joining any utterance they are in.

    The earliest-recorded existing utterance absorbs the others, so permalinks and bundle
    keys already shared keep naming it.
    """
    if len(statements) < 2:  # noqa: PLR2004 -- a group is two or more
        raise GroupingError("Choose at least two statements to group as one utterance.")
    speakers = {s.speaker_id for s in statements}
    summits = {s.summit_id for s in statements}
    if len(speakers) > 1 or len(summits) > 1:
        raise GroupingError("Only one speaker's statements at one summit can be one utterance.")
    existing = sorted({s.utterance_id for s in statements if s.utterance_id is not None})
    if existing:
        utterance = Utterance.objects.get(pk=existing[0])
    else:
        first = min(statements, key=lambda s: s.pk)
        utterance = Utterance.objects.create(
            summit_id=first.summit_id, speaker_id=first.speaker_id, key=new_key(first)
        )
    joining = Statement.objects.filter(
        Q(pk__in=[s.pk for s in statements]) | Q(utterance_id__in=existing)
    )
    for statement in joining:
        if statement.utterance_id != utterance.pk:
            statement.utterance = utterance
            statement.save()
    Utterance.objects.filter(pk__in=existing[1:]).delete()
    return utterance


@transaction.atomic
def split(statements: Iterable[Statement]) -> int:
    """Take the statements out of their utterances; an utterance left with one report or
    none is dissolved. Returns how many statements left an utterance."""
    touched: set[int] = set()
    moved = 0
    for statement in statements:
        if statement.utterance_id is None:
            continue
        touched.add(statement.utterance_id)
        statement.utterance = None
        statement.save()
        moved += 1
    for utterance in Utterance.objects.filter(pk__in=touched):
        remaining = list(utterance.reports.all())
        if len(remaining) <= 1:
            for report in remaining:
                report.utterance = None
                report.save()
            utterance.delete()
    return moved


# --- Counting once ---------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts utterances and reports from StatementQuerySet.tally_rows(): a statement in no
    utterance is one utterance of one report; a grouped one counts once per utterance, however
    many of its reports (or of its rows: a quote and a paraphrase) pass."""

    reports: int = 0
    single: int = 0
    grouped: set[int] = field(default_factory=set)

    def add(self, row: Mapping[str, Any]) -> None:
        self.reports += row["n"]
        if row["utterance_id"] is None:
            self.single += row["n"]
        else:
            self.grouped.add(row["utterance_id"])

    @property
    def utterances(self) -> int:
        return self.single + len(self.grouped)


# --- How a report differs from the first ----------------------------------------------------

NEGATIONS = frozenset({"not", "no", "never", "n't", "nor", "cannot", "none", "nobody", "nothing"})


@dataclass(frozen=True)
class Change:
    """A run of words: `op` is "equal", "insert" (only in this report) or "delete" (only in
    the first report)."""

    op: str
    words: str


@dataclass(frozen=True)
class Comparison:
    """A report against the utterance's first report, word by word."""

    changes: list[Change]
    negation_notes: list[str]

    @property
    def identical(self) -> bool:
        return all(change.op == "equal" for change in self.changes)


def _word_key(word: str) -> str:
    return normalise(word)


def _negations(words: Sequence[str]) -> list[str]:
    found = []
    for word in words:
        folded = fold(word).casefold().strip(_NAME_EDGES)
        if folded.endswith("n't"):
            found.append("not")
        elif folded in NEGATIONS:
            found.append("not" if folded == "cannot" else folded)
    return found


def negation_notes(first: str, report: str) -> list[str]:
    """Negations the report drops, adds or changes against the first report, in words.

    "didn't" and "did not" are the same negation; "never" for "not" is a change worth a
    reader's attention, so it is named.
    """
    before = _negations(first.split())
    after = _negations(report.split())
    notes = []
    for word in sorted(set(before) | set(after)):
        lost = before.count(word) - after.count(word)
        if lost > 0:
            notes.append(f"This report drops '{word}'" + (f" ({lost} times)" if lost > 1 else ""))
        elif lost < 0:
            gained = -lost
            notes.append(
                f"This report adds '{word}'" + (f" ({gained} times)" if gained > 1 else "")
            )
    return notes


def compare(first: str, report: str) -> Comparison:
    """Word-level differences of a report from the first report, and any negation notes.

    Words are matched without case, typography or clinging punctuation, so a curly
    apostrophe or a comma is not a difference; the report's own spelling is shown.
    """
    old, new = first.split(), report.split()
    matcher = SequenceMatcher(
        None, [_word_key(w) for w in old], [_word_key(w) for w in new], autojunk=False
    )
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            changes.append(Change("equal", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            changes.append(Change("delete", " ".join(old[i1:i2])))
        if j2 > j1:
            changes.append(Change("insert", " ".join(new[j1:j2])))
    return Comparison(changes, negation_notes(first, report))


@dataclass(frozen=True)
class Report:
    """One report of an utterance as the permalink lists it."""

    statement: Statement
    first: bool
    comparison: Comparison | None


def reports_of(statement: Statement) -> list[Report]:
    """Every published report of the statement's utterance, first report first, each
    compared with the first; [] for a statement in no utterance or its only report.

    Reads `utterance.published_reports` (StatementQuerySet.with_reports()): no query.
    """
    utterance = statement.utterance if statement.utterance_id is not None else None
    published: list[Statement] = getattr(utterance, "published_reports", [])
    if len(published) < 2:  # noqa: PLR2004 -- one report is no group to show
        return []
    first = published[0]
    return [
        Report(
            report,
            report.pk == first.pk,
            None if report.pk == first.pk else compare(first.text, report.text),
        )
        for report in published
    ]
