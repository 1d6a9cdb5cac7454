"""Coverage bundles: one summit's coverage as JSON, validated, imported and exported.

The format is `coverage-bundle.schema.json` (vendored beside this module from shared/).
Import is all or nothing per bundle: every problem is collected first, each named by its
JSON path, and nothing is written unless there are none. Participants and issues are matched
by slug across bundles, so the same person attaches to every summit they attended.
"""

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.text import slugify
from jsonschema import Draft202012Validator

from summits.models import (
    Article,
    Attendance,
    Issue,
    Participant,
    Statement,
    Summit,
    Utterance,
)
from summits.quotes import fold, quote_occurs_in, text_position

FORMAT = "loggerheads-coverage/2"
# Version 2 only adds statements' `utterance`. A bundle without groups is exported as version
# 1, so tools that read version 1 keep reading every bundle they could before; version 1
# bundles import as they always did, leaving groups an editor made alone.
FORMAT_WITHOUT_UTTERANCES = "loggerheads-coverage/1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "coverage-bundle.schema.json"

# A bundle, or one of its entries, as parsed JSON: the schema has checked its shape, so its
# values are read by key as the schema names them.
JSONObject = dict[str, Any]
# Per section ("participants", "issues", "articles"), each entry by its slug or key.
Refs = dict[str, dict[str, JSONObject]]


def article_max_length(name: str) -> int:
    article_field = Article._meta.get_field(name)
    if not isinstance(article_field, models.Field) or article_field.max_length is None:
        raise TypeError(f"Article.{name} must be a field with a max_length for bundles to check")
    return article_field.max_length


KEY_MAX_LENGTH = article_max_length("key")
URL_MAX_LENGTH = article_max_length("url")


class BundleError(Exception):
    """A bundle that cannot be imported; `problems` name each JSON path and what is wrong."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportReport:
    summit: str = ""
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    not_in_bundle: int = 0

    def count(self, outcome: str, what: str) -> None:
        getattr(self, outcome)[what] += 1

    def summary(self) -> str:
        def phrase(counter: Counter[str]) -> str:
            return (
                ", ".join(
                    f"{n} {what if n != 1 else what.removesuffix('s')}"
                    for what, n in counter.items()
                    if n
                )
                or "nothing"
            )

        lines = [
            f"created: {phrase(self.created)}",
            f"updated: {phrase(self.updated)}",
            f"unchanged: {phrase(self.unchanged)}",
        ]
        if self.not_in_bundle:
            lines.append(
                f"kept: {self.not_in_bundle} statements already recorded but not in this bundle"
            )
        return "\n".join(lines)


@cache
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def json_path(parts: Iterable[str | int]) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(bundle)"


def read_bundle(path: Path) -> Any:
    """The file's JSON, not yet validated: any JSON value at all."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BundleError([f"{path}: no such file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleError([f"{path}: cannot read it ({exc})"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleError([f"line {exc.lineno} column {exc.colno}: not JSON ({exc.msg})"]) from None


def schema_problems(data: Any) -> list[str]:
    errors = sorted(validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{json_path(error.absolute_path)}: {error.message}" for error in errors]


def derive_slug(entry: JSONObject) -> str:
    if entry.get("slug"):
        return str(entry["slug"])
    # Bundle slugs allow only lowercase letters, digits and single hyphens.
    words = slugify(entry["name"]).replace("_", "-").split("-")
    return "-".join(word for word in words if word)[:100].strip("-")


def nul_problems(value: Any, path: list[str | int]) -> list[str]:
    # PostgreSQL cannot store NUL in text; say so instead of failing half-way through.
    if isinstance(value, str):
        return [f"{json_path(path)}: contains a NUL character"] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in nul_problems(item, [*path, key])]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in nul_problems(item, [*path, index])]
    return []


