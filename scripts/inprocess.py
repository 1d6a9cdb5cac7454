"""Server time of cold reader pages, in-process: no network, no wrk, no gunicorn.

Run against a bench database (DATABASE_URL) with the URL lists of scripts/cold_urls.py. Each
page is asked for at distinct URLs through Django's whole middleware chain (the test Client),
so the page cache stores every answer and serves none: what is timed is a cold render. Prints
one JSON line: page -> median and p95 in milliseconds (and with --bare, the median with no
page part kept either). With --profile PAGE, prints the
cProfile of that page's requests instead.
"""

import argparse
import cProfile
import json
import os
import pickle
import pstats
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loggerheads.settings")
django.setup()

from django.core.cache import caches  # noqa: E402 -- after django.setup()
from django.test import Client  # noqa: E402

from summits.revision import advance_revision  # noqa: E402

HTMX = {"HX-Request": "true"}
WARM_UP = 20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", default="fragment,summit,permalink,search,participant")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--profile", default="")
    # Also the first render after an edit: no part kept either (the parts cache is emptied
    # before each request), on the next `count` URLs of each list.
    parser.add_argument("--bare", action="store_true")
    args = parser.parse_args()
    # Nothing cached by an earlier run may answer: a new revision retires every page.
    advance_revision()
    client = Client(HTTP_HOST="127.0.0.1")
    figures: dict[str, dict[str, float]] = {}
    caches["pages"].clear()
    caches["parts"].clear()
    for page in args.profile.split(",") if args.profile else args.pages.split(","):
        urls = (args.folder / f"{page}.txt").read_text().split()
        # The lists are shuffled; the tail warms up, the head is measured.
        headers = HTMX if page == "fragment" else {}
        for url in urls[-WARM_UP:]:
            client.get(url, headers=headers)
        # Never a warm-up URL: it would be answered from the page cache. A short list (the
        # 1k corpus has 40 participant pages) measures fewer URLs rather than hits.
        measured = urls[: min(args.count, len(urls) - WARM_UP)]
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for url in measured:
                client.get(url, headers=headers)
            profile.disable()
            stats = pstats.Stats(profile)
            stats.sort_stats("cumulative").print_stats(45)
            stats.sort_stats("tottime").print_stats(30)
            continue
        times = []
        for url in measured:
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"inprocess: {url} answered {response.status_code}")
        times.sort()
        figures[page] = {
            "median_ms": statistics.median(times),
            "p95_ms": times[int(len(times) * 0.95) - 1],
            "requests": len(times),
        }
    if args.profile:
        return
    memory = cache_memory()
    # After the memory is measured: this empties the parts cache at every request.
    for page in args.pages.split(",") if args.bare else []:
        urls = (args.folder / f"{page}.txt").read_text().split()
        headers = HTMX if page == "fragment" else {}
        bare = []
        for url in urls[args.count : 2 * args.count]:
            caches["parts"].clear()
            started = time.perf_counter()
            client.get(url, headers=headers)
            bare.append((time.perf_counter() - started) * 1000)
        figures[page]["bare_median_ms"] = statistics.median(bare)
    print("JSON " + json.dumps(figures | {"memory": memory}))


def cache_memory() -> dict[str, float]:
    """What the run left in this process's page and parts caches, and the bound it implies.

    Entries are measured as pickled bytes (the page cache stores them so; the parts cache
    holds the objects, whose pickles are a close measure of their size).
    """
    memory: dict[str, float] = {}
    for alias in ("pages", "parts"):
        cache = caches[alias]
        stored = list(getattr(cache, "_cache", {}).values())
        sizes = [len(v) if isinstance(v, bytes) else len(pickle.dumps(v)) for v in stored]
        mean = sum(sizes) / max(len(sizes), 1)
        memory[f"{alias}_entries"] = len(sizes)
        memory[f"{alias}_mean_kb"] = mean / 1024
        memory[f"{alias}_bound_mb"] = mean * getattr(cache, "_max_entries", 0) / 1024 / 1024
    return memory


if __name__ == "__main__":
    main()
