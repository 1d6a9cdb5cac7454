"""The statement filter: parses the reader's GET parameters, applies them, counts facets.

The URL is the state. Within one facet the chosen values are alternatives (Lavrov or
Medvedev); across facets they narrow (Lavrov, on missile defense). A facet's counts are taken
with every other facet applied but not itself, so each count says how many statements ticking
that box would add. A bad value never fails the page: the form reports it and the valid
parts still apply.
"""

import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.expressions import Col, Expression
from django.db.models.lookups import Contains, IContains
from django.db.models.sql.query import Query
from django.forms.utils import ErrorDict
from django.http import QueryDict
from django.utils.functional import SimpleLazyObject

from summits.caching import per_revision
from summits.compiled import Bindable, BoundQuery, IdArray, compiled
from summits.models import (
    Attendance,
    Issue,
    Participant,
    ParticipantAlias,
    Stance,
    Statement,
    StatementIssue,
    StatementKind,
    StatementQuerySet,
)
from summits.renames import Renamed, history_slugs

PAGE_SIZE = 25
SEARCH_CONFIG = "english"  # as Statement.search is built
# A reader filters by a stance taken; "no clear stance" is not something one looks for.
STANCE_CHOICES = [(value, label) for value, label in Stance.choices if value != Stance.NONE]
KIND_CHOICES = [(StatementKind.QUOTE, "Quote"), (StatementKind.PARAPHRASE, "Paraphrase")]


@dataclass(frozen=True)
class Counted:
    """How many utterances (an utterance several outlets reported counts once) and reports."""

    utterances: int = 0
    reports: int = 0


# A facet's counts: value -> (label, the utterances and reports it would add).
Counts = dict[str, tuple[str, Counted]]
# (facet, value, label, single statements, distinct utterances, reports, in scope):
# StatementFilter.facet_rows().
FacetRow = tuple[str, str, str, int, int, int, bool]


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
class ActiveFilter:
    """A filter value in force, and the query string (with "?", or "") without it."""

    legend: str
    label: str
    query_without: str


