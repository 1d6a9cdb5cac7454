"""Admin forms for the editor's workflow: statements (alone and inline), articles, and the
proposals of the statement-extraction assistant ("Find statements").

A statement's issues go through `StatementIssue`, which the admin will not render on its own
(it hides many-to-many fields with an explicit through model), so the forms declare the
field themselves; `ModelForm.save_m2m()` then sets it as for any many-to-many field.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AutocompleteMixin,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model, Q
from django.utils.html import format_html
from django.utils.text import slugify

from summits.extraction import Proposal, extract_statements
from summits.models import (
    Article,
    Attendance,
    Issue,
    Participant,
    Statement,
    summit_roster,
)
from summits.quotes import Passage, closest_passage, quote_core, quote_occurs_in


class KnownChoicesMixin(AutocompleteMixin, forms.widgets.ChoiceWidget):
    """An autocomplete widget that renders its selected options from objects already loaded.

    The stock widget runs one query per widget to label what is selected: on an article with
    thirty statements that is sixty queries. The form hands over the speaker and issues it
    already holds (select_related / prefetch_related); anything else falls back to a query.
    """

    known: dict[str, str] | None = None

    def optgroups(
        self, name: str, value: Sequence[str], attr: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.known is None or any(v not in self.known for v in selected):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for v in selected:
            # The set, as Django's AutocompleteMixin passes it; the stubs say bool.
            selected_set: Any = set(selected)
            options.append(self.create_option(name, v, self.known[v], selected_set, len(options)))
        return [(None, options, 0)]


class KnownAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


def issues_field() -> forms.ModelMultipleChoiceField[Issue]:
    return forms.ModelMultipleChoiceField(
        Issue.objects.all(),
        required=False,
        widget=KnownAutocompleteSelectMultiple(Statement._meta.get_field("issues"), admin.site),
    )


class KnownChoicesForm[M: Model](forms.ModelForm[M]):
    """Tells its autocomplete widgets which objects the instance already holds."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            # The admin wraps foreign-key widgets to add its "add another" links.
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, KnownChoicesMixin):
                continue
            value = getattr(self.instance, name)
            objects = value.all() if hasattr(value, "all") else [value]
            widget.known = {str(obj.pk): str(obj) for obj in objects}


def autocomplete(model: type[Model], name: str) -> KnownAutocompleteSelect:
    return KnownAutocompleteSelect(model._meta.get_field(name), admin.site)


POSITION_HELP = "Order within the article; 0 places it where its words stand in the text."


class ArticleWordsForm(forms.ModelForm[Statement]):
    """A statement form that offers the article's own words for a quote that is not verbatim.

    The misquote error names the closest passage; a checkbox beside it, ticked and saved,
    replaces the quote with that passage. A checkbox, not a button: Enter in any field
    would press the first button of the form.
    """

    use_article_words = "use_article_words"

    offered: Passage | None = None

    def clean(self):
        cleaned_data = super().clean()
        passage = self.closest_passage(cleaned_data)
        if passage is not None and self.data.get(self.add_prefix(self.use_article_words)):
            cleaned_data["text"] = passage.text
        else:
            self.offered = passage
        return cleaned_data

    def closest_passage(self, cleaned_data: dict) -> Passage | None:
        article, text = cleaned_data.get("article"), cleaned_data.get("text")
        if article is None or not text or cleaned_data.get("kind") != Statement.Kind.QUOTE:
            return None
        if quote_occurs_in(text, article.body):
            return None
        return closest_passage(text, article.body)

    def _post_clean(self):
        super()._post_clean()
        passage = self.offered
        if passage is not None and self.has_error("text"):
            self.add_error(
                "text",
                format_html(
                    '<label class="use-article-words"><input type="checkbox" name="{}" value="1">'
                    " Use the article’s words: “{}”</label>",
                    self.add_prefix(self.use_article_words),
                    passage.text,
                ),
            )


class AttendanceForm(KnownChoicesForm[Attendance]):
    class Meta:
        model = Attendance
        fields = ["participant", "role", "delegation"]
        widgets = {"participant": autocomplete(Attendance, "participant")}