def resolve(data: JSONObject) -> tuple[Refs, list[str]]:
    """Check what the schema cannot: references, duplicates, dates and the verbatim rule."""
    problems: list[str] = nul_problems(data, [])
    refs: Refs = {"participants": {}, "issues": {}, "articles": {}}

    summit = data["summit"]
    if not derive_slug(summit):
        problems.append(f"summit.name: cannot make a slug of {summit['name']!r}; give a slug")
    if summit.get("ends_on") and summit["ends_on"] < summit["starts_on"]:
        problems.append(f"summit.ends_on: {summit['ends_on']} is before starts_on")

    for section in ("participants", "issues"):
        for index, entry in enumerate(data[section]):
            slug = derive_slug(entry)
            where = f"{section}[{index}]"
            if not slug:
                problems.append(f"{where}.name: cannot make a slug of {entry['name']!r}")
            elif slug in refs[section]:
                problems.append(f"{where}.slug: '{slug}' appears twice in this bundle")
            else:
                refs[section][slug] = entry

    for index, entry in enumerate(data["articles"]):
        if len(entry["key"]) > KEY_MAX_LENGTH:
            problems.append(f"articles[{index}].key: longer than {KEY_MAX_LENGTH} characters")
        if entry.get("url") and not entry["url"].lower().startswith(("http://", "https://")):
            # The schema accepts any URI; readers follow this one, so only the web will do.
            problems.append(f"articles[{index}].url: must be an http:// or https:// address")
        if len(entry.get("url", "")) > URL_MAX_LENGTH:
            problems.append(f"articles[{index}].url: longer than {URL_MAX_LENGTH} characters")
        if entry["key"] in refs["articles"]:
            problems.append(f"articles[{index}].key: '{entry['key']}' appears twice")
        refs["articles"][entry["key"]] = entry

    problems += utterance_problems(data["statements"])
    for index, entry in enumerate(data["statements"]):
        where = f"statements[{index}]"
        if entry["speaker"] not in refs["participants"]:
            problems.append(f"{where}.speaker: no participant '{entry['speaker']}' in this bundle")
        for position, slug in enumerate(entry.get("issues", [])):
            if slug not in refs["issues"]:
                problems.append(f"{where}.issues[{position}]: no issue '{slug}' in this bundle")
        article = refs["articles"].get(entry["article"])
        if article is None:
            problems.append(f"{where}.article: no article '{entry['article']}' in this bundle")
        elif entry["kind"] == "quote" and not quote_occurs_in(entry["text"], article["body"]):
            problems.append(f"{where}.text: quote not found in article '{entry['article']}'")
    return refs, problems


def utterance_problems(statements: Sequence[JSONObject]) -> list[str]:
    """Statements that name one utterance must share its speaker (bundle format 2)."""
    problems = []
    speaker_of: dict[str, str] = {}
    for index, entry in enumerate(statements):
        if "utterance" not in entry:
            continue
        speaker = speaker_of.setdefault(entry["utterance"], entry["speaker"])
        if speaker != entry["speaker"]:
            problems.append(
                f"statements[{index}].utterance: '{entry['utterance']}' is {speaker}'s, "
                f"not {entry['speaker']}'s: one utterance has one speaker"
            )
    return problems


def validate_bundle(data: Any) -> Refs:
    """Return the resolved references of a valid bundle, or raise BundleError."""
    problems = schema_problems(data)
    if problems:
        raise BundleError(problems)
    refs, problems = resolve(data)
    if problems:
        raise BundleError(problems)
    return refs


def as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def upsert[M: models.Model](
    report: ImportReport,
    what: str,
    model: type[M],
    lookup: dict[str, Any],
    values: dict[str, Any],
    *,
    when_new: dict[str, Any] | None = None,
    **save_options: Any,
) -> M:
    """Create or update one row; count it as created, updated or unchanged.

    `when_new` holds values only a created row takes: a re-import must not take back what
    an editor already published.
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values, **(when_new or {}))
        instance.save(**save_options)
        report.count("created", what)
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(**save_options)
        report.count("updated", what)
    else:
        report.count("unchanged", what)
    return instance


def import_bundle(data: Any, *, status: str = Statement.Status.PUBLISHED) -> ImportReport:
    """Import one bundle atomically. `status` applies to the summit, articles and statements
    it creates: a draft import holds back the whole bundle (an embargo), not only its
    statements, since an article's text repeats its quotes word for word."""
    refs = validate_bundle(data)
    report = ImportReport()
    try:
        with transaction.atomic():
            write_bundle(data, refs, status, report)
    except (DatabaseError, ValidationError) as exc:
        # A safety net: validation should have caught it, but a bundle never half-imports.
        raise BundleError([f"(bundle): refused while writing: {exc}".strip()]) from None
    return report


