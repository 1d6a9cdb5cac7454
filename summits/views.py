"""Reader views: validate the request, query, render. Only published statements are shown.

Pages that filter statements branch on htmx: an htmx request gets only the results region
(`<page>.html#results`), anything else (including a history restore) the full page; both
send `Vary: HX-Request` so no cache hands one to the other.
"""

import json
import re
from datetime import date
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.vary import vary_on_headers

from summits.caching import cached_page
from summits.filters import PAGE_SIZE, STANCE_CHOICES, StatementFilter
from summits.models import (
    Article,
    Attendance,
    Issue,
    Participant,
    Stance,
    Statement,
    StatementIssue,
    Summit,
)
from summits.quotes import locate

# The summit page follows the coverage: article by article, in each article's narrative order.
SUMMIT_ORDER = (F("article__published_on").asc(nulls_last=True), "article_id", "position", "pk")
# Across summits the newest comes first.
NEWEST_ORDER = (
    "-summit__starts_on",
    "summit_id",
    "article__published_on",
    "article_id",
    "position",
)


def published() -> QuerySet[Statement]:
    return Statement.objects.filter(status=Statement.Status.PUBLISHED)


def for_display(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    """Everything a statement card shows, in a fixed number of queries whatever the count.

    The role and delegation the speaker held at the statement's summit come with the
    statements themselves, as subqueries; `with_roles` hangs them on each statement.
    """
    held = Attendance.objects.filter(
        summit=OuterRef("summit_id"), participant=OuterRef("speaker_id")
    )
    return (
        statements.select_related("speaker", "article", "summit")
        .prefetch_related("issues")
        .annotate(
            held_role=Subquery(held.values("role")[:1]),
            held_delegation=Subquery(held.values("delegation")[:1]),
        )
    )


def with_roles(statements: list[Statement]) -> list[Statement]:
    """Give each statement (loaded through for_display) its `attendance` at that summit."""
    for statement in statements:
        statement.attendance = Attendance(
            role=statement.held_role or "", delegation=statement.held_delegation or ""
        )
    return statements


def by_slug(model, slug: str):
    """The object with this slug now, or the one that had it before (its history says)."""
    found = model.objects.filter(slug=slug).first()
    if found is not None:
        return found
    previous = (
        model.history.filter(slug=slug).order_by("-history_date").values_list("id", flat=True)
    )
    found = model.objects.filter(pk__in=previous[:1]).first()
    if found is None:
        raise Http404(f"No {model._meta.verbose_name} '{slug}'")
    return found


def moved(request: HttpRequest, target) -> HttpResponsePermanentRedirect:
    url = target.get_absolute_url()
    if request.META.get("QUERY_STRING"):
        url += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(url)


def wants_fragment(request: HttpRequest) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def statement_results(filters: StatementFilter, order: tuple[str, ...]) -> dict:
    """The current page of filtered statements and the facet counts around it.

    The facet queries also give the filtered total, so the paginator never runs a COUNT.
    """
    facets = filters.facets()
    statements = filters.ranked(for_display(filters.statements()).order_by(*order))
    paginator = Paginator(statements, PAGE_SIZE)
    paginator.count = filters.total
    page: Page = paginator.get_page(filters.values["page"])
    return {
        "filters": filters,
        "facets": facets,
        "page": page,
        "statements": with_roles(list(page.object_list)),
    }


def results_fragment(request: HttpRequest, template: str, ctx: dict) -> HttpResponse:
    """The swapped region; the address bar gets the canonical URL of the valid filters."""
    response = render(request, template + "#results", ctx | {"fragment": True})
    query = ctx["filters"].canonical_query()
    response["HX-Push-Url"] = request.path + (f"?{query}" if query else "")
    return response


HOME_PAGE_SIZE = 20


@cached_page
def home(request: HttpRequest) -> HttpResponse:
    def count(queryset: QuerySet, field: str = "summit") -> Coalesce:
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
        statement_count=count(published()),
        participant_count=count(Attendance.objects.all()),
        issue_count=count(Summit.issues.through.objects.all()),
    )
    page = Paginator(summits, HOME_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "summits/home.html", {"summits": page.object_list, "page": page})


@cached_page
@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    filters = StatementFilter(request.GET, published())
    if filters.active:
        ctx = statement_results(filters, NEWEST_ORDER)
    else:
        ctx = {"filters": filters, "facets": [], "page": None, "statements": []}
    ctx |= {"action": reverse("search"), "search_page": True}
    if wants_fragment(request):
        return results_fragment(request, "summits/search.html", ctx)
    return render(request, "summits/search.html", ctx, status=400 if filters.errors else 200)


@cached_page
@vary_on_headers("HX-Request")
def summit(request: HttpRequest, slug: str) -> HttpResponse:
    summit = by_slug(Summit, slug)
    if summit.slug != slug:
        return moved(request, summit)
    filters = StatementFilter(request.GET, published().filter(summit=summit))
    ctx = {
        "summit": summit,
        "action": summit.get_absolute_url(),
        **statement_results(filters, SUMMIT_ORDER),
    }
    if wants_fragment(request):
        return results_fragment(request, "summits/summit.html", ctx)
    attendances = list(
        summit.attendances.select_related("participant").order_by("participant__name")
    )
    issues = list(summit.issues.all())
    ctx |= {
        "attendances": attendances,
        "issues": issues,
        "articles": list(summit.articles.order_by("published_on", "key")),
        "matrix": positions_matrix(summit, attendances, issues),
    }
    return render(request, "summits/summit.html", ctx, status=400 if filters.errors else 200)


