"""Summit coverage as structured, sourced data.

A Summit is covered by Articles; each Article attributes Statements to Participants, on
Issues, with a stance. Integrity lives in the database where it can (check constraints,
unique slugs, PROTECT on everything a statement cites) and in ``save()`` for the verbatim
rule, which spans two tables.
"""

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Self, TypedDict

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateTimeField, Exists, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, JSONArray
from django.db.models.query import ModelIterable
from django.db.models.sql.compiler import SQLCompiler
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import ManyRelatedManager, RelatedManager

from summits.extraction import RosterEntry
from summits.history import VersionsWithLinks, VersionsWithLinksManager
from summits.quotes import misquote_diagnosis, quote_occurs_in, text_position

# Crockford-style alphabet: no 0/o, 1/l/i, so an id read aloud or retyped survives.
PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
PUBLIC_ID_LENGTH = 8


def new_public_id() -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


def page_url(name: str, key: object) -> str:
    """reverse(name, args=[key]), remembered: a list page links each speaker, article,
    summit and issue on every card, and Django's reverse() (a regular expression matched
    per call) was half of a card's cost. Keyed by the script prefix and URLconf as well, so
    a cached address is always the one reverse() would give."""
    return remembered_url(get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF, name, key)


@lru_cache(maxsize=20_000)
def remembered_url(prefix: str, urlconf: object, root_urlconf: str, name: str, key: object) -> str:
    # A key never linked before (most of a cold page's: its cards' speakers, articles,
    # statements) still cost a reverse() each, 11-17 us, some 30 on a cold summit page. A
    # plain key (letters, digits, "-", "_": every slug, public id and id) is put into the
    # route's address as reverse() would put it: unquoted, where its argument goes.
    route = route_around(prefix, urlconf, root_urlconf, name)
    text = str(key)
    if route is not None and PLAIN_KEY.fullmatch(text):
        return route[0] + text + route[1]
    return reverse(name, args=[key])


PLAIN_KEY = re.compile(r"[-a-zA-Z0-9_]+")
# Two plain keys no address holds otherwise, one of letters and one of digits.
ROUTE_MARKS = ("zqxjkmarkzqxj", "9081726354")


@lru_cache(maxsize=256)
def route_around(
    prefix: str, urlconf: object, root_urlconf: str, name: str
) -> tuple[str, str] | None:
    """The address reverse(name, args=[key]) gives, split where the key goes; None unless a
    key of letters and one of digits land in the same place of one route (an int route, or
    a name with several routes, is reversed every time)."""
    try:
        around = [reverse(name, args=[mark]).split(mark) for mark in ROUTE_MARKS]
    except NoReverseMatch:
        return None
    if any(len(parts) != 2 for parts in around) or around[0] != around[1]:  # noqa: PLR2004
        return None
    return around[0][0], around[0][1]


def choices_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class ParticipantKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"


class StatementKind(models.TextChoices):
    QUOTE = "quote", "Quote (verbatim)"
    PARAPHRASE = "paraphrase", "Paraphrase (the article's account)"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    OPPOSES = "opposes", "Opposes"
    CONDITIONAL = "conditional", "Conditional"
    NEUTRAL = "neutral", "Neutral"
    NONE = "none", "No clear stance"


# get_stance_display() without its per-call work (the choices made hashable each time).
STANCE_LABELS: dict[str, str] = dict(Stance.choices)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


@dataclass(frozen=True)
class WhenSaid:
    """The day a statement was said (`known`), or only the day it was reported.

    In words it is "said on 4 July 2011", "reported 28 May 2011", or "" when the article is
    undated too: a summit's dates are not a statement's.
    """

    day: date | None
    known: bool

    def __str__(self) -> str:
        if self.day is None:
            return ""
        return f"{'said on' if self.known else 'reported'} {self.day.day} {self.day:%B %Y}"