def write_bundle(data: JSONObject, refs: Refs, status: str, report: ImportReport) -> None:
    summit = import_summit(data["summit"], refs, report, status)
    participants = {
        slug: import_participant(summit, slug, entry, report)
        for slug, entry in refs["participants"].items()
    }
    issues = {
        slug: upsert(
            report,
            "issues",
            Issue,
            {"slug": slug},
            {
                "name": entry["name"],
                "proposition": entry.get("proposition", ""),
                "description": entry.get("description", ""),
            },
        )
        for slug, entry in refs["issues"].items()
    }
    summit.issues.add(*issues.values())
    articles = {
        key: import_article(summit, entry, report, status)
        for key, entry in refs["articles"].items()
    }
    utterances = (
        import_utterances(data["statements"], summit, participants, report)
        if data["format"] != FORMAT_WITHOUT_UTTERANCES
        else None
    )
    import_statements(
        data["statements"],
        summit,
        participants=participants,
        issues=issues,
        articles=articles,
        utterances=utterances,
        status=status,
        report=report,
    )
    if utterances is not None:
        # A re-import that takes the last report out of an utterance leaves nothing to name.
        summit.utterances.filter(reports__isnull=True).delete()
    check_quotes(articles.values())


def import_utterances(
    entries: Sequence[JSONObject],
    summit: Summit,
    participants: dict[str, Participant],
    report: ImportReport,
) -> dict[str, Utterance]:
    """The utterances the statements name, by key; another bundle of the same summit may
    have recorded them already, and its reports join the same utterance."""
    speakers = {entry["utterance"]: entry["speaker"] for entry in entries if "utterance" in entry}
    utterances = {}
    for key, slug in speakers.items():
        recorded = summit.utterances.filter(key=key).first()
        if recorded is not None and recorded.speaker_id != participants[slug].pk:
            raise BundleError(
                [
                    f"(bundle): utterance '{key}' is already recorded at this summit as "
                    f"{recorded.speaker}'s; this bundle gives it to {participants[slug]}"
                ]
            )
        utterances[key] = upsert(
            report,
            "utterances",
            Utterance,
            {"summit": summit, "key": key},
            {"speaker": participants[slug]},
        )
    return utterances


def import_summit(entry: JSONObject, refs: Refs, report: ImportReport, status: str) -> Summit:
    slug = derive_slug(entry)
    report.summit = slug
    return upsert(
        report,
        "summits",
        Summit,
        {"slug": slug},
        {
            "name": entry["name"],
            "starts_on": as_date(entry["starts_on"]),
            "ends_on": as_date(entry.get("ends_on")),
            "city": entry.get("city", ""),
            "country": entry.get("country", ""),
            "forum": entry.get("forum", ""),
            "summary": entry.get("summary", ""),
        },
        when_new={"status": status},
    )


def import_participant(
    summit: Summit, slug: str, entry: JSONObject, report: ImportReport
) -> Participant:
    participant = upsert(
        report,
        "participants",
        Participant,
        {"slug": slug},
        {"name": entry["name"], "kind": entry.get("kind", Participant.Kind.PERSON)},
    )
    upsert(
        report,
        "attendances",
        Attendance,
        {"summit": summit, "participant": participant},
        {"role": entry.get("role", ""), "delegation": entry.get("delegation", "")},
    )
    return participant


