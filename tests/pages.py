"""Reading what a response shows: its text, its admin form's data, its statement list; and
submitting an admin form as an editor would, from the page as rendered."""

import html
import re

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from summits.models import Article, Participant

HTMX = {"HX-Request": "true"}


def form_data(response) -> dict:
    """The POST data of an admin add/change page as rendered, inlines included."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data: dict = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            else:
                data[bound.html_name] = str(value)
    return data


def submit_admin_form(client, url: str, **changes):
    """POST the admin add/change page at `url` as rendered, with these fields changed."""
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def add_statement(client, text: str, **changes):
    """Add, through the admin, Lavrov saying `text` in the Sochi article."""
    return submit_admin_form(
        client,
        reverse("admin:summits_statement_add"),
        article=str(Article.objects.get().pk),
        speaker=str(Participant.objects.get(slug="sergei-lavrov").pk),
        text=text,
        **changes,
    )


def page_text(response) -> str:
    """The page as a reader sees its text: entities decoded."""
    return html.unescape(response.content.decode())


def listed_ids(html: str) -> list[str]:
    """Public ids of the statements listed on the page, in order."""
    return re.findall(r'<article class="statement [^"]*" id="s-([a-z0-9]+)"', html)


def narrowed_like_the_filter(statements, params: dict):
    """`statements` narrowed by hand as the summit page's filter narrows them for these GET
    parameters: the expectation a filtered page, feed or API answer is checked against. The
    search word `q` is left to each test, which knows the word it searched for."""
    if "actor" in params:
        actors = params["actor"] if isinstance(params["actor"], list) else [params["actor"]]
        statements = statements.filter(speaker__slug__in=actors)
    if "issue" in params:
        statements = statements.filter(issues__slug=params["issue"])
    if "stance" in params:
        statements = statements.filter(stance=params["stance"])
    if "kind" in params:
        statements = statements.filter(kind=params["kind"])
    return statements


def uncached_queries(client, url: str, headers: dict | None = None) -> int:
    """How many queries the page runs when the page cache cannot answer; it must answer 200."""
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, headers=headers).status_code == 200, url
    return len(context.captured_queries)
