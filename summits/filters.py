"""The statement filter: parses the reader's GET parameters, applies them, counts facets.

The URL is the state. Within one facet the chosen values are alternatives (Lavrov or
Medvedev); across facets they narrow (Lavrov, on missile defense). A facet's counts are taken
with every other facet applied but not itself, so each count says how many statements ticking
that box would add. A bad value never fails the page: the form reports it and the valid
parts still apply.
"""

import hashlib
from dataclasses import dataclass
from typing import Any, NamedTuple

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.forms.utils import ErrorDict
from django.http import QueryDict

from summits.caching import per_revision
from summits.models import (
    Issue,
    Participant,
    ParticipantAlias,
    Stance,
    StatementIssue,
    StatementKind,
    StatementQuerySet,
)

PAGE_SIZE = 25
SEARCH_CONFIG = "english"  # as Statement.search is built
# A reader filters by a stance taken; "no clear stance" is not something one looks for.
STANCE_CHOICES = [(value, label) for value, label in Stance.choices if value != Stance.NONE]
KIND_CHOICES = [(StatementKind.QUOTE, "Quote"), (StatementKind.PARAPHRASE, "Paraphrase")]
# A facet's counts: value -> (label, how many statements).
Counts = dict[str, tuple[str, int]]


class SlugListField(forms.Field):
    """A repeatable GET parameter of slugs, blanks and repeats dropped."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    legend: str
    options: list[FacetOption]


class StatementFilter(forms.Form):
    actor = SlugListField(required=False)
    issue = SlugListField(required=False)
    stance = forms.MultipleChoiceField(
        choices=STANCE_CHOICES,
        required=False,
        error_messages={
            "invalid_choice": "No such stance '%(value)s': choose supports, opposes, "
            "conditional or neutral."
        },
    )
    kind = forms.MultipleChoiceField(
        choices=KIND_CHOICES,
        required=False,
        error_messages={"invalid_choice": "No such kind '%(value)s': choose quote or paraphrase."},
    )
    q = forms.CharField(required=False, max_length=200, strip=True)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": "The page must be a whole number.",
            "min_value": "The page must be 1 or more.",
        },
    )

    FACETS = ("actor", "issue", "stance", "kind")

    def __init__(self, data: QueryDict, scope: StatementQuerySet) -> None:
        super().__init__(data)
        self.scope = scope
        self.names: dict[str, dict[str, str]] = {"actor": {}, "issue": {}}
        self.resolved: set[str] = set()
        self.total: int | None = None
        self.full_clean()

    @property
    def errors(self) -> ErrorDict:
        # Unknown slugs are errors too: settle them (with a query if facets have not yet).
        errors = super().errors
        self.resolve("actor")
        self.resolve("issue")
        return errors

    # An unknown slug is reported and dropped, and the known ones still apply; which slugs
    # exist is settled by resolve(), from facet rows already fetched where it can.
    def resolve(self, field: str, known: dict[str, str] | None = None) -> None:
        if field in self.resolved or not hasattr(self, "cleaned_data"):
            return
        self.resolved.add(field)
        slugs = self.cleaned_data.get(field) or []
        names = {slug: known[slug] for slug in slugs if known and slug in known}
        missing = [slug for slug in slugs if slug not in names]
        if missing:
            model = Participant if field == "actor" else Issue
            names |= dict(model.objects.filter(slug__in=missing).values_list("slug", "name"))
        for slug in slugs:
            if slug not in names:
                super().errors.setdefault(field, self.error_class()).append(
                    f"No such {field} '{slug}'."
                )
        self.cleaned_data[field] = [slug for slug in slugs if slug in names]
        self.names[field] = names

    @property
    def values(self) -> dict[str, Any]:
        """The cleaned filters, valid parts only, with a default for every field."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "actor": cleaned.get("actor") or [],
            "issue": cleaned.get("issue") or [],
            "stance": cleaned.get("stance") or [],
            "kind": cleaned.get("kind") or [],
            "q": cleaned.get("q") or "",
            "page": cleaned.get("page") or 1,
        }

    @property
    def active(self) -> bool:
        values = self.values
        return bool(values["q"]) or any(values[name] for name in self.FACETS)

    @property
    def messages(self) -> list[str]:
        return [str(message) for errors in self.errors.values() for message in errors]

    def problems(self) -> dict[str, list[str]]:
        """Each bad parameter and what is wrong with it, for answers that name them."""
        return {name: [str(m) for m in messages] for name, messages in self.errors.items()}

    def problems_in_words(self) -> str:
        """The problems on one line, each parameter named first: 'stance: No such stance…'."""
        return "; ".join(f"{name}: {' '.join(m)}" for name, m in self.problems().items())

    def canonical_query(self) -> str:
        """The query string of the valid filters, in a stable order; the URL to push."""
        query = QueryDict(mutable=True)
        values = self.values
        for name in self.FACETS:
            query.setlist(name, values[name])
        if values["q"]:
            query["q"] = values["q"]
        if values["page"] > 1:
            query["page"] = str(values["page"])
        return query.urlencode()

    def apply(self, statements: StatementQuerySet, *, skip: str = "") -> StatementQuerySet:
        """The filters applied, all but `skip` ("*": all but the text search)."""
        values = self.values
        if skip == "*":
            return text_search(statements, values["q"]) if values["q"] else statements
        if values["actor"] and skip != "actor":
            statements = statements.filter(speaker__slug__in=values["actor"])
        if values["issue"] and skip != "issue":
            statements = statements.filter(pk__in=on_issues(values["issue"]))
        if values["stance"] and skip != "stance":
            statements = statements.filter(stance__in=values["stance"])
        if values["kind"] and skip != "kind":
            statements = statements.filter(kind__in=values["kind"])
        if values["q"]:
            statements = text_search(statements, values["q"])
        return statements

    def statements(self) -> StatementQuerySet:
        self.resolve("actor")
        self.resolve("issue")
        return self.apply(self.scope)

    def ranked(self, statements: StatementQuerySet) -> StatementQuerySet:
        """Best match first where the database can rank; otherwise the order given."""
        q = self.values["q"]
        if not q or connection.vendor != "postgresql":
            return statements
        rank = SearchRank(F("search"), search_query(q))
        return statements.annotate(rank=rank).order_by("-rank", *statements.query.order_by)

    def facets(self) -> list[Facet]:
        """Every facet's counts, and the filtered total, from one grouped query.

        The query groups the statements that pass the text filter by speaker, stance, kind
        and the set of issues each is on (facet_rows); every facet then sums the rows that
        pass the *other* facets' choices, so the counts match one grouped query per facet,
        and the total needs no separate COUNT. The rows depend only on the scope and the
        words searched, so every combination of ticked boxes on one summit shares them
        (kept per revision: summits.caching.per_revision).
        """
        rows = facet_rows(self.scope, self.values["q"])
        issue_names = {slug: name for row in rows for slug, name in row.issues}
        self.resolve("issue", issue_names)
        self.resolve("actor", {row.speaker: row.speaker_name for row in rows})
        values = self.values
        chosen = {name: set(values[name]) for name in self.FACETS}

        def passes(row: FacetRow, but: str) -> bool:
            if chosen["actor"] and but != "actor" and row.speaker not in chosen["actor"]:
                return False
            if chosen["stance"] and but != "stance" and row.stance not in chosen["stance"]:
                return False
            if chosen["kind"] and but != "kind" and row.kind not in chosen["kind"]:
                return False
            return not (
                chosen["issue"]
                and but != "issue"
                and not any(slug in chosen["issue"] for slug, _ in row.issues)
            )

        actor_counts: Counts = {}
        stance_counts: Counts = {}
        kind_counts: Counts = {}
        issue_counts: Counts = {}
        self.total = 0
        for row in rows:
            if passes(row, "actor"):
                add(actor_counts, row.speaker, row.speaker_name, row.n)
            if passes(row, "stance"):
                add(stance_counts, row.stance, "", row.n)
            if passes(row, "kind"):
                add(kind_counts, row.kind, "", row.n)
            if passes(row, "issue"):
                # A statement on two issues counts once under each: right for this facet only.
                for slug, name in row.issues:
                    add(issue_counts, slug, name, row.n)
            if passes(row, ""):
                self.total += row.n
        return [
            facet("actor", "Speaker", actor_counts, values["actor"], self.names["actor"]),
            facet("issue", "Issue", issue_counts, values["issue"], self.names["issue"]),
            facet("stance", "Stance", stance_counts, values["stance"], {}, dict(STANCE_CHOICES)),
            facet("kind", "Kind", kind_counts, values["kind"], {}, dict(KIND_CHOICES)),
        ]