@dataclass
class Facet:
    name: str
    legend: str
    options: list[FacetOption]
    # Options not shown (with_most()): the rest have fewer statements.
    hidden: int = 0

    def with_most(self, shown: int) -> "Facet":
        """The facet with its `shown` options of the most statements (ties in the listed
        order) and every ticked one, still in the listed order; `hidden` counts the rest.

        A broad search names a thousand speakers at 100k: a thousand checkboxes nobody
        reads, most of the page's bytes and a quarter of its render. The speakers left
        out are still found by searching their name.
        """
        if len(self.options) <= shown:
            return self
        ranked = sorted(range(len(self.options)), key=lambda i: -self.options[i].count)
        kept = set(ranked[:shown]) | {i for i, o in enumerate(self.options) if o.selected}
        options = [option for i, option in enumerate(self.options) if i in kept]
        return Facet(self.name, self.legend, options, len(self.options) - len(options))


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
        self.total: int | None = None  # utterances, once facets() has counted them
        self.tally = Counted()
        self.matched: array[int] | None = None  # the ids the words find, once found
        # Set by for_readers(): the summit's id, or nothing for the archive. Its queries are
        # then compiled once per shape (summits/compiled.py).
        self.reader: tuple[int, ...] | None = None
        self.full_clean()

    @classmethod
    def for_readers(cls, data: QueryDict, summit_id: int | None) -> "StatementFilter":
        """The filter over what readers may see: one summit's published statements, or
        (None) the whole archive's."""
        # Their queries are compiled (reader_query()); the scope's queryset is built only
        # where one is not (words matched in the query, an empty list's options).
        scope = cast(StatementQuerySet, SimpleLazyObject(partial(reader_scope, summit_id)))
        filters = cls(data, scope)
        filters.reader = () if summit_id is None else (summit_id,)
        return filters

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
        model = Participant if field == "actor" else Issue
        if missing:
            known_here = model.objects.published().filter(slug__in=missing)
            names |= dict(known_here.values_list("slug", "name"))
        renamed = history_slugs(model, [slug for slug in slugs if slug not in names])
        if renamed:
            # Only to a row readers may see: an embargoed participant's old slug stays
            # unknown. (Asked only when there is a rename: building the query for nothing
            # cost every filtered page a millisecond.)
            visible = set(
                model.objects.published()
                .filter(slug__in=renamed.values())
                .values_list("slug", flat=True)
            )
            renamed = {old: new for old, new in renamed.items() if new in visible}
        if renamed:
            # An address once published names the old slug: send it to the current one.
            raise Renamed(query={field: renamed})
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
    def narrowed(self) -> bool:
        """True when a facet is ticked: a bare search is a search, not a filtered list."""
        values = self.values
        return any(values[name] for name in self.FACETS)

    def active_filters(self) -> list[ActiveFilter]:
        """Each value in force, with the query string that drops it alone (page reset)."""
        values = self.values
        labels: dict[str, dict[str, str]] = {
            "actor": self.names["actor"],
            "issue": self.names["issue"],
            "stance": dict(STANCE_CHOICES),
            "kind": dict(KIND_CHOICES),
        }
        legends = {"actor": "Speaker", "issue": "Issue", "stance": "Stance", "kind": "Kind"}
        active = []
        for name in self.FACETS:
            for value in values[name]:
                query = self.query_without(name, value)
                label = labels[name].get(value, value)
                active.append(ActiveFilter(legends[name], label, query))
        if values["q"]:
            active.append(ActiveFilter("Words", f"“{values['q']}”", self.query_without("q", "")))
        return active

    def query_without(self, name: str, value: str) -> str:
        query = QueryDict(self.canonical_query(), mutable=True)
        query.pop("page", None)
        if name == "q":
            query.pop("q", None)
        else:
            query.setlist(name, [v for v in query.getlist(name) if v != value])
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else ""

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
        """The filters applied; with skip="*" only the text search."""
        values = self.values
        if skip != "*":
            statements = narrowed(statements, {name: values[name] for name in self.FACETS})
        return self.searched(statements, values["q"]) if values["q"] else statements

    def searched(self, statements: StatementQuerySet, q: str) -> StatementQuerySet:
        """text_search(), with the ids the words find read once for the facets and the list.

        On PostgreSQL a plain search (no websearch operators) finds its ids in one query a
        word, kept per revision for every page that searches the same words; the facet query
        and the list then read those ids instead of each matching the words (two thirds of
        a search's time at 100k). A summit's page does too: matched inside its queries, the
        words' union of index scans over the archive was planned as a join against the
        summit's rows, 0.5-6 s a page at 100k, and minutes once a connection's prepared
        statement fell back to a generic plan.
        """
        words = search_words(q)
        postgres = connection.vendor == "postgresql"
        if not (postgres and words) or WEBSEARCH_OPERATORS.search(q):
            return text_search(statements, q)
        if self.matched is None:
            self.matched = matched_ids(words)
        return statements.filter(among(self.matched))

    def statements(self) -> StatementQuerySet:
        """Every report that passes the filters; `.one_per_utterance()` lists them once."""
        self.resolve("actor")
        self.resolve("issue")
        return self.apply(self.scope)

    def ranked(self, statements: StatementQuerySet) -> StatementQuerySet:
        """Best match first where the database can rank; otherwise the order given."""
        return ranked_by(statements, self.values["q"])

    def reader_query(self) -> tuple[tuple[int, ...], list[Bindable]] | None:
        """The shape and values of this filter over the reader scope (for_readers()), for
        reader_statements() to build; None where it does not compile: another scope, or
        words matched inside the query rather than by their ids."""
        if self.reader is None:
            return None
        values = self.values
        q = values["q"]
        ids: list[Bindable] = []
        if q:
            words = search_words(q)
            if not words or connection.vendor != "postgresql":
                return None
            if WEBSEARCH_OPERATORS.search(q):
                return None
            if self.matched is None:
                self.matched = matched_ids(words)
            ids = [list(self.matched)]
        chosen = [values[name] for name in self.FACETS]
        shape = (len(self.reader), *(len(given) for given in chosen), len(ids))
        return shape, [*self.reader, *(value for given in chosen for value in given), *ids]

    def listed(
        self, order: Callable[[StatementQuerySet], StatementQuerySet]
    ) -> "StatementQuerySet | BoundQuery[Statement]":
        """The statements listed, one per utterance, for display, in `order` (best match
        first for a search): compiled once per shape for the reader scope."""
        self.resolve("actor")
        self.resolve("issue")
        reader = self.reader_query()
        if reader is None:
            statements = self.statements().one_per_utterance().for_display()
            return self.ranked(order(statements))
        shape, values = reader
        q = self.values["q"]
        ranked = bool(q) and connection.vendor == "postgresql"

        def build(*given: Any) -> StatementQuerySet:
            *filtered, words = given if ranked else (*given, "")
            statements = reader_statements(shape, filtered).one_per_utterance().for_display()
            return ranked_by(order(statements), words)

        bound = [*values, q] if ranked else values
        return BoundQuery(
            compiled(("listed", order.__qualname__, ranked, shape), build, bound), bound
        )

    def facets(self) -> list[Facet]:
        """Every facet's counts of utterances, and the filtered total, from one query.

        A facet's counts are taken over the statements that pass the text filter and every
        *other* facet's choices. The query reads those statements once (a CTE), each with a
        flag per facet saying whether it passes that facet's choices, and groups them five
        ways: by speaker, stance, kind, issue (through the issue links, so a statement counts
        once per issue it is on) and not at all (the total). An utterance counts once per
        group however many of its reports pass: a statement in no utterance is one, the rest
        are counted by distinct utterance (summits/utterances.py).
        """
        asked = self.values
        rows = self.facet_rows()
        known: dict[str, dict[str, str]] = {"actor": {}, "issue": {}}
        for facet_name, value, label, _, _, _, in_scope in rows:
            if facet_name in known and in_scope:
                known[facet_name][value] = label
        self.resolve("issue", known["issue"])
        self.resolve("actor", known["actor"])
        values = self.values
        if values != asked:
            # An unknown slug was dropped (the page reports it): count again without it.
            rows = self.facet_rows()
        counts: dict[str, Counts] = {name: {} for name in self.FACETS}
        self.tally = Counted()
        for facet_name, value, label, single, grouped, reports in (row[:6] for row in rows):
            counted = Counted(single + grouped, reports)
            if facet_name == "total":
                self.tally = counted
            elif counted.reports:
                counts[facet_name][value] = (label, counted)
        self.total = self.tally.utterances
        if self.total == 0 and self.active:
            # Nothing matches: still offer every speaker and issue in scope (at 0), so the
            # reader has the facets to widen from; one more query, and only on an empty list.
            self.add_scope_options(counts["actor"], counts["issue"])
            for value, _ in STANCE_CHOICES:
                counts["stance"].setdefault(value, ("", Counted()))
            for value, _ in KIND_CHOICES:
                counts["kind"].setdefault(value, ("", Counted()))
        return [
            facet("actor", "Speaker", counts["actor"], values["actor"], self.names["actor"]),
            facet("issue", "Issue", counts["issue"], values["issue"], self.names["issue"]),
            facet(
                "stance",
                "Stance",
                counts["stance"],
                values["stance"],
                {},
                choices=dict(STANCE_CHOICES),
            ),
            facet("kind", "Kind", counts["kind"], values["kind"], {}, choices=dict(KIND_CHOICES)),
        ]

    def facet_rows(self) -> list[FacetRow]:
        """(facet, value, label, single statements, distinct utterances, reports, in scope)
        per facet value, and one ("total", ...) row; `in scope` says the value has
        statements under the issue filter (speakers) or under the text filter (issues), the
        rows the chosen slugs are looked up in before a query of their own."""
        reader = self.reader_query()
        if reader is None:
            base = facet_base(self.apply(self.scope, skip="*"), self.values)
            sql, params = base.query.sql_with_params()
            return run_grouped([("s", sql, tuple(params))])[0]
        shape, values = reader
        if shape[0] and not shape[-1] and sum(1 for count in shape[1:-1] if count) <= 1:
            return self.summit_facet_rows(shape, values)
        return run_grouped([("s", *reader_facet_base(shape, values, narrow=False))])[0]

    def summit_facet_rows(self, shape: tuple[int, ...], values: list[Bindable]) -> list[FacetRow]:
        """facet_rows() of a summit with no words and at most one facet chosen: the summit
        page, its stance and kind variants, and a speaker's or an issue's fragment.

        With one facet chosen, that facet counts what it would with none (its own choices
        never narrow it), and every other facet and the total count the statements it
        allows. So the summit's unfiltered counts (the whole summary) are kept per revision
        and shared by the summit page and all its one-facet fragments; a request then reads
        only the statements its choice allows, a speaker's few rather than the largest
        summit's 8,000 (40-90 ms at 100k, the fragment's p95). When the summary is not yet
        kept it is counted in the same round trip as the chosen facet's statements.
        """
        summit_id = values[0]
        chosen = [name for name, count in zip(self.FACETS, shape[1:-1], strict=True) if count]
        whole = ("s", *reader_facet_base(WHOLE_SUMMIT, [summit_id], narrow=False))
        narrowed: list[FacetRow] | None = None

        def summary() -> list[FacetRow]:
            nonlocal narrowed
            if not chosen:
                return run_grouped([whole])[0]
            rows, narrowed = run_grouped([whole, ("n", *reader_facet_base(shape, values))])
            return rows

        rows = per_revision("summit-facets", str(summit_id), summary)
        if not chosen:
            return rows
        if narrowed is None:
            narrowed = run_grouped([("n", *reader_facet_base(shape, values))])[0]
        own = chosen[0]
        return [row for row in narrowed if row[0] != own] + [row for row in rows if row[0] == own]

    def add_scope_options(self, actor_counts: Counts, issue_counts: Counts) -> None:
        # The scope's speakers and issues depend on the scope only (a summit, or the whole
        # archive for search: 110 ms at 100k), so every empty list of one scope shares them.
        for facet_name, slug, name in per_revision(
            "scope-options",
            str(self.scope.query),
            self.scope_options,
        ):
            counts = actor_counts if facet_name == "actor" else issue_counts
            counts.setdefault(slug, (name, Counted()))

    def scope_options(self) -> list[tuple[str, str, str]]:
        # The speakers and the issues apart: their pairs would be most of the archive's
        # rows on an empty search, whose scope is every statement.
        tag = Value("actor", output_field=CharField())
        speakers = self.scope.order_by().values_list(tag, "speaker__slug", "speaker__name")
        in_scope = StatementIssue.objects.filter(statement__in=self.scope.order_by().values("pk"))
        issues = in_scope.order_by().values_list(
            Value("issue", output_field=CharField()), "issue__slug", "issue__name"
        )
        rows = speakers.distinct().union(issues.distinct(), all=True).order_by()
        return [(str(f), str(slug), str(name)) for f, slug, name in rows]


