"""The read-only JSON API under /api/: published data only, open to any origin.

A draft summit (an embargo) and everything only it knows of answers as if it did not exist.

Every view answers GET (and HEAD) with JSON and `Access-Control-Allow-Origin: *`; any other
method gets 405. An unknown slug or id answers 404 `{"error": ...}`, a bad filter value 400
naming the parameter; the field names are documented in docs/api.md and do not change.
Statements filter with the summit page's own form (summits/filters.py), so a query string
copied from the reader's address bar asks the API the same question.
"""

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypedDict, cast
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.paginator import Page
from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse

from summits.bundles import dump_bundle, export_bundle
from summits.filters import StatementFilter
from summits.models import Article, Issue, Participant, Statement, Summit
from summits.paging import is_whole_number, page_of
from summits.renames import Renamed, follows_renames, history_slugs
from summits.utterances import reports_of

API_PAGE_SIZE = 50
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")

Json = dict[str, Any]


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class Counted(TypedDict):
        statement_count: int

    # Rows annotated with how many published statements they have (published_count).
    CountedSummit = WithAnnotations[Summit, Counted]
    CountedParticipant = WithAnnotations[Participant, Counted]
    CountedIssue = WithAnnotations[Issue, Counted]


class ApiError(Exception):
    """An answer other than 200: raised anywhere in a view, turned into JSON by `api_view`."""

    def __init__(
        self, status: int, message: str, parameters: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameters = parameters or {}


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET only, JSON errors, and CORS open to every origin: the data is public."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse
        if request.method not in ALLOWED_METHODS:
            response = JsonResponse(
                {"error": f"Method {request.method} not allowed; this API is read-only."},
                status=405,
            )
            response["Allow"] = ", ".join(ALLOWED_METHODS)
        elif request.method == "OPTIONS":
            # A preflight: browsers ask before sending custom headers; say what is allowed.
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = "86400"
        else:
            try:
                response = follows_renames(view)(request, *args, **kwargs)
            except ApiError as error:
                body: Json = {"error": error.message}
                if error.parameters:
                    body["parameters"] = error.parameters
                response = JsonResponse(body, status=error.status)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def json(data: Json) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def statements_url(request: HttpRequest, **filters: str) -> str:
    """Where the API lists the published statements these filters pick."""
    return absolute(request, f"{reverse('api-statements')}?{urlencode(filters)}")


def get_or_404[M: Model](queryset: QuerySet[M], what: str, **lookup: str) -> M:
    found = queryset.filter(**lookup).first()
    if found is None:
        if "slug" in lookup and (renamed := history_slugs(queryset.model, [lookup["slug"]])):
            raise Renamed(path=renamed)
        raise ApiError(404, f"No {what} '{next(iter(lookup.values()))}'.")
    return found


def published_count(field: str) -> Coalesce:
    """A subquery counting published statements per row, so a list costs one query."""
    per_row = (
        Statement.objects.published()
        .filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(per_row, output_field=IntegerField()), Value(0))


def page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1").strip() or "1"
    if not is_whole_number(raw) or int(raw) < 1:
        raise ApiError(400, "page: the page must be a whole number, 1 or more.", {"page": [raw]})
    return int(raw)


def paginated[M: Model](
    request: HttpRequest,
    items: QuerySet[M],
    number: int,
    render: Callable[[Page[M]], list[Json]],
) -> JsonResponse:
    """One page of `items` with absolute next/previous links that keep the other parameters."""
    page = page_of(items, API_PAGE_SIZE, number)
    paginator = page.paginator
    if number > paginator.num_pages:
        raise ApiError(
            400,
            f"page: there is no page {number}; there are {paginator.num_pages}.",
            {"page": [f"No page {number}."]},
        )

    def link(to: int) -> str:
        query = request.GET.copy()
        query["page"] = str(to)
        return absolute(request, f"{request.path}?{query.urlencode()}")

    return json(
        {
            "count": paginator.count,
            "page": number,
            "pages": paginator.num_pages,
            "next": link(number + 1) if page.has_next() else None,
            "previous": link(number - 1) if page.has_previous() else None,
            "results": render(page),
        }
    )


# --- Summits ---------------------------------------------------------------------------------


def summit_summary(request: HttpRequest, summit: "CountedSummit") -> Json:
    return {
        "slug": summit.slug,
        "name": summit.name,
        "starts_on": summit.starts_on.isoformat(),
        "ends_on": summit.ends_on.isoformat() if summit.ends_on else None,
        "city": summit.city,
        "country": summit.country,
        "forum": summit.forum,
        "statement_count": summit.statement_count,
        "url": absolute(request, summit.get_absolute_url()),
        "api_url": absolute(request, reverse("api-summit", args=[summit.slug])),
    }


def summits_with_counts() -> "QuerySet[CountedSummit]":
    # A custom QuerySet loses django-stubs' annotation type; the rows are what it says.
    counted = Summit.objects.annotate(statement_count=published_count("summit")).published()
    return cast("QuerySet[CountedSummit]", counted)


@api_view
def summit_list(request: HttpRequest) -> JsonResponse:
    return paginated(
        request,
        summits_with_counts().order_by("-starts_on", "name", "pk"),
        page_number(request),
        lambda summits: [summit_summary(request, summit) for summit in summits],
    )


@api_view
def summit_detail(request: HttpRequest, slug: str) -> JsonResponse:
    summit = get_or_404(summits_with_counts(), "summit", slug=slug)
    attendances = summit.attendances.select_related("participant").order_by(
        "participant__name", "pk"
    )
    return json(
        summit_summary(request, summit)
        | {
            "summary": summit.summary,
            "issues": [
                issue_reference(request, issue) for issue in summit.issues.order_by("name", "pk")
            ],
            "participants": [
                participant_reference(request, attendance.participant)
                | {"role": attendance.role, "delegation": attendance.delegation}
                for attendance in attendances
            ],
            "articles": [
                article_fields(article)
                for article in summit.articles.published().order_by("published_on", "key")
            ],
            "statements_url": statements_url(request, summit=summit.slug),
            "bundle_url": absolute(request, reverse("api-summit-bundle", args=[summit.slug])),
            "feed_url": absolute(request, reverse("feed-summit", args=[summit.slug])),
        }
    )


@api_view
def summit_bundle(request: HttpRequest, slug: str) -> HttpResponse:
    """Byte for byte what `manage.py export_coverage SLUG` prints: published statements only."""
    summit = get_or_404(Summit.objects.published(), "summit", slug=slug)
    return HttpResponse(dump_bundle(export_bundle(summit)), content_type="application/json")


# --- Participants and issues -----------------------------------------------------------------


def participant_reference(request: HttpRequest, participant: Participant) -> Json:
    return {
        "slug": participant.slug,
        "name": participant.name,
        "kind": participant.kind,
        "url": absolute(request, participant.get_absolute_url()),
        "api_url": absolute(request, reverse("api-participant", args=[participant.slug])),
    }


def participants_with_counts() -> "QuerySet[CountedParticipant]":
    counted = Participant.objects.annotate(statement_count=published_count("speaker"))
    return cast("QuerySet[CountedParticipant]", counted.published())


def participant_summary(request: HttpRequest, participant: "CountedParticipant") -> Json:
    return participant_reference(request, participant) | {
        "statement_count": participant.statement_count,
        "statements_url": statements_url(request, actor=participant.slug),
    }


@api_view
def participant_list(request: HttpRequest) -> JsonResponse:
    return paginated(
        request,
        participants_with_counts().order_by("name", "pk"),
        page_number(request),
        lambda participants: [participant_summary(request, p) for p in participants],
    )


@api_view
def participant_detail(request: HttpRequest, slug: str) -> JsonResponse:
    participant = get_or_404(participants_with_counts(), "participant", slug=slug)
    attendances = (
        participant.attendances.filter(summit__in=Summit.objects.published())
        .select_related("summit")
        .order_by("-summit__starts_on", "pk")
    )
    return json(
        participant_summary(request, participant)
        | {
            "attended": [
                {
                    "summit": summit_reference(request, attendance.summit),
                    "role": attendance.role,
                    "delegation": attendance.delegation,
                }
                for attendance in attendances
            ],
            "feed_url": absolute(request, reverse("feed-participant", args=[participant.slug])),
        }
    )


def issue_reference(request: HttpRequest, issue: Issue) -> Json:
    return {
        "slug": issue.slug,
        "name": issue.name,
        "url": absolute(request, issue.get_absolute_url()),
        "api_url": absolute(request, reverse("api-issue", args=[issue.slug])),
    }


def issues_with_counts() -> "QuerySet[CountedIssue]":
    counted = Issue.objects.annotate(statement_count=published_count("issues")).published()
    return cast("QuerySet[CountedIssue]", counted)


def issue_summary(request: HttpRequest, issue: "CountedIssue") -> Json:
    return issue_reference(request, issue) | {
        "proposition": issue.proposition,
        "statement_count": issue.statement_count,
        "statements_url": statements_url(request, issue=issue.slug),
    }


@api_view
def issue_list(request: HttpRequest) -> JsonResponse:
    return paginated(
        request,
        issues_with_counts().order_by("name", "pk"),
        page_number(request),
        lambda issues: [issue_summary(request, issue) for issue in issues],
    )


@api_view
def issue_detail(request: HttpRequest, slug: str) -> JsonResponse:
    issue = get_or_404(issues_with_counts(), "issue", slug=slug)
    return json(
        issue_summary(request, issue)
        | {
            "description": issue.description,
            "summits": [
                summit_reference(request, summit)
                for summit in Summit.objects.published()
                .filter(issues=issue)
                .order_by("starts_on", "pk")
            ],
            "feed_url": absolute(request, reverse("feed-issue", args=[issue.slug])),
        }
    )


# --- Statements ------------------------------------------------------------------------------


def summit_reference(request: HttpRequest, summit: Summit) -> Json:
    return {
        "slug": summit.slug,
        "name": summit.name,
        "url": absolute(request, summit.get_absolute_url()),
        "api_url": absolute(request, reverse("api-summit", args=[summit.slug])),
    }


def article_fields(article: Article) -> Json:
    return {
        "key": article.key,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url or None,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "authors": list(article.authors),
    }


def statement_fields(request: HttpRequest, statement: Statement) -> Json:
    return {
        "id": statement.public_id,
        "url": absolute(request, statement.get_absolute_url()),
        "api_url": absolute(request, reverse("api-statement", args=[statement.public_id])),
        "card_url": absolute(request, reverse("statement-card", args=[statement.public_id])),
        "kind": statement.kind,
        "text": statement.text,
        "context": statement.context,
        "stance": statement.stance,
        "said_on": statement.said_on.isoformat() if statement.said_on else None,
        "speaker": participant_reference(request, statement.speaker)
        | {"role": statement.speaker_role, "delegation": statement.speaker_delegation},
        "issues": [issue_reference(request, issue) for issue in statement.issues.all()],
        "summit": summit_reference(request, statement.summit),
        "article": article_fields(statement.article),
        "position": statement.position,
        "utterance": utterance_fields(request, statement),
    }


def utterance_fields(request: HttpRequest, statement: Statement) -> Json | None:
    """Every published report of the statement's utterance, first report first; None for a
    statement that is its utterance's only report. Reads what for_display() prefetched."""
    reports = reports_of(statement)
    if not reports:
        return None
    return {
        "key": statement.utterance.key if statement.utterance else None,
        "report_count": len(reports),
        "reports": [
            {
                "id": report.statement.public_id,
                "url": absolute(request, report.statement.get_absolute_url()),
                "first": report.first,
                "kind": report.statement.kind,
                "text": report.statement.text,
                "article": article_fields(report.statement.article),
                "negation_changes": report.comparison.negation_notes if report.comparison else [],
            }
            for report in reports
        ],
    }


@api_view
def statement_list(request: HttpRequest) -> JsonResponse:
    scope = Statement.objects.published()
    summit_slug = request.GET.get("summit", "").strip()
    if summit_slug:
        summit = Summit.objects.published().filter(slug=summit_slug).first()
        if summit is None:
            if renamed := history_slugs(Summit, [summit_slug]):
                raise Renamed(query={"summit": renamed})
            raise ApiError(
                400, f"summit: no summit '{summit_slug}'.", {"summit": ["No such summit."]}
            )
        scope = scope.filter(summit=summit)
    form = StatementFilter(request.GET, scope)
    if form.errors:
        raise ApiError(400, form.problems_in_words(), form.problems())
    return paginated(
        request,
        form.statements().for_display().with_reports().newest_first(),
        form.values["page"],
        lambda page: [statement_fields(request, s) for s in page],
    )


@api_view
def statement_detail(request: HttpRequest, public_id: str) -> JsonResponse:
    statement = get_or_404(
        Statement.objects.published().for_display().with_reports(),
        "statement",
        public_id=public_id,
    )
    return json(statement_fields(request, statement))


# --- oEmbed ----------------------------------------------------------------------------------

EMBED_WIDTH = 550
OEMBED_CACHE_AGE = 3600
# An embed's title shows in one line of a link preview: a longer quote is cut with "…".
OEMBED_TITLE_LENGTH = 80


def permalink_statement(request: HttpRequest, url: str) -> Statement:
    """The published statement a permalink on this site names, or a 404 ApiError."""
    try:
        parts = urlsplit(url)
    except ValueError as error:  # e.g. an unclosed IPv6 address, "http://[::1"
        raise ApiError(400, f"url: not a valid address ({error}).", {"url": [url]}) from error
    if parts.scheme not in ("http", "https") or parts.netloc != request.get_host():
        raise ApiError(404, "Not a Loggerheads statement permalink.")
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    if match is None or match.url_name != "statement":
        raise ApiError(404, "Not a Loggerheads statement permalink.")
    public_id = match.kwargs["public_id"]
    statement = (
        Statement.objects.published().for_display().with_reports().filter(public_id=public_id)
    ).first()
    if statement is None:
        raise ApiError(404, f"No statement '{public_id}'.")
    return statement


def embed_size(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not is_whole_number(raw) or int(raw) < 1:
        raise ApiError(400, f"{name}: must be a whole number of pixels.", {name: [raw]})
    return min(int(raw), default)


@api_view
def oembed(request: HttpRequest) -> JsonResponse:
    """oEmbed (https://oembed.com) for statement permalinks: a `rich` blockquote, no script."""
    url = request.GET.get("url", "").strip()
    if not url:
        raise ApiError(400, "url: give the permalink of a statement.", {"url": ["Required."]})
    fmt = request.GET.get("format", "json").strip() or "json"
    if fmt != "json":
        raise ApiError(501, f"format: only json is offered, not '{fmt}'.", {"format": [fmt]})
    statement = permalink_statement(request, url)
    width = embed_size(request, "maxwidth", EMBED_WIDTH)
    # A guess for the consumer's iframe: the text wraps at about 60 characters a line.
    height = embed_size(request, "maxheight", 160 + 28 * (len(statement.text) // 60 + 1))
    permalink = absolute(request, statement.get_absolute_url())
    html = render_to_string(
        "summits/oembed.html",
        {
            "statement": statement,
            "permalink": permalink,
            "speaker_url": absolute(request, statement.speaker.get_absolute_url()),
            "source_url": statement.article.web_address,
            "reports": reports_of(statement),
        },
        request,
    )
    said = statement.text
    if len(said) > OEMBED_TITLE_LENGTH:
        said = said[: OEMBED_TITLE_LENGTH - 1].rstrip() + "…"
    return json(
        {
            "version": "1.0",
            "type": "rich",
            "provider_name": settings.SITE_NAME,
            "provider_url": absolute(request, reverse("home")),
            "title": f"{statement.speaker.name}: {said}",
            "author_name": statement.speaker.name,
            "author_url": absolute(request, statement.speaker.get_absolute_url()),
            "html": " ".join(html.split()),
            "width": width,
            "height": height,
            "cache_age": OEMBED_CACHE_AGE,
            "thumbnail_url": absolute(
                request, reverse("statement-card", args=[statement.public_id])
            ),
            "thumbnail_width": 1200,
            "thumbnail_height": 630,
        }
    )
