"""The distinct URLs of `make bench`'s cold mode, each with its Datasette counterpart.

Run against a bench database (DATABASE_URL); writes one file per page to the folder given,
`<page>.txt` for Loggerheads and `<page>.datasette.txt` for `make bench-compare`, one path a
line, in a fixed shuffled order. Every list is long enough that a cold run never comes back
to a URL it has asked for: a repeat would be answered by the page cache and flatter us.
"""

import os
import random
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PER_PAGE = int(os.getenv("BENCH_COLD_URLS", "6000"))
DATASETTE_SIZE = 20
# Datasette shows the same facets the summit page filters by.
FACETS = "_facet=speaker&_facet=stance&_facet=kind&_facet_array=issues"
# A summit page is also asked for with one facet or a later page chosen (still the whole
# page, matrix and all): there are too few summits for a cold run otherwise.
SUMMIT_VARIANTS: list[dict[str, str]] = [
    {},
    {"stance": "supports"},
    {"stance": "opposes"},
    {"stance": "neutral"},
    {"kind": "quote"},
    {"kind": "paraphrase"},
    {"page": "2"},
]
SEARCH_WORDS = 2


def datasette_table(query: dict[str, str], facets: bool = True) -> str:
    """The statements table filtered as `query` says, 20 rows a page."""
    params = {name: value for name, value in query.items() if name != "page"}
    # Datasette pages by keyset (_next), which has no page number: its counterpart of a later
    # page is the first. Datasette caches no pages, so a repeat costs it the same.
    path = "/bench/statements?" + urlencode(params | {"_size": str(DATASETTE_SIZE)})
    return path + ("&" + FACETS if facets else "")


def main() -> None:
    # Set up here, not on import: make bench-compare imports datasette_table without Django.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loggerheads.settings")
    django.setup()
    from django.db.models import Count

    from summits.models import Participant, Statement, Summit

    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(14)
    published = Statement.objects.published()
    lists: dict[str, list[tuple[str, str]]] = {}

    pairs = list(
        published.order_by()
        .values_list("summit__slug", "speaker__slug")
        .distinct()
        .order_by("summit__slug", "speaker__slug")
    )
    rng.shuffle(pairs)
    lists["fragment"] = [
        (
            f"/summits/{summit}/?actor={speaker}",
            datasette_table({"summit": summit, "speaker": speaker}),
        )
        for summit, speaker in pairs[:PER_PAGE]
    ]

    ids = list(published.order_by("pk").values_list("public_id", flat=True))
    lists["permalink"] = [
        (f"/s/{public_id}/", f"/bench/statements/{public_id}")
        for public_id in rng.sample(ids, min(PER_PAGE, len(ids)))
    ]

    summits = list(
        Summit.objects.annotate(n=Count("statements")).filter(n__gt=0).values_list("slug", "n")
    )
    summit_urls = []
    for slug, count in summits:
        for variant in SUMMIT_VARIANTS:
            if variant.get("page") and count <= 25:
                continue
            query = f"?{urlencode(variant)}" if variant else ""
            summit_urls.append(
                (f"/summits/{slug}/{query}", datasette_table({"summit": slug} | variant))
            )
    rng.shuffle(summit_urls)
    lists["summit"] = summit_urls[:PER_PAGE]

    every = max(len(ids) // 4000, 1)
    texts = list(published.order_by("pk").values_list("text", flat=True))[::every]
    words = sorted(
        {word.strip(".,;:“”\"'()").lower() for text in texts for word in text.split()} - {""}
    )
    words = [word for word in words if len(word) > 4 and word.isalpha()]
    queries: set[str] = set()
    # Every word alone, then pairs of them (both must match, as a reader's search does).
    queries.update(words)
    while len(queries) < min(PER_PAGE, len(words) ** 2 // 2):
        queries.add(" ".join(rng.sample(words, rng.randint(1, SEARCH_WORDS))))
    lists["search"] = [
        (f"/search/?q={quote(q)}", datasette_table({"_search": q}))
        for q in sorted(queries, key=lambda _: rng.random())
    ]

    speakers = list(
        Participant.objects.annotate(n=Count("statements")).filter(n__gt=0).values_list("slug", "n")
    )
    participant_urls = []
    for slug, count in speakers:
        for page in range(1, min(count // 50 + 1, 40) + 1):
            query = f"?page={page}" if page > 1 else ""
            variant = {"speaker": slug} | ({"page": str(page)} if page > 1 else {})
            participant_urls.append((f"/participants/{slug}/{query}", datasette_table(variant)))
    rng.shuffle(participant_urls)
    lists["participant"] = participant_urls[:PER_PAGE]

    for name, urls in lists.items():
        (folder / f"{name}.txt").write_text("".join(f"{ours}\n" for ours, _ in urls))
        (folder / f"{name}.datasette.txt").write_text("".join(f"{theirs}\n" for _, theirs in urls))
        print(f"{name} {len(urls)}")


if __name__ == "__main__":
    main()