class StatementSearchVector(SearchVector):
    """English full-text vector on PostgreSQL; the plain words on SQLite, which has none."""

    def as_sqlite(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        **extra_context: Any,
    ) -> tuple[str, tuple[str | int, ...]]:
        words: list[Any] = []
        for expression in self.get_source_expressions():
            words += [Coalesce(expression, Value("")), Value(" ")]
        return compiler.compile(Concat(*words[:-1], output_field=models.TextField()))


def publication_status(help_text: str) -> "models.CharField[str, str]":
    """The embargo field of a summit or an article: published unless held back."""
    return models.CharField(
        max_length=20, choices=Status, default=Status.PUBLISHED, help_text=help_text
    )


class PreviewableQuerySet[M: models.Model](models.QuerySet[M]):
    """A queryset of rows an editor may preview before readers see them."""

    def published(self) -> Self:
        """The rows readers may see: each subclass states its own rule."""
        raise NotImplementedError

    def readable(self, *, preview: bool) -> Self:
        """What a request may read: everything for an editor's preview, else published()."""
        return self if preview else self.published()


class SummitQuerySet(PreviewableQuerySet["Summit"]):
    def published(self) -> Self:
        """Summits readers may see: a draft summit (an embargo) is invisible everywhere."""
        return self.filter(status=Status.PUBLISHED)


class Summit(models.Model):
    Status = Status

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    forum = models.CharField(
        max_length=200, blank=True, help_text="The body or format that met, e.g. 'G8'."
    )
    summary = models.TextField(blank=True)
    issues: "models.ManyToManyField[Issue, models.Model]" = models.ManyToManyField(
        "Issue", blank=True, related_name="summits", help_text="What was on the table."
    )
    participants: "models.ManyToManyField[Participant, Attendance]" = models.ManyToManyField(
        "Participant", through="Attendance", related_name="summits"
    )
    # Published unless an editor or `import_coverage --draft` holds it back: rows written by
    # code that never asked (fixtures, shells, older bundles) stay public as they always were.
    status = publication_status(
        "A draft summit, its articles and statements are invisible to readers."
    )

    history = HistoricalRecords()

    objects = SummitQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="summit_ends_after_it_starts",
            ),
            choices_check("status", Status, "summit_status_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_url("summit", self.slug)

    @property
    def date_range(self) -> str:
        """The summit's dates as a newsroom writes them: "26–27 May 2011", "30 May – 2 June
        2011", "31 December 2010 – 1 January 2011", or one day."""
        start, end = self.starts_on, self.ends_on
        if end is None or end == start:
            return f"{start.day} {start:%B %Y}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {end:%B %Y}"
        if start.year == end.year:
            return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
        return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def published(self) -> Self:
        """Participants readers may see: not those known only from draft summits.

        Someone recorded at no summit yet (just added) stays visible, as before embargoes.
        """
        attends = Attendance.objects.filter(participant=OuterRef("pk"))
        return self.filter(
            Exists(attends.filter(summit__status=Status.PUBLISHED)) | ~Exists(attends)
        )


class Participant(models.Model):
    Kind = ParticipantKind

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PERSON)

    history = HistoricalRecords()

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [choices_check("kind", ParticipantKind, "participant_kind_valid")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_url("participant", self.slug)


def delegation_worth_showing(role: str, delegation: str, name: str) -> str:
    """The delegation, unless the speaker's name or role already says it ("President of
    France (host)" needs no "(France)" after it)."""
    if not delegation or delegation == name or delegation.casefold() in role.casefold():
        return ""
    return delegation


class Attendance(models.Model):
    """A participant at one summit, with the role held there: roles change between summits."""

    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendances"
    )
    role = models.CharField(max_length=200, blank=True, help_text="e.g. 'President of Russia'")
    delegation = models.CharField(max_length=200, blank=True, help_text="e.g. 'Russia'")

    history = HistoricalRecords()

    class Meta:
        ordering = ["summit", "participant__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["summit", "participant"], name="attendance_once_per_summit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} at {self.summit}"

    @property
    def delegation_shown(self) -> str:
        return delegation_worth_showing(self.role, self.delegation, self.participant.name)


