"""Score the extractor against hand-labelled articles: `manage.py score_attribution [DIR]`.

DIR (default tests/attribution/articles) holds `<slug>.txt`, the article as published, and
`<slug>.json`, its labels: `style`, `quotes` ([{text, speaker, speech, named?}]) and
`paraphrases` ([{sentence, speaker}]). The extractor runs with no roster, as on an article
from a summit not yet recorded. The metrics:

- recall: labelled speech quotes matched by a quote proposal (same text, ignoring a trailing
  comma or full stop and the case of quotation marks) / labelled speech quotes;
- precision: quote proposals matching a labelled speech quote / all quote proposals;
- speaker accuracy: matched quotes whose proposed speaker is the labelled person (the full
  name, or some of its words such as the surname, or an abbreviation the article defines
  for it in brackets; for an unnamed source, labelled
  `named: false`, an empty speaker is right) / matched quotes;
- full name: matched quotes whose proposed speaker is the labelled name itself (case and
  accents ignored) / matched quotes;
- confidently wrong: matched quotes with a non-empty proposed speaker that is not the
  labelled person, as a count and per 50 matched quotes;
- paraphrase recall: labelled paraphrase sentences by a named speaker that contain a
  paraphrase proposal with the right speaker / labelled paraphrases by a named speaker (the
  issue's measure: a source the article never names, `named: false`, gives an editor no one
  to record the words under);
- ms / 2,000 words: the CPU time extraction takes (the process's own, so a busy machine
  does not inflate it), scaled to a 2,000-word article.

With `--routes` it also prints, for each attribution route (how the speaker was found:
"after-verb", "continues", "subject" ...) and each way a name was resolved ("surname",
"title", "pronoun" ...), the matched quotes it attributed, right, wrong and left empty: the
evidence for how far each route can be trusted on copy it has not seen.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from summits.extraction import Proposal, extract_statements, forget_extractions

DEFAULT_DIR = Path("tests/attribution/articles")


class LabelError(Exception):
    """A label file that cannot be scored; the message names the file and the problem."""


@dataclass
class Tally:
    """Counts for one article, one style, or the whole set."""

    articles: int = 0
    quotes: int = 0
    proposed: int = 0
    matched: int = 0
    right_proposals: int = 0
    right_speaker: int = 0
    full_name: int = 0
    wrong: int = 0
    paraphrases: int = 0
    paraphrases_found: int = 0
    words: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    # route -> [quotes, right, wrong, empty]
    routes: dict[str, list[int]] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        for name in (
            "articles quotes proposed matched right_proposals right_speaker full_name wrong "
            "paraphrases paraphrases_found words"
        ).split():
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds
        self.misses += other.misses
        for route, counts in other.routes.items():
            mine = self.routes.setdefault(route, [0, 0, 0, 0])
            for index, count in enumerate(counts):
                mine[index] += count

    def row(self) -> dict[str, float]:
        def share(part: int, whole: int) -> float:
            return part / whole if whole else 1.0

        return {
            "articles": self.articles,
            "quotes": self.quotes,
            "recall": share(self.matched, self.quotes),
            "precision": share(self.right_proposals, self.proposed),
            "speaker": share(self.right_speaker, self.matched),
            "full_name": share(self.full_name, self.matched),
            "wrong": self.wrong,
            "wrong_per_50": 50 * self.wrong / self.matched if self.matched else 0.0,
            "paraphrase_recall": share(self.paraphrases_found, self.paraphrases),
            "ms_per_2000": 1000 * self.seconds * 2000 / self.words if self.words else 0.0,
        }


def fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"[\u2019'.]", "", plain).replace("-", " ")
    words = plain.split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def quote_key(text: str) -> str:
    text = re.sub(r"[\u2018\u2019]", "'", re.sub(r"[\u201c\u201d]", '"', text))
    return " ".join(text.split()).rstrip(",.").strip()


def same_person(proposed: str, labelled: str, defined: dict[str, str] | None = None) -> bool:
    """The full name, or some of its words: "Putin" is Vladimir Putin; or an abbreviation
    the article defines for it ("PMO" where it wrote "the Prime Minister's Office (PMO)")."""
    said, meant = fold(proposed).split(), fold(labelled).split()
    if defined and proposed in defined:
        said = fold(defined[proposed]).split()
    return bool(said) and set(said) <= set(meant)


def defined_abbreviations(body: str) -> dict[str, str]:
    """The abbreviations an article defines in brackets, each with the capitalised words
    before it whose initials it is: {"PMO": "Prime Minister's Office"}."""
    defined = {}
    for match in re.finditer(r"\(([A-Z]{2,8})\)", body):
        before = re.findall(r"[\w\u2019'-]+", body[max(0, match.start() - 120) : match.start()])
        capitalised = [word for word in before if word[:1].isupper()]
        abbreviation = match.group(1)
        initials = capitalised[-len(abbreviation) :]
        if "".join(word[0] for word in initials) == abbreviation:
            first = len(before) - before[::-1].index(initials[0]) - 1
            defined[abbreviation] = " ".join(before[first:])
    return defined


def read_labels(path: Path) -> dict[str, Any]:
    try:
        labels = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LabelError(f"{path}: cannot read labels: {error}") from None
    if not isinstance(labels, dict) or not isinstance(labels.get("quotes"), list):
        raise LabelError(f"{path}: no 'quotes' list")
    for index, quote in enumerate(labels["quotes"]):
        if not isinstance(quote, dict) or not isinstance(quote.get("text"), str):
            raise LabelError(f"{path}: quotes[{index}] has no 'text'")
    if not isinstance(labels.get("paraphrases", []), list):
        raise LabelError(f"{path}: 'paraphrases' is not a list")
    return labels


def score_article(body: str, labels: dict[str, Any]) -> Tally:
    tally = Tally(articles=1, words=len(body.split()))
    forget_extractions()
    began = time.process_time()
    proposals = extract_statements(body)
    tally.seconds = time.process_time() - began
    quotes = [p for p in proposals if p.kind == "quote"]
    speech = [q for q in labels["quotes"] if q.get("speech", True)]
    tally.quotes, tally.proposed = len(speech), len(quotes)
    unused = list(quotes)
    defined = defined_abbreviations(body)
    for label in speech:
        match = next((p for p in unused if quote_key(p.text) == quote_key(label["text"])), None)
        if match is None:
            tally.misses.append(f"missed quote: {label['text'][:60]!r}")
            continue
        unused.remove(match)
        tally.matched += 1
        judge_speaker(tally, match, label, defined)
    tally.right_proposals = tally.matched
    tally.misses += [f"extra quote: {p.text[:60]!r}" for p in unused]
    paraphrases = [p for p in proposals if p.kind == "paraphrase"]
    for label in labels.get("paraphrases", []):
        if label.get("named") is False:
            continue
        tally.paraphrases += 1
        sentence = " ".join(str(label.get("sentence", "")).split())
        if any(
            " ".join(p.text.split()) in sentence
            and same_person(p.speaker, str(label.get("speaker") or ""))
            for p in paraphrases
        ):
            tally.paraphrases_found += 1
        else:
            tally.misses.append(f"missed paraphrase: {sentence[:70]!r}")
    return tally


def judge_speaker(
    tally: Tally, proposal: Proposal, label: dict[str, Any], defined: dict[str, str]
) -> None:
    meant = str(label.get("speaker") or "")
    route = tally.routes.setdefault(proposal.route or "none", [0, 0, 0, 0])
    route[0] += 1
    route[3] += not proposal.speaker
    if label.get("named") is False and not proposal.speaker:
        tally.right_speaker += 1
        tally.full_name += 1
        route[1] += 1
        return
    if same_person(proposal.speaker, meant, defined):
        tally.right_speaker += 1
        tally.full_name += fold(proposal.speaker) == fold(meant)
        route[1] += 1
        return
    where = f"[{proposal.route or 'none'}]"
    if proposal.speaker:
        tally.wrong += 1
        route[2] += 1
        tally.misses.append(
            f"wrong speaker {proposal.speaker!r} for {meant!r} {where}: {label['text'][:50]!r}"
        )
    else:
        tally.misses.append(f"no speaker for {meant!r} {where}: {label['text'][:50]!r}")


def score_directory(directory: Path, only: list[str] | None = None) -> dict[str, Tally]:
    """Tallies by style and "overall" for every labelled article in `directory`."""
    if not directory.is_dir():
        raise LabelError(f"{directory}: no such directory")
    label_files = sorted(directory.glob("*.json"))
    if only is not None:
        label_files = [path for path in label_files if path.stem in only]
    if not label_files:
        raise LabelError(f"{directory}: no labelled articles (<slug>.json with <slug>.txt)")
    tallies: dict[str, Tally] = {"overall": Tally()}
    for path in label_files:
        labels = read_labels(path)
        try:
            body = path.with_suffix(".txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise LabelError(f"{path.with_suffix('.txt')}: cannot read article: {error}") from None
        tally = score_article(body, labels)
        tally.misses = [f"{path.stem}: {miss}" for miss in tally.misses]
        tallies.setdefault(str(labels.get("style", "other")), Tally()).add(tally)
        tallies["overall"].add(tally)
    return tallies


COLUMNS = (
    ("articles", "articles", "{:.0f}"),
    ("quotes", "quotes", "{:.0f}"),
    ("recall", "recall", "{:.1%}"),
    ("precision", "precision", "{:.1%}"),
    ("speaker", "speaker", "{:.1%}"),
    ("full_name", "full name", "{:.1%}"),
    ("wrong", "wrong", "{:.0f}"),
    ("wrong_per_50", "wrong/50", "{:.2f}"),
    ("paraphrase_recall", "paraphr.", "{:.1%}"),
    ("ms_per_2000", "CPU ms/2k words", "{:.1f}"),
)


def table(tallies: dict[str, Tally]) -> str:
    header = ["style", *(title for _, title, _ in COLUMNS)]
    rows = [header]
    for style in ["overall", *sorted(s for s in tallies if s != "overall")]:
        row = tallies[style].row()
        rows.append([style, *(fmt.format(row[key]) for key, _, fmt in COLUMNS)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.rjust(w) if i else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )


def route_table(tally: Tally) -> str:
    """Quotes, right, wrong and empty by attribution route, then by how the name was read."""
    lines = []
    for title, part in (("route", 0), ("resolved as", 1)):
        merged: dict[str, list[int]] = {}
        for route, counts in tally.routes.items():
            pieces = route.split("/")
            key = pieces[part] if part < len(pieces) else "-"
            mine = merged.setdefault(key, [0, 0, 0, 0])
            for index, count in enumerate(counts):
                mine[index] += count
        width = max(len(title), *(len(key) for key in merged))
        lines.append(f"{title:<{width}}  quotes  right  wrong  empty  wrong%")
        for key, (quotes, right, wrong, empty) in sorted(
            merged.items(), key=lambda item: -item[1][0]
        ):
            lines.append(
                f"{key:<{width}}  {quotes:>6}  {right:>5}  {wrong:>5}  {empty:>5}"
                f"  {wrong / quotes:>6.1%}"
            )
        lines.append("")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Score the extractor on the labelled articles and print a table, overall and by style."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIR), metavar="DIR")
        parser.add_argument(
            "--misses", action="store_true", help="also list every miss and wrong speaker"
        )
        parser.add_argument(
            "--routes",
            action="store_true",
            help="also print quotes, right, wrong and empty by attribution route",
        )

    def handle(
        self, *args: Any, directory: str, misses: bool, routes: bool, **options: Any
    ) -> None:
        try:
            tallies = score_directory(Path(directory))
        except LabelError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(table(tallies))
        if routes:
            self.stdout.write("\n" + route_table(tallies["overall"]))
        if misses:
            self.stdout.write("\n".join(tallies["overall"].misses))