def on_issues(slugs: list[str]) -> QuerySet[StatementIssue, Any]:
    # A subquery, not a join: a statement on two chosen issues is still one statement.
    return StatementIssue.objects.filter(issue__slug__in=slugs).values("statement_id")


def narrowed(statements: StatementQuerySet, chosen: dict[str, list[str]]) -> StatementQuerySet:
    """The statements the facets' choices allow: within a facet any value, across facets
    all (the text search apart)."""
    if chosen["actor"]:
        # The speakers' ids by subquery, not a join on their slugs: joined, PostgreSQL
        # estimated a summit's statements per article at 2 (they are 1,300 in the largest)
        # and read all 8,000 of them to keep one speaker's 27 (30-70 ms at 100k); by
        # subquery it reads the speaker's statements by index and keeps the summit's.
        speakers = Participant.objects.filter(slug__in=chosen["actor"]).values("pk")
        statements = statements.filter(speaker__in=speakers)
    if chosen["issue"]:
        statements = statements.filter(pk__in=on_issues(chosen["issue"]))
    if chosen["stance"]:
        statements = statements.filter(stance__in=chosen["stance"])
    if chosen["kind"]:
        statements = statements.filter(kind__in=chosen["kind"])
    return statements


def facet_base(statements: StatementQuerySet, chosen: dict[str, Any]) -> QuerySet[Any, Any]:
    """The rows facet_rows() counts: each statement with a flag per facet, true when it
    passes that facet's choices (always, with none chosen)."""

    def passes(name: str, condition: Q) -> ExpressionWrapper[Q]:
        flag = condition if chosen[name] else Q(pk__isnull=False)
        return ExpressionWrapper(flag, output_field=BooleanField())

    return statements.order_by().values(
        f_id=F("pk"),
        f_utterance=F("utterance_id"),
        f_slug=F("speaker__slug"),
        f_name=F("speaker__name"),
        f_stance=F("stance"),
        f_kind=F("kind"),
        f_actor=passes("actor", Q(speaker__slug__in=chosen["actor"])),
        f_issue=passes("issue", Q(pk__in=on_issues(chosen["issue"]))),
        f_stance_ok=passes("stance", Q(stance__in=chosen["stance"])),
        f_kind_ok=passes("kind", Q(kind__in=chosen["kind"])),
    )


