"""Atom feeds of published statements: all of them, per summit, per participant, per issue.

The summit feed takes the summit page's own filter parameters (actor, issue, stance, kind,
q), parsed by the same form, so "subscribe to this view" follows exactly what the reader sees.
An entry's date is when the statement was first published, read from its history; an entry
links to the statement's permalink, which is also its id.
"""

from datetime import UTC, datetime, time
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
)
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from summits.filters import StatementFilter
from summits.models import Issue, Participant, Statement, StatementIssue, StatementQuerySet, Summit
from summits.renames import Renamed, current, new_address

# Newest first; a feed reader polls, so the latest hundred are plenty.
FEED_LENGTH = 100


class BadFilter(Exception):
    """A summit feed asked for with filters the summit page would refuse: answered 400."""


def feed_statements(statements: StatementQuerySet) -> list[Statement]:
    newest = statements.published().for_display().with_history_dates()
    # A row written without history has no publication time; PostgreSQL sorts NULL first in
    # a descending order, which would push every dated statement out of the feed.
    by_time = F("published_at").desc(nulls_last=True)
    return list(newest.order_by(by_time, "-pk")[:FEED_LENGTH])


def fallback_date(statement: Statement) -> datetime:
    # Rows written without history (e.g. a raw bulk insert) still need an Atom date.
    day = statement.date_said.day or statement.summit.starts_on
    return datetime.combine(day, time(12), tzinfo=UTC)


class StatementFeed(Feed):  # type: ignore[type-arg]  # Feed is generic only in the stubs
    """All newly published statements; the base for the narrower feeds below."""

    feed_type = Atom1Feed
    author_name = settings.SITE_NAME

    def title(self, obj: Any) -> str:
        return f"{settings.SITE_NAME}: new statements"

    def subtitle(self, obj: Any) -> str:
        return "Who said what at summits, each statement sourced to the article that reported it."

    def link(self, obj: Any) -> str:
        return reverse("home")

    def feed_url(self, obj: Any) -> str:
        return reverse("feed-all")

    def statements(self, obj: Any) -> StatementQuerySet:
        return Statement.objects.all()

    def items(self, obj: Any) -> list[Statement]:
        # Published only, whichever narrower feed chose the statements.
        return feed_statements(self.statements(obj))

    def item_title(self, item: Statement) -> str:
        text = Truncator(item.text).words(20, truncate="…")
        if item.kind == Statement.Kind.PARAPHRASE:
            return f"{item.speaker.name} (paraphrase): {text}"
        return f"{item.speaker.name}: “{text}”"

    def item_description(self, item: Statement) -> SafeString:
        said = (
            format_html("<blockquote><p>{}</p></blockquote>", item.text)
            if item.kind == Statement.Kind.QUOTE
            else format_html("<p><em>Paraphrase, in the article's words:</em> {}</p>", item.text)
        )
        source = format_html(
            "<p>{}{} — {}, {}{}</p>",
            item.speaker.name,
            format_html(", {}", item.context) if item.context else "",
            item.summit.name,
            item.article.outlet + ", " if item.article.outlet else "",
            format_html("“{}”", item.article.title),
        )
        return said + source

    def item_link(self, item: Statement) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Statement) -> datetime:
        return item.published_at or fallback_date(item)

    def item_updateddate(self, item: Statement) -> datetime:
        return item.changed_at or self.item_pubdate(item)

    def item_categories(self, item: Statement) -> list[str]:
        return [issue.name for issue in item.issues.all()]

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except Renamed as renamed:
            return HttpResponsePermanentRedirect(new_address(request, renamed))
        except BadFilter as error:
            return HttpResponseBadRequest(f"{error}\n", content_type="text/plain; charset=utf-8")


class SummitFeed(StatementFeed):
    """One summit's statements, narrowed by the summit page's filter parameters."""

    def get_object(self, request: HttpRequest, slug: str) -> tuple[Summit, StatementFilter]:
        summit = current(Summit.objects.published(), slug)
        # A feed has no pages: the page parameter of a copied address is dropped, not refused.
        query = request.GET.copy()
        query.pop("page", None)
        filters = StatementFilter(query, Statement.objects.filter(summit=summit))
        if filters.errors:
            raise BadFilter(filters.problems_in_words())
        return summit, filters

    def title(self, obj: tuple[Summit, StatementFilter]) -> str:
        summit, filters = obj
        narrowed = describe(filters)
        return f"{settings.SITE_NAME}: {summit.name}" + (f" ({narrowed})" if narrowed else "")

    def link(self, obj: tuple[Summit, StatementFilter]) -> str:
        summit, filters = obj
        query = filters.canonical_query()
        return summit.get_absolute_url() + (f"?{query}" if query else "")

    def feed_url(self, obj: tuple[Summit, StatementFilter]) -> str:
        summit, filters = obj
        query = filters.canonical_query()
        return reverse("feed-summit", args=[summit.slug]) + (f"?{query}" if query else "")

    def statements(self, obj: tuple[Summit, StatementFilter]) -> StatementQuerySet:
        _summit, filters = obj
        return filters.statements()


def describe(filters: StatementFilter) -> str:
    """The active filters in words, for a feed title: 'Sergei Lavrov; opposes'."""
    values = filters.values
    parts = [
        ", ".join(filters.names["actor"].get(slug, slug) for slug in values["actor"]),
        ", ".join(filters.names["issue"].get(slug, slug) for slug in values["issue"]),
        ", ".join(values["stance"]),
        ", ".join(values["kind"]),
        f"“{values['q']}”" if values["q"] else "",
    ]
    return "; ".join(part for part in parts if part)


class ParticipantFeed(StatementFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Participant:
        return current(Participant.objects.published(), slug)

    def title(self, obj: Participant) -> str:
        return f"{settings.SITE_NAME}: statements by {obj.name}"

    def link(self, obj: Participant) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj: Participant) -> str:
        return reverse("feed-participant", args=[obj.slug])

    def statements(self, obj: Participant) -> StatementQuerySet:
        return Statement.objects.filter(speaker=obj)


class IssueFeed(StatementFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Issue:
        return current(Issue.objects.published(), slug)

    def title(self, obj: Issue) -> str:
        return f"{settings.SITE_NAME}: statements on {obj.name}"

    def subtitle(self, obj: Issue) -> str:
        return obj.proposition or super().subtitle(obj)

    def link(self, obj: Issue) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj: Issue) -> str:
        return reverse("feed-issue", args=[obj.slug])

    def statements(self, obj: Issue) -> StatementQuerySet:
        # A subquery, not a join: a statement is one entry however many issues it is on.
        on_issue = StatementIssue.objects.filter(issue=obj).values("statement_id")
        return Statement.objects.filter(pk__in=on_issue)
