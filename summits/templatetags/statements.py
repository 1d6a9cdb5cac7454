"""Parts of reader pages rendered once per coverage revision and reused by every page, and
the facet checkboxes, rendered in Python.

`{% statement_card statement show_summit %}`: a statement as readers see it, on every page
that lists it. `{% per_revision "name" key %}...{% end_per_revision %}`: any block that
depends on coverage only (a summit's participants, issues, articles and positions matrix),
whatever the filters; its queries run only when it is rendered (pass them lazily).

The card (`card_html`, its only definition) depends on the statement, its speaker, article,
summit and issues, all coverage, and on whether the summit is named; nothing in it belongs
to one request (no nonce, no CSRF token, no absolute URL), so one rendering serves every
reader until the next edit advances the revision.
"""

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any

from django import template
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.template.defaultfilters import capfirst
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from summits.caching import per_revision
from summits.filters import Facet
from summits.models import (
    STANCE_LABELS,
    Article,
    Attendee,
    Issue,
    Statement,
    delegation_worth_showing,
    page_url,
)
from summits.stances import Grid, StanceCount

register = template.Library()


@register.simple_tag
def statement_card(
    statement: Statement, show_summit: bool = False, anchored: bool = True
) -> SafeString:
    """`anchored`: the card carries the id `s-<public_id>`; a page that draws a statement
    twice (a participant page lists it under each of its issues) anchors only the first."""

    def render() -> SafeString:
        return card_html(statement, show_summit=bool(show_summit), anchored=anchored)

    key = f"{statement.pk}:{int(bool(show_summit))}:{int(bool(anchored))}"
    return per_revision("card", key, render)


def card_html(statement: Statement, *, show_summit: bool, anchored: bool) -> SafeString:
    """A statement as readers see it, on every page that lists it.

    Built in Python, not a template: a list page draws 25 to 50 cards, and each one through
    the template engine cost about a millisecond on a cold page (three includes' worth of
    variable lookups and filters). Joined from `html.escape`d strings, as the facet options
    are: every value is escaped as a template (or format_html) would escape it, at a third
    of format_html's cost per argument.
    """
    speaker = statement.speaker
    article = statement.article
    summit = statement.summit
    speaker_name = escape(speaker.name)
    speaker_line = f'<a href="{escape(speaker.get_absolute_url())}">{speaker_name}</a>'
    if statement.speaker_role:
        speaker_line += f'<span class="statement__role">, {escape(statement.speaker_role)}</span>'
    delegation = statement.delegation_shown
    if delegation:
        speaker_line += f' <span class="statement__delegation">({escape(delegation)})</span>'
    text = escape(statement.text)
    if statement.kind == "quote":
        said = f'\n  <blockquote class="statement__quote"><p>“{text}”</p></blockquote>\n  '
    else:
        said = (
            f'\n  <p class="statement__paraphrase"><span class="tag">Paraphrase</span> {text}'
            "</p>\n  "
        )
    context = (
        f'<p class="statement__context">{escape(capfirst(statement.context))}</p>'
        if statement.context
        else ""
    )
    issues = statement.displayed_issues()
    on_issues = (
        " on "
        + ", ".join(
            f'<a href="{escape(i.get_absolute_url())}">{escape(i.name)}</a>' for i in issues
        )
        if issues
        else ""
    )
    source = (
        f'<a href="{escape(summit.get_absolute_url())}">{escape(summit.name)}</a> · '
        if show_summit
        else ""
    )
    if article.outlet:
        source += f"{escape(article.outlet)}: "
    source += f'<a href="{escape(article.get_absolute_url())}">{escape(article.title)}</a>'
    if statement.said_on:
        source += said_on_html(statement.said_on, get_language())
    url = escape(statement.get_absolute_url())
    reports = (
        f'\n<p class="statement__reports">One utterance, {escape(str(statement.report_count))} '
        f'reports: <a href="{url}#reports-heading">compare every report<span '
        f'class="visually-hidden"> of these words by {speaker_name}</span></a></p>\n'
        if statement.report_count > 1
        else ""
    )
    anchor = f' id="s-{escape(statement.public_id)}"' if anchored else ""
    # Every value above is escaped.
    return mark_safe(
        f'\n<article class="statement statement--{escape(statement.kind)}"{anchor}>\n'
        f'  <p class="statement__speaker">{speaker_line}</p>\n'
        f"  {said}\n"
        f"  {context}\n"
        f'  <p class="statement__position">'
        f"{stance_html(statement.stance, STANCE_LABELS.get(statement.stance, statement.stance), 0)}"
        f"{on_issues}</p>\n"
        f'  <p class="statement__source">{source} · <a class="statement__permalink" href="{url}">'
        f'Permalink<span class="visually-hidden"> to this statement by {speaker_name}</span></a>'
        "</p>\n"
        f"{reports}</article>\n"
    )