class FacetRow(NamedTuple):
    """How many statements in the scope share a speaker, stance, kind and set of issues."""

    speaker: str
    speaker_name: str
    stance: str
    kind: str
    issues: tuple[tuple[str, str], ...]  # (slug, name) of each issue, sorted by slug
    n: int


# Separators inside the aggregated issue list: control characters no slug or name holds.
ISSUE_SEPARATOR = "\x1e"
NAME_SEPARATOR = "\x1f"


def facet_rows(scope: StatementQuerySet, q: str) -> tuple[FacetRow, ...]:
    """The scope's statements that match `q`, grouped for every facet at once."""
    statements = text_search(scope, q) if q else scope
    key = hashlib.sha256(f"{statements.query}|{q}".encode()).hexdigest()[:32]
    # A tuple: the parts cache hands every page the same object.
    return per_revision("facets", key, lambda: tuple(grouped(statements)))


def grouped(statements: StatementQuerySet) -> list[FacetRow]:
    if connection.vendor == "postgresql":
        rows = grouped_in_postgresql(statements)
    else:
        rows = grouped_elsewhere(statements)
    return [
        FacetRow(
            speaker,
            speaker_name,
            stance,
            kind,
            tuple(
                sorted(
                    (slug, name)
                    for slug, _, name in (
                        pair.partition(NAME_SEPARATOR) for pair in issue_list.split(ISSUE_SEPARATOR)
                    )
                )
            )
            if issue_list
            else (),
            n,
        )
        for speaker, speaker_name, stance, kind, issue_list, n in rows
    ]


