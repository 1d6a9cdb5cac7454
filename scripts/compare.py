"""`make bench-compare`: Loggerheads and Datasette side by side, same rows, same URLs, one run.

Datasette (pinned, in its own venv under .bench/) serves the published statements of the
100k bench database as one SQLite table (scripts/datasette_export.py), 20 rows a page with
facets on speaker, stance, kind and issues. Both servers are up together and driven in
interleaved rounds through the same distinct-URL lists (scripts/cold_urls.py writes each
Loggerheads URL with its Datasette counterpart), then each through one URL repeated (hot).
Writes its table to docs/performance.md, between `make bench`'s tables and the notes.
"""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import (
    CONNECTIONS,
    CORPORA,
    DURATION,
    PICK_URLS,
    PORT,
    PYTHON,
    ROOT,
    ROUNDS,
    URL_LISTS,
    cold_urls,
    ensure_corpus,
    load_average,
    load_cold,
    machine,
    manage,
    median_run,
    ms,
    retire_cached_pages,
    start_server,
    wait_for,
    write_section,
)
from cold_urls import datasette_table

DATASETTE_VERSION = "0.65.5"
DATASETTE_PORT = int(os.getenv("BENCH_DATASETTE_PORT", str(PORT + 1)))
VENV = ROOT / ".bench" / "datasette-venv"
SQLITE = ROOT / ".bench" / "compare" / "bench.db"
PAGES = ("fragment", "summit", "permalink", "search", "participant")
# Issue 14: cold throughput at least this many times Datasette's.
TARGETS = {"fragment": 4.0, "summit": 4.0, "permalink": 3.0}


def datasette() -> Path:
    """Datasette's executable, installed at the pinned version on first use."""
    executable = VENV / "bin" / "datasette"
    if not executable.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [
                str(VENV / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                f"datasette=={DATASETTE_VERSION}",
            ],
            check=True,
        )
    return executable


def export(database_url: str) -> None:
    """The SQLite copy of the published rows, rebuilt when the corpus was."""
    marker = SQLITE.with_suffix(".source")
    if SQLITE.exists() and marker.exists() and marker.read_text() == database_url:
        return
    SQLITE.unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    subprocess.run(
        [PYTHON, "scripts/datasette_export.py", str(SQLITE)], cwd=ROOT, env=env, check=True
    )
    marker.write_text(database_url)


