"""Draft preview: an editor reads drafts on the reader's own pages, under a banner.

Only the permalink, summit page and article page preview; feeds, the API, cards, oEmbed and
search never show a draft to anyone. A preview is private to the editor who asked for it:
`Cache-Control: private, no-store`, and the page cache neither serves nor stores a request
that carries a session (summits/caching.py), so no reader is ever handed an editor's page.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

BANNER = "Draft — not public"


def previewing(request: HttpRequest) -> bool:
    """True when the request comes from an editor who may change statements.

    The session cookie is checked first: a reader without one costs no session query and
    gets no `Vary: Cookie`, so reader pages stay exactly as cacheable as before.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return bool(user.is_active and user.is_staff and user.has_perm("summits.change_statement"))


def keep_private(response: HttpResponse) -> HttpResponse:
    """Mark an editor's page as theirs alone: no shared or browser cache may keep it."""
    patch_cache_control(response, private=True, no_store=True)
    return response
