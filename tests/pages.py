"""Reading what a response shows: its text, its admin form's data, its statement list."""

import html
import re

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


def page_text(response) -> str:
    """The page as a reader sees its text: entities decoded."""
    return html.unescape(response.content.decode())


def listed_ids(html: str) -> list[str]:
    """Public ids of the statements listed on the page, in order."""
    return re.findall(r'<article class="statement [^"]*" id="s-([a-z0-9]+)"', html)