def import_article(summit: Summit, entry: JSONObject, report: ImportReport, status: str) -> Article:
    values = {
        "title": entry["title"],
        "outlet": entry.get("outlet", ""),
        "url": entry.get("url", ""),
        "published_on": as_date(entry.get("published_on")),
        "authors": entry.get("authors", []),
        "editors": entry.get("editors", []),
        "body": entry["body"],
    }
    # Bodies are saved unchecked: the quotes are checked together once they are written too.
    return upsert(
        report,
        "articles",
        Article,
        {"summit": summit, "key": entry["key"]},
        values,
        when_new={"status": status},
        check_quotes=False,
    )


def statement_identity(speaker_id: int, kind: str, text: str) -> tuple[int, str, str]:
    return (speaker_id, kind, fold(text))


def import_statements(
    entries: Sequence[JSONObject],
    summit: Summit,
    *,
    participants: dict[str, Participant],
    issues: dict[str, Issue],
    articles: dict[str, Article],
    utterances: dict[str, Utterance] | None,
    status: str,
    report: ImportReport,
) -> None:
    """Match bundle statements to recorded ones, so permalinks survive a re-import.

    A statement is the same one when its article, speaker, kind and (folded) text agree;
    failing that, the recorded statement at the same place in the article's narrative is
    taken to be its edited version. Recorded statements the bundle does not mention are
    kept (their permalinks may be shared) and reported. With `utterances` None (a version 1
    bundle) a statement's utterance is left as it is.
    """
    by_article: dict[str, list[JSONObject]] = {}
    for entry in entries:
        by_article.setdefault(entry["article"], []).append(entry)

    for key, article in articles.items():
        wanted = by_article.get(key, [])
        recorded = list(article.statements.prefetch_related("issues"))
        unmatched = {statement.pk: statement for statement in recorded}
        by_identity: dict[tuple[int, str, str], list[Statement]] = {}
        for known in recorded:
            identity = statement_identity(known.speaker_id, known.kind, known.text)
            by_identity.setdefault(identity, []).append(known)
        matches: list[Statement | None] = []
        for entry in wanted:
            identity = statement_identity(
                participants[entry["speaker"]].pk, entry["kind"], entry["text"]
            )
            candidates = [s for s in by_identity.get(identity, []) if s.pk in unmatched]
            match = candidates[0] if candidates else None
            if match is not None:
                del unmatched[match.pk]
            matches.append(match)
        # Positions are offsets in the text, so "the same place" is the same rank.
        ranked = sorted(recorded, key=lambda s: (s.position, s.pk))
        by_rank = {rank: s for rank, s in enumerate(ranked, start=1) if s.pk in unmatched}
        for rank, match in enumerate(matches, start=1):
            if match is None and rank in by_rank:
                match = by_rank.pop(rank)
                del unmatched[match.pk]
                matches[rank - 1] = match
        report.not_in_bundle += len(unmatched)

        position = 0
        for entry, statement in zip(wanted, matches, strict=True):
            # Each statement stands where its words do, but never ahead of the one the bundle
            # lists before it: the bundle's order is the editors' and an export repeats it.
            position = max(
                position + 1,
                text_position(
                    entry["text"], article.body, verbatim=entry["kind"] == Statement.Kind.QUOTE
                ),
            )
            values = {
                "speaker": participants[entry["speaker"]],
                "kind": entry["kind"],
                "text": entry["text"],
                "context": entry.get("context", ""),
                "stance": entry.get("stance", Statement.Stance.NONE),
                "said_on": as_date(entry.get("said_on")),
                "position": position,
            }
            if utterances is not None:
                values["utterance"] = utterances.get(entry.get("utterance", ""))
            wanted_issues = {issues[slug].pk for slug in entry.get("issues", [])}
            if statement is None:
                statement = Statement(article=article, status=status, **values)
                statement.save()
                if wanted_issues:
                    # Through the relation, so the statement's history records its issues.
                    statement.issues.set(sorted(wanted_issues))
                report.count("created", "statements")
                continue
            statement.article = article
            changed = [name for name, value in values.items() if getattr(statement, name) != value]
            for name in changed:
                setattr(statement, name, values[name])
            if changed:
                statement.save()
            current_issues = {issue.pk for issue in statement.issues.all()}
            if current_issues != wanted_issues:
                statement.issues.set(sorted(wanted_issues))
            outcome = "updated" if changed or current_issues != wanted_issues else "unchanged"
            report.count(outcome, "statements")


