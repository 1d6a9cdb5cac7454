"""The statement filter: parses the reader's GET parameters, applies them, counts facets.

The URL is the state. Within one facet the chosen values are alternatives (Lavrov or
Medvedev); across facets they narrow (Lavrov, on missile defense). A facet's counts are taken
with every other facet applied but not itself, so each count says how many statements ticking
that box would add. A bad value never fails the page: the form reports it and the valid
parts still apply.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.lookups import IContains
from django.forms.utils import ErrorDict
from django.http import QueryDict

from summits.models import (
    Attendance,
    Issue,
    Participant,
    ParticipantAlias,
    Stance,
    StatementIssue,
    StatementKind,
    StatementQuerySet,
)
from summits.renames import Renamed, history_slugs
from summits.utterances import Tally

PAGE_SIZE = 25
SEARCH_CONFIG = "english"  # as Statement.search is built
# A reader filters by a stance taken; "no clear stance" is not something one looks for.
STANCE_CHOICES = [(value, label) for value, label in Stance.choices if value != Stance.NONE]
KIND_CHOICES = [(StatementKind.QUOTE, "Quote"), (StatementKind.PARAPHRASE, "Paraphrase")]
# A facet's counts: value -> (label, the utterances and reports it would add).
Counts = dict[str, tuple[str, Tally]]


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
        self.tally = Tally()
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
        model = Participant if field == "actor" else Issue
        if missing:
            known_here = model.objects.published().filter(slug__in=missing)
            names |= dict(known_here.values_list("slug", "name"))
        renamed = history_slugs(model, [slug for slug in slugs if slug not in names])
        # Only to a row readers may see: an embargoed participant's old slug stays unknown.
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
        """Every report that passes the filters; `.one_per_utterance()` lists them once."""
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
        """Every facet's counts of utterances, and the filtered total, from two grouped
        queries (grouped by utterance too, so one reported twice counts once).

        The first groups by speaker, stance and kind over the statements that pass the issue
        and text filters; the second by issue as well, over those that pass the text filter
        (grouping by issue counts a statement once per issue, right for the issue facet only).
        Each facet sums the rows that pass the *other* facets' choices, so the counts match
        one grouped query per facet, and the total needs no separate COUNT.
        """
        issue_rows = (
            self.apply(self.scope, skip="*")
            .filter(issues__isnull=False)
            .tally_rows("issues__slug", "issues__name", "speaker__slug", "stance", "kind")
        )
        self.resolve("issue", {row["issues__slug"]: row["issues__name"] for row in issue_rows})
        by_speaker = self.apply(self.scope, skip="*")
        if self.values["issue"]:
            by_speaker = by_speaker.filter(pk__in=on_issues(self.values["issue"]))
        rows = by_speaker.tally_rows("speaker__slug", "speaker__name", "stance", "kind")
        self.resolve("actor", {row["speaker__slug"]: row["speaker__name"] for row in rows})
        values = self.values
        chosen = {name: set(values[name]) for name in self.FACETS}

        def passes(row: Mapping[str, Any], but: str) -> bool:
            keys = {"actor": "speaker__slug", "stance": "stance", "kind": "kind"}
            return all(
                not chosen[name] or row[key] in chosen[name]
                for name, key in keys.items()
                if name != but
            )

        actor_counts: Counts = {}
        stance_counts: Counts = {}
        kind_counts: Counts = {}
        # An utterance counts once however many of its reports pass (summits/utterances.py).
        self.tally = Tally()
        for row in rows:
            if passes(row, "actor"):
                add(actor_counts, row["speaker__slug"], row["speaker__name"], row)
            if passes(row, "stance"):
                add(stance_counts, row["stance"], "", row)
            if passes(row, "kind"):
                add(kind_counts, row["kind"], "", row)
            if passes(row, ""):
                self.tally.add(row)
        self.total = self.tally.utterances
        issue_counts: Counts = {}
        if self.total == 0 and self.active:
            # Nothing matches: still offer every speaker and issue in scope (at 0), so the
            # reader has the facets to widen from; one more query, and only on an empty list.
            self.add_scope_options(actor_counts, issue_counts)
            for value, _ in STANCE_CHOICES:
                stance_counts.setdefault(value, ("", Tally()))
            for value, _ in KIND_CHOICES:
                kind_counts.setdefault(value, ("", Tally()))
        for issue_row in issue_rows:
            if passes(issue_row, "issue"):
                add(issue_counts, issue_row["issues__slug"], issue_row["issues__name"], issue_row)
        return [
            facet("actor", "Speaker", actor_counts, values["actor"], self.names["actor"]),
            facet("issue", "Issue", issue_counts, values["issue"], self.names["issue"]),
            facet(
                "stance",
                "Stance",
                stance_counts,
                values["stance"],
                {},
                choices=dict(STANCE_CHOICES),
            ),
            facet("kind", "Kind", kind_counts, values["kind"], {}, choices=dict(KIND_CHOICES)),
        ]

    def add_scope_options(self, actor_counts: Counts, issue_counts: Counts) -> None:
        rows = (
            self.scope.order_by()
            .values_list("speaker__slug", "speaker__name", "issues__slug", "issues__name")
            .distinct()
        )
        for speaker_slug, speaker_name, issue_slug, issue_name in rows:
            actor_counts.setdefault(speaker_slug, (speaker_name, Tally()))
            if issue_slug is not None:
                issue_counts.setdefault(issue_slug, (issue_name, Tally()))


def on_issues(slugs: list[str]) -> QuerySet[StatementIssue, Any]:
    # A subquery, not a join: a statement on two chosen issues is still one statement.
    return StatementIssue.objects.filter(issue__slug__in=slugs).values("statement_id")


def add(counts: Counts, value: str, label: str, row: Mapping[str, Any]) -> None:
    counts.setdefault(value, (label, Tally()))[1].add(row)


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
        values = sorted(set(counts) | set(selected), key=lambda v: labels.get(v, str(v)).lower())
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
    """
    postgres = connection.vendor == "postgresql"
    if postgres and WEBSEARCH_OPERATORS.search(q):
        # Statement.search is the stored, GIN-indexed vector over text and context.
        return statements.filter(Q(search=search_query(q)) | by_alias(q))
    words = list(dict.fromkeys(WORD.findall(q)))[:MAX_WORDS]
    if not words:
        return statements.filter(Q(text__icontains=q) | Q(context__icontains=q))
    for word in words:
        statements = statements.filter(word_matches(word, postgres=postgres))
    return statements


def word_matches(word: str, *, postgres: bool) -> Q:
    """Where one search word may match a statement; subqueries, so no row is repeated."""
    contains = "unaccent__icontains" if postgres else "icontains"
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
        if postgres:
            named |= Q(name__trigram_word_similar=word) | Q(
                aliases__name__trigram_word_similar=word
            )
        matches |= Q(speaker__in=Participant.objects.filter(named).values("pk"))
        # The text names the person in another recorded spelling: Qaddafi finds "Gaddafi".
        same_person = Q(participant__aliases__name__iexact=word) | Q(participant__name__iexact=word)
        other_spellings = ParticipantAlias.objects.filter(same_person).filter(
            IContains(OuterRef("text"), F("name"))
        )
        matches |= Q(Exists(other_spellings))
    if postgres:
        matches |= Q(search=SearchQuery(word, config=SEARCH_CONFIG))
    return matches


def by_alias(q: str) -> Q:
    """Statements by a speaker whom `q` names by an alias ("Gadhafi", "Xi")."""
    # A subquery, not a join: a speaker with several matching aliases is still one row.
    aliased = ParticipantAlias.objects.filter(name__iexact=q.strip()).values("participant")
    return Q(speaker__in=aliased)
