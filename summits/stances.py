"""Stance over time: who took which stance on which issue at each summit, and a summary.

A grid counts published statements by (row, summit, stance) in one grouped query, rows being
issues (a participant's timeline) or speakers (an issue's page, the compare page). Each cell
links to the statements behind it. The one-line summary of a row says only what is recorded:
at how many of the row's summits each stance was taken ("supported at 3 of 4 summits,
conditional at 1").
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, cast
from urllib.parse import urlencode

from django.db.models import Count, QuerySet

from summits.models import Stance, Statement, StatementQuerySet, page_url

STANCE_LABELS: dict[str, str] = {str(value): label for value, label in Stance.choices}
# How a summary says a stance was taken at a summit.
TAKEN: dict[str, str] = {
    Stance.SUPPORTS: "supported",
    Stance.OPPOSES: "opposed",
    Stance.CONDITIONAL: "conditional",
    Stance.NEUTRAL: "neutral",
    Stance.NONE: "no clear stance",
}
ORDER = list(Stance.values)

RowKind = Literal["issue", "speaker"]
ROW_FIELDS: dict[RowKind, tuple[str, str]] = {
    "issue": ("issues__slug", "issues__name"),
    "speaker": ("speaker__slug", "speaker__name"),
}


@dataclass
class StanceCount:
    value: str
    label: str
    count: int
    url: str


@dataclass
class Column:
    slug: str
    name: str
    starts_on: date


@dataclass
class Row:
    slug: str
    name: str
    cells: list[list[StanceCount]] = field(default_factory=list)
    summary: str = ""


@dataclass
class Grid:
    columns: list[Column]
    rows: list[Row]
    # How many summits the rows' summaries count; more than the columns when capped.
    summits: int = 0

    @property
    def capped(self) -> bool:
        return self.summits > len(self.columns)


# A grid draws at most this many summits, the most recent: a speaker at 714 summits drew
# 64 x 714 = 45,696 cells, a 5 MB page that took 0.1 s to render and held the page cache's
# answers to a tenth of every other page's rate. Each row's summary still counts all its
# summits, and the statement list below the grid reaches every one of them.
GRID_SUMMITS = 12


def statements_url(summit_slug: str, **filters: str) -> str:
    """A summit page listing the statements behind a cell (its own filters, so a plain URL)."""
    query = urlencode(filters)
    return f"{page_url('summit', summit_slug)}?{query}#statements"


def summary(stances_by_summit: list[set[str]]) -> str:
    """'supported at 3 of 4 summits, conditional at 1': made only from the recorded counts."""
    summits = [taken for taken in stances_by_summit if taken]
    if not summits:
        return ""
    at = {value: sum(value in taken for taken in summits) for value in ORDER}
    ranked = sorted((v for v in ORDER if at[v]), key=lambda v: (-at[v], ORDER.index(v)))
    total = len(summits)
    first, *rest = ranked
    words = f"{TAKEN[first]} at {at[first]} of {total} summit{'s' if total > 1 else ''}"
    return ", ".join([words, *(f"{TAKEN[v]} at {at[v]}" for v in rest)])


def grid_counts(
    statements: StatementQuerySet, rows: RowKind
) -> "QuerySet[Statement, dict[str, Any]]":
    """The one query a stance grid reads: statements counted by row, summit and stance."""
    slug_field, name_field = ROW_FIELDS[rows]
    if rows == "issue":
        statements = statements.filter(issues__isnull=False)
    counts: QuerySet[Statement, dict[str, Any]] = (
        statements.order_by()
        .values(
            slug_field, name_field, "summit__slug", "summit__name", "summit__starts_on", "stance"
        )
        .annotate(n=Count("pk"))
    )
    return counts


def stance_grid(
    statements: "StatementQuerySet | Iterable[Mapping[str, Any]]",
    rows: RowKind,
    link: Callable[[str, str, str], str],
) -> Grid:
    """Rows (issues or speakers) down, summits across in date order: one query (or its
    rows, grid_counts() read already). The GRID_SUMMITS most recent summits are drawn; the
    summaries count all of them.

    `link(row_slug, summit_slug, stance)` gives each count its statements' address.
    """
    slug_field, name_field = ROW_FIELDS[rows]
    counts = (
        grid_counts(cast(StatementQuerySet, statements), rows)
        if isinstance(statements, QuerySet)
        else statements
    )
    columns: dict[str, Column] = {}
    names: dict[str, str] = {}
    cells: dict[tuple[str, str], dict[str, int]] = {}
    for count in counts:
        summit = count["summit__slug"]
        columns.setdefault(
            summit, Column(summit, count["summit__name"], count["summit__starts_on"])
        )
        names[count[slug_field]] = count[name_field]
        cells.setdefault((count[slug_field], summit), {})[count["stance"]] = count["n"]
    ordered = sorted(columns.values(), key=lambda column: (column.starts_on, column.slug))
    shown = ordered[-GRID_SUMMITS:]
    grid_rows = []
    for slug, name in sorted(names.items(), key=lambda item: item[1].casefold()):
        row = Row(slug, name)
        for column in shown:
            taken = cells.get((slug, column.slug), {})
            row.cells.append(
                [
                    StanceCount(
                        value, STANCE_LABELS[value], taken[value], link(slug, column.slug, value)
                    )
                    for value in ORDER
                    if value in taken
                ]
            )
        row.summary = summary([set(cells.get((slug, column.slug), ())) for column in ordered])
        grid_rows.append(row)
    return Grid(shown, grid_rows, len(ordered))
