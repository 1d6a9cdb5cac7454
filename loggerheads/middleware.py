"""Requests no page can answer are refused before any view sees them."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

REFUSAL = "Bad request: the address contains a NUL character."
# The open-data answers (docs/api.md): every error there is JSON, readable from any origin.
JSON_PATHS = ("/api/", "/oembed")


class RejectNulBytesMiddleware:
    """Answer 400 to a NUL byte in the path or query string.

    PostgreSQL cannot compare text with NUL in it, so such a value would turn any lookup
    into a server error; no slug, id or search ever contains one. This is the only check:
    no view needs its own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Checked on the raw query string: parsing it here would cost every request.
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "\x00" in query or "%00" in query:
            return refusal(request)
        return self.get_response(request)


def refusal(request: HttpRequest) -> HttpResponse:
    if not request.path_info.startswith(JSON_PATHS):
        return HttpResponseBadRequest(REFUSAL, content_type="text/plain")
    # As every API error does, name the bad parameters, at the start and in `parameters`.
    bad = [
        name
        for name, values in request.GET.lists()
        if "\x00" in name or any("\x00" in value for value in values)
    ]
    body: dict[str, object] = {"error": REFUSAL}
    if bad:
        body["error"] = "; ".join(f"{name}: contains a NUL character." for name in bad)
        body["parameters"] = {name: ["Contains a NUL character."] for name in bad}
    response = JsonResponse(body, status=400)
    response["Access-Control-Allow-Origin"] = "*"
    return response
