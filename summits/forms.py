"""Admin forms for the editor's workflow: statements (alone and inline) and articles. The
desk's form, for the extractor's proposals, lives with the desk (summits/desk.py).

A statement's issues go through `StatementIssue`, which the admin will not render on its own
(it hides many-to-many fields with an explicit through model), so the forms declare the
field themselves; `ModelForm.save_m2m()` then sets it as for any many-to-many field.
"""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AutocompleteMixin,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.db.models import Model
from django.utils.html import format_html
from django.utils.text import slugify

from summits.models import (
    Article,
    Attendance,
    Issue,
    Statement,
)
from summits.quotes import Passage, closest_passage, quote_occurs_in


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

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned_data = self.cleaned_data
        passage = self.closest_passage(cleaned_data)
        if passage is not None and self.data.get(self.add_prefix(self.use_article_words)):
            cleaned_data["text"] = passage.text
        else:
            self.offered = passage
        return cleaned_data

    def closest_passage(self, cleaned_data: dict[str, Any]) -> Passage | None:
        article, text = cleaned_data.get("article"), cleaned_data.get("text")
        if article is None or not text or cleaned_data.get("kind") != Statement.Kind.QUOTE:
            return None
        if quote_occurs_in(text, article.body):
            return None
        return closest_passage(text, article.body)

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # Django's, private, so not in the stubs
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