# The reader query shape of a summit with no facet chosen and no words (reader_query()).
WHOLE_SUMMIT = (1, 0, 0, 0, 0, 0)


def reader_facet_base(
    shape: tuple[int, ...], values: Sequence[Bindable], *, narrow: bool = True
) -> tuple[str, tuple[Any, ...]]:
    """The SQL and parameters of facet_base() over a reader query, compiled once per shape.

    Not `narrow`: every facet's choices are flags, only the words narrow (the rows of
    every facet at once). `narrow`: the choices filter the statements and every flag is
    true (the rows of the facets not chosen, when one facet is: summit_facet_rows())."""

    def build(*given: Any) -> QuerySet[Any, Any]:
        statements = reader_statements(shape, given, narrow=narrow)
        chosen = reader_choices(shape, given)
        return facet_base(statements, {name: [] for name in chosen} if narrow else chosen)

    template = compiled(("facets", narrow, shape), build, values)
    return template.sql, tuple(template.bind(values))


def run_grouped(bases: list[tuple[str, str, tuple[Any, ...]]]) -> list[list[FacetRow]]:
    """Each base's facet rows (facet_base()'s statements grouped by facet), in one query.

    A base is (name, sql, params); its rows are counted as StatementFilter.facets() says:
    a facet's counts over the statements that pass every *other* facet's flag."""
    links = StatementIssue._meta.db_table
    issue_table = Issue._meta.db_table

    def counted(s: str, condition: str) -> str:
        return (
            f"COUNT(*) FILTER (WHERE {s}.f_utterance IS NULL AND {condition}), "
            f"COUNT(DISTINCT {s}.f_utterance) FILTER (WHERE {condition}), "
            f"COUNT(*) FILTER (WHERE {condition})"
        )

    def grouped(index: int, s: str) -> str:
        return f"""
            SELECT {index}, 'actor', {s}.f_slug, {s}.f_name,
                   {counted(s, f"{s}.f_stance_ok AND {s}.f_kind_ok")}, TRUE
              FROM {s} WHERE {s}.f_issue GROUP BY {s}.f_slug, {s}.f_name
            UNION ALL
            SELECT {index}, 'stance', {s}.f_stance, '',
                   {counted(s, f"{s}.f_actor AND {s}.f_kind_ok")}, TRUE
              FROM {s} WHERE {s}.f_issue GROUP BY {s}.f_stance
            UNION ALL
            SELECT {index}, 'kind', {s}.f_kind, '',
                   {counted(s, f"{s}.f_actor AND {s}.f_stance_ok")}, TRUE
              FROM {s} WHERE {s}.f_issue GROUP BY {s}.f_kind
            UNION ALL
            SELECT {index}, 'issue', i.slug, i.name,
                   {counted(s, f"{s}.f_actor AND {s}.f_stance_ok AND {s}.f_kind_ok")}, TRUE
              FROM {s} JOIN {links} l ON l.statement_id = {s}.f_id JOIN {issue_table} i
                ON i.id = l.issue_id
             GROUP BY i.slug, i.name
            UNION ALL
            SELECT {index}, 'total', '', '',
                   {counted(s, f"{s}.f_actor AND {s}.f_stance_ok AND {s}.f_kind_ok")}, TRUE
              FROM {s} WHERE {s}.f_issue
        """

    ctes = ", ".join(f"{name} AS ({sql})" for name, sql, _ in bases)
    selects = " UNION ALL ".join(grouped(i, name) for i, (name, _, _) in enumerate(bases))
    params = [param for _, _, base_params in bases for param in base_params]
    found: list[list[FacetRow]] = [[] for _ in bases]
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {ctes} {selects}", params)
        for index, f, v, label, a, b, c, k in cursor.fetchall():
            found[index].append((str(f), str(v), str(label), int(a), int(b), int(c), bool(k)))
    return found


