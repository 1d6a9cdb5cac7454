"""base.html's remembered `{% static %}`, `{% plain_url %}` and `{% htmx_script %}` give what
Django's and django-htmx's tags give."""

from django.template import Context, Template
from django.test import override_settings
from django.utils.csp import LazyNonce

DJANGO = "{% load static django_htmx %}"
REMEMBERED = "{% load static django_htmx assets %}"


def drawn(library: str, body: str, context: dict[str, object] | None = None) -> str:
    return Template(library + body).render(Context(context or {}))


def test_the_remembered_tags_draw_what_django_draws():
    for path in ("css/site.css", "img/favicon.svg", "js/site.js"):
        tag = f"{{% static '{path}' %}}"
        assert drawn(REMEMBERED, tag) == drawn(DJANGO, tag)
    for name in ("home", "search"):
        assert drawn(REMEMBERED, f"{{% plain_url '{name}' %}}") == drawn(
            DJANGO, f"{{% url '{name}' %}}"
        )
    assert drawn(REMEMBERED, "{% htmx_script %}") == drawn(DJANGO, "{% htmx_script %}")


def test_a_page_with_a_nonce_gets_its_own_in_the_script_tag():
    nonce = LazyNonce()
    mine = drawn(REMEMBERED, "{% htmx_script %}", {"csp_nonce": nonce})
    assert f'nonce="{nonce}"' in mine
    assert mine == drawn(DJANGO, "{% htmx_script %}", {"csp_nonce": nonce})
    assert "nonce" not in drawn(REMEMBERED, "{% htmx_script %}")


def test_a_settings_change_is_followed():
    before = drawn(REMEMBERED, "{% static 'css/site.css' %}")
    with override_settings(
        STATIC_URL="/elsewhere/",
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        assert drawn(REMEMBERED, "{% static 'css/site.css' %}") == "/elsewhere/css/site.css"
    assert drawn(REMEMBERED, "{% static 'css/site.css' %}") == before