def check_quotes(articles: Iterable[Article]) -> None:
    """After bodies and quotes changed together, every recorded quote must still occur."""
    problems = []
    for article in articles:
        for statement in article.statements.filter(kind=Statement.Kind.QUOTE):
            if not quote_occurs_in(statement.text, article.body):
                problems.append(
                    f"articles[key={article.key}].body: no longer contains the recorded quote "
                    f"/s/{statement.public_id}/ ({statement.text[:60]!r}), which the bundle "
                    "does not replace"
                )
    if problems:
        raise BundleError(problems)


def export_bundle(summit: Summit, *, include_drafts: bool = False) -> JSONObject:
    """The summit's coverage as a bundle: every field with a value, in a stable order."""

    def present(pairs: Iterable[tuple[str, Any]]) -> JSONObject:
        return {name: value for name, value in pairs if value not in ("", None, [])}

    recorded = summit.statements.select_related("speaker", "article", "utterance").prefetch_related(
        "issues"
    )
    articles_kept = summit.articles.all()
    if not include_drafts:
        recorded = recorded.published()
        articles_kept = articles_kept.published()
    articles = list(articles_kept.order_by("published_on", "key"))
    article_rank = {article.pk: rank for rank, article in enumerate(articles)}
    statements = sorted(recorded, key=lambda s: (article_rank[s.article_id], s.position, s.pk))

    attendances = {a.participant_id: a for a in summit.attendances.select_related("participant")}
    participants = {a.participant for a in attendances.values()} | {s.speaker for s in statements}
    issues = set(summit.issues.all()) | {issue for s in statements for issue in s.issues.all()}

    grouped = any(statement.utterance_id is not None for statement in statements)
    return {
        "format": FORMAT if grouped else FORMAT_WITHOUT_UTTERANCES,
        "summit": present(
            [
                ("name", summit.name),
                ("slug", summit.slug),
                ("starts_on", summit.starts_on.isoformat()),
                ("ends_on", summit.ends_on.isoformat() if summit.ends_on else None),
                ("city", summit.city),
                ("country", summit.country),
                ("forum", summit.forum),
                ("summary", summit.summary),
            ]
        ),
        "participants": [
            present(
                [
                    ("name", participant.name),
                    ("slug", participant.slug),
                    ("kind", participant.kind),
                    ("role", getattr(attendances.get(participant.pk), "role", "")),
                    ("delegation", getattr(attendances.get(participant.pk), "delegation", "")),
                ]
            )
            for participant in sorted(participants, key=lambda p: p.slug)
        ],
        "issues": [
            present(
                [
                    ("name", issue.name),
                    ("slug", issue.slug),
                    ("proposition", issue.proposition),
                    ("description", issue.description),
                ]
            )
            for issue in sorted(issues, key=lambda i: i.slug)
        ],
        "articles": [
            present(
                [
                    ("key", article.key),
                    ("title", article.title),
                    ("outlet", article.outlet),
                    ("url", article.url),
                    (
                        "published_on",
                        article.published_on.isoformat() if article.published_on else None,
                    ),
                    ("authors", list(article.authors)),
                    ("editors", list(article.editors)),
                    ("body", article.body),
                ]
            )
            for article in articles
        ],
        "statements": [
            present(
                [
                    ("speaker", statement.speaker.slug),
                    ("issues", sorted(issue.slug for issue in statement.issues.all())),
                    ("article", statement.article.key),
                    ("kind", statement.kind),
                    ("text", statement.text),
                    ("context", statement.context),
                    (
                        "stance",
                        None if statement.stance == Statement.Stance.NONE else statement.stance,
                    ),
                    ("said_on", statement.said_on.isoformat() if statement.said_on else None),
                    ("utterance", statement.utterance.key if statement.utterance else None),
                ]
            )
            for statement in statements
        ],
    }


def dump_bundle(bundle: JSONObject) -> str:
    return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
