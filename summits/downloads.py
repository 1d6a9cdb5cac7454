"""Every filtered statement list as CSV or JSON, under the same query string as its page.

/summits/<slug>/statements.csv?actor=… answers with what /summits/<slug>/?actor=… lists, every
page of it, and /search/statements.json?q=… likewise for search. The fields are the API's
(`summits.api.statement_fields`); in CSV a nested field is a dotted column ("speaker.slug")
and a list is joined with "; ". Rows are streamed in chunks, so a download of the whole
archive costs a fixed number of queries per chunk and never sits in memory at once.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse

from summits.api import statement_fields
from summits.filters import StatementFilter
from summits.models import Statement, StatementQuerySet, Summit
from summits.renames import current, follows_renames

CHUNK = 500
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def flatten(fields: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """The API's nested fields as CSV columns: {"speaker": {"slug": …}} -> "speaker.slug"."""
    flat: dict[str, str] = {}
    for name, value in fields.items():
        column = f"{prefix}{name}"
        if isinstance(value, dict):
            flat |= flatten(value, f"{column}.")
        elif isinstance(value, list):
            flat[column] = "; ".join(
                str(item.get("slug", item.get("name", ""))) if isinstance(item, dict) else str(item)
                for item in value
            )
        else:
            flat[column] = "" if value is None else str(value)
    return flat


def csv_rows(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        flat = flatten(row)
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if writer is None:  # no statement: still a header row, so the columns are known
        yield ",".join(flatten(EMPTY_SHAPE)) + "\r\n"


def json_rows(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


# The API's field names with empty values: the CSV header of an empty download.
EMPTY_SHAPE: dict[str, Any] = {
    "id": "",
    "url": "",
    "api_url": "",
    "card_url": "",
    "kind": "",
    "text": "",
    "context": "",
    "stance": "",
    "said_on": "",
    "speaker": {
        "slug": "",
        "name": "",
        "kind": "",
        "url": "",
        "api_url": "",
        "role": "",
        "delegation": "",
    },
    "issues": [],
    "summit": {"slug": "", "name": "", "url": "", "api_url": ""},
    "article": {
        "key": "",
        "title": "",
        "outlet": "",
        "url": "",
        "published_on": "",
        "authors": [],
    },
    "position": "",
}


def download(
    request: HttpRequest, scope: StatementQuerySet, name: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    # Every statement, not a page of them: a copied page number is dropped, not refused.
    query = request.GET.copy()
    query.pop("page", None)
    filters = StatementFilter(query, scope)
    if filters.errors:
        return HttpResponseBadRequest(
            f"{filters.problems_in_words()}\n", content_type="text/plain; charset=utf-8"
        )
    statements = filters.statements().for_display().newest_first()
    rows = (statement_fields(request, s) for s in statements.iterator(chunk_size=CHUNK))
    body = csv_rows(rows) if fmt == "csv" else json_rows(rows)
    response = StreamingHttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@follows_renames
def summit_statements(
    request: HttpRequest, slug: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    summit = current(Summit.objects.published(), slug)
    scope = Statement.objects.published().filter(summit=summit)
    return download(request, scope, f"{summit.slug}-statements", fmt)


@follows_renames
def search_statements(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    return download(request, Statement.objects.published(), "statements", fmt)