class NameListField(forms.CharField):
    """A list of names (an article's authors or editors), typed one per line."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ArticleForm(forms.ModelForm[Article]):
    authors = NameListField(required=False, help_text="One name per line.")
    editors = NameListField(required=False, help_text="One name per line.")
    key = forms.SlugField(
        max_length=100,
        required=False,
        help_text="The article's name in coverage bundles, e.g. 'dw-2011-07-04'; "
        "left empty, it is made from the outlet and date, or the title.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean() or {}
        summit = cleaned_data.get("summit")
        if not cleaned_data.get("key") and summit is not None:
            # Pasting an article should need its title and text only.
            outlet, day = cleaned_data.get("outlet"), cleaned_data.get("published_on")
            base = slugify(f"{outlet} {day}" if outlet and day else cleaned_data.get("title", ""))
            base = base[:90] or "article"
            taken = set(
                Article.objects.filter(summit=summit, key__startswith=base)
                .exclude(pk=self.instance.pk)
                .values_list("key", flat=True)
            )
            key, n = base, 1
            while key in taken:
                n += 1
                key = f"{base}-{n}"
            cleaned_data["key"] = key
            self.instance.key = key
        return cleaned_data

    class Meta:
        model = Article
        fields = ["summit", "title", "key", "outlet", "url", "published_on", "authors", "editors"]
        fields += ["body", "status"]


class StatementForm(ArticleWordsForm, KnownChoicesForm[Statement]):
    """A statement on its own page: its summit always follows its article."""

    issues = issues_field()

    class Meta:
        model = Statement
        fields = [
            "article",
            "speaker",
            "kind",
            "text",
            "context",
            "issues",
            "stance",
            "said_on",
            "status",
            "position",
        ]
        help_texts = {"position": POSITION_HELP}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "context": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "speaker": autocomplete(Statement, "speaker"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An old version being reverted (django-simple-history's revert form) links the
        # issues it had then, which the database no longer holds for today's statement.
        version = getattr(self.instance, "_history", None)
        if version is not None and not self.is_bound:
            self.initial["issues"] = [row.issue_id for row in version.issues.all()]


class StatementInlineForm(ArticleWordsForm, KnownChoicesForm[Statement]):
    """A statement inside its article's page, checked against the article as submitted."""

    issues = issues_field()

    class Meta:
        model = Statement
        fields = ["speaker", "kind", "text", "context", "issues", "stance", "status", "position"]
        help_texts = {"position": POSITION_HELP}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3, "cols": 40}),
            "context": forms.Textarea(attrs={"rows": 3, "cols": 20}),
            "position": forms.NumberInput(attrs={"class": "vSmallField"}),
            "speaker": autocomplete(Statement, "speaker"),
        }


class ProposalForm(forms.Form):
    """One statement the extractor proposes; the editor ticks it, corrects it, or drops it."""

    keep = forms.BooleanField(required=False, initial=True, label="Keep")
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})
    )
    kind = forms.ChoiceField(choices=Statement.Kind.choices, initial=Statement.Kind.QUOTE)
    speaker = forms.ModelChoiceField(
        Participant.objects.all(), required=False, widget=autocomplete(Statement, "speaker")
    )
    new_speaker = forms.CharField(
        required=False,
        max_length=200,
        label="or a new participant",
        help_text="Full name, for someone not yet recorded.",
    )
    issues = forms.ModelMultipleChoiceField(
        Issue.objects.all(), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    stance = forms.ChoiceField(choices=Statement.Stance.choices, initial=Statement.Stance.NONE)
    context = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"})
    )
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, article: Article, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.article = article

    def clean(self) -> dict[str, Any] | None:
        cleaned_data = super().clean()
        if not cleaned_data.get("keep"):
            return cleaned_data
        speaker, new_speaker = cleaned_data.get("speaker"), cleaned_data.get("new_speaker")
        if speaker and new_speaker:
            self.add_error("new_speaker", "Pick a participant or type a new name, not both.")
        elif not speaker and not new_speaker:
            self.add_error("speaker", "Who said it? Pick a participant or type a new name.")
        if not cleaned_data.get("text"):
            self.add_error("text", "A kept statement needs its text.")
        elif "kind" in cleaned_data:
            # The verbatim rule, in the model's own words.
            probe = Statement(article=self.article, kind=cleaned_data["kind"])
            probe.text = cleaned_data["text"]
            try:
                probe.clean()
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned_data