@lru_cache(maxsize=4096)
def said_on_html(day: date, language: str) -> str:
    """A card's day, remembered per day and language: the date filter (a format parsed and
    a month name translated at every call) was a quarter of a card's cost."""
    return (
        f' · <time datetime="{escape(date_filter(day, "Y-m-d"))}">'
        f"{escape(date_filter(day, 'j M Y'))}</time>"
    )


@register.simple_tag
def facet_options(facet: Facet) -> SafeString:
    """A facet's checkboxes, one `<li>` an option.

    Built in Python, not a template loop: a large summit's speaker facet has hundreds of
    options, and the loop's variable lookups were a third of a cold fragment's render.
    Plain strings escaped with html.escape, as format_html would (Django's escape is
    html.escape), without its per-argument wrappers: hundreds of options a facet.
    """
    name = escape(facet.name)
    return mark_safe(  # every value escaped
        "\n".join(
            f'<li><input type="checkbox" id="f-{name}-{value}" name="{name}" value="{value}"'
            f"{' checked' if option.selected else ''}>\n"
            f'  <label for="f-{name}-{value}">{escape(str(option.label))} '
            f'<span class="facet__count">{escape(str(option.count))}</span></label></li>'
            for option in facet.options
            for value in (escape(str(option.value)),)
        )
    )


@register.simple_tag
def positions_rows(matrix: dict[str, Any]) -> SafeString:
    """The positions matrix's rows (summits.views.positions_matrix), one `<tr>` a participant.

    Built in Python for the reason facet_options is: a summit of 50 participants on 10
    issues is 500 cells, and their template loop (an include a stance) was most of a cold
    summit page's render. Escaped as facet_options escapes.
    """
    compare = escape(reverse("compare"))
    rows = []
    for row in matrix["rows"]:
        name = escape(row["name"])
        role = f'<span class="matrix__role">{escape(row["role"])}</span>' if row["role"] else ""
        cells = []
        for cell in row["cells"]:
            if not cell["stances"]:
                cells.append(EMPTY_CELL)
                continue
            stances = "".join(
                stance_html(stance["value"], stance["label"], stance["count"])
                for stance in cell["stances"]
            )
            issue, query = escape(cell["issue"]), escape(cell["query"])
            cells.append(
                f'          <td data-issue="{issue}"><a class="matrix__cell" '
                f'href="{query}#statements" data-hx-get="{query}" data-hx-target="#results" '
                'data-hx-swap="outerHTML show:#statements:top" data-hx-push-url="true">'
                f'<span class="visually-hidden">{name} on {issue}: </span>{stances}</a></td>\n'
            )
        slug = escape(row["slug"])
        rows.append(
            f'        <tr>\n          <th scope="row"><a href="'
            f'{escape(page_url("participant", row["slug"]))}">{name}</a>{role}'
            f'<a class="matrix__compare" href="{compare}?actors={slug}">Compare'
            f'<span class="visually-hidden"> {name} with others</span></a></th>\n'
            f"{''.join(cells)}        </tr>\n"
        )
    return mark_safe("".join(rows).removesuffix("\n"))  # every value escaped