def start_datasette() -> subprocess.Popen[bytes]:
    # Immutable (-i), as `datasette publish` serves a file: no checks for changes, counts
    # taken once. Everything else as Datasette comes, but the page size.
    server = subprocess.Popen(
        [
            str(datasette()),
            "serve",
            "-i",
            str(SQLITE),
            "--port",
            str(DATASETTE_PORT),
            "--setting",
            "default_page_size",
            "20",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{DATASETTE_PORT}/bench/statements?_size=1")
    return server


def main() -> None:
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "collectstatic-only"}
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    summits, statements = CORPORA["100k"]
    database_url = ensure_corpus("100k", summits, statements)
    folder = cold_urls("100k", database_url)
    datasette()
    export(database_url)
    # Hot: `make bench`'s fragment, a summit of average size and its most quoted speaker.
    picked = json.loads(
        manage(database_url, "shell", "-c", PICK_URLS, capture=True).strip().splitlines()[-1]
    )
    summit_slug = picked["summit"].strip("/").split("/")[-1]
    speaker = picked["fragment"].split("actor=")[1]
    hot_ours = picked["fragment"]
    hot_theirs = datasette_table({"summit": summit_slug, "speaker": speaker})
    loads = [load_average()]
    ours = start_server(database_url)
    theirs = start_datasette()
    cold: dict[str, dict[str, list[dict[str, Any]]]] = {"ours": {}, "theirs": {}}
    hot: dict[str, list[dict[str, Any]]] = {"ours": [], "theirs": []}
    try:
        for round_number in range(1, ROUNDS + 1):
            for page in PAGES:
                print(f"compare: round {round_number} cold {page}", flush=True)
                retire_cached_pages()
                figures = load_cold(folder / f"{page}.txt", htmx=page == "fragment")
                cold["ours"].setdefault(page, []).append(figures)
                figures = load_cold(folder / f"{page}.datasette.txt", port=DATASETTE_PORT)
                cold["theirs"].setdefault(page, []).append(figures)
            print(f"compare: round {round_number} hot {hot_ours}", flush=True)
            hot["ours"].append(load_one(hot_ours, PORT, htmx=True))
            hot["theirs"].append(load_one(hot_theirs, DATASETTE_PORT))
    finally:
        for server in (ours, theirs):
            server.terminate()
            server.wait(timeout=30)
    loads.append(load_average())
    report(
        {
            side: {page: median_run(runs) for page, runs in pages.items()}
            for side, pages in cold.items()
        },
        {side: median_run(runs) for side, runs in hot.items()},
        loads,
    )


def load_one(path: str, port: int, htmx: bool = False) -> dict[str, Any]:
    """One URL asked for again and again: the hot path of each."""
    single = URL_LISTS / f"hot-{port}.txt"
    single.write_text(path + "\n")
    # Repeats are the point here: warm up, then measure.
    load_cold(single, htmx=htmx, port=port)
    return load_cold(single, htmx=htmx, port=port)


def side_by_side(theirs: dict[str, Any], ours: dict[str, Any]) -> str:
    ratio = ours["rps"] / max(theirs["rps"], 0.01)
    errors = theirs["errors"] + theirs["non_2xx_3xx"], ours["errors"] + ours["non_2xx_3xx"]
    return (
        f"{theirs['rps']:.0f} req/s, p50 {ms(theirs['p50_us'])} ms, p99 {ms(theirs['p99_us'])} ms "
        f"| {ours['rps']:.0f} req/s, p50 {ms(ours['p50_us'])} ms, p99 {ms(ours['p99_us'])} ms "
        f"| {ratio:.2f}x | {errors[0]} / {errors[1]}"
    )


def report(
    cold: dict[str, dict[str, dict[str, Any]]], hot: dict[str, dict[str, Any]], loads: list[str]
) -> None:
    lines = [
        "| page | Datasette | Loggerheads | ratio | errors (D / L) |",
        "| --- | --- | --- | ---: | --- |",
    ]
    verdicts = []
    for page in PAGES:
        theirs, ours = cold["theirs"][page], cold["ours"][page]
        lines.append(f"| {page}, cold | {side_by_side(theirs, ours)} |")
        ratio = ours["rps"] / max(theirs["rps"], 0.01)
        if page in TARGETS:
            verdicts.append(
                f"- {page}: {ratio:.2f}x Datasette's cold throughput (target >= "
                f"{TARGETS[page]:.0f}x): " + ("met" if ratio >= TARGETS[page] else "MISSED")
            )
        verdicts.append(
            f"- {page}: cold p99 {ms(ours['p99_us'])} ms (target <= 100 ms): "
            + ("met" if ours["p99_us"] <= 100_000 else "MISSED")
        )
    lines.append(f"| one URL repeated (hot) | {side_by_side(hot['theirs'], hot['ours'])} |")
    text = "\n".join(
        [
            "## Side by side with Datasette",
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()} with "
            f"`make bench-compare`: Datasette {DATASETTE_VERSION} (`datasette serve -i`, page "
            "size 20, facets on speaker, stance, kind and issues via `_facet`/`_facet_array`) "
            "on a SQLite copy of the 100k corpus's published rows; Loggerheads under gunicorn "
            f"as in `make bench`. wrk, {CONNECTIONS} connections, {DURATION} s a page, both "
            f"through the same distinct-URL lists, {ROUNDS} interleaved rounds, the median "
            f"round shown. Load average (1 min) before and after: {', '.join(loads)}.",
            "",
            *lines,
            "",
            *verdicts,
            "",
        ]
    )
    print("\n" + text)
    write_section(text, "compare")


if __name__ == "__main__":
    main()
