"""Reader views: validate the request, query, render. Only published statements are shown.

Pages that filter statements branch on htmx: an htmx request gets only the results region
(`<page>.html#results`), anything else (including a history restore) the full page; both
send `Vary: HX-Request` so no cache hands one to the other.
"""

import json
import re
from collections.abc import Callable, Iterable
from typing import Any, Protocol, cast

from django.db.models import Count, F, IntegerField, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.vary import vary_on_headers

from summits.caching import cached_page, is_fragment
from summits.cards import StatementCard
from summits.filters import PAGE_SIZE, STANCE_CHOICES, StatementFilter
from summits.models import (
    Article,
    Attendance,
    Issue,
    Participant,
    Stance,
    Statement,
    StatementIssue,
    StatementQuerySet,
    Summit,
)
from summits.paging import page_of
from summits.quotes import locate

# The summit page follows the coverage: article by article, in each article's narrative order.
SUMMIT_ORDER = (F("article__published_on").asc(nulls_last=True), "article_id", "position", "pk")

Ctx = dict[str, Any]


class Addressed(Protocol):
    """A summit, participant or issue: anything with a page of its own."""

    def get_absolute_url(self) -> str: ...


def by_slug[M: Model](model: type[M], slug: str) -> M:
    """The object with this slug now, or the one that had it before (its history says)."""
    found = model._default_manager.filter(slug=slug).first()
    if found is not None:
        return found
    history: Any = getattr(model, "history")  # noqa: B009 -- simple_history adds it untyped
    previous = history.filter(slug=slug).order_by("-history_date").values_list("id", flat=True)
    found = model._default_manager.filter(pk__in=previous[:1]).first()
    if found is None:
        raise Http404(f"No {model._meta.verbose_name} '{slug}'")
    return found


def moved(request: HttpRequest, target: Addressed) -> HttpResponsePermanentRedirect:
    url = target.get_absolute_url()
    if request.META.get("QUERY_STRING"):
        url += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(url)


def in_summit_order(statements: StatementQuerySet) -> StatementQuerySet:
    return statements.order_by(*SUMMIT_ORDER)