class Attendee(TypedDict):
    """An attendance as a summit page's overview reads it (summits.views.summit_attendances)."""

    slug: str  # the participant's
    name: str  # the participant's
    role: str
    delegation: str


class IssueQuerySet(models.QuerySet["Issue"]):
    def published(self) -> Self:
        """Issues readers may see: not those only on the agenda of draft summits."""
        agendas = Summit.issues.through._default_manager.filter(issue=OuterRef("pk"))
        return self.filter(
            Exists(agendas.filter(summit__status=Status.PUBLISHED)) | ~Exists(agendas)
        )


class Issue(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    proposition = models.TextField(
        blank=True,
        help_text="The claim stances answer, e.g. 'NATO should build its missile defense'.",
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    objects = IssueQuerySet.as_manager()

    if TYPE_CHECKING:
        # The reverse of Summit.issues, which django-stubs cannot derive from a string.
        summits: ManyRelatedManager[Summit, models.Model]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_url("issue", self.slug)


class ArticleQuerySet(PreviewableQuerySet["Article"]):
    def published(self) -> Self:
        """Articles readers may see: published, in a published summit."""
        return self.filter(status=Status.PUBLISHED, summit__status=Status.PUBLISHED)


class Article(models.Model):
    Status = Status

    summit = models.ForeignKey(Summit, on_delete=models.PROTECT, related_name="articles")
    key = models.CharField(
        max_length=100, help_text="The article's name in coverage bundles, e.g. 'dw-2011-07-04'."
    )
    title = models.CharField(max_length=300)
    outlet = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    authors = models.JSONField(default=list, blank=True)
    editors = models.JSONField(default=list, blank=True)
    body = models.TextField()
    status = publication_status(
        "A draft article (its text and statements) is invisible to readers."
    )

    history = HistoricalRecords()

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["summit", "published_on", "key"]
        constraints = [
            models.UniqueConstraint(fields=["summit", "key"], name="article_key_unique_in_summit"),
            choices_check("status", Status, "article_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, check_quotes: bool = True, **kwargs: Any) -> None:
        # The importer replaces a body and its quotes together, then checks them all at once.
        if check_quotes:
            self.clean()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_url("article", self.pk)

    @property
    def web_address(self) -> str:
        """The article's address if a reader may follow it: http(s) only, else "".

        The admin's URLField refuses a javascript: or data: address, but a bundle's "uri"
        format accepts one; as a link it would run script on our page or on one embedding ours.
        """
        return self.url if self.url.lower().startswith(("https://", "http://")) else ""

    def clean(self) -> None:
        super().clean()
        if self.pk is None:
            return
        # Editing the body must not strand quotes that were verified against the old text.
        lost = [
            statement.text
            for statement in self.statements.filter(kind=Statement.Kind.QUOTE)
            if not quote_occurs_in(statement.text, self.body)
        ]
        if lost:
            raise ValidationError(
                {
                    "body": "The new text no longer contains these recorded quotes: "
                    + "; ".join(f"“{text}”" for text in lost)
                }
            )


def misquote_error(quote: str, article: Article) -> str:
    """What an editor reads when a quote is not in its article: where it is, what differs.

    It names the article's nearest words rather than suggesting a paraphrase: a misquote is
    corrected, not relabelled.
    """
    return f"This quote does not appear in the article '{article.title}'. " + misquote_diagnosis(
        quote, article.body
    )


class StatementIssue(models.Model):
    """Links a statement to an issue; an issue that statements cite cannot be deleted."""

    statement = models.ForeignKey("Statement", on_delete=models.CASCADE)
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "issue"], name="statement_issue_once")
        ]

    def __str__(self) -> str:
        return f"{self.statement} on {self.issue}"


# When an article reported something; undated articles count as reporting it last.
REPORTED_ON = Coalesce(F("article__published_on"), Value(date.max))

# Across summits the newest comes first; within a summit the coverage's own order, and the
# primary key last, so a page of statements never shuffles between requests.
NEWEST_FIRST = (
    "-summit__starts_on",
    "summit_id",
    "article__published_on",
    "article_id",
    "position",
    "pk",
)


# The annotation for_display() reads a statement's issues from on PostgreSQL: each issue
# as a JSON array of ISSUE_FIELDS, in the order of Issue.Meta.ordering (ties by id).
ISSUE_ROWS = "issue_rows"
ISSUE_FIELDS = ("id", "name", "slug", "proposition", "description")


def issue_rows() -> "models.QuerySet[StatementIssue, Any]":
    links = StatementIssue.objects.filter(statement_id=OuterRef("pk"))
    return links.order_by("issue__name", "issue_id").values(
        row=JSONArray(*(f"issue__{field}" for field in ISSUE_FIELDS))
    )


class WithIssuesIterable(ModelIterable["Statement"]):
    """Statements whose issues came as the ISSUE_ROWS annotation, each with its issues where
    prefetch_related("issues") would have put them: `statement.issues.all()` reads them
    without a query, and anything built on it (a filter, a values()) queries as usual."""

    def __iter__(self) -> Iterator["Statement"]:
        for statement in super().__iter__():
            rows = statement.__dict__.pop(ISSUE_ROWS)
            issues = [Issue.from_db(self.queryset.db, ISSUE_FIELDS, row) for row in rows]
            statement.__dict__["_prefetched_objects_cache"] = IssuesInPlace(statement, issues)
            yield statement


class IssuesInPlace(dict[str, Any]):
    """A statement's prefetched objects (`_prefetched_objects_cache`) holding the issues
    for_display() read, as prefetch_related("issues") would hold them: the manager's own
    (lazily filtered) queryset with its result already known.

    That queryset is built when something asks for it (`statement.issues.all()`), not for
    every row read: building the related manager and its queryset was about a quarter of
    turning a listing's rows into statements (16 us a row), and a card reads the list
    (displayed_issues()). Removed (an m2m write, refresh_from_db) it is gone as a plain
    entry would be."""

    def __init__(self, statement: "Statement", issues: list["Issue"]) -> None:
        super().__init__()
        self.statement = statement
        self.issues: list[Issue] | None = issues
        self.building = False

    def __missing__(self, key: str) -> Any:
        if key != "issues" or self.issues is None or self.building:
            raise KeyError(key)
        # The manager looks here first; while it is built, the entry is missing, so it
        # builds its own queryset, as with no prefetch.
        self.building = True
        try:
            shown = self.statement.issues.get_queryset()
        finally:
            self.building = False
        shown._result_cache = self.issues
        shown._prefetch_done = True  # type: ignore[attr-defined]
        self.issues = None
        self[key] = shown
        return shown

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or (key == "issues" and self.pending())

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def pop(self, key: str, *default: Any) -> Any:
        if key == "issues" and self.pending():
            self[key] = self.__missing__(key)
        return super().pop(key, *default)

    def __delitem__(self, key: str) -> None:
        if key == "issues" and self.pending():
            self.issues = None
            return
        super().__delitem__(key)

    def pending(self) -> bool:
        """The issues are known and their queryset not built yet."""
        return self.issues is not None and not self.building


class StatementQuerySet(PreviewableQuerySet["Statement"]):
    """The rules for reading statements; reader pages, the API, feeds and cards build on them."""

    def published(self) -> Self:
        """Only what editors have published: drafts never reach a reader, and neither does
        a published statement of a draft article or summit (an embargo holds back all)."""
        return self.filter(
            status=Status.PUBLISHED,
            article__status=Status.PUBLISHED,
            summit__status=Status.PUBLISHED,
        )

    def at_summit(self, summit_id: int) -> Self:
        """One summit's statements. The article's summit is named too (always the
        statement's: Statement.save), so published()'s join to articles reads that summit's
        few by their index instead of hashing every article for one summit."""
        return self.filter(summit_id=summit_id, article__summit_id=summit_id)

    def for_display(self) -> Self:
        """Everything a statement shows, in a fixed number of queries whatever the count.

        The speaker, article and summit come joined and the issues with them (in the same
        query on PostgreSQL, prefetched elsewhere); how many
        published reports its utterance has comes as `report_count` (1 for a statement in
        no utterance). The reports themselves cost a query: with_reports() where shown. The role and
        delegation the speaker held at the statement's summit (roles change between
        summits) come as the annotations `speaker_role` and `speaker_delegation`, "" when
        the speaker's attendance records none.
        """
        held = Attendance.objects.filter(
            summit=OuterRef("summit_id"), participant=OuterRef("speaker_id")
        ).order_by()  # one row at most: Attendance's default order would join two tables
        reports = (
            Statement.objects.published()
            .filter(utterance_id=OuterRef("utterance_id"))
            .order_by()
            .values("utterance_id")
            .annotate(n=models.Count("pk"))
        )
        shown = (
            self.select_related("speaker", "article", "summit", "utterance")
            # A card shows the article's title and outlet, never its body (often 10-50 kB).
            .defer("article__body")
            .annotate(report_count=Coalesce(Subquery(reports.values("n")[:1]), Value(1)))
            .annotate(
                speaker_role=Coalesce(Subquery(held.values("role")[:1]), Value("")),
                speaker_delegation=Coalesce(Subquery(held.values("delegation")[:1]), Value("")),
            )
        )
        if connections[self.db].vendor != "postgresql":
            return shown.prefetch_related("issues")
        # On PostgreSQL the issues come in the statements' own query, each row's as one
        # array, and are put where prefetch_related("issues") puts them: the prefetch was a
        # sixth of a cold permalink's profile (a query, and Django building and compiling it
        # for every page), and a listing page one query more.
        with_issues = shown.annotate(**{ISSUE_ROWS: ArraySubquery(issue_rows())})
        with_issues._iterable_class = WithIssuesIterable
        return with_issues

    def newest_first(self) -> Self:
        return self.order_by(*NEWEST_FIRST)

    def one_per_utterance(self) -> Self:
        """One row per utterance: a grouped statement stays only if it is the first of its
        utterance's reports among these rows (the earliest article, then the first
        recorded), so a filter matching any report still finds the utterance."""
        rows = self.annotate(reported_on=REPORTED_ON)
        before = rows.filter(utterance_id=OuterRef("utterance_id")).filter(
            Q(reported_on__lt=OuterRef("reported_on"))
            | Q(reported_on=OuterRef("reported_on"), pk__lt=OuterRef("pk"))
        )
        return rows.filter(Q(utterance__isnull=True) | ~Exists(before))

    def with_reports(self) -> Self:
        """Every published report of each row's utterance, first report first, as
        `statement.utterance.published_reports`: one query for the page, whatever its size."""
        reports = (
            Statement.objects.published()
            .select_related("article")
            .annotate(reported_on=REPORTED_ON)
            .order_by("reported_on", "pk")
        )
        return self.select_related("utterance").prefetch_related(
            Prefetch("utterance__reports", queryset=reports, to_attr="published_reports")
        )

    def tally_rows(self, *fields: str) -> "models.QuerySet[Statement, dict[str, Any]]":
        """Rows grouped by `fields` and by utterance, each with `n` reports, for counting
        utterances once (summits.utterances.Tally): grouped statements get a row per
        utterance, the rest one row per group, so the rows stay few."""
        rows: models.QuerySet[Statement, dict[str, Any]] = self.order_by().values(
            *fields, "utterance_id"
        )
        return rows.annotate(n=models.Count("pk"))

    def with_history_dates(self) -> Self:
        """Annotate when each statement was first published and last changed, from its
        history, as `published_at` and `changed_at` (None for a row written without one)."""
        history = Statement.history.model.objects.filter(id=OuterRef("pk"))
        first_published = (
            history.filter(status=Status.PUBLISHED)
            .order_by("history_date")
            .values("history_date")[:1]
        )
        last_changed = history.order_by("-history_date").values("history_date")[:1]
        return self.annotate(
            published_at=Subquery(first_published, output_field=DateTimeField()),
            changed_at=Subquery(last_changed, output_field=DateTimeField()),
        )


class Statement(models.Model):
    Kind = StatementKind
    Stance = Stance
    Status = Status

    public_id = models.CharField(max_length=16, unique=True, editable=False, default=new_public_id)
    summit = models.ForeignKey(Summit, on_delete=models.PROTECT, related_name="statements")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="statements")
    speaker = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="statements")
    issues = models.ManyToManyField(
        Issue, through=StatementIssue, blank=True, related_name="statements"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.QUOTE)
    text = models.TextField()
    context = models.TextField(
        blank=True, help_text="Where and how it was said, e.g. 'joked at the press conference'."
    )
    stance = models.CharField(max_length=20, choices=Stance, default=Stance.NONE)
    said_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    position = models.PositiveIntegerField(
        default=0, help_text="Order within the article, so lists follow its narrative."
    )
    utterance = models.ForeignKey(
        "Utterance",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        help_text="Other articles' reports of the same words; readers count them once.",
    )
    # Stored, so a text search reads an index instead of parsing every statement per query.
    search = models.GeneratedField(
        expression=StatementSearchVector("text", "context", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    # Issue links are part of a statement: m2m history keeps them with each version, and a
    # save that also sets them is one version (summits/history.py).
    history = VersionsWithLinks(
        excluded_fields=["public_id", "search"],
        m2m_fields=["issues"],
        history_manager=VersionsWithLinksManager,
    )

    objects = StatementQuerySet.as_manager()

    # Set by StatementQuerySet.for_display() and .with_history_dates() respectively; absent
    # on statements loaded any other way.
    speaker_role: str
    speaker_delegation: str
    report_count: int
    published_at: datetime | None
    changed_at: datetime | None

    class Meta:
        ordering = ["summit", "article", "position", "pk"]
        constraints = [
            choices_check("kind", StatementKind, "statement_kind_valid"),
            choices_check("stance", Stance, "statement_stance_valid"),
            choices_check("status", Status, "statement_status_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="statement_text_not_empty"),
        ]
        indexes = [
            models.Index(fields=["summit", "status", "article", "position"]),
            models.Index(fields=["speaker", "status"]),
            # A speaker's statements at one summit (a summit page filtered to a speaker): by
            # (speaker, status) alone, a prepared query's generic plan read the whole summit
            # instead, 8,000 rows at the largest (summits.filters.narrowed()).
            models.Index(fields=["speaker", "summit", "status"], name="statement_speaker_summit"),
            GinIndex(fields=["search"], name="statement_search_gin"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The summit is always the article's, stored again only so the reader's queries can
        # filter and order by it without a join: derived here for every writer, chosen by none.
        if self.article_id is not None:
            self.summit_id = self.article.summit_id
        # The verbatim rule holds for every writer (admin, import, shell), not only forms.
        self.clean()
        if not self.position:
            # Unplaced (0, the default): it stands where its words stand in the article, so
            # a statement added in the article's inline follows the text instead of leading.
            self.position = text_position(
                self.text, self.article.body, verbatim=self.kind == self.Kind.QUOTE
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_url("statement", self.public_id)

    def displayed_issues(self) -> list[Issue]:
        """`list(self.issues.all())`, without building the related manager when for_display()
        has put the issues in place: a card reads them, and the manager (a queryset built
        per call) was a third of a card's cost (16 of 48 us)."""
        cache = self.__dict__.get("_prefetched_objects_cache", {})
        if isinstance(cache, IssuesInPlace) and cache.pending():
            return list(cache.issues or ())
        known = cache.get("issues")
        return list(known if known is not None else self.issues.all())

    @property
    def delegation_shown(self) -> str:
        """The speaker's delegation where it adds to the role (needs `for_display`)."""
        return delegation_worth_showing(
            self.speaker_role, self.speaker_delegation, self.speaker.name
        )

    @property
    def date_said(self) -> "WhenSaid":
        """When it was said, as far as the coverage knows: the day recorded ("said on"), else
        only the day the article reported it ("reported"), never passed off as the day said.
        The Cite block, the card, oEmbed and JSON-LD all read it from here."""
        if self.said_on is not None:
            return WhenSaid(self.said_on, known=True)
        return WhenSaid(self.article.published_on, known=False)

    def clean(self) -> None:
        super().clean()
        # An article being added in the same form is not saved yet but is already attached.
        if self.article_id is None and not Statement.article.is_cached(self):
            return
        article = self.article
        if self.kind == self.Kind.QUOTE and not quote_occurs_in(self.text, article.body):
            raise ValidationError({"text": misquote_error(self.text, article)})
        utterance = self.utterance if self.utterance_id is not None else None
        if utterance is not None and (
            utterance.speaker_id != self.speaker_id or utterance.summit_id != article.summit_id
        ):
            # One utterance is one person's words at one summit; two speakers are two.
            raise ValidationError(
                {"utterance": "Every report of an utterance has its speaker and summit."}
            )


class CoverageRevision(models.Model):
    """A counter that every edit to coverage advances, in the same transaction as the edit.

    Cached pages and ETags are keyed by it, so the first request after any save, delete or
    publish sees the new data in every worker process, whatever the cache backend.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"revision {self.number}"


class ParticipantAlias(models.Model):
    """Another name a participant goes by: a spelling (Gadhafi for Gaddafi) or a short form
    (Xi for Xi Jinping). The extractor, the speaker autocomplete and reader search read them.
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="e.g. 'Gadhafi', 'Xi'")

    history = HistoricalRecords()

    class Meta:
        ordering = ["participant", "name"]
        verbose_name = "alias"
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "name"], name="alias_once_per_participant"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="alias_name_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.participant})"


def summit_roster(summit: Summit) -> list[RosterEntry]:
    """The summit's attendance as the extractor reads it: names, aliases, roles, delegations.

    The host is whoever heads the delegation of the country the summit met in.
    """
    attendances = summit.attendances.select_related("participant").prefetch_related(
        "participant__aliases"
    )
    country = summit.country.casefold().strip()
    roster = []
    for attendance in attendances:
        participant = attendance.participant
        heads = any(word in attendance.role.casefold() for word in HEAD_OF_DELEGATION_TITLES)
        roster.append(
            RosterEntry(
                slug=participant.slug,
                name=participant.name,
                kind=participant.kind,
                aliases=tuple(alias.name for alias in participant.aliases.all()),
                role=attendance.role,
                delegation=attendance.delegation,
                host=bool(country)
                and attendance.delegation.casefold().strip() == country
                and heads,
            )
        )
    return roster


HEAD_OF_DELEGATION_TITLES = ("president", "prime minister", "chancellor", "premier", "king")


class Utterance(models.Model):
    """One thing a speaker said once, as several articles reported it.

    Outlets print the same words differently (translated, trimmed, punctuated), so each
    report stays its own Statement with its own permalink, and the utterance groups them:
    reader pages count it once. Its reports share its speaker and summit (Statement.clean).
    A statement in no utterance is an utterance of one report.
    """

    # Cascades: its reports are PROTECTed statements, so only an utterance left without any
    # can go with its summit or speaker.
    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, related_name="utterances")
    speaker = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="utterances")
    key = models.SlugField(
        max_length=100,
        help_text="The utterance's name in coverage bundles, unique within its summit.",
    )

    history = HistoricalRecords()

    if TYPE_CHECKING:
        reports: RelatedManager[Statement]

    class Meta:
        ordering = ["summit", "key"]
        constraints = [
            models.UniqueConstraint(fields=["summit", "key"], name="utterance_key_unique_in_summit")
        ]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.key}"
