"""Reader views: validate the request, query, render. Only published statements are shown,
except to an editor previewing drafts on the permalink, summit and article pages
(summits/preview.py), whose pages say so and are never cached.

Pages that filter statements branch on htmx: an htmx request gets only the results region
(`<page>.html#results`), anything else (including a history restore) the full page; both
send `Vary: HX-Request` so no cache hands one to the other.
"""

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from typing import Any, cast

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import (
    Count,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.views.decorators.vary import vary_on_headers

from summits.caching import cached_page, is_fragment, per_revision
from summits.cards import StatementCard
from summits.compiled import Bindable, compiled
from summits.filters import (
    MAX_WORDS,
    MIN_NAME_WORD,
    PAGE_SIZE,
    STANCE_CHOICES,
    WORD,
    Among,
    StatementFilter,
    among,
)
from summits.marking import marked_paragraphs
from summits.models import (
    Article,
    Attendance,
    Attendee,
    Issue,
    Participant,
    ParticipantAlias,
    Stance,
    Statement,
    StatementIssue,
    StatementQuerySet,
    Summit,
    page_url,
)
from summits.paging import is_whole_number, page_of
from summits.preview import keep_private, previewing
from summits.quotes import locate
from summits.renames import current, current_published, follows_renames
from summits.stances import grid_counts, stance_grid, statements_url
from summits.utterances import Tally, reports_of

# The summit page follows the coverage: article by article, in each article's narrative order.
SUMMIT_ORDER = (F("article__published_on").asc(nulls_last=True), "article_id", "position", "pk")

Ctx = dict[str, Any]


def in_summit_order(statements: StatementQuerySet) -> StatementQuerySet:
    return statements.order_by(*SUMMIT_ORDER)


def statement_results(
    filters: StatementFilter, order: Callable[[StatementQuerySet], StatementQuerySet]
) -> Ctx:
    """The current page of filtered statements and the facet counts around it.

    The facet queries also give the filtered total, so the paginator never runs a COUNT.
    """
    facets = filters.facets()
    # One entry per utterance, its other reports listed under it (summits/utterances.py).
    statements = filters.listed(order)
    page = page_of(statements, PAGE_SIZE, filters.values["page"], count=filters.total)
    return {
        "filters": filters,
        "facets": facets,
        "page": page,
        "statements": list(page.object_list),
        "report_total": filters.tally.reports,
    }


def results_fragment(request: HttpRequest, template: str, ctx: Ctx) -> HttpResponse:
    """The swapped region; the address bar gets the canonical URL of the valid filters."""
    response = render(request, template + "#results", ctx | {"fragment": True})
    query = ctx["filters"].canonical_query()
    response["HX-Push-Url"] = request.path + (f"?{query}" if query else "")
    return response


HOME_PAGE_SIZE = 20


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    def count(queryset: QuerySet[Any], field: str = "summit") -> Coalesce:
        per_summit = (
            queryset.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(per_summit, output_field=IntegerField()), Value(0))

    # The counts are subqueries evaluated for the page's summits only, never the archive.
    summits = (
        Summit.objects.published()
        .order_by("-starts_on", "name", "pk")
        .annotate(
            statement_count=count(Statement.objects.published()),
            participant_count=count(Attendance.objects.all()),
            issue_count=count(Summit.issues.through._default_manager.all()),
        )
    )
    page = page_of(summits, HOME_PAGE_SIZE, request.GET.get("page"))
    ctx = {
        "summits": page.object_list,
        "page": page,
        "share_title": f"{settings.SITE_NAME}: summits",
    }
    return render(request, "summits/home.html", ctx)


# A search's speakers and issues offered to tick: those of the most statements.
SEARCH_FACET_OPTIONS = 40


@cached_page
@follows_renames
@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    filters = StatementFilter.for_readers(request.GET, None)
    ctx: Ctx
    if filters.active:
        ctx = statement_results(filters, StatementQuerySet.newest_first)
        ctx["facets"] = [facet.with_most(SEARCH_FACET_OPTIONS) for facet in ctx["facets"]]
    else:
        ctx = {"filters": filters, "facets": [], "page": None, "statements": []}
    q = filters.values["q"]
    ctx |= {
        "matching": matching_pages(q) if q and not is_fragment(request) else {},
        "action": reverse("search"),
        "search_page": True,
        "share_title": f"Search: “{q}”" if q else "Search statements",
    }
    if is_fragment(request):
        return results_fragment(request, "summits/search.html", ctx)
    return render(request, "summits/search.html", ctx, status=400 if filters.errors else 200)


MATCHING_PAGES = 5


def matching_pages(q: str) -> dict[str, list[Any]]:
    """Participants, issues and summits whose names hold a word of the search, offered above
    the statements so "Lavrov" leads to Lavrov's page as well as his words.

    Each word's pages are kept per revision (pages_naming()): searches share words, and
    finding them cost a cold search 5-10 ms at 100k (the names of 2,500 participants and
    1,000 summits read). A page names some word, so the search's first five of a kind are
    among its words' first fives: with several words, those few are put in order again.
    """
    words = [word for word in WORD.findall(q) if len(word) >= MIN_NAME_WORD][:MAX_WORDS]
    if not words:
        return {}
    found = [
        per_revision(
            "matching-pages",
            word,
            partial(pages_naming, word),
        )
        for word in dict.fromkeys(words)
    ]
    if len(found) == 1:
        return found[0]

    def ids_of(kind: str) -> list[int]:
        return list({page.pk for pages in found for page in pages[kind]})

    return {
        "participants": list(
            Participant.objects.filter(pk__in=ids_of("participants")).order_by(*PARTICIPANTS_ORDER)[
                :MATCHING_PAGES
            ]
        ),
        "issues": list(
            Issue.objects.filter(pk__in=ids_of("issues")).order_by(*ISSUES_ORDER)[:MATCHING_PAGES]
        ),
        "summits": list(
            Summit.objects.filter(pk__in=ids_of("summits")).order_by(*SUMMITS_ORDER)[
                :MATCHING_PAGES
            ]
        ),
    }


# The orders matching pages are offered in, ties by id so a word's first five are settled.
PARTICIPANTS_ORDER = ("name", "pk")
ISSUES_ORDER = ("name", "pk")
SUMMITS_ORDER = ("-starts_on", "name", "pk")


def pages_naming(word: str) -> dict[str, list[Any]]:
    """The first participants, issues and summits a reader may see whose names hold `word`:
    three queries."""
    # The aliases as a subquery, not a join: with the join's OR PostgreSQL tested every
    # participant for published() first (13 ms a search); now the names filter first.
    aliased = ParticipantAlias.objects.filter(name__iexact=word).values("participant_id")
    people = Q(name__icontains=word) | Q(pk__in=aliased)
    topics = Q(name__icontains=word)
    meetings = Q(name__icontains=word) | Q(city__icontains=word) | Q(country__icontains=word)
    named = Q(people)
    if connection.vendor == "postgresql":
        # The named participants' ids first, as an array: tested together, published()'s
        # subqueries were hashed over every attendance (15,000 at 100k) before the names
        # filtered, 7-9 ms a search whose word names someone; this way only the named are
        # tested for published(), by the attendance index.
        named = Q(Among(F("pk"), ArraySubquery(Participant.objects.filter(people).values("pk"))))
    return {
        "participants": list(
            # No join, so no repeats to remove.
            Participant.objects.published()
            .filter(named)
            .order_by(*PARTICIPANTS_ORDER)[:MATCHING_PAGES]
        ),
        "issues": list(
            Issue.objects.published().filter(topics).order_by(*ISSUES_ORDER)[:MATCHING_PAGES]
        ),
        "summits": list(
            Summit.objects.published().filter(meetings).order_by(*SUMMITS_ORDER)[:MATCHING_PAGES]
        ),
    }


@cached_page
@follows_renames
@vary_on_headers("HX-Request")
def summit(request: HttpRequest, slug: str) -> HttpResponse:
    preview = previewing(request)
    # A reader's page reads its summit and statements through compiled queries; only an
    # editor's preview builds querysets here (building them for nothing cost a cold summit
    # page or fragment about 0.5 ms).
    if preview:
        summit = current(Summit.objects.readable(preview=True), slug)
        statements = Statement.objects.readable(preview=True).at_summit(summit.pk)
        filters = StatementFilter(request.GET, statements)
    else:
        summit = current_published("summit", Summit.objects.published, slug)
        filters = StatementFilter.for_readers(request.GET, summit.pk)
    ctx = {
        "summit": summit,
        "action": summit.get_absolute_url(),
        "draft_preview": preview and shows_drafts(statements, summit.status),
        "share_title": summit.name,
        "share_description": Truncator(summit.summary or summit.name).chars(200),
        **statement_results(filters, in_summit_order),
    }
    if is_fragment(request):
        fragment = results_fragment(request, "summits/summit.html", ctx)
        return keep_private(fragment) if preview else fragment
    # Read only when the template's per-revision overview block is not kept already.
    pk = [summit.pk]
    if not preview and connection.vendor == "postgresql":
        # A reader's overview in one round trip (summit_overview()).
        overview = cast(dict[str, list[Any]], SimpleLazyObject(lambda: summit_overview(pk)))
        attendances = lazy_list(lambda: cast(list[Attendee], overview["attendances"]))
        issues = lazy_list(lambda: cast(list[Issue], overview["issues"]))
        ctx |= {
            "attendances": attendances,
            "issues": issues,
            "articles": lazy_list(lambda: overview["articles"]),
            "matrix": SimpleLazyObject(
                lambda: positions_matrix(summit, attendances, issues, overview["tally"])
            ),
        }
    else:
        attendances = lazy_list(
            lambda: cast(
                list[Attendee], compiled("summit-attendances", summit_attendances, pk).rows(pk)
            )
        )
        issues = lazy_list(lambda: compiled("summit-issues", summit_issues, pk).rows(pk))
        articles = compiled(
            ("summit-articles", preview), partial(summit_articles, preview=preview), pk
        )
        ctx |= {
            "attendances": attendances,
            "issues": issues,
            "articles": lazy_list(lambda: articles.rows(pk)),
            "matrix": SimpleLazyObject(lambda: positions_matrix(summit, attendances, issues)),
        }
    response = render(request, "summits/summit.html", ctx, status=400 if filters.errors else 200)
    return keep_private(response) if preview else response


# A summit page's overview: who attended, what was on the table, the coverage.
def summit_overview(pk: Sequence[Bindable]) -> dict[str, list[Any]]:
    """A reader's summit overview, its four compiled queries (attendances, issues, articles
    and the matrix's tally) run as one statement, each query's rows as one JSON array, on
    PostgreSQL: four round trips and four passes through the ORM's row machinery were about
    half of what the overview's queries cost a cold summit page.

    Rows come as the queries give them: dicts for the two values() queries, and issues and
    articles as models, built from their columns as the ORM builds them (an article's body
    is deferred, as summit_articles() defers it)."""
    queries = {
        "attendances": compiled("summit-attendances", summit_attendances, pk),
        "issues": compiled("summit-issues", summit_issues, pk),
        "articles": compiled(
            ("summit-articles", False), partial(summit_articles, preview=False), pk
        ),
        "tally": compiled("summit-tally", summit_tally, pk),
    }
    sql = "SELECT " + ", ".join(
        f"(SELECT COALESCE(json_agg(rows), '[]') FROM ({query.sql}) AS rows)"
        for query in queries.values()
    )
    params = [param for query in queries.values() for param in query.bind(pk)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = dict(zip(queries, cursor.fetchone(), strict=True))
    found = {
        name: json.loads(rows) if isinstance(rows, str) else rows for name, rows in found.items()
    }
    return found | {
        "issues": [from_json_row(Issue, row) for row in found["issues"]],
        "articles": [from_json_row(Article, row) for row in found["articles"]],
    }


def from_json_row[M: Model](model: type[M], row: dict[str, Any]) -> M:
    """A model instance from its columns as JSON gives them (a day as its ISO text), the
    columns not given deferred, as from_db() builds it from a row. Each value goes through
    its field's to_python(), so a date, a timestamp or a decimal comes back as its type
    whichever fields the model gains."""
    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.column in row:
            value = row[field.column]
            if value is not None:
                value = field.to_python(value)
            names.append(field.attname)
            values.append(value)
    return model.from_db(DEFAULT_DB_ALIAS, names, values)


def summit_attendances(summit_id: int) -> "QuerySet[Attendance, Any]":
    """Who attended, as Attendee rows: plain values, not models, since the overview and the
    matrix read four of them (building an attendance and its participant was some 40% of
    the query's cost in-process, with hundreds of attendances at a large summit)."""
    attendances = Attendance.objects.filter(summit_id=summit_id).order_by("participant__name")
    return attendances.values(
        "role", "delegation", slug=F("participant__slug"), name=F("participant__name")
    )


def summit_issues(summit_id: int) -> QuerySet[Issue]:
    return Issue.objects.filter(summits__id=summit_id)


def summit_articles(summit_id: int, *, preview: bool) -> QuerySet[Article]:
    # The overview lists titles, never the text (often 10-50 kB an article).
    articles = Article.objects.filter(summit_id=summit_id).readable(preview=preview)
    return articles.defer("body").order_by("published_on", "key")


def summit_tally(summit_id: int) -> "QuerySet[Statement, dict[str, Any]]":
    """The matrix's rows: a summit's published statements on an issue, by speaker, issue
    and stance (summits.utterances.Tally counts them)."""
    on_issues = Statement.objects.published().at_summit(summit_id).filter(issues__isnull=False)
    return on_issues.tally_rows(
        "speaker__slug", "speaker__name", "issues__slug", "issues__name", "stance"
    )


def shows_drafts(statements: StatementQuerySet, *states: str) -> bool:
    """Whether an editor's preview shows anything readers cannot see: asked only when
    previewing, so it costs readers nothing."""
    if Statement.Status.DRAFT in states:
        return True
    return statements.exclude(pk__in=Statement.objects.published().values("pk")).exists()


def lazy_list[T](rows: Callable[[], Iterable[T]]) -> list[T]:
    return cast(list[T], SimpleLazyObject(lambda: list(rows())))


EMPTY_CELL: Ctx = {"stances": []}


def positions_matrix(
    summit: Summit,
    attendances: list[Attendee],
    issues: list[Issue],
    counts: list[dict[str, Any]] | None = None,
) -> Ctx:
    """One row per participant, one column per issue, each cell the stances taken and how
    many utterances took each (an utterance several outlets reported counts once), from the
    summit's tally rows (read here unless given)."""
    if counts is None:
        counts = compiled("summit-tally", summit_tally, [summit.pk]).rows([summit.pk])
    speakers = {a["slug"]: (a["name"], a["role"]) for a in attendances}
    columns = {issue.slug: issue.name for issue in issues}
    cells: dict[tuple[str, str], dict[str, Tally]] = {}
    for row in counts:
        speakers.setdefault(row["speaker__slug"], (row["speaker__name"], ""))
        columns.setdefault(row["issues__slug"], row["issues__name"])
        cell = cells.setdefault((row["speaker__slug"], row["issues__slug"]), {})
        cell.setdefault(row["stance"], Tally()).add(row)
    stance_labels: dict[str, str] = dict(STANCE_CHOICES) | {Stance.NONE: "No clear stance"}
    rows = []
    for slug, (name, role) in sorted(speakers.items(), key=lambda item: item[1][0].lower()):
        row_cells = []
        for issue_slug, issue_name in columns.items():
            taken = cells.get((slug, issue_slug))
            if not taken:
                # Most cells of a large summit are empty (895 speakers on 12 issues at the
                # largest); positions_rows() draws them without reading anything else.
                row_cells.append(EMPTY_CELL)
                continue
            row_cells.append(
                {
                    "issue": issue_name,
                    # Slugs need no quoting (urlencode per cell was a fifth of the matrix).
                    "query": f"?actor={slug}&issue={issue_slug}",
                    "stances": [
                        {"value": value, "label": label, "count": taken[value].utterances}
                        for value, label in stance_labels.items()
                        if value in taken
                    ],
                }
            )
        rows.append({"slug": slug, "name": name, "role": role, "cells": row_cells})
    return {"issues": list(columns.values()), "rows": rows}


@cached_page
@follows_renames
def participant(request: HttpRequest, slug: str) -> HttpResponse:
    participant = current_published("participant", Participant.objects.published, slug)
    # The list's ids in order, the count, the stance grid and the summits attended depend
    # on the participant only: kept per revision, so every page of a participant's list
    # shares them (the grid of a speaker at hundreds of summits was most of a second a
    # page). With the ids kept, a page reads its 50 rows by id: reading a page by OFFSET
    # sorted all of a speaker's statements with every display column and subquery, 67 ms
    # for page 31 of a speaker of 8,000 statements at 100k.
    ids = per_revision(
        "participant-ids", str(participant.pk), partial(participant_list_ids, participant.pk)
    )
    page = page_of(ids, LONG_PAGE_SIZE, request.GET.get("page"))
    listed = statements_in_order(list(page.object_list))
    # A statement on two issues is listed under both, but only its first drawing carries
    # the id `s-<public_id>`: ids are unique, and a #s-… link lands on one place.
    groups: dict[Issue | None, list[tuple[Statement, bool]]] = {}
    anchored: set[int] = set()
    for statement in listed:
        shown: list[Issue | None] = [*statement.displayed_issues()] or [None]
        for issue in shown:
            groups.setdefault(issue, []).append((statement, statement.pk not in anchored))
            anchored.add(statement.pk)
    # Read only when the template's per-revision overview block is not kept already, by
    # queries compiled once (building and compiling the two was about 1 ms a cold page).
    pk = [participant.pk]

    def attended() -> list[Attendance]:
        rows = compiled("participant-attendances", participant_attendances, pk)
        attendances = rows.rows(pk, limit=LISTED_SUMMITS)
        for attendance in attendances:
            # As the related manager would have set it: no query for the participant.
            attendance.participant = participant
        return attendances

    attendances = lazy_list(attended)
    timeline = SimpleLazyObject(
        lambda: stance_grid(
            compiled("participant-grid", participant_grid_counts, pk).rows(pk),
            "issue",
            lambda issue, summit, stance: statements_url(
                summit, actor=participant.slug, issue=issue, stance=stance
            ),
        )
    )
    ctx = {
        "timeline": timeline,
        "participant": participant,
        "share_title": participant.name,
        "share_description": f"Every published statement by {participant.name} at the summits "
        f"{settings.SITE_NAME} covers, by issue, and how their stances moved.",
        "attendances": attendances,
        "groups": sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0] or ""))),
        "statement_count": len(ids),
        "page": page,
    }
    return render(request, "summits/participant.html", ctx)