def statement_results(
    filters: StatementFilter, order: Callable[[StatementQuerySet], StatementQuerySet]
) -> Ctx:
    """The current page of filtered statements and the facet counts around it.

    The facet queries also give the filtered total, so the paginator never runs a COUNT.
    """
    facets = filters.facets()
    statements = filters.ranked(order(filters.statements().for_display()))
    page = page_of(statements, PAGE_SIZE, filters.values["page"], count=filters.total)
    return {
        "filters": filters,
        "facets": facets,
        "page": page,
        "statements": list(page.object_list),
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
    summits = Summit.objects.order_by("-starts_on", "name", "pk").annotate(
        statement_count=count(Statement.objects.published()),
        participant_count=count(Attendance.objects.all()),
        issue_count=count(Summit.issues.through._default_manager.all()),
    )
    page = page_of(summits, HOME_PAGE_SIZE, request.GET.get("page"))
    return render(request, "summits/home.html", {"summits": page.object_list, "page": page})


@cached_page
@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    filters = StatementFilter(request.GET, Statement.objects.published())
    ctx: Ctx
    if filters.active:
        ctx = statement_results(filters, StatementQuerySet.newest_first)
    else:
        ctx = {"filters": filters, "facets": [], "page": None, "statements": []}
    ctx |= {"action": reverse("search"), "search_page": True}
    if is_fragment(request):
        return results_fragment(request, "summits/search.html", ctx)
    return render(request, "summits/search.html", ctx, status=400 if filters.errors else 200)


@cached_page
@vary_on_headers("HX-Request")
def summit(request: HttpRequest, slug: str) -> HttpResponse:
    summit = by_slug(Summit, slug)
    if summit.slug != slug:
        return moved(request, summit)
    filters = StatementFilter(request.GET, Statement.objects.published().filter(summit=summit))
    ctx = {
        "summit": summit,
        "action": summit.get_absolute_url(),
        **statement_results(filters, in_summit_order),
    }
    if is_fragment(request):
        return results_fragment(request, "summits/summit.html", ctx)
    # Read only when the template's per-revision overview block is not kept already.
    attendances = lazy_list(
        lambda: summit.attendances.select_related("participant").order_by("participant__name")
    )
    issues = lazy_list(lambda: summit.issues.all())
    ctx |= {
        "attendances": attendances,
        "issues": issues,
        "articles": lazy_list(lambda: summit.articles.order_by("published_on", "key")),
        "matrix": SimpleLazyObject(lambda: positions_matrix(summit, attendances, issues)),
    }
    return render(request, "summits/summit.html", ctx, status=400 if filters.errors else 200)


def lazy_list[T](rows: Callable[[], Iterable[T]]) -> list[T]:
    return cast(list[T], SimpleLazyObject(lambda: list(rows())))


def positions_matrix(summit: Summit, attendances: list[Attendance], issues: list[Issue]) -> Ctx:
    """One row per participant, one column per issue, each cell the stances taken and counts."""
    counts = (
        Statement.objects.published()
        .filter(summit=summit, issues__isnull=False)
        .order_by()
        .values("speaker__slug", "speaker__name", "issues__slug", "issues__name", "stance")
        .annotate(n=Count("pk"))
    )
    speakers = {a.participant.slug: (a.participant.name, a.role) for a in attendances}
    columns = {issue.slug: issue.name for issue in issues}
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for row in counts:
        speakers.setdefault(row["speaker__slug"], (row["speaker__name"], ""))
        columns.setdefault(row["issues__slug"], row["issues__name"])
        cell = cells.setdefault((row["speaker__slug"], row["issues__slug"]), {})
        cell[row["stance"]] = row["n"]
    stance_labels: dict[str, str] = dict(STANCE_CHOICES) | {Stance.NONE: "No clear stance"}
    rows = []
    for slug, (name, role) in sorted(speakers.items(), key=lambda item: item[1][0].lower()):
        row_cells = []
        for issue_slug, issue_name in columns.items():
            taken = cells.get((slug, issue_slug), {})
            row_cells.append(
                {
                    "issue": issue_name,
                    # Slugs need no quoting (urlencode per cell was a fifth of the matrix).
                    "query": f"?actor={slug}&issue={issue_slug}",
                    "stances": [
                        {"value": value, "label": label, "count": taken[value]}
                        for value, label in stance_labels.items()
                        if value in taken
                    ],
                }
            )
        rows.append({"slug": slug, "name": name, "role": role, "cells": row_cells})
    return {"issues": list(columns.values()), "rows": rows}


@cached_page
def participant(request: HttpRequest, slug: str) -> HttpResponse:
    participant = by_slug(Participant, slug)
    if participant.slug != slug:
        return moved(request, participant)
    statements = (
        Statement.objects.published().filter(speaker=participant).for_display().newest_first()
    )
    page = page_of(statements, LONG_PAGE_SIZE, request.GET.get("page"))
    groups: dict[Issue | None, list[Statement]] = {}
    for statement in page.object_list:
        for issue in statement.issues.all() or [None]:
            groups.setdefault(issue, []).append(statement)
    attendances = participant.attendances.select_related("summit").order_by("-summit__starts_on")
    ctx = {
        "participant": participant,
        "attendances": attendances[:LISTED_SUMMITS],
        "groups": sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0] or ""))),
        "statement_count": page.paginator.count,
        "page": page,
    }
    return render(request, "summits/participant.html", ctx)