def grouped_in_postgresql(statements: StatementQuerySet) -> list[tuple[Any, ...]]:
    # One pass over the matching statements, their issue links aggregated by a hash join:
    # a subquery per statement cost 1 s on a word found in 20k statements.
    matched, params = (
        statements.order_by().values("pk", "speaker_id", "stance", "kind").query.sql_with_params()
    )
    sql = f"""
        WITH matched (id, speaker_id, stance, kind) AS MATERIALIZED ({matched})
        SELECT speaker.slug, speaker.name, matched.stance, matched.kind,
               COALESCE(links.issues, ''), COUNT(*)
        FROM matched
        JOIN {Participant._meta.db_table} speaker ON speaker.id = matched.speaker_id
        LEFT JOIN (
            SELECT link.statement_id,
                   string_agg(issue.slug || %s || issue.name, %s ORDER BY issue.slug) AS issues
            FROM {StatementIssue._meta.db_table} link
            JOIN {Issue._meta.db_table} issue ON issue.id = link.issue_id
            WHERE link.statement_id IN (SELECT id FROM matched)
            GROUP BY link.statement_id
        ) links ON links.statement_id = matched.id
        GROUP BY 1, 2, 3, 4, 5
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, NAME_SEPARATOR, ISSUE_SEPARATOR))
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def grouped_elsewhere(statements: StatementQuerySet) -> list[tuple[Any, ...]]:
    # SQLite cannot order an aggregate: a set of issues may come as several groups, which
    # sum the same.
    issues_of = (
        StatementIssue.objects.filter(statement=OuterRef("pk"))
        .order_by()
        .values("statement")
        .annotate(
            issues=StringAgg(
                Concat(
                    "issue__slug", Value(NAME_SEPARATOR), "issue__name", output_field=TextField()
                ),
                delimiter=Value(ISSUE_SEPARATOR),
            )
        )
        .values("issues")
    )
    rows = (
        statements.order_by()
        .annotate(issue_list=Coalesce(Subquery(issues_of), Value(""), output_field=TextField()))
        .values_list("speaker__slug", "speaker__name", "stance", "kind", "issue_list")
        .annotate(n=Count("pk"))
    )
    return list(rows)


def on_issues(slugs: list[str]) -> QuerySet[StatementIssue, Any]:
    # A subquery, not a join: a statement on two chosen issues is still one statement.
    return StatementIssue.objects.filter(issue__slug__in=slugs).values("statement_id")


def add(counts: Counts, value: str, label: str, n: int) -> None:
    counts[value] = (label, counts.get(value, (label, 0))[1] + n)


def facet(
    name: str,
    legend: str,
    counts: Counts,
    selected: list[str],
    names: dict[str, str],
    choices: dict[str, str] | None = None,
) -> Facet:
    """Options with statements under the current filter, plus any chosen one (to untick)."""
    labels: dict[str, str]
    if choices is not None:
        values = [value for value in choices if value in counts or value in selected]
        labels = choices
    else:
        labels = {value: label for value, (label, _) in counts.items()} | names
        values = sorted(set(counts) | set(selected), key=lambda v: labels.get(v, str(v)).lower())
    return Facet(
        name,
        legend,
        [
            FacetOption(
                value, labels.get(value, value), counts.get(value, ("", 0))[1], value in selected
            )
            for value in values
        ],
    )


def search_query(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


def text_search(statements: StatementQuerySet, q: str) -> StatementQuerySet:
    """Full-text search on PostgreSQL; a plain case-insensitive match elsewhere (SQLite)."""
    if connection.vendor == "postgresql":
        # Statement.search is the stored, GIN-indexed vector over text and context.
        return statements.filter(Q(search=search_query(q)) | by_alias(q))
    return statements.filter(Q(text__icontains=q) | Q(context__icontains=q) | by_alias(q))


def by_alias(q: str) -> Q:
    """Statements by a speaker whom `q` names by an alias ("Gadhafi", "Xi")."""
    # The speakers are looked up first, not left as a subquery: ORed with a subquery the
    # text match cannot use its GIN index and reads every statement (0.7 s at 100k).
    speakers = per_revision(
        "alias",
        q.strip().lower(),
        lambda: list(
            ParticipantAlias.objects.filter(name__iexact=q.strip()).values_list(
                "participant_id", flat=True
            )
        ),
    )
    return Q(speaker_id__in=speakers) if speakers else Q(pk__in=[])
