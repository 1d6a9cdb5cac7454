"""`{% static %}`, `{% url %}` without arguments and `{% htmx_script %}` for base.html,
remembered per process.

Every full page draws the same five static addresses and two plain links in its head and
masthead; each `{% static %}` asks the storage's manifest and joins URLs (about 13 us), each
`{% url %}` runs reverse() (about 20 us): some 0.15 ms of a cold permalink's 2.5. Their
answers change only with the settings (the storage and its manifest are read once, at
start-up) or the script prefix and URLconf, which key the links; a settings change (tests)
forgets them all.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.context import Context
from django.templatetags.static import static as static_address
from django.urls import get_script_prefix, get_urlconf, reverse
from django_htmx.jinja import htmx_script as htmx_script_tag

register = template.Library()


@register.simple_tag(name="static")
def static(path: str) -> str:
    """What Django's `{% static path %}` gives (escaped as it escapes, by the engine)."""
    return remembered_static(path)


@lru_cache(maxsize=256)
def remembered_static(path: str) -> str:
    return static_address(path)


@register.simple_tag
def plain_url(name: str) -> str:
    """`{% url name %}` for a route that takes no arguments."""
    return remembered_reverse(get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF, name)


@lru_cache(maxsize=256)
def remembered_reverse(prefix: str, urlconf: object, root_urlconf: str, name: str) -> str:
    return reverse(name)


@register.simple_tag(takes_context=True)
def htmx_script(context: Context) -> str:
    """django-htmx's `{% htmx_script %}`: with a nonce (a page never cached) drawn afresh."""
    nonce = context.get("csp_nonce")
    return remembered_htmx_script() if nonce is None else htmx_script_tag(nonce=nonce)


@lru_cache(maxsize=1)
def remembered_htmx_script() -> str:
    return htmx_script_tag(nonce=None)


def forget(**_kwargs: object) -> None:
    remembered_static.cache_clear()
    remembered_reverse.cache_clear()
    remembered_htmx_script.cache_clear()


setting_changed.connect(forget, dispatch_uid="assets-forget")