@cached_page
def issue(request: HttpRequest, slug: str) -> HttpResponse:
    issue = by_slug(Issue, slug)
    if issue.slug != slug:
        return moved(request, issue)
    on_issue = StatementIssue.objects.filter(issue=issue).values("statement_id")
    statements = (
        Statement.objects.published()
        .filter(pk__in=on_issue)
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
    ctx = {
        "issue": issue,
        "summits": issue.summits.order_by("-starts_on")[:LISTED_SUMMITS],
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
    articles = Article.objects.select_related("summit")
    found = articles.filter(pk=int(ref)).first() if ref.isdigit() else None
    if found is None:
        # A key is unique only within its summit; a key two summits share is not an address.
        by_key = list(articles.filter(key=ref)[:2])
        if len(by_key) != 1:
            raise Http404(f"No article '{ref}'")
        found = by_key[0]
    statements = list(
        Statement.objects.published().filter(article=found).for_display().order_by("position", "pk")
    )
    quotes = [s for s in statements if s.kind == Statement.Kind.QUOTE]
    ctx = {
        "article": found,
        "source_url": found.web_address,
        "paragraphs": highlighted(found.body, quotes),
        "statements": statements,
        "paraphrases": [s for s in statements if s.kind == Statement.Kind.PARAPHRASE],
    }
    return render(request, "summits/article.html", ctx)


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


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
    paragraphs: list[SafeString] = []
    start = 0
    for end in [m.start() for m in PARAGRAPH_BREAK.finditer(body)] + [len(body)]:
        html: list[str] = []
        cursor = start
        for mark_start, mark_end, statement in kept:
            lo, hi = max(mark_start, start), min(mark_end, end)
            if lo >= hi:
                continue
            html.append(escape(body[cursor:lo]))
            anchor = "" if statement.public_id in anchored else f' id="q-{statement.public_id}"'
            anchored.add(statement.public_id)
            html.append(
                f'<mark{anchor}><a href="{statement.get_absolute_url()}">'
                f"{escape(body[lo:hi])}</a></mark>"
            )
            cursor = hi
        html.append(escape(body[cursor:end]))
        text = "".join(html).strip()
        if text:
            paragraphs.append(mark_safe(text))  # noqa: S308 -- every piece escaped above
        match = PARAGRAPH_BREAK.match(body, end)
        start = match.end() if match else end
    return paragraphs


@cached_page
def statement(request: HttpRequest, public_id: str) -> HttpResponse:
    found = Statement.objects.published().for_display().filter(public_id=public_id).first()
    if found is None:
        raise Http404(f"No statement '{public_id}'")
    summit_page = place_on_summit_page(found) // PAGE_SIZE + 1
    summit_url = found.summit.get_absolute_url() + (
        f"?page={summit_page}" if summit_page > 1 else ""
    )
    absolute = request.build_absolute_uri(found.get_absolute_url())
    ctx = {
        "statement": found,
        "issues": list(found.issues.all()),
        "in_summit": f"{summit_url}#s-{found.public_id}",
        "in_article": f"{found.article.get_absolute_url()}#"
        + ("q-" if found.kind == Statement.Kind.QUOTE else "p-")
        + found.public_id,
        "absolute_url": absolute,
        "source_url": found.article.web_address,
        "description": share_description(found),
        "card_alt": StatementCard.of(found).alt(),
        "json_ld": quotation_json_ld(request, found, absolute),
    }
    return render(request, "summits/statement.html", ctx)


def place_on_summit_page(statement: Statement) -> int:
    """How many published statements precede this one in SUMMIT_ORDER: one COUNT query."""
    in_article = (
        Q(article_id__lt=statement.article_id)
        | Q(article_id=statement.article_id, position__lt=statement.position)
        | Q(article_id=statement.article_id, position=statement.position, pk__lt=statement.pk)
    )
    published_on = statement.article.published_on
    if published_on is None:  # undated articles sort last
        earlier = Q(article__published_on__isnull=False) | (
            Q(article__published_on__isnull=True) & in_article
        )
    else:
        earlier = Q(article__published_on__lt=published_on) | (
            Q(article__published_on=published_on) & in_article
        )
    return Statement.objects.published().filter(earlier, summit_id=statement.summit_id).count()


def share_description(statement: Statement) -> str:
    said = (
        f"“{statement.text}”"
        if statement.kind == Statement.Kind.QUOTE
        else f"{statement.text} (paraphrase)"
    )
    role = statement.speaker_role
    who = f"{statement.speaker.name}, {role}" if role else statement.speaker.name
    description = f"{said} — {who}, at {statement.summit.name}"
    return description if len(description) <= 300 else description[:299].rstrip() + "…"


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
        "dateCreated": statement.date_said.isoformat(),
        "isBasedOn": based_on,
        "about": [
            {
                "@type": "Thing",
                "name": issue.name,
                "url": request.build_absolute_uri(issue.get_absolute_url()),
            }
            for issue in statement.issues.all()
        ],
    }
    if statement.kind == Statement.Kind.PARAPHRASE:
        data["description"] = "A paraphrase: the article's account, not the speaker's words."
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 -- <, > and & escaped as in json_script
