"""Compare two or three participants: their stances side by side on the issues they share.

/compare/?actors=a,b[,c] (slugs, comma-separated or repeated). Overall, per issue, each
actor's stances across every summit, with the recorded summary; then summit by summit. Every
count links to the statements behind it. An old slug answers 301 to the current one; an
unknown slug or more than three actors a 400 that says why; one actor a page that suggests
whom to compare them with.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from summits.caching import cached_page
from summits.models import Participant, Statement, StatementIssue
from summits.renames import Renamed, follows_renames, history_slugs
from summits.stances import ORDER, STANCE_LABELS, StanceCount, statements_url, summary

MAX_ACTORS = 3
SUGGESTIONS = 12


@dataclass
class Side:
    """One actor's stances on one issue (overall or at one summit), and the summary."""

    stances: list[StanceCount]
    summary: str = ""


@dataclass
class IssueRow:
    slug: str
    name: str
    sides: list[Side] = field(default_factory=list)


@dataclass
class SummitTable:
    slug: str
    name: str
    rows: list[IssueRow]


def actor_slugs(request: HttpRequest) -> list[str]:
    parts = (part.strip() for value in request.GET.getlist("actors") for part in value.split(","))
    return list(dict.fromkeys(part for part in parts if part))


def search_url(**filters: str) -> str:
    return f"{reverse('search')}?{urlencode(filters)}"


@cached_page
@follows_renames
def compare(request: HttpRequest) -> HttpResponse:
    slugs = actor_slugs(request)
    ctx: dict[str, object] = {"share_title": "Compare participants", "slugs": slugs}
    if len(slugs) > MAX_ACTORS:
        ctx["problem"] = f"Compare at most {MAX_ACTORS} participants at a time; {len(slugs)} given."
        return render(request, "summits/compare.html", ctx, status=400)
    found = {p.slug: p for p in Participant.objects.published().filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        renamed = history_slugs(Participant, missing)
        if renamed:
            raise Renamed(query={"actors": renamed})
        names = ", ".join(f"'{slug}'" for slug in missing)
        ctx["problem"] = (
            f"No participant {names}: check the spelling, or start from a participant's page."
        )
        return render(request, "summits/compare.html", ctx, status=400)
    actors = [found[slug] for slug in slugs]
    ctx |= {
        "actors": actors,
        "share_title": "Compare " + " and ".join(actor.name for actor in actors),
    }
    if len(actors) < 2:  # noqa: PLR2004 -- a comparison needs two sides
        ctx["suggestions"] = suggestions(actors[0]) if actors else []
        return render(request, "summits/compare.html", ctx)
    overall, by_summit = comparison(actors)
    ctx |= {"overall": overall, "by_summit": by_summit}
    return render(request, "summits/compare.html", ctx)


def suggestions(actor: Participant) -> list[Participant]:
    """Who spoke most on the issues this actor spoke on: one query."""
    their_issues = StatementIssue.objects.filter(
        statement__in=Statement.objects.published().filter(speaker=actor)
    ).values("issue_id")
    # Readers' statements only (published, and not under an embargo).
    on_those = Q(statements__in=Statement.objects.published()) & Q(
        statements__issues__in=their_issues
    )
    return list(
        Participant.objects.published()
        .exclude(pk=actor.pk)
        .annotate(shared=Count("statements", filter=on_those, distinct=True))
        .filter(shared__gt=0)
        .order_by("-shared", "name")[:SUGGESTIONS]
    )


def comparison(actors: list[Participant]) -> tuple[list[IssueRow], list[SummitTable]]:
    """Overall and per-summit rows for the issues at least two of the actors spoke on."""
    counts = (
        Statement.objects.published()
        .filter(speaker__in=actors, issues__isnull=False)
        .order_by()
        .values(
            "speaker__slug",
            "issues__slug",
            "issues__name",
            "summit__slug",
            "summit__name",
            "summit__starts_on",
            "stance",
        )
        .annotate(n=Count("pk"))
    )
    # (actor, issue, summit) -> {stance: n}
    cells: dict[tuple[str, str, str], dict[str, int]] = {}
    issues: dict[str, str] = {}
    summits: dict[str, tuple[date, str]] = {}
    for count in counts:
        key = (count["speaker__slug"], count["issues__slug"], count["summit__slug"])
        cells.setdefault(key, {})[count["stance"]] = count["n"]
        issues[count["issues__slug"]] = count["issues__name"]
        summits[count["summit__slug"]] = (count["summit__starts_on"], count["summit__name"])
    spoke = {(actor, issue) for actor, issue, _ in cells}
    shared = sorted(
        (slug for slug in issues if sum((a.slug, slug) in spoke for a in actors) >= 2),  # noqa: PLR2004
        key=lambda slug: issues[slug].casefold(),
    )
    summit_order = sorted(summits, key=lambda slug: (summits[slug][0], slug))

    def stances(
        taken: dict[str, int], url: Callable[..., str], **filters: str
    ) -> list[StanceCount]:
        return [
            StanceCount(v, STANCE_LABELS[v], taken[v], url(**filters, stance=v))
            for v in ORDER
            if v in taken
        ]

    overall = []
    for issue in shared:
        row = IssueRow(issue, issues[issue])
        for actor in actors:
            total: dict[str, int] = {}
            per_summit = []
            for summit in summit_order:
                taken = cells.get((actor.slug, issue, summit), {})
                per_summit.append(set(taken))
                for value, n in taken.items():
                    total[value] = total.get(value, 0) + n
            row.sides.append(
                Side(stances(total, search_url, actor=actor.slug, issue=issue), summary(per_summit))
            )
        overall.append(row)
    by_summit = []
    for summit in summit_order:
        rows = []
        for issue in shared:
            sides = [cells.get((actor.slug, issue, summit), {}) for actor in actors]
            if sum(bool(side) for side in sides) < 2:  # noqa: PLR2004
                continue
            row = IssueRow(issue, issues[issue])
            on_summit = partial(statements_url, summit)
            for actor, taken in zip(actors, sides, strict=True):
                row.sides.append(Side(stances(taken, on_summit, actor=actor.slug, issue=issue)))
            rows.append(row)
        if rows:
            by_summit.append(SummitTable(summit, summits[summit][1], rows))
    return overall, by_summit