class BaseProposalFormSet(forms.BaseFormSet[ProposalForm]):
    def __init__(self, *args: Any, article: Article, **kwargs: Any) -> None:
        self.article = article
        super().__init__(*args, **kwargs)
        # Options and speaker labels are fetched once for the page, not once per proposal.
        summit_issues = list(article.summit.issues.all())
        issue_choices = [
            ("On this summit's agenda", [(issue.pk, issue.name) for issue in summit_issues]),
            (
                "Other issues",
                [
                    (issue.pk, issue.name)
                    for issue in Issue.objects.exclude(pk__in=[i.pk for i in summit_issues])
                ],
            ),
        ]
        chosen = {str(form["speaker"].value()) for form in self.forms} - {"None", ""}
        labels = {
            str(pk): name
            for pk, name in Participant.objects.filter(
                pk__in=[pk for pk in chosen if pk.isdigit()]
            ).values_list("pk", "name")
        }
        for form in self.forms:
            form.fields["issues"].choices = issue_choices
            form.fields["speaker"].widget.known = labels

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"article": self.article}

    @transaction.atomic
    def save(self) -> list[Statement]:
        """Save the kept proposals as draft statements, after the article's existing ones."""
        article = self.article
        kept = sorted(
            (form.cleaned_data for form in self.forms if form.cleaned_data.get("keep")),
            key=lambda data: data["start"],
        )
        position = article.statements.aggregate(last=Max("position"))["last"] or 0
        attending = set(article.summit.attendances.values_list("participant_id", flat=True))
        saved = []
        for data in kept:
            speaker = data["speaker"] or participant_named(data["new_speaker"])
            if speaker.pk not in attending:
                Attendance.objects.create(summit=article.summit, participant=speaker)
                attending.add(speaker.pk)
            position += 1
            statement = Statement(
                article=article,
                speaker=speaker,
                kind=data["kind"],
                text=data["text"],
                context=data["context"],
                stance=data["stance"],
                position=position,
                status=Statement.Status.DRAFT,
            )
            statement.save()
            statement.issues.set(data["issues"])
            saved.append(statement)
        return saved


ProposalFormSet = forms.formset_factory(ProposalForm, formset=BaseProposalFormSet, extra=0)


def participant_named(name: str) -> Participant:
    """The participant with this name, created (with a free slug) when there is none."""
    name = " ".join(name.split())
    existing = Participant.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    base = slugify(name)[:90] or "participant"
    slug, n = base, 1
    while Participant.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    participant = Participant(name=name, slug=slug)
    participant.save()
    return participant


def name_key(name: str) -> str:
    words = name.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


@dataclass
class Offer:
    """What "Find statements" shows: new proposals as form initial data, and the rest."""

    initial: list[dict[str, Any]]
    recorded: list[tuple[Proposal, Statement]]


def offer_proposals(article: Article) -> Offer:
    """Run the extractor on the article with its summit's roster; leave out quotes the
    article already records.

    A proposal is already recorded when its words are a recorded statement's words, or
    part of them (an editor may have recorded a longer passage). One that merely contains
    a recorded quote is offered unticked, since the editor may have split it on purpose.
    A speaker the roster links is preselected; any other name is offered as a new
    participant only when the article names that person outside quotation marks and the
    extractor is fairly sure, so a name inside a quote never becomes a participant.
    """
    proposals = extract_statements(article.body, summit_roster(article.summit))
    statements = list(article.statements.select_related("speaker"))
    participants = known_speakers(proposals)
    narration = article.body
    for proposal in proposals:
        if proposal.kind == Statement.Kind.QUOTE:
            narration = narration.replace(proposal.text, " ")
    offer = Offer(initial=[], recorded=[])
    for proposal in proposals:
        core = quote_core(proposal.text)
        match = next((s for s in statements if core and core in quote_core(s.text)), None)
        if match is not None:
            offer.recorded.append((proposal, match))
            continue
        overlaps = any(quote_core(s.text) and quote_core(s.text) in core for s in statements)
        speaker = participants.get(proposal.participant or "") or participants.get(
            name_key(proposal.speaker)
        )
        offer.initial.append(
            {
                "keep": not overlaps,
                # News style puts the attribution's comma inside the quotation marks.
                "text": proposal.text.rstrip(",").rstrip(),
                "kind": proposal.kind,
                "speaker": speaker.pk if speaker else None,
                "new_speaker": "" if speaker else new_speaker_for(proposal, narration),
                "stance": Statement.Stance.NONE,
                "context": proposal.context,
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
    if not name or proposal.confidence < SURE_ENOUGH_TO_OFFER:
        return ""
    surname = name.split()[-1]
    if surname.casefold() not in narration.casefold():
        return ""
    return name
