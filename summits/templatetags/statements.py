"""`{% statement_card statement show_summit %}`: a statement as readers see it, rendered once
per coverage revision and reused by every page that lists it.

The card (templates/summits/_statement.html) depends on the statement, its speaker, article,
summit and issues, all coverage, and on whether the summit is named; nothing in it belongs
to one request (no nonce, no CSRF token, no absolute URL), so one rendering serves every
reader until the next edit advances the revision.
"""

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from summits.caching import per_revision
from summits.models import Statement

register = template.Library()
CARD = "summits/_statement.html"


@register.simple_tag
def statement_card(statement: Statement, show_summit: bool = False) -> SafeString:
    def render() -> SafeString:
        html = get_template(CARD).render({"statement": statement, "show_summit": show_summit})
        return mark_safe(html)  # the template escaped every value

    return per_revision("card", f"{statement.pk}:{int(bool(show_summit))}", render)
