"""Admin forms for the editor's workflow: statements (alone and inline) and articles.

A statement's issues go through `StatementIssue`, which the admin will not render on its own
(it hides many-to-many fields with an explicit through model), so the forms declare the
field themselves; `ModelForm.save_m2m()` then sets it as for any many-to-many field.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from summits.models import Article, Attendance, Issue, Statement
from summits.quotes import quote_occurs_in


class KnownChoicesMixin:
    """An autocomplete widget that renders its selected options from objects already loaded.

    The stock widget runs one query per widget to label what is selected: on an article with
    thirty statements that is sixty queries. The form hands over the speaker and issues it
    already holds (select_related / prefetch_related); anything else falls back to a query.
    """

    known: dict[str, str] | None = None

    def optgroups(self, name, value, attr=None):
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.known is None or any(v not in self.known for v in selected):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for v in selected:
            options.append(self.create_option(name, v, self.known[v], set(selected), len(options)))
        return [(None, options, 0)]


class KnownAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


def issues_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        Issue.objects.all(),
        required=False,
        widget=KnownAutocompleteSelectMultiple(Statement._meta.get_field("issues"), admin.site),
    )


class KnownChoicesForm(forms.ModelForm):
    """Tells its autocomplete widgets which objects the instance already holds."""

    def __init__(self, *args, **kwargs):
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


def autocomplete(model, name: str) -> KnownAutocompleteSelect:
    return KnownAutocompleteSelect(model._meta.get_field(name), admin.site)


class AttendanceForm(KnownChoicesForm):
    class Meta:
        model = Attendance
        fields = ["participant", "role", "delegation"]
        widgets = {"participant": autocomplete(Attendance, "participant")}


class NameListField(forms.CharField):
    """A list of names (an article's authors or editors), typed one per line."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ArticleForm(forms.ModelForm):
    authors = NameListField(required=False, help_text="One name per line.")
    editors = NameListField(required=False, help_text="One name per line.")

    class Meta:
        model = Article
        fields = ["summit", "title", "key", "outlet", "url", "published_on", "authors", "editors"]
        fields += ["body"]


class StatementForm(KnownChoicesForm):
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
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "context": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "speaker": autocomplete(Statement, "speaker"),
        }

    def clean(self):
        cleaned_data = super().clean()
        article = cleaned_data.get("article")
        if article is not None:
            # Denormalised for the reader's queries; the editor never picks it.
            self.instance.summit_id = article.summit_id
        return cleaned_data


class StatementInlineForm(KnownChoicesForm):
    """A statement inside its article's page, checked against the article as submitted."""

    issues = issues_field()

    class Meta:
        model = Statement
        fields = ["speaker", "kind", "text", "context", "issues", "stance", "status", "position"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3, "cols": 50}),
            "context": forms.Textarea(attrs={"rows": 3, "cols": 25}),
            "position": forms.NumberInput(attrs={"class": "vSmallField"}),
            "speaker": autocomplete(Statement, "speaker"),
        }

    def clean(self):
        cleaned_data = super().clean()
        # The inline formset hands every form the parent article with the submitted body.
        article = cleaned_data.get("article")
        if article is None:
            return cleaned_data
        self.instance.summit_id = article.summit_id
        text = cleaned_data.get("text")
        # Statement.clean() skips the rule while the article has no id (the add page), so
        # the same check runs here with the same words the model uses.
        if (
            article.pk is None
            and text
            and cleaned_data.get("kind") == Statement.Kind.QUOTE
            and not quote_occurs_in(text, article.body)
        ):
            self.add_error(
                "text",
                f"This quote does not appear in the article '{article.title}'. "
                "Check the wording, or record it as a paraphrase.",
            )
        return cleaned_data