def reader_scope(summit_id: int | None) -> StatementQuerySet:
    """What readers may see: one summit's published statements, or (None) the archive's."""
    statements = Statement.objects.published()
    return statements if summit_id is None else statements.at_summit(summit_id)


def reader_choices(shape: tuple[int, ...], values: Sequence[Any]) -> dict[str, list[Any]]:
    """The facets' choices among a reader query's values (StatementFilter.reader_query)."""
    scoped, *counts, _ = shape
    chosen: dict[str, list[Any]] = {}
    start = scoped
    for name, count in zip(StatementFilter.FACETS, counts, strict=True):
        chosen[name] = list(values[start : start + count])
        start += count
    return chosen


def reader_statements(
    shape: tuple[int, ...], values: Sequence[Any], *, narrow: bool = True
) -> StatementQuerySet:
    """A reader query's statements: the scope, the facets' choices (unless not `narrow`),
    the words' ids, in the order StatementFilter.apply() applies them."""
    scoped, *_, with_ids = shape
    statements = reader_scope(values[0] if scoped else None)
    if narrow:
        statements = narrowed(statements, reader_choices(shape, values))
    return statements.filter(among(values[-1])) if with_ids else statements


def ranked_by(statements: StatementQuerySet, q: str) -> StatementQuerySet:
    """Best match first where the database can rank; otherwise the order given."""
    if not q or connection.vendor != "postgresql":
        return statements
    rank = SearchRank(F("search"), search_query(q))
    return statements.annotate(rank=rank).order_by("-rank", *statements.query.order_by)


def facet(
    name: str,
    legend: str,
    counts: Counts,
    selected: list[str],
    names: dict[str, str],
    *,
    choices: dict[str, str] | None = None,
) -> Facet:
    """Options with statements under the current filter, plus any chosen one (to untick)."""
    labels: dict[str, str]
    if choices is not None:
        values = [value for value in choices if value in counts or value in selected]
        labels = choices
    else:
        labels = {value: label for value, (label, _) in counts.items()} | names
        # Two speakers of one name (both "Felipe Putin") follow the order of their slugs.
        values = sorted(
            set(counts) | set(selected), key=lambda v: (labels.get(v, str(v)).lower(), v)
        )
    return Facet(
        name,
        legend,
        [
            FacetOption(
                value,
                labels.get(value, value),
                counts[value][1].utterances if value in counts else 0,
                value in selected,
            )
            for value in values
        ],
    )


