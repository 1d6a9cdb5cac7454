"""Template context every page shares."""

from django.conf import settings
from django.http import HttpRequest

SITE_DESCRIPTION = (
    "Who said what at a summit, on which issue, with which stance: sourced summit coverage."
)


def site(request: HttpRequest) -> dict[str, str]:
    # site_description is every page's share description until the page gives its own.
    return {"site_name": settings.SITE_NAME, "site_description": SITE_DESCRIPTION}
