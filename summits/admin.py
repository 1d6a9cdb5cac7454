"""The editor's workflow: summits, who attended, articles and the statements drawn from them.

Every admin keeps history (django-simple-history, whose records the models already carry),
so any change can be viewed and reverted. Statements start as drafts and reach readers only
through the publish action.
"""

from typing import Any, TypedDict

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Field, Q, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.middleware.csrf import get_token
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext
from django_stubs_ext import WithAnnotations

from summits import desk
from summits.forms import (
    ArticleForm,
    AttendanceForm,
    StatementForm,
    StatementInlineForm,
)
from summits.history import NewsroomHistoryAdmin
from summits.models import (
    Article,
    Attendance,
    Issue,
    Participant,
    ParticipantAlias,
    Statement,
    Status,
    Summit,
)
from summits.publishing import change_state, publish_summits
from summits.utterances import GroupingError, group, propose, split

LIST_TEXT_LENGTH = 80


# What get_queryset annotates, for the list columns that read it. Annotations that name them
# are quoted: Python 3.12.1 cannot evaluate WithAnnotations[Model, TypedDict] at run time.
class SummitTotals(TypedDict):
    article_total: int
    statement_total: int


class StatementTotal(TypedDict):
    statement_total: int


class ArticleTotals(TypedDict):
    statement_total: int
    draft_total: int


class AttendanceInline(admin.TabularInline[Attendance, Summit]):
    model = Attendance
    form = AttendanceForm
    fields = ["participant", "role", "delegation"]
    autocomplete_fields = ["participant"]
    extra = 1

    def get_queryset(self, request: HttpRequest) -> QuerySet[Attendance]:
        # Each row's title names both sides of the attendance.
        return super().get_queryset(request).select_related("participant", "summit")


class ParticipantAttendanceInline(admin.TabularInline[Attendance, Participant]):
    model = Attendance
    fields = ["summit", "role", "delegation"]
    autocomplete_fields = ["summit"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Attendance]:
        return super().get_queryset(request).select_related("participant", "summit")


class ParticipantAliasInline(admin.TabularInline[ParticipantAlias, Participant]):
    """Other names and spellings: "Gadhafi", "Xi". The extractor, the speaker autocomplete
    and reader search all find the participant by them."""

    model = ParticipantAlias
    fields = ["name"]
    extra = 1


# Added in the admin, a summit or article starts as a draft: nothing half-entered reaches
# readers. Rows written by code (imports, fixtures) are published unless told otherwise.
DRAFT_WHEN_ADDED = {"status": Statement.Status.DRAFT}


@admin.register(Summit)
class SummitAdmin(NewsroomHistoryAdmin[Summit]):
    list_display = [
        "name",
        "starts_on",
        "city",
        "forum",
        "status",
        "article_count",
        "statement_count",
    ]
    list_filter = ["status", "forum", "country"]
    actions = ["publish", "unpublish"]
    search_fields = ["name", "slug", "city", "country", "forum"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["issues"]
    readonly_fields = ["coverage"]
    fields = [
        "name",
        "slug",
        ("starts_on", "ends_on"),
        ("city", "country"),
        "forum",
        "summary",
        "issues",
        "status",
        "coverage",
    ]
    inlines = [AttendanceInline]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return super().get_changeform_initial_data(request) | DRAFT_WHEN_ADDED

    @admin.action(description="Publish selected summits and their articles", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Summit]) -> None:
        changed = publish_summits(list(queryset), request.user, "Published from the summit list")
        drafts = Statement.objects.filter(summit__in=queryset, status=Statement.Status.DRAFT)
        self.message_user(
            request,
            f"{changed.summits} summits and {changed.articles} articles published. "
            f"{drafts.count()} draft statements in them stay drafts: publish them from each "
            "article's desk.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Unpublish selected summits (embargo: readers see nothing of them)",
        permissions=["change"],
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Summit]) -> None:
        changed = change_state(
            Summit.Status.DRAFT,
            request.user,
            "Unpublished from the summit list",
            summits=list(queryset),
        )
        self.message_user(request, f"{changed.summits} summits unpublished.", messages.SUCCESS)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Summit]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                article_total=Count("articles", distinct=True),
                statement_total=Count("statements", distinct=True),
            )
        )

    @admin.display(description="Articles", ordering="article_total")
    def article_count(self, summit: "WithAnnotations[Summit, SummitTotals]") -> int:
        return summit.article_total

    @admin.display(description="Statements", ordering="statement_total")
    def statement_count(self, summit: "WithAnnotations[Summit, SummitTotals]") -> int:
        return summit.statement_total

    @admin.display(description="Articles")
    def coverage(self, summit: Summit) -> str:
        if summit.pk is None:
            return "Save the summit, then add its articles."
        links = format_html_join(
            "",
            '<li><a href="{}">{}</a> ({} statements)</li>',
            (
                (reverse("admin:summits_article_change", args=[pk]), title, count)
                for pk, title, count in summit.articles.annotate(n=Count("statements"))
                .order_by("published_on", "key")
                .values_list("pk", "title", "n")
            ),
        )
        add_url = reverse("admin:summits_article_add") + f"?summit={summit.pk}"
        return format_html(
            '<ul>{}</ul><a class="addlink" href="{}">Add an article</a>', links, add_url
        )


