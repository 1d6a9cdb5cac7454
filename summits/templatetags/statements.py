"""Parts of reader pages rendered once per coverage revision and reused by every page, and
the facet checkboxes, rendered in Python.

`{% statement_card statement show_summit %}`: a statement as readers see it, on every page
that lists it. `{% per_revision "name" key %}...{% end_per_revision %}`: any block that
depends on coverage only (a summit's participants, issues, articles and positions matrix),
whatever the filters; its queries run only when it is rendered (pass them lazily).

The card (templates/summits/_statement.html) depends on the statement, its speaker, article,
summit and issues, all coverage, and on whether the summit is named; nothing in it belongs
to one request (no nonce, no CSRF token, no absolute URL), so one rendering serves every
reader until the next edit advances the revision.
"""

from typing import Any

from django import template
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from summits.caching import per_revision
from summits.filters import Facet
from summits.models import Statement

register = template.Library()
CARD = "summits/_statement.html"


@register.simple_tag
def statement_card(
    statement: Statement, show_summit: bool = False, anchored: bool = True
) -> SafeString:
    """`anchored`: the card carries the id `s-<public_id>`; a page that draws a statement
    twice (a participant page lists it under each of its issues) anchors only the first."""

    def render() -> SafeString:
        html = get_template(CARD).render(
            {"statement": statement, "show_summit": show_summit, "unanchored": not anchored}
        )
        return mark_safe(html)  # the template escaped every value

    key = f"{statement.pk}:{int(bool(show_summit))}:{int(bool(anchored))}"
    return per_revision("card", key, render)


@register.simple_tag
def facet_options(facet: Facet) -> SafeString:
    """A facet's checkboxes, one `<li>` an option.

    Built in Python, not a template loop: a large summit's speaker facet has hundreds of
    options, and the loop's variable lookups were a third of a cold fragment's render.
    """
    return format_html_join(
        "\n",
        '<li><input type="checkbox" id="f-{0}-{1}" name="{0}" value="{1}"{2}>\n'
        '  <label for="f-{0}-{1}">{3} <span class="facet__count">{4}</span></label></li>',
        (
            (
                facet.name,
                option.value,
                CHECKED if option.selected else "",
                option.label,
                option.count,
            )
            for option in facet.options
        ),
    )


CHECKED = mark_safe(" checked")


@register.simple_tag
def positions_rows(matrix: dict[str, Any]) -> SafeString:
    """The positions matrix's rows (summits.views.positions_matrix), one `<tr>` a participant.

    Built in Python for the reason facet_options is: a summit of 50 participants on 10
    issues is 500 cells, and their template loop (an include a stance) was most of a cold
    summit page's render.
    """
    rows = []
    for row in matrix["rows"]:
        role = (
            format_html('<span class="matrix__role">{}</span>', row["role"]) if row["role"] else ""
        )
        cells = []
        for cell in row["cells"]:
            if not cell["stances"]:
                cells.append(EMPTY_CELL)
                continue
            stances = format_html_join(
                "",
                '<span class="stance stance--{}">{}{}</span>',
                (
                    (
                        stance["value"],
                        stance["label"],
                        format_html(' <span class="stance__count">{}</span>', stance["count"])
                        if stance["count"]
                        else "",
                    )
                    for stance in cell["stances"]
                ),
            )
            cells.append(
                format_html(
                    '          <td data-issue="{0}"><a class="matrix__cell" href="{1}#statements" '
                    'data-hx-get="{1}" data-hx-target="#results" '
                    'data-hx-swap="outerHTML show:#statements:top" data-hx-push-url="true">'
                    '<span class="visually-hidden">{2} on {0}: </span>{3}</a></td>\n',
                    cell["issue"],
                    cell["query"],
                    row["name"],
                    stances,
                )
            )
        rows.append(
            format_html(
                '        <tr>\n          <th scope="row"><a href="{}">{}</a>{}'
                '<a class="matrix__compare" href="{}?actors={}">Compare'
                '<span class="visually-hidden"> {} with others</span></a></th>\n'
                "{}        </tr>\n",
                reverse("participant", args=[row["slug"]]),
                row["name"],
                role,
                reverse("compare"),
                row["slug"],
                row["name"],
                mark_safe("".join(cells)),  # each cell built by format_html
            )
        )
    return mark_safe("".join(rows).removesuffix("\n"))  # each row built by format_html


EMPTY_CELL = mark_safe('          <td class="matrix__empty"></td>\n')


class PerRevisionNode(Node):
    def __init__(self, name: FilterExpression, key: FilterExpression, nodelist: NodeList) -> None:
        self.name, self.key, self.nodelist = name, key, nodelist

    def render(self, context: Context) -> SafeString:
        def render() -> SafeString:
            return mark_safe(self.nodelist.render(context))  # rendered by the template engine

        name = str(self.name.resolve(context))
        return per_revision(f"block-{name}", str(self.key.resolve(context)), render)


@register.tag("per_revision")
def per_revision_tag(parser: Parser, token: Token) -> PerRevisionNode:
    """`{% per_revision "summit-overview" summit.pk %}...{% end_per_revision %}`."""
    bits = token.split_contents()
    if len(bits) != 3:  # noqa: PLR2004 -- the tag and its two arguments
        raise template.TemplateSyntaxError("per_revision takes a name and a key")
    nodelist = parser.parse(("end_per_revision",))
    parser.delete_first_token()
    return PerRevisionNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist)