def participant_attendances(participant_id: int) -> QuerySet[Attendance]:
    """The summits a participant attended, newest first (the page shows LISTED_SUMMITS)."""
    attendances = Attendance.objects.filter(
        participant_id=participant_id, summit__in=Summit.objects.published()
    )
    return attendances.select_related("summit").order_by("-summit__starts_on")


def participant_grid_counts(participant_id: int) -> "QuerySet[Statement, dict[str, Any]]":
    """The rows of a participant's stance grid (summits.stances.grid_counts)."""
    return grid_counts(Statement.objects.published().filter(speaker_id=participant_id), "issue")


def participant_statements(participant_id: int) -> StatementQuerySet:
    """A participant page's list: one entry per utterance, newest first."""
    statements = Statement.objects.published().filter(speaker_id=participant_id)
    return statements.one_per_utterance().newest_first()


def participant_list_ids(participant_id: int) -> list[int]:
    """The ids of a participant page's list, in order: the list without its display."""
    shown = compiled("participant-ids", participant_list_id_query, [participant_id])
    return shown.rows([participant_id])


def participant_list_id_query(participant_id: int) -> "QuerySet[Statement, int]":
    return participant_statements(participant_id).values_list("pk", flat=True)


def statements_in_order(ids: list[int]) -> list[Statement]:
    """These statements for display, in the order of `ids`."""
    if not ids:
        return []
    if connection.vendor == "postgresql":
        # Compiled once: one array parameter however many ids (filters.among).
        rows = compiled("statements-by-id", statements_among, [ids]).rows([ids])
    else:
        rows = list(Statement.objects.filter(pk__in=ids).for_display().order_by())
    by_id = {statement.pk: statement for statement in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def statements_among(ids: list[int]) -> StatementQuerySet:
    # No order: statements_in_order puts the rows in the order of the ids.
    return Statement.objects.filter(among(ids)).for_display().order_by()


@cached_page
@follows_renames
def issue(request: HttpRequest, slug: str) -> HttpResponse:
    issue = current_published("issue", Issue.objects.published, slug)
    on_issue = StatementIssue.objects.filter(issue=issue).values("statement_id")
    statements = (
        Statement.objects.published()
        .filter(pk__in=on_issue)
        .one_per_utterance()
        .for_display()
        .order_by(
            "speaker__name",
            "speaker_id",
            "summit__starts_on",
            "said_on",
            "article__published_on",
            "position",
            "pk",
        )
    )
    page = page_of(statements, LONG_PAGE_SIZE, request.GET.get("page"))
    groups: dict[Participant, list[Statement]] = {}
    for statement in page.object_list:
        groups.setdefault(statement.speaker, []).append(statement)
    grid = stance_grid(
        Statement.objects.published().filter(pk__in=on_issue),
        "speaker",
        lambda speaker, summit, stance: statements_url(
            summit, actor=speaker, issue=issue.slug, stance=stance
        ),
    )
    ctx = {
        "grid": grid,
        "issue": issue,
        "share_title": issue.name,
        "share_description": f"{issue.proposition or issue.name} Who said what on it, "
        "summit by summit.",
        "summits": Summit.objects.published()
        .filter(issues=issue)
        .order_by("-starts_on")[:LISTED_SUMMITS],
        "groups": list(groups.items()),
        "statement_count": page.paginator.count,
        "page": page,
    }
    return render(request, "summits/issue.html", ctx)


# Pages that list a participant's or an issue's statements across every summit keep a
# fixed size however large the archive grows.
LONG_PAGE_SIZE = 50
LISTED_SUMMITS = 30


@cached_page
def article(request: HttpRequest, ref: str) -> HttpResponse:
    preview = previewing(request)
    articles = Article.objects.readable(preview=preview).select_related("summit")
    found = articles.filter(pk=int(ref)).first() if is_whole_number(ref) else None
    if found is None:
        # A key is unique only within its summit; a key two summits share is not an address.
        by_key = list(articles.filter(key=ref)[:2])
        if len(by_key) != 1:
            raise Http404(f"No article '{ref}'")
        found = by_key[0]
    readable = Statement.objects.readable(preview=preview).filter(article=found)
    statements = list(readable.for_display().order_by("position", "pk"))
    quotes = [s for s in statements if s.kind == Statement.Kind.QUOTE]
    ctx = {
        "article": found,
        "share_title": found.title,
        "share_description": f"{found.outlet}: " * bool(found.outlet)
        + f"{found.title}, covering {found.summit.name}, with every recorded quote marked.",
        "og_type": "article",
        "source_url": found.web_address,
        "paragraphs": highlighted(found.body, quotes),
        "statements": statements,
        "paraphrases": [s for s in statements if s.kind == Statement.Kind.PARAPHRASE],
        "draft_preview": preview and shows_drafts(readable, found.status, found.summit.status),
    }
    response = render(request, "summits/article.html", ctx)
    return keep_private(response) if preview else response


def highlighted(body: str, quotes: list[Statement]) -> list[SafeString]:
    """The body as paragraphs, each recorded quote marked and linked to its permalink."""
    marks: list[tuple[int, int, Statement]] = []
    for statement in quotes:
        span = locate(statement.text, body)
        if span is not None:
            marks.append((span[0], span[1], statement))
    marks.sort(key=lambda mark: mark[0])
    # Overlapping quotes (one inside another) keep the first mark; the other is still listed.
    kept: list[tuple[int, int, Statement]] = []
    reach = -1
    for mark in marks:
        if mark[0] >= reach:
            kept.append(mark)
            reach = mark[1]
    anchored: set[str] = set()

    def draw(statement: Statement, text: str) -> str:
        # A quote split by a paragraph break is marked twice; its id goes on the first.
        anchor = "" if statement.public_id in anchored else f' id="q-{statement.public_id}"'
        anchored.add(statement.public_id)
        return f'<mark{anchor}><a href="{statement.get_absolute_url()}">{escape(text)}</a></mark>'

    return marked_paragraphs(body, kept, draw)


@cached_page
def statement(request: HttpRequest, public_id: str) -> HttpResponse:
    preview = previewing(request)
    # Only an editor's preview reads through a queryset built here; a reader's permalink
    # reads its compiled query, and building the queryset for nothing cost it 0.5 ms.
    draft_preview = False
    if preview:
        readable = Statement.objects.readable(preview=True).filter(public_id=public_id)
        found = readable.for_display().with_reports().first()
        draft_preview = found is not None and shows_drafts(readable)
    else:
        shown = compiled("permalink", permalink_statement, [public_id])
        found = next(iter(shown.rows([public_id], limit=1)), None)
    if found is None:
        raise Http404(f"No statement '{public_id}'")
    reports = reports_of(found)
    absolute = request.build_absolute_uri(found.get_absolute_url())
    words = Truncator(found.text).chars(80)
    ctx = {
        "statement": found,
        "issues": found.displayed_issues(),
        # Which page of the summit lists it is counted when a reader follows the link
        # (statement_in_summit), not on every permalink: the COUNT was about a quarter of a
        # cold permalink's time on average (8,000 statements before it at the largest summit).
        "in_summit": page_url("statement-in-summit", found.public_id),
        "reports": reports,
        "in_article": f"{found.article.get_absolute_url()}#"
        + ("q-" if found.kind == Statement.Kind.QUOTE else "p-")
        + found.public_id,
        "absolute_url": absolute,
        "speaker_url": request.build_absolute_uri(found.speaker.get_absolute_url()),
        "source_url": found.article.web_address,
        # The document's title: the words cut to 80 characters, in quotation marks if a quote.
        "page_title": f"{found.speaker.name}: "
        + (f"“{words}”" if found.kind == Statement.Kind.QUOTE else words),
        "share_title": f"{found.speaker.name} at {found.summit.name}",
        "share_description": share_description(found),
        "og_type": "article",
        "card_alt": StatementCard.of(found).alt(),
        "json_ld": quotation_json_ld(request, found, absolute),
        "draft_preview": draft_preview,
    }
    response = render(request, "summits/statement.html", ctx)
    return keep_private(response) if preview else response


def statement_in_summit(request: HttpRequest, public_id: str) -> HttpResponseRedirect:
    """The permalink's "In the summit's statements": a redirect to the summit page that lists
    the statement, at its entry (an utterance is listed under its first report). Temporary,
    since the page changes as the summit's coverage grows."""
    readable = Statement.objects.readable(preview=previewing(request))
    found = readable.filter(public_id=public_id).select_related("article", "summit")
    statement = found.with_reports().first()
    if statement is None:
        raise Http404(f"No statement '{public_id}'")
    reports = reports_of(statement)
    listed = reports[0].statement if reports else statement
    summit_page = place_on_summit_page(listed) // PAGE_SIZE + 1
    page = f"?page={summit_page}" if summit_page > 1 else ""
    return HttpResponseRedirect(f"{statement.summit.get_absolute_url()}{page}#s-{listed.public_id}")


def permalink_statement(public_id: str) -> StatementQuerySet:
    """The statement a reader's permalink shows, as first() would read it."""
    statements = Statement.objects.published().filter(public_id=public_id)
    return statements.for_display().with_reports()


def place_on_summit_page(statement: Statement) -> int:
    """How many utterances the summit page lists before this statement's: one COUNT query."""
    published_on = statement.article.published_on
    values: list[Bindable] = [statement.summit_id, statement.article_id, statement.position]
    values += [statement.pk] + ([published_on] if published_on is not None else [])
    shape = ("place-on-summit-page", published_on is None)
    return compiled(shape, listed_before, values).count(values)


def listed_before(
    summit_id: int, article_id: int, position: int, pk: int, published_on: date | None = None
) -> StatementQuerySet:
    """The utterances the summit page lists before the statement given by its summit,
    article, position, id and its article's date (none: undated articles sort last)."""
    in_article = (
        Q(article_id__lt=article_id)
        | Q(article_id=article_id, position__lt=position)
        | Q(article_id=article_id, position=position, pk__lt=pk)
    )
    if published_on is None:
        earlier = Q(article__published_on__isnull=False) | (
            Q(article__published_on__isnull=True) & in_article
        )
    else:
        earlier = Q(article__published_on__lt=published_on) | (
            Q(article__published_on=published_on) & in_article
        )
    statements = Statement.objects.published().at_summit(summit_id).one_per_utterance()
    return statements.filter(earlier).order_by()


def share_description(statement: Statement) -> str:
    said = (
        f"“{statement.text}”"
        if statement.kind == Statement.Kind.QUOTE
        else f"{statement.text} (paraphrase)"
    )
    role = statement.speaker_role
    who = f"{statement.speaker.name}, {role}" if role else statement.speaker.name
    description = f"{said} — {who}, at {statement.summit.name}"
    if len(description) <= SHARE_DESCRIPTION_LENGTH:
        return description
    return description[: SHARE_DESCRIPTION_LENGTH - 1].rstrip() + "…"


# Previews cut descriptions near 300 characters; past that no reader sees it.
SHARE_DESCRIPTION_LENGTH = 300
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def quotation_json_ld(request: HttpRequest, statement: Statement, url: str) -> SafeString:
    """schema.org Quotation for share previews and search engines, safe inside <script>."""
    speaker = statement.speaker
    creator: dict[str, Any] = {
        "@type": "Organization" if speaker.kind == Participant.Kind.ORGANIZATION else "Person",
        "name": speaker.name,
        "url": request.build_absolute_uri(speaker.get_absolute_url()),
    }
    if statement.speaker_role and creator["@type"] == "Person":
        creator["jobTitle"] = statement.speaker_role
    article = statement.article
    based_on: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": article.web_address or request.build_absolute_uri(article.get_absolute_url()),
    }
    if article.outlet:
        based_on["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.authors:
        based_on["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.published_on:
        based_on["datePublished"] = article.published_on.isoformat()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "url": url,
        "text": statement.text,
        "creator": creator,
        "isBasedOn": based_on,
        "about": [
            {
                "@type": "Thing",
                "name": issue.name,
                "url": request.build_absolute_uri(issue.get_absolute_url()),
            }
            for issue in statement.displayed_issues()
        ],
    }
    # Only a day recorded as the day said is its dateCreated; the article's date is already
    # isBasedOn.datePublished.
    when = statement.date_said
    if when.known and when.day is not None:
        data["dateCreated"] = when.day.isoformat()
    if statement.kind == Statement.Kind.PARAPHRASE:
        data["description"] = "A paraphrase: the article's account, not the speaker's words."
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(text)


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """The site's icon at the address browsers guess: a permanent redirect to the SVG."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