def positions_matrix(summit: Summit, attendances: list[Attendance], issues: list[Issue]) -> dict:
    """One row per participant, one column per issue, each cell the stances taken and counts."""
    counts = (
        published()
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
    stance_labels = dict(STANCE_CHOICES) | {Stance.NONE: "No clear stance"}
    rows = []
    for slug, (name, role) in sorted(speakers.items(), key=lambda item: item[1][0].lower()):
        row_cells = []
        for issue_slug, issue_name in columns.items():
            taken = cells.get((slug, issue_slug), {})
            query = urlencode({"actor": slug, "issue": issue_slug})
            row_cells.append(
                {
                    "issue": issue_name,
                    "query": f"?{query}",
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
    statements = for_display(published().filter(speaker=participant)).order_by(*NEWEST_ORDER)
    page = paginated(request, statements)
    groups: dict[Issue | None, list[Statement]] = {}
    for statement in with_roles(list(page.object_list)):
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
    statements = for_display(published().filter(pk__in=on_issue)).order_by(
        "speaker__name",
        "speaker_id",
        "summit__starts_on",
        "said_on",
        "article__published_on",
        "position",
        "pk",
    )
    page = paginated(request, statements)
    groups: dict[Participant, list[Statement]] = {}
    for statement in with_roles(list(page.object_list)):
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


def paginated(request: HttpRequest, statements: QuerySet[Statement]) -> Page:
    # get_page tolerates a bad or out-of-range number: the reader lands on a real page.
    return Paginator(statements, LONG_PAGE_SIZE).get_page(request.GET.get("page"))


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
    statements = with_roles(
        list(for_display(published().filter(article=found)).order_by("position", "pk"))
    )
    quotes = [s for s in statements if s.kind == Statement.Kind.QUOTE]
    ctx = {
        "article": found,
        "source_url": web_address(found.url),
        "paragraphs": highlighted(found.body, quotes),
        "statements": statements,
        "paraphrases": [s for s in statements if s.kind == Statement.Kind.PARAPHRASE],
    }
    return render(request, "summits/article.html", ctx)


def web_address(url: str) -> str:
    """The article's address if a reader may follow it: http(s) only.

    The admin's URLField refuses a javascript: or data: address, but a bundle's "uri" format
    accepts one; as a link it would run script on our page or on a page embedding ours.
    """
    return url if url.lower().startswith(("https://", "http://")) else ""


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def highlighted(body: str, quotes: list[Statement]) -> list[SafeString]:
    """The body as paragraphs, each recorded quote marked and linked to its permalink."""
    marks = []
    for statement in quotes:
        span = locate(statement.text, body)
        if span is not None:
            marks.append((span[0], span[1], statement))
    marks.sort(key=lambda mark: mark[0])
    # Overlapping quotes (one inside another) keep the first mark; the other is still listed.
    kept, reach = [], -1
    for mark in marks:
        if mark[0] >= reach:
            kept.append(mark)
            reach = mark[1]
    anchored: set[str] = set()
    paragraphs = []
    start = 0
    for end in [m.start() for m in PARAGRAPH_BREAK.finditer(body)] + [len(body)]:
        html, cursor = [], start
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
    found = for_display(published()).filter(public_id=public_id).first()
    if found is None:
        raise Http404(f"No statement '{public_id}'")
    with_roles([found])
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
        "source_url": web_address(found.article.url),
        "description": share_description(found),
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
    return published().filter(earlier, summit_id=statement.summit_id).count()


def statement_date(statement: Statement) -> date:
    return statement.said_on or statement.article.published_on or statement.summit.starts_on


def share_description(statement: Statement) -> str:
    said = (
        f"“{statement.text}”"
        if statement.kind == Statement.Kind.QUOTE
        else f"{statement.text} (paraphrase)"
    )
    role = getattr(statement.attendance, "role", "")
    who = f"{statement.speaker.name}, {role}" if role else statement.speaker.name
    description = f"{said} — {who}, at {statement.summit.name}"
    return description if len(description) <= 300 else description[:299].rstrip() + "…"


JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def quotation_json_ld(request: HttpRequest, statement: Statement, url: str) -> SafeString:
    """schema.org Quotation for share previews and search engines, safe inside <script>."""
    speaker = statement.speaker
    creator = {
        "@type": "Organization" if speaker.kind == Participant.Kind.ORGANIZATION else "Person",
        "name": speaker.name,
        "url": request.build_absolute_uri(speaker.get_absolute_url()),
    }
    role = getattr(statement.attendance, "role", "")
    if role and creator["@type"] == "Person":
        creator["jobTitle"] = role
    article = statement.article
    based_on = {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": web_address(article.url) or request.build_absolute_uri(article.get_absolute_url()),
    }
    if article.outlet:
        based_on["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.authors:
        based_on["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.published_on:
        based_on["datePublished"] = article.published_on.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "url": url,
        "text": statement.text,
        "creator": creator,
        "dateCreated": statement_date(statement).isoformat(),
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