@admin.register(Participant)
class ParticipantAdmin(NewsroomHistoryAdmin[Participant]):
    list_display = ["name", "kind", "slug", "statement_count"]
    list_filter = ["kind", "summits"]
    # Aliases too, so the speaker autocomplete finds "Gadhafi" for Gaddafi.
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ParticipantAliasInline, ParticipantAttendanceInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Participant]:
        return super().get_queryset(request).annotate(statement_total=Count("statements"))

    @admin.display(description="Statements", ordering="statement_total")
    def statement_count(self, participant: "WithAnnotations[Participant, StatementTotal]") -> int:
        return participant.statement_total


@admin.register(Issue)
class IssueAdmin(NewsroomHistoryAdmin[Issue]):
    list_display = ["name", "slug", "proposition"]
    list_filter = ["summits"]
    search_fields = ["name", "slug", "proposition", "description"]
    prepopulated_fields = {"slug": ["name"]}


class StatementInline(admin.TabularInline[Statement, Article]):
    model = Statement
    form = StatementInlineForm
    autocomplete_fields = ["speaker"]
    show_change_link = True
    extra = 1

    def get_queryset(self, request: HttpRequest) -> QuerySet[Statement]:
        return super().get_queryset(request).select_related("speaker").prefetch_related("issues")

    def formfield_for_dbfield(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "speaker" and formfield is not None:
            # Four icons per row push the quote out of a tabular row; the speaker's own page
            # is one click away, from the statement's.
            wrapper = formfield.widget
            wrapper.can_add_related = wrapper.can_change_related = False
            wrapper.can_delete_related = wrapper.can_view_related = False
        return formfield


@admin.register(Article)
class ArticleAdmin(NewsroomHistoryAdmin[Article]):
    form = ArticleForm
    list_display = [
        "title",
        "summit",
        "outlet",
        "published_on",
        "status",
        "statement_count",
        "draft_count",
    ]
    list_filter = ["status", "summit", "outlet"]
    list_select_related = ["summit"]
    search_fields = ["title", "key", "outlet", "url", "body"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["summit"]
    prepopulated_fields = {"key": ["outlet", "published_on"]}
    inlines = [StatementInline]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return super().get_changeform_initial_data(request) | DRAFT_WHEN_ADDED

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                statement_total=Count("statements"),
                draft_total=Count("statements", filter=Q(statements__status="draft")),
            )
        )

    @admin.display(description="Statements", ordering="statement_total")
    def statement_count(self, article: "WithAnnotations[Article, ArticleTotals]") -> int:
        return article.statement_total

    @admin.display(description="Drafts", ordering="draft_total")
    def draft_count(self, article: "WithAnnotations[Article, ArticleTotals]") -> int:
        return article.draft_total

    def get_urls(self) -> list[URLPattern]:
        def view(name: str, route: str, function: Any, **kwargs: Any) -> URLPattern:
            def bound(request: HttpRequest, object_id: str) -> HttpResponse:
                response: HttpResponse = function(self, request, object_id, **kwargs)
                return response

            return path(
                f"<path:object_id>/{route}",
                self.admin_site.admin_view(bound),
                name=f"summits_article_{name}",
            )

        return [
            view("desk", "desk/", desk.desk_view),
            view("desk_publish", "desk/publish/", desk.publish_view, status=Status.PUBLISHED),
            view("desk_unpublish", "desk/unpublish/", desk.publish_view, status=Status.DRAFT),
            # The desk replaced "Find statements"; its bookmarks still lead there.
            path(
                "<path:object_id>/find-statements/",
                self.admin_site.admin_view(self.find_statements_moved),
                name="summits_article_find_statements",
            ),
            *super().get_urls(),
        ]

    def find_statements_moved(self, request: HttpRequest, object_id: str) -> HttpResponse:
        return HttpResponsePermanentRedirect(
            reverse("admin:summits_article_desk", args=[object_id])
        )

    def response_add(
        self, request: HttpRequest, obj: Article, post_url_continue: str | None = None
    ) -> HttpResponse:
        # "Save and open the desk": from pasting the text straight to its statements.
        if "_desk" in request.POST:
            return HttpResponseRedirect(reverse("admin:summits_article_desk", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request: HttpRequest, obj: Article) -> HttpResponse:
        if "_desk" in request.POST:
            return HttpResponseRedirect(reverse("admin:summits_article_desk", args=[obj.pk]))
        return super().response_change(request, obj)


def set_status(
    modeladmin: admin.ModelAdmin[Statement],
    request: HttpRequest,
    queryset: QuerySet[Statement],
    status: str,
    verb: str,
) -> None:
    changed = change_state(
        status,
        request.user,
        f"{verb.capitalize()} from the statement list",
        statements=list(queryset),
    )
    modeladmin.message_user(
        request,
        ngettext("%d statement %s.", "%d statements %s.", changed.statements)
        % (changed.statements, verb),
        messages.SUCCESS,
    )


@admin.register(Statement)
class StatementAdmin(NewsroomHistoryAdmin[Statement]):
    form = StatementForm
    list_display = ["short_text", "speaker", "article", "kind", "stance", "status", "position"]
    list_filter = [
        "summit",
        ("speaker", admin.RelatedOnlyFieldListFilter),
        "issues",
        "stance",
        "kind",
        "status",
    ]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "context", "speaker__name", "article__title", "public_id"]
    autocomplete_fields = ["article", "speaker"]
    readonly_fields = ["public_id", "summit", "reports"]
    actions = ["publish", "unpublish", "group_as_one_utterance", "split_from_utterance"]

    @admin.display(description="Reports of the same utterance")
    def reports(self, statement: Statement) -> str:
        if statement.utterance is None:
            return "None: this is the only report of its words."
        return format_html_join(
            "",
            '<li><a href="{}">{}</a>: {}</li>',
            (
                (
                    reverse("admin:summits_statement_change", args=[other.pk]),
                    other.article.outlet or other.article.title,
                    other.text[:80],
                )
                for other in statement.utterance.reports.select_related("article").exclude(
                    pk=statement.pk
                )
            ),
        )

    def save_model(self, request: HttpRequest, obj: Statement, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        proposal = propose(obj)
        if proposal is None:
            return
        # A message with its own button: the editor confirms in one click, or ignores it.
        url = reverse("admin:summits_statement_group", args=[obj.pk, proposal.other.pk])
        self.message_user(
            request,
            format_html(
                "This looks like the same utterance as {}’s report “{}” (similarity {}). "
                '<form method="post" action="{}" style="display:inline">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<button type="submit">Group as one utterance</button></form>',
                proposal.other.article.outlet or proposal.other.article.title,
                proposal.other.text[:120],
                round(proposal.score),
                url,
                get_token(request),
            ),
            messages.INFO,
        )

    def get_urls(self) -> list[URLPattern]:
        confirm = path(
            "<path:object_id>/group-with/<int:other_id>/",
            self.admin_site.admin_view(self.group_view),
            name="summits_statement_group",
        )
        return [confirm, *super().get_urls()]

    def group_view(self, request: HttpRequest, object_id: str, other_id: int) -> HttpResponse:
        """The one-click confirmation of a proposed grouping (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        statement = self.get_object(request, unquote(object_id))
        other = self.get_object(request, str(other_id))
        if statement is None or other is None:
            raise Http404("No such statement")
        if not self.has_change_permission(request, statement):
            raise PermissionDenied
        try:
            utterance = group([statement, other])
        except GroupingError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            count = utterance.reports.count()
            self.message_user(
                request, f"Grouped: one utterance, {count} reports.", messages.SUCCESS
            )
        return HttpResponseRedirect(reverse("admin:summits_statement_change", args=[statement.pk]))

    @admin.action(description="Group as one utterance", permissions=["change"])
    def group_as_one_utterance(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        try:
            utterance = group(list(queryset))
        except GroupingError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        count = utterance.reports.count()
        self.message_user(request, f"Grouped: one utterance, {count} reports.", messages.SUCCESS)

    @admin.action(description="Split from their utterance", permissions=["change"])
    def split_from_utterance(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        moved = split(queryset)
        self.message_user(
            request,
            ngettext(
                "%d statement is now its own utterance.",
                "%d statements are now their own utterances.",
                moved,
            )
            % moved,
            messages.SUCCESS,
        )

    def view_on_site(self, statement: Statement) -> str:
        return statement.get_absolute_url()

    @admin.display(description="Statement", ordering="text")
    def short_text(self, statement: Statement) -> str:
        # A list row holds one line of the quote; the whole text is a click away.
        if len(statement.text) <= LIST_TEXT_LENGTH:
            return statement.text
        return statement.text[: LIST_TEXT_LENGTH - 1] + "…"

    @admin.action(description="Publish selected statements", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        set_status(self, request, queryset, Statement.Status.PUBLISHED, "published")

    @admin.action(
        description="Unpublish selected statements (back to draft)", permissions=["change"]
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Statement]) -> None:
        set_status(self, request, queryset, Statement.Status.DRAFT, "unpublished")