@register.simple_tag(takes_context=True)
def permalink_citation(context: Context) -> SafeString:
    """The permalink's "Cite" block, as _cite.html wrote it (its only definition now): in
    Python with the statement above it, for the same reason."""
    statement: Statement = context["statement"]
    request = context["request"]
    article = statement.article
    citation = escape(statement.speaker.name)
    if statement.speaker_role:
        citation += f", {escape(statement.speaker_role)}"
    when = statement.date_said
    if when.day:
        citation += f" ({escape(str(when))})"
    citation += f", at {escape(statement.summit.name)}"
    if statement.kind == "paraphrase":
        citation += " (paraphrased)"
    citation += ". Reported in "
    if article.outlet:
        citation += f"{escape(article.outlet)}, "
    citation += f"“{escape(article.title)}”"
    if article.published_on:
        citation += f", {long_day(article.published_on, get_language())}"
    address = f"{request.scheme}://{request.get_host()}{statement.get_absolute_url()}"
    citation += f". {escape(context['site_name'])}, {escape(address)}"
    # Every value escaped.
    return mark_safe(
        '\n<section class="cite" aria-labelledby="cite-heading">\n'
        '  <h2 id="cite-heading">Cite</h2>\n'
        '  <p class="copy-actions"><button type="button" data-copy-from="citation" '
        'aria-controls="cite-status" hidden>Copy citation</button> <span id="cite-status" '
        'class="copy-status" role="status"></span></p>\n'
        f'  <p class="cite__text" id="citation">{citation}</p>\n'
        "</section>\n"
    )


# A summit page's overview lists (summit.html), each `{% for %}` loop's output as the loop
# wrote it: an item between the same newlines and indents. In Python for the reason
# positions_rows is: the loops' variable lookups, six an attendance and hundreds of
# attendances at a large summit, grow with the summit.
OVERVIEW_ITEM = "\n      {}\n      "


@register.simple_tag
def attendance_items(attendances: Iterable[Attendee]) -> SafeString:
    """The participants, one `<li>` an attendance."""
    items = []
    for attendance in attendances:
        name = attendance["name"]
        item = (
            f'<li><a href="{escape(page_url("participant", attendance["slug"]))}">'
            f"{escape(name)}</a>"
        )
        role = attendance["role"]
        if role:
            item += f'<span class="people__role">{escape(role)}</span>'
        delegation = delegation_worth_showing(role, attendance["delegation"], name)
        if delegation:
            item += f'<span class="people__delegation">Delegation: {escape(delegation)}</span>'
        items.append(OVERVIEW_ITEM.format(item + "</li>"))
    return mark_safe("".join(items))  # every value escaped


@register.simple_tag
def issue_items(issues: Iterable[Issue]) -> SafeString:
    """The issues on the table, a `<dt>` and `<dd>` each: its proposition, else its
    description."""
    return mark_safe(  # every value escaped
        "".join(
            f'\n      <dt><a href="{escape(issue.get_absolute_url())}">{escape(issue.name)}'
            f"</a></dt>\n      <dd>{escape(issue.proposition or issue.description)}</dd>\n      "
            for issue in issues
        )
    )


@register.simple_tag
def article_items(articles: Iterable[Article]) -> SafeString:
    """The coverage, one `<li>` an article: title, outlet, day and authors."""
    items = []
    for article in articles:
        item = (
            f'<li><a href="{escape(article.get_absolute_url())}">{escape(article.title)}</a>'
            f'<span class="coverage__meta">{escape(article.outlet)}'
        )
        if article.published_on:
            item += long_day_html(article.published_on, get_language())
        if article.authors:
            item += ", by " + ", ".join(escape(str(author)) for author in article.authors)
        items.append(OVERVIEW_ITEM.format(item + "</span></li>"))
    return mark_safe("".join(items))  # every value escaped


def long_day_html(day: date, language: str) -> str:
    """An article's day as the overview writes it."""
    return ", " + long_time_html(day, language)