def search_query(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


# British and American spellings a reader may use for the same word ("defence", "defense").
SPELLINGS = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "centre": "center",
    "programme": "program",
    "labour": "labor",
    "favour": "favor",
    "honour": "honor",
    "neighbour": "neighbor",
    "rumour": "rumor",
}
SPELLINGS |= {american: british for british, american in SPELLINGS.items()}
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# The operators of PostgreSQL's websearch syntax: "a phrase", -word, or.
WEBSEARCH_OPERATORS = re.compile(r'"|(?:^|\s)-\w|\bor\b', re.IGNORECASE)
MAX_WORDS = 8
# Shorter words ("of", "al") would name half the roster; they still match the text.
MIN_NAME_WORD = 3


def spellings(word: str) -> set[str]:
    """The word and its other spellings: defence/defense, organisation/organization."""
    found = {word}
    lower = word.casefold()
    for british, american in (("isation", "ization"), ("ise", "ize"), ("ising", "izing")):
        for one, other in ((british, american), (american, british)):
            if lower.endswith(one):
                found.add(lower[: -len(one)] + other)
    stem = next((s for s in (lower, lower.rstrip("s")) if s in SPELLINGS), None)
    if stem is not None:
        found.add(SPELLINGS[stem])
    return found


def text_search(statements: StatementQuerySet, q: str) -> StatementQuerySet:
    """Every word must match somewhere, in any order: the text, the context, an issue's
    name, or the speaker (their name, an alias, the role held at that summit).

    "Lavrov Libya" finds Lavrov's statements on Libya. A name given in any recorded
    spelling also finds the text that uses another (Qaddafi finds "Gaddafi"). On PostgreSQL
    accents are ignored (unaccent), a misspelt name still finds its speaker (pg_trgm word
    similarity) and words match by stem (the stored full-text vector); a query written in
    websearch syntax ("a phrase", -word, or) is run as one.

    On PostgreSQL every place a word may match is one an index answers (trigram indexes on
    the folded text and context, stored, migration 0011, and on the folded role and name,
    migration 0010; the full-text index; the
    primary and speaker keys for the rest), so the statements a word finds are a union of
    index scans, not a scan of every statement.
    """
    postgres = connection.vendor == "postgresql"
    if postgres and WEBSEARCH_OPERATORS.search(q):
        # Statement.search is the stored, GIN-indexed vector over text and context.
        return statements.filter(Q(search=search_query(q)) | by_alias(q))
    words = search_words(q)
    if not words:
        return statements.filter(Q(text__icontains=q) | Q(context__icontains=q))
    if postgres:
        # The ids the words find together, before any statement is read: a common word
        # finds thousands, the words together a few (matched_ids()).
        side = words_side_ids(words)
        conditions = [indexed_word_condition(word, side[word]) for word in words]
        return statements.filter(pk__in=Statement.objects.filter(*conditions).values("pk"))
    for word in words:
        statements = statements.filter(word_matches(word, postgres=postgres))
    return statements


def search_words(q: str) -> list[str]:
    return list(dict.fromkeys(WORD.findall(q)))[:MAX_WORDS]


# A search's ids are kept per revision up to this many (8 bytes an id: 40 kB at most an
# entry); larger sets are found again each time.
KEPT_MATCHES = 5_000


def matched_ids(words: list[str]) -> "array[int]":
    """The ids of the statements every word matches (text_search's rule), in id order.

    One query for all the words, each word's places ORed and the words ANDed, so PostgreSQL
    intersects the words' index bitmaps before it reads a statement
    (indexed_word_condition()); the ids are kept per revision for the next page, the htmx
    fragment and the same words in another order.
    """

    def find() -> "array[int]":
        side = words_side_ids(words)
        conditions = [indexed_word_condition(word, side[word]) for word in words]
        found = Statement.objects.order_by().filter(*conditions).values_list("pk", flat=True)
        sql, params = found.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return array("q", sorted(row[0] for row in cursor.fetchall()))

    key = "\x00".join(sorted(words))
    return per_revision(
        "search-ids",
        key,
        find,
        keep=lambda ids: len(ids) <= KEPT_MATCHES,
    )


