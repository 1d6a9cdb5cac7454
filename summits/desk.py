"""The desk: one screen per article, from pasted text to published statements.

The article's text stands on one side with every proposal, recorded statement and misquote
marked in place; the extractor's proposals stand on the other, in article order, each a
form of its own. Accepting one saves a draft statement (its position from the text, its
history one version) and returns to the desk at the next proposal. Every form works as a
plain POST; static/js/desk.js adds keys, selection-to-statement and saving without leaving
the page. Publishing the article's drafts (or taking them back) goes through a
confirmation page that lists them.

The queries a desk costs do not grow with its proposals: choices (the roster, the agenda)
are fetched once and shared by every form.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import slugify

from summits.extraction import Proposal, extract_statements
from summits.marking import marked_paragraphs
from summits.models import (
    Article,
    Attendance,
    Issue,
    Participant,
    Statement,
    Summit,
    summit_roster,
)
from summits.publishing import change_state
from summits.quotes import Passage, closest_passage, locate, quote_core, quote_occurs_in

Ctx = dict[str, Any]

# The keys desk.js answers, shown on the screen: the one place they are named.
KEYS = [
    ("J / K", "next / previous proposal"),
    ("1 – 5", "accept with that stance (tick issues first)"),
    ("A", "accept with the stance picked"),
    ("S", "skip to the next proposal"),
    ("Q / P", "selected text as a new quote / paraphrase"),
    ("Ctrl+Enter", "accept, from inside a field"),
]

# How much of an attribution sentence a context keeps: a phrase, not the sentence again.
CONTEXT_WORDS = 8
CONTEXT_PHRASE = re.compile(
    r"\b(?:told [^,.;:\"“”]+|(?:after|at|during|before|following|in|on|when|while|"
    r"ahead of|on the sidelines of) (?:a|an|the|his|her|their|its|this|talks|meeting)\b"
    r"[^,.;:\"“”]*)",
    re.IGNORECASE,
)


def context_phrase(sentence: str, said: str) -> str:
    """Where and how it was said, as a short phrase from the attribution ("told reporters",
    "after the meeting with Medvedev"), or "" when the sentence gives none.

    The extractor's context is the whole sentence, which repeats the statement.
    """
    narration = sentence.replace(said, " ")
    found = CONTEXT_PHRASE.search(narration)
    if found is None:
        return ""
    words = found.group(0).split()[:CONTEXT_WORDS]
    return " ".join(words).strip(" ,;:-—")


def free_slug(model: type[Participant | Issue], name: str, fallback: str) -> str:
    """The name as a slug no row of `model` holds yet: `base`, else `base-2`, `base-3`…"""
    base = slugify(name)[:90] or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def participant_named(name: str) -> Participant:
    """The participant with this name or alias, created (with a free slug) when there is none."""
    name = " ".join(name.split())
    named = Q(name__iexact=name) | Q(aliases__name__iexact=name)
    existing = Participant.objects.filter(named).order_by("pk").first()
    if existing is not None:
        return existing
    participant = Participant(name=name, slug=free_slug(Participant, name, "participant"))
    participant.save()
    return participant


def name_key(name: str) -> str:
    words = name.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def offer_proposals(article: Article) -> list[dict[str, Any]]:
    """Run the extractor on the article with its summit's roster; leave out quotes the
    article already records.

    A proposal is already recorded when its words are a recorded statement's words, or
    part of them (an editor may have recorded a longer passage); it is not offered again.
    A speaker the roster links is preselected; any other name is offered as a new
    participant only when the article names that person outside quotation marks and the
    extractor is fairly sure, so a name inside a quote never becomes a participant.
    """
    proposals = extract_statements(article.body, summit_roster(article.summit))
    participants = known_speakers(proposals)
    narration = article.body
    for proposal in proposals:
        if proposal.kind == Statement.Kind.QUOTE:
            narration = narration.replace(proposal.text, " ")
    recorded = [quote_core(text) for text in article.statements.values_list("text", flat=True)]
    offer: list[dict[str, Any]] = []
    for proposal in proposals:
        core = quote_core(proposal.text)
        if core and any(core in words for words in recorded):
            continue
        speaker = participants.get(proposal.participant or "") or participants.get(
            name_key(proposal.speaker)
        )
        offer.append(
            {
                # News style puts the attribution's comma inside the quotation marks.
                "text": proposal.text.rstrip(",").rstrip(),
                "kind": proposal.kind,
                "speaker": speaker.pk if speaker else None,
                "new_speaker": "" if speaker else new_speaker_for(proposal, narration),
                "context": context_phrase(proposal.context, proposal.text),
                "start": proposal.start,
                "confidence": proposal.confidence,
                "evidence": proposal.evidence,
            }
        )
    return offer


# Below this the extractor's name is shown in the evidence but not typed in for the editor.
SURE_ENOUGH_TO_OFFER = 0.5


def known_speakers(proposals: list[Proposal]) -> dict[str, Participant]:
    """Recorded participants the proposals name, by slug and by name (aliases included),
    in one query."""
    slugs = {p.participant for p in proposals if p.participant}
    names = {p.speaker for p in proposals if p.speaker and not p.participant}
    # The extractor names organisations without the article ("Kremlin" for "The Kremlin").
    wanted = [Q(name__iexact=v) for name in names for v in (name, f"The {name}")]
    wanted += [Q(aliases__name__iexact=name) for name in names]
    if slugs:
        wanted.append(Q(slug__in=slugs))
    if not wanted:
        return {}
    found: dict[str, Participant] = {}
    rows = Participant.objects.filter(reduce(or_, wanted)).values_list(
        "pk", "slug", "name", "aliases__name"
    )
    for pk, slug, name, alias in rows:
        participant = found.get(slug) or Participant(pk=pk, slug=slug, name=name)
        for key in (slug, name_key(name), name_key(alias or "")):
            found.setdefault(key, participant)
    found.pop("", None)
    return found


def new_speaker_for(proposal: Proposal, narration: str) -> str:
    """The name to offer as a new participant, or "" when it is not safe to offer one."""
    name = proposal.speaker
    if not name or proposal.confidence < SURE_ENOUGH_TO_OFFER or " and " in name:
        # "Dmitri Novak and Ilse Brandt said ...": two people are no one participant.
        return ""
    surname = name.split()[-1]
    if surname.casefold() not in narration.casefold():
        return ""
    return name


class DeskForm(forms.Form):
    """One statement, proposed by the extractor or selected by the editor."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(choices=Statement.Kind.choices, widget=forms.RadioSelect)
    speaker = forms.ChoiceField(required=False, label="Speaker")
    other_speaker = forms.CharField(
        required=False,
        max_length=200,
        label="or someone else",
        help_text="A recorded name or alias, or a new participant's full name.",
    )
    issues = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Issues"
    )
    new_issue = forms.CharField(required=False, max_length=200, label="Add an issue")
    # No initial value: "no clear stance" is a verdict the editor gives, never a default.
    stance = forms.ChoiceField(
        choices=Statement.Stance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Pick a stance; “No clear stance” is a choice too."},
    )
    context = forms.CharField(
        required=False,
        max_length=200,
        help_text="A short phrase: where or how it was said.",
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    use_article_words = forms.BooleanField(required=False, widget=forms.HiddenInput)

    misquote: Passage | None = None

    def __init__(self, *args: Any, desk: "Desk", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.desk = desk
        speaker, issues = self.fields["speaker"], self.fields["issues"]
        assert isinstance(speaker, forms.ChoiceField)
        assert isinstance(issues, forms.ChoiceField)
        # Shared lists, fetched once for the desk: no form queries on its own.
        speaker.choices = [("", "— pick —"), *desk.roster_choices]
        issues.choices = desk.agenda_choices
        self.fields["other_speaker"].widget.attrs["list"] = "desk-participants"

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean() or {}
        speaker, other = cleaned_data.get("speaker"), cleaned_data.get("other_speaker")
        if speaker and other:
            self.add_error("other_speaker", "Pick a speaker or type a name, not both.")
        elif not speaker and not other:
            self.add_error("speaker", "Who said it? Pick a speaker or type a name.")
        text = cleaned_data.get("text")
        if text and cleaned_data.get("kind") == Statement.Kind.QUOTE:
            body = self.desk.article.body
            if not quote_occurs_in(text, body):
                passage = closest_passage(text, body)
                if passage is not None and cleaned_data.get("use_article_words"):
                    cleaned_data["text"] = passage.text
                else:
                    self.misquote = passage
                    probe = Statement(article=self.desk.article, kind=Statement.Kind.QUOTE)
                    probe.text = text
                    try:
                        probe.clean()
                    except ValidationError as exc:
                        self.add_error("text", exc.message_dict["text"])
        return cleaned_data

    @transaction.atomic
    def save(self, user: Any) -> Statement:
        """A draft statement, placed where its words stand; one history version."""
        data = self.cleaned_data
        article = self.desk.article
        if data["speaker"]:
            speaker = self.desk.roster[int(data["speaker"])]
        else:
            speaker = participant_named(data["other_speaker"])
            Attendance.objects.get_or_create(summit=article.summit, participant=speaker)
        issues = [self.desk.agenda[int(pk)] for pk in data["issues"]]
        if data["new_issue"]:
            issue = issue_named(data["new_issue"])
            article.summit.issues.add(issue)
            issues.append(issue)
        statement = Statement(
            article=article,
            speaker=speaker,
            kind=data["kind"],
            text=data["text"].strip().rstrip(",").rstrip(),
            context=data["context"],
            stance=data["stance"],
            status=Statement.Status.DRAFT,
        )
        statement._change_reason = "Accepted at the desk"  # type: ignore[attr-defined]
        statement.save()
        statement.issues.set(issues)
        return statement


def issue_named(name: str) -> Issue:
    """The issue with this name, created (with a free slug) when there is none."""
    name = " ".join(name.split())
    existing = Issue.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    return Issue.objects.create(name=name, slug=free_slug(Issue, name, "issue"))


@dataclass
class Mark:
    """A stretch of the article's text that the desk highlights."""

    start: int
    end: int
    css: str
    href: str
    label: str
    # Where the mark's proposal starts, which its form on the other side carries too.
    key: int


@dataclass
class Desk:
    """Everything one desk shows, fetched once whatever the number of proposals."""

    article: Article
    roster: dict[int, Participant]
    roster_choices: list[tuple[str, str]]
    agenda: dict[int, Issue]
    agenda_choices: list[tuple[str, str]]
    offer: list[dict[str, Any]] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    @classmethod
    def of(cls, article: Article) -> "Desk":
        attendances = article.summit.attendances.select_related("participant").order_by(
            "participant__name"
        )
        roster, roster_choices = {}, []
        for attendance in attendances:
            participant = attendance.participant
            roster[participant.pk] = participant
            label = (
                f"{participant.name} — {attendance.role}" if attendance.role else participant.name
            )
            roster_choices.append((str(participant.pk), label))
        agenda = {issue.pk: issue for issue in article.summit.issues.order_by("name")}
        return cls(
            article=article,
            roster=roster,
            roster_choices=roster_choices,
            agenda=agenda,
            agenda_choices=[(str(pk), issue.name) for pk, issue in agenda.items()],
        )

    def load(self) -> None:
        """The proposals not yet recorded and the statements that are."""
        self.offer = offer_proposals(self.article)
        self.statements = list(
            self.article.statements.select_related("speaker")
            .prefetch_related("issues")
            .order_by("position", "pk")
        )

    def forms(self, bound: DeskForm | None) -> list[DeskForm]:
        """A form per proposal, in article order; the one just refused keeps its input."""
        proposals = []
        starts = [initial["start"] for initial in self.offer]
        for index, initial in enumerate(self.offer):
            start = initial["start"]
            if bound is not None and bound.data.get("start") == str(start):
                form = bound
                form.auto_id = f"id_p{start}_%s"
            else:
                form = DeskForm(
                    initial=initial
                    | {
                        "speaker": initial["speaker"] or "",
                        "other_speaker": initial["new_speaker"],
                    },
                    desk=self,
                    auto_id=f"id_p{start}_%s",
                )
            form.proposal = initial  # type: ignore[attr-defined]
            form.next_start = (starts[index + 1 :] or [None])[0]  # type: ignore[attr-defined]
            proposals.append(form)
        return proposals

    def next_start(self, after: int | None) -> int | None:
        """Where the editor goes next: the first proposal left after `after`, else the first."""
        starts: list[int] = [initial["start"] for initial in self.offer]
        later = [start for start in starts if after is None or start > after]
        candidates = later or starts
        return candidates[0] if candidates else None

    def marks(self, misquote: Passage | None) -> list[Mark]:
        body = self.article.body
        marks = []
        for initial in self.offer:
            start: int = initial["start"]
            span = locate(initial["text"], body) or (start, start + len(initial["text"]))
            marks.append(
                Mark(span[0], span[1], "proposal", f"#proposal-{start}", "Proposal", start)
            )
        for statement in self.statements:
            found = locate(statement.text, body)
            if found is None:
                continue
            status = statement.get_status_display().lower()
            marks.append(
                Mark(
                    found[0],
                    found[1],
                    f"recorded {statement.status}",
                    reverse("admin:summits_statement_change", args=[statement.pk]),
                    f"Recorded ({status}): {statement.speaker}",
                    found[0],
                )
            )
        if misquote is not None:
            start = body.find(misquote.text)
            if start >= 0:
                marks.append(
                    Mark(
                        start,
                        start + len(misquote.text),
                        "misquote",
                        "#desk-forms",
                        "Misquote: the closest passage",
                        start,
                    )
                )
        return marks


def marked_text(body: str, marks: list[Mark]) -> list[SafeString]:
    """The body as paragraphs with every mark in place; an overlapping mark yields."""
    kept: list[Mark] = []
    reach = -1
    # A misquote wins its place: it is what the editor must see next.
    for mark in sorted(marks, key=lambda m: (m.start, m.css != "misquote", -m.end)):
        if mark.start >= reach:
            kept.append(mark)
            reach = mark.end

    def draw(mark: Mark, text: str) -> str:
        return format_html(
            '<a class="desk-mark {}" href="{}" title="{}" data-start="{}">{}</a>',
            mark.css,
            mark.href,
            mark.label,
            mark.key,
            text,
        )

    return marked_paragraphs(body, [(mark.start, mark.end, mark) for mark in kept], draw)


def desk_url(article: Article) -> str:
    return reverse("admin:summits_article_desk", args=[article.pk])


def editable_article(
    modeladmin: ModelAdmin[Article], request: HttpRequest, object_id: str
) -> Article | None:
    article = modeladmin.get_object(request, unquote(object_id))
    if article is None:
        return None
    if not (
        modeladmin.has_change_permission(request, article)
        and request.user.has_perm("summits.add_statement")
        and request.user.has_perm("summits.change_statement")
    ):
        raise PermissionDenied
    return article


def desk_view(
    modeladmin: ModelAdmin[Article], request: HttpRequest, object_id: str
) -> HttpResponse:
    """The desk: GET shows it; POST accepts one statement and returns to the next."""
    article = editable_article(modeladmin, request, object_id)
    if article is None:
        return HttpResponseRedirect(reverse("admin:summits_article_changelist"))
    desk = Desk.of(article)
    bound = None
    if request.method == "POST":
        bound = DeskForm(request.POST, desk=desk, auto_id="id_new_%s")
        if bound.is_valid():
            statement = bound.save(request.user)
            modeladmin.message_user(
                request,
                format_html("Draft saved: {}: “{}”", statement.speaker, statement.text[:80]),
                messages.SUCCESS,
            )
            desk.load()
            following = desk.next_start(bound.cleaned_data.get("start"))
            anchor = f"#proposal-{following}" if following is not None else "#desk-publish"
            return HttpResponseRedirect(desk_url(article) + anchor)
    desk.load()
    proposals = desk.forms(bound)
    refused_new = bound is not None and not any(form is bound for form in proposals)
    passage = bound if refused_new else DeskForm(desk=desk, auto_id="id_new_%s")
    drafts = [s for s in desk.statements if s.status == Statement.Status.DRAFT]
    ctx: Ctx = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Desk: {article}",
        "subtitle": None,
        "opts": modeladmin.opts,
        "original": article,
        "desk": desk,
        "proposals": proposals,
        "passage": passage,
        "refused": bound,
        "paragraphs": marked_text(article.body, desk.marks(bound.misquote if bound else None)),
        "drafts": drafts,
        "published": [s for s in desk.statements if s.status == Statement.Status.PUBLISHED],
        "keys": KEYS,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "admin/summits/article/desk.html", ctx)


def publish_view(
    modeladmin: ModelAdmin[Article], request: HttpRequest, object_id: str, status: str
) -> HttpResponse:
    """ "Publish N drafts of this article" (or take its published statements back): a page
    listing them, then one POST. Publishing also publishes a draft article."""
    article = editable_article(modeladmin, request, object_id)
    if article is None:
        return HttpResponseRedirect(reverse("admin:summits_article_changelist"))
    publishing = status == Statement.Status.PUBLISHED
    other = Statement.Status.DRAFT if publishing else Statement.Status.PUBLISHED
    statements = list(
        article.statements.filter(status=other).select_related("speaker").order_by("position")
    )
    verb = "Published" if publishing else "Unpublished"
    if request.method == "POST":
        changed = change_state(
            status,
            request.user,
            f"{verb} from the article's desk",
            statements=statements,
            articles=[article] if publishing else [],
        )
        modeladmin.message_user(
            request,
            f"{verb} {changed.statements} statements"
            + (" and the article" if changed.articles else "")
            + ".",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(desk_url(article) + "#desk-publish")
    ctx: Ctx = {
        **modeladmin.admin_site.each_context(request),
        "title": f"{verb[:-2]} {len(statements)} statements of “{article}”?",
        "subtitle": None,
        "opts": modeladmin.opts,
        "original": article,
        "statements": statements,
        "publishing": publishing,
        "article_draft": publishing and article.status == Article.Status.DRAFT,
        "summit_draft": article.summit.status == Summit.Status.DRAFT,
        "summit_url": reverse("admin:summits_summit_change", args=[article.summit_id]),
        "desk_url": desk_url(article),
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "admin/summits/article/desk_publish.html", ctx)