@lru_cache(maxsize=4096)
def long_time_html(day: date, language: str) -> str:
    """A day as `<time>` with the month in words, remembered per day and language (as
    said_on_html, for the same reason)."""
    return f'<time datetime="{escape(date_filter(day, "Y-m-d"))}">{long_day(day, language)}</time>'


@lru_cache(maxsize=4096)
def long_day(day: date, language: str) -> str:
    """A day with the month in words ("4 July 2011"), escaped, remembered per language."""
    return escape(date_filter(day, "j F Y"))


@register.simple_tag(takes_context=True)
def permalink_statement(context: Context) -> SafeString:
    """The permalink's statement and its facts (statement.html): from `<article>` to the end
    of its `<dl>`, as the template wrote them.

    In Python for the reason the cards are: its sixty-odd variable lookups and filters were
    about half of a cold permalink's render. Reads the view's `statement` (loaded with
    for_display()), `issues`, `source_url`, `in_article` and `in_summit`; every value
    escaped as the template escaped it.
    """
    statement: Statement = context["statement"]
    issues: list[Issue] = context["issues"]
    source_url: str = context["source_url"]
    speaker, summit, article = statement.speaker, statement.summit, statement.article
    language = get_language()
    quote = statement.kind == "quote"
    speaker_name = escape(speaker.name)
    summit_link = f'<a href="{escape(summit.get_absolute_url())}">{escape(summit.name)}</a>'
    byline = f'<a href="{escape(speaker.get_absolute_url())}">{speaker_name}</a>'
    if statement.speaker_role:
        byline += f", {escape(statement.speaker_role)}"
    delegation = statement.delegation_shown
    if delegation:
        byline += f" ({escape(delegation)} delegation)"
    text = escape(statement.text)
    if quote:
        cite = escape(source_url or article.get_absolute_url())
        said = (
            "\n  <figure>\n"
            f'    <blockquote class="permalink__quote" cite="{cite}"><p>“{text}”</p>'
            "</blockquote>\n"
            f'    <figcaption class="permalink__byline">— {byline}</figcaption>\n'
            "  </figure>\n  "
        )
    else:
        said = (
            "\n  <p class=\"tag\">Paraphrase: the article's words, not the speaker's</p>\n"
            f'  <p class="permalink__paraphrase">{text}</p>\n'
            f'  <p class="permalink__byline">Attributed to {byline}</p>\n  '
        )
    on_issues = ", ".join(
        f'<a href="{escape(issue.get_absolute_url())}">{escape(issue.name)}</a>' for issue in issues
    )
    propositions = "".join(
        f"\n    <dt>{escape(issue.name)}</dt><dd>The proposition: "
        f"{escape(issue.proposition)}</dd>\n    "
        for issue in issues
        if issue.proposition
    )
    context_fact = (
        f"<dt>Context</dt><dd>{escape(capfirst(statement.context))}</dd>"
        if statement.context
        else ""
    )
    where = f", {escape(summit.city)}" if summit.city else ""
    when = statement.date_said
    if when.day:
        day = ("Said on " if when.known else "Reported ") + long_time_html(when.day, language)
        if not when.known:
            day += "; the day it was said is not recorded"
    else:
        day = "The day it was said is not recorded"
    source = f"{escape(article.outlet)}: " if article.outlet else ""
    source += f'<a href="{escape(article.get_absolute_url())}">{escape(article.title)}</a>'
    if article.authors:
        source += ", by " + ", ".join(escape(str(author)) for author in article.authors)
    if article.published_on:
        source += long_day_html(article.published_on, language)
    if source_url:
        source += f' · <a href="{escape(source_url)}" rel="external">original article</a>'
    in_article = "Highlighted in the article" if quote else "In the article's list of paraphrases"
    # Every value above is escaped.
    return mark_safe(
        f'<article class="permalink" id="s-{escape(statement.public_id)}">\n'
        f'  <p class="kicker">{summit_link}</p>\n'
        f'  <h1 class="visually-hidden">{"Quote" if quote else "Paraphrase"} by {speaker_name}'
        "</h1>\n"
        f"  {said}\n\n"
        '  <dl class="permalink__facts">\n'
        "    <dt>Stance</dt>\n"
        f"    <dd>{stance_html(statement.stance, statement.get_stance_display(), 0)}"
        f"{' on ' + on_issues if issues else ''}</dd>\n"
        f"    {propositions}\n"
        f"    {context_fact}\n"
        "    <dt>Summit</dt>\n"
        f"    <dd>{summit_link}{where}</dd>\n"
        "    <dt>Date</dt>\n"
        f"    <dd>{day}</dd>\n"
        "    <dt>Source</dt>\n"
        f"    <dd>{source}</dd>\n"
        "    <dt>In context</dt>\n"
        f'    <dd><a href="{escape(context["in_article"])}">{in_article}</a> · '
        f'<a href="{escape(context["in_summit"])}">In the summit\'s statements</a></dd>\n'
        "  </dl>"
    )