class Among(Func):
    """`column = ANY(ids)`: a statement among ids already found, one array parameter however
    many (an IN list of thousands would be thousands of parameters to compile and bind)."""

    arg_joiner = " = ANY("
    template = "(%(expressions)s))"
    output_field = BooleanField()


IDS = ArrayField(BigIntegerField())


def among(ids: "Sequence[int]") -> Among:
    return Among(F("pk"), Value(IdArray(ids), output_field=IDS))


class Fold(Func):
    """Upper case without accents, as `unaccent__icontains` compares, in the one immutable
    function (migration 0010) that the trigram indexes on text, context, role and name use."""

    function = "loggerheads_fold"
    output_field = TextField()


class StoredFold(Expression):
    """A statement's text or context as loggerheads_fold() gives it, read from the column
    PostgreSQL keeps (`text_folded`, `context_folded`: generated columns, migration 0011),
    so a trigram index's candidates are rechecked by a plain LIKE, not folded again row by
    row. The columns are not model fields; this names one on the query's statements."""

    def __init__(self, source: str) -> None:
        super().__init__(output_field=TextField())
        self.source = source

    def resolve_expression(
        self,
        query: Any = None,
        allow_joins: bool = True,
        reuse: Any = None,
        summarize: bool = False,
        for_save: bool = False,
    ) -> Any:  # the column itself (a Col), not another StoredFold
        assert isinstance(query, Query) and query.model is Statement, query
        column = TextField()
        column.set_attributes_from_name(f"{self.source}_folded")
        return Col(query.get_initial_alias(), column)


def folded_contains(field: str, text: str) -> Q:
    """The statement's `field` (text or context) contains `text`, both folded."""
    return Q(Contains(StoredFold(field), Fold(Value(text))))


def word_matches(word: str, *, postgres: bool) -> Q:
    """Where one search word may match a statement; subqueries, so no row is repeated."""
    if postgres:
        return Q(pk__in=indexed_word_matches(word))
    contains = "icontains"
    matches = Q()
    on_issue = Q()
    for spelling in spellings(word):
        matches |= Q(**{f"text__{contains}": spelling}) | Q(**{f"context__{contains}": spelling})
        on_issue |= Q(**{f"issue__name__{contains}": spelling})
    matches |= Q(pk__in=StatementIssue.objects.filter(on_issue).values("statement_id"))
    role = Attendance.objects.filter(
        summit=OuterRef("summit_id"),
        participant=OuterRef("speaker_id"),
        **{f"role__{contains}": word},
    )
    matches |= Q(Exists(role))
    if len(word) >= MIN_NAME_WORD:
        named = Q(**{f"name__{contains}": word}) | Q(aliases__name__iexact=word)
        matches |= Q(speaker__in=Participant.objects.filter(named).values("pk"))
        # The text names the person in another recorded spelling: Qaddafi finds "Gaddafi".
        same_person = Q(participant__aliases__name__iexact=word) | Q(participant__name__iexact=word)
        other_spellings = ParticipantAlias.objects.filter(same_person).filter(
            IContains(OuterRef("text"), F("name"))
        )
        matches |= Q(Exists(other_spellings))
    return matches


def indexed_word_matches(word: str) -> "QuerySet[Any, Any]":
    """word_matches() on PostgreSQL: the ids of the statements the word matches, found by
    indexes (indexed_word_condition())."""
    return Statement.objects.order_by().filter(indexed_word_condition(word)).values("pk")


def indexed_word_condition(word: str, side: "SideIds | None" = None) -> Q:
    """word_matches() on PostgreSQL as a condition on a statement row that indexes answer:
    every place the word may match is an indexed column compared with a value, joined by OR.

    So PostgreSQL reads each place as a bitmap index scan, ORs a word's scans together and,
    for several words, ANDs the words' bitmaps before reading any statement: "ceasefire
    burden" rechecks the 287 statements both find, not the 2,400 and 12,500 each finds
    (11 ms at 100k, where finding each word's ids apart and intersecting them took 35-100
    ms). The places that are not a statement's own text (an issue's name, a role held, a
    speaker's name) come as ids found beforehand (`side`, from words_side_ids()): as
    subqueries here they would be found again by every search with the word (a role held
    by 2,000 foreign ministers cost 290 ms a search), and a correlated EXISTS would make
    PostgreSQL test the OR row by row over every statement.
    """
    condition = Q()
    for spelling in spellings(word):
        condition |= folded_contains("text", spelling) | folded_contains("context", spelling)
    condition |= Q(search=SearchQuery(word, config=SEARCH_CONFIG))
    statement_ids, speaker_ids = side or words_side_ids([word])[word]
    if statement_ids:
        condition |= Q(among(statement_ids))
    if speaker_ids:
        condition |= Q(Among(F("speaker_id"), Value(IdArray(speaker_ids), output_field=IDS)))
    return condition


