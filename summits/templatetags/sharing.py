"""`{% share_meta %}`: the share previews in every public page's head (base.html).

Open Graph and Twitter tags with absolute URLs. A page sets `share_title` and
`share_description` (defaults: the site and what it is), `og_type` ("website" unless said),
`absolute_url` (else this address), and gets a card image when it has one: a statement
permalink (`statement`, `card_alt`) or a summit page (`summit`).

In Python, not an included template: every full page renders it, and its thirty-odd variable
lookups, filters and `{% url %}` tags cost a cold page about 0.3 ms. The markup is the one
the template (summits/_share_meta.html) wrote, line for line; values are escaped as the
template escaped them (conditional_escape: a value already marked safe stays as it is).
"""

from typing import Any
from urllib.parse import quote

from django import template
from django.template.context import Context
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from summits.models import page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def share_meta(context: Context) -> SafeString:
    def given(name: str) -> Any:
        # What `{{ name }}` read: "" when the page does not set it.
        return context.get(name, "")

    site_name = given("site_name")
    title = conditional_escape(given("share_title") or site_name)
    description = conditional_escape(given("share_description") or given("site_description"))
    request = context.get("request")
    # Without a request (none of our pages) the template wrote its parts as "".
    scheme = request.scheme if request is not None else ""
    host = request.get_host() if request is not None else ""
    site = f"{scheme}://{host}"
    address = given("absolute_url") or site + (
        request.get_full_path() if request is not None else ""
    )
    og_type = conditional_escape(given("og_type") or "website")
    lines = [
        f'<meta property="og:site_name" content="{conditional_escape(site_name)}">',
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:description" content="{description}">',
        f'<meta property="og:url" content="{conditional_escape(address)}">',
        f'<meta name="twitter:title" content="{title}">',
        f'<meta name="twitter:description" content="{description}">',
    ]
    # The template's blank lines: its comment, {% with %}, {% endwith %}, its second comment
    # and its {% url %} line each left one.
    head = "\n\n" + "".join(f"{line}\n" for line in lines) + "\n\n\n"
    statement, summit = given("statement"), given("summit")
    card_path = permalink_path = ""
    if getattr(statement, "public_id", ""):
        card_path = page_url("statement-card", statement.public_id)
        permalink_path = page_url("statement", statement.public_id)
    elif getattr(summit, "slug", ""):
        card_path = page_url("summit-card", summit.slug)
    if not card_path:
        return mark_safe(f'{head}\n<meta name="twitter:card" content="summary">\n\n')  # escaped
    image = conditional_escape(site + card_path)
    alt: str
    if permalink_path:
        alt = conditional_escape(given("card_alt"))
    else:
        city = f", {conditional_escape(summit.city)}" if summit.city else ""
        alt = (
            f"{conditional_escape(summit.name)}, {conditional_escape(summit.date_range)}{city}: "
            "who said what, on which issue"
        )
    card = [
        f'<meta property="og:image" content="{image}">',
        '<meta property="og:image:type" content="image/png">',
        '<meta property="og:image:width" content="1200">',
        '<meta property="og:image:height" content="630">',
        f'<meta property="og:image:alt" content="{alt}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:image" content="{image}">',
    ]
    oembed_link = ""
    if permalink_path:
        oembed = (
            f"{site}{reverse('oembed')}?url={quote(scheme, safe='')}%3A%2F%2F"
            f"{quote(host, safe='')}{quote(permalink_path, safe='')}"
        )
        oembed_link = (
            f'\n<meta name="twitter:image:alt" content="{alt}">\n'
            '<link rel="alternate" type="application/json+oembed" '
            f'href="{conditional_escape(oembed)}&amp;format=json" '
            f'title="{conditional_escape(statement.speaker.name)}">\n'
        )
    body = "\n" + "".join(f"{line}\n" for line in card) + oembed_link + "\n"
    return mark_safe(f"{head}{body}\n")  # every value escaped