EMPTY_CELL = '          <td class="matrix__empty"></td>\n'


@register.simple_tag(name="stance")
def stance_html(value: str, label: str, count: int) -> SafeString:
    """A stance as readers see it, with how many took it where that is counted: its one
    definition, for the cards, the matrices and the permalink."""
    counted = f' <span class="stance__count">{escape(str(count))}</span>' if count else ""
    # Every value escaped.
    return mark_safe(
        f'<span class="stance stance--{escape(value)}">{escape(label)}{counted}</span>'
    )


@register.simple_tag
def stance_cells(stances: list[StanceCount], none_class: str) -> SafeString:
    """One table cell's stance links (summits/stances.py, summits/compare.py), or "Nothing
    recorded" in `none_class` when there are none.

    In Python, not an include per cell: a participant's stance grid is an issue a row and
    a summit a column, hundreds of cells, and the include was most of its render.
    """
    if not stances:
        return mark_safe(f'<span class="{escape(none_class)}">Nothing recorded</span>')
    return mark_safe(  # every value escaped
        "".join(
            f'<a class="matrix__cell" href="{escape(stance.url)}">'
            f"{stance_html(stance.value, stance.label, stance.count)}</a>"
            for stance in stances
        )
    )


@register.simple_tag
def stance_grid(
    grid: Grid, caption: str, row_label: str, row_link: str, grid_id: str
) -> SafeString:
    """A stance grid (summits/stances.py): `row_label` "Issue" or "Participant", `row_link`
    "issue" or "participant", the URL name of a row's page.

    In Python, not a template: a speaker at hundreds of summits has a grid of tens of
    thousands of cells (64 issues by 714 summits at 100k), and the template engine's loops
    over them were most of a cold participant page.
    """
    ident = escape(grid_id)
    heads = "".join(
        f'<th scope="col"><a href="{escape(page_url("summit", column.slug))}">'
        f"{escape(column.name)}</a> "
        f'<span class="stance-grid__year">{column.starts_on.year:04d}</span></th>'
        for column in grid.columns
    )
    rows = []
    for row in grid.rows:
        cells = "".join(
            f"\n        <td>{stance_cells(cell, 'visually-hidden')}</td>\n        "
            for cell in row.cells
        )
        rows.append(
            "\n      <tr>\n        "
            f'<th scope="row"><a href="{escape(page_url(row_link, row.slug))}">'
            f"{escape(row.name)}</a>"
            f'<span class="stance-grid__summary">{escape(capfirst(row.summary))}</span></th>'
            f"\n        {cells}\n      </tr>\n      "
        )
    return mark_safe(  # every value escaped
        f'<div class="matrix__frame" role="region" aria-labelledby="{ident}-caption" '
        'tabindex="0">\n'
        f'  <table class="matrix__table stance-grid" id="{ident}">\n'
        f'    <caption id="{ident}-caption">{escape(caption)}</caption>\n'
        "    <thead>\n"
        f'      <tr><th scope="col">{escape(row_label)}</th>{heads}</tr>\n'
        "    </thead>\n"
        f"    <tbody>\n      {''.join(rows)}\n    </tbody>\n"
        "  </table>\n"
        "</div>"
    )


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