# A word's statements found other than by their text, and the speakers it names.
type SideIds = tuple[array[int], array[int]]

# Side ids are kept per revision up to this many a word (8 bytes an id: 160 kB at most an
# entry). At 100k an issue's name finds up to 19,000 statements ("security") and a role
# 13,000 ("foreign"), found again at 10-370 ms a search if not kept; the words that find
# so many are few (a dozen of the bench's 203), so few entries are this large.
KEPT_SIDE_IDS = 20_000


def words_side_ids(words: list[str]) -> dict[str, SideIds]:
    """Per word, the statements it finds other than in their text and context (on an issue
    named so, by a speaker holding such a role, naming a person in another recorded
    spelling) and the speakers it names (by name or alias, misspelt too).

    Kept per revision, as searches share words ("sochi", "sochi summit", "lavrov sochi");
    the words not kept yet are found together, in one query.
    """
    found: dict[str, SideIds] = {}
    missing: list[str] = []
    for word in words:
        # Looked up only: nothing is computed, and a miss is not kept.
        kept = per_revision("word-side-ids", word, lambda: None, keep=lambda _: False)
        if kept is None:
            missing.append(word)
        else:
            found[word] = kept
    if not missing:
        return found
    places = [place for index, word in enumerate(missing) for place in side_places(index, word)]
    rows: dict[tuple[int, str], set[int]] = {}
    first, *rest = places
    for index, kind, pk in first.union(*rest, all=True):
        rows.setdefault((index, kind), set()).add(pk)
    for index, word in enumerate(missing):
        side = (
            array("q", sorted(rows.get((index, "statement"), ()))),
            array("q", sorted(rows.get((index, "speaker"), ()))),
        )
        found[word] = keep_side_ids(word, side)
    return found


def keep_side_ids(word: str, side: SideIds) -> SideIds:
    return per_revision(
        "word-side-ids",
        word,
        lambda: side,
        keep=lambda ids: len(ids[0]) + len(ids[1]) <= KEPT_SIDE_IDS,
    )


def side_places(index: int, word: str) -> "list[QuerySet[Any, tuple[int, str, int]]]":
    """words_side_ids()'s places for one word, rows of (index, "statement" or "speaker",
    id): each its own query that an index answers, their union read at once."""
    at = Value(index, output_field=BigIntegerField())
    statement = Value("statement", output_field=CharField())
    on_issue = Q()
    for spelling in spellings(word):
        on_issue |= Q(Contains(Fold("issue__name"), Fold(Value(spelling))))
    statements = Statement.objects.order_by()
    # The role held at the statement's summit: attendances found by the role index first.
    role = Attendance.objects.filter(
        Q(Contains(Fold("role"), Fold(Value(word)))),
        summit=OuterRef("summit_id"),
        participant=OuterRef("speaker_id"),
    )
    places = [
        StatementIssue.objects.filter(on_issue)
        .order_by()
        .values_list(at, statement, "statement_id"),
        statements.filter(Exists(role)).values_list(at, statement, "pk"),
    ]
    if len(word) < MIN_NAME_WORD:
        return places
    speaker = Value("speaker", output_field=CharField())
    # The name and the aliases apart: an OR across their join would read every name.
    by_name = Participant.objects.filter(
        Q(Contains(Fold("name"), Fold(Value(word)))) | Q(name__trigram_word_similar=word)
    )
    by_alias_name = ParticipantAlias.objects.filter(
        Q(name__iexact=word) | Q(name__trigram_word_similar=word)
    )
    # The text names the person in another recorded spelling: Qaddafi finds "Gaddafi".
    same_person = Q(participant__aliases__name__iexact=word) | Q(participant__name__iexact=word)
    spellings_of = ParticipantAlias.objects.filter(same_person).order_by()
    other_spellings = spellings_of.filter(IContains(OuterRef("text"), F("name")))
    return [
        *places,
        by_name.order_by().values_list(at, speaker, "pk"),
        by_alias_name.order_by().values_list(at, speaker, "participant_id"),
        # Read only when the word names someone with recorded spellings (a one-time check),
        # else every statement's text would be read for nothing.
        statements.filter(Exists(spellings_of), Exists(other_spellings)).values_list(
            at, statement, "pk"
        ),
    ]


def by_alias(q: str) -> Q:
    """Statements by a speaker whom `q` names by an alias ("Gadhafi", "Xi")."""
    # A subquery, not a join: a speaker with several matching aliases is still one row.
    aliased = (
        ParticipantAlias.objects.filter(name__iexact=q.strip()).order_by().values("participant")
    )
    return Q(speaker__in=aliased)
