"""`make bench`: throughput and latency of the reader pages under gunicorn, as production runs.

Builds (or reuses) two PostgreSQL databases, one with 100k statements and one with 1k, starts
gunicorn with DEBUG off against each, drives load with wrk from a second process and writes
tables to docs/performance.md. Every figure printed is measured in this run.

Two modes, both run by default (BENCH_MODES=hot,cold picks):
- hot: one URL per page, repeated; after the warm-up the page cache answers every request.
- cold: every request a distinct URL from thousands (scripts/cold_urls.py, scripts/wrk_cold.lua),
  and the coverage revision advanced before each run, so nothing an earlier run rendered
  answers. Then each page's server time in-process (scripts/inprocess.py), with the server
  stopped, at 100k and at 1k: the growth figure.
"""

import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER = os.getenv("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DURATION = int(os.getenv("BENCH_SECONDS", "6"))
CONNECTIONS = int(os.getenv("BENCH_CONNECTIONS", "16"))
PORT = int(os.getenv("BENCH_PORT", "8765"))
CORPORA = {"100k": (1000, 100_000), "1k": (10, 1_000)}
# BENCH_1M=true also times the cold pages in-process on a million statements (its corpus
# takes about ten minutes to build the first time, and is kept like the others).
MILLION = ("1m", 10_000, 1_000_000)
TARGETS = {"fragment": 0.60, "permalink": 0.60, "summit": 0.40}
ROUNDS = int(os.getenv("BENCH_ROUNDS", "3"))
REDIS_URL = os.getenv("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
MODES = os.getenv("BENCH_MODES", "hot,cold").split(",")
COLD_PAGES = ("fragment", "summit", "permalink", "search", "participant")
URL_LISTS = ROOT / ".bench" / "urls"
INPROCESS_REQUESTS = int(os.getenv("BENCH_INPROCESS_REQUESTS", "300"))
# Issue 14's in-process targets: median server time of a cold page at 100k, in ms.
SERVER_TIME_TARGETS = {
    "fragment": 6.0,
    "summit": 10.0,
    "permalink": 3.0,
    "search": 15.0,
    "participant": 10.0,
}


def manage(database_url: str, *args: str, capture: bool = False) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def psql(sql: str) -> str:
    return subprocess.run(
        ["psql", f"{SERVER}/postgres", "-Atqc", sql], check=True, text=True, capture_output=True
    ).stdout.strip()


def ensure_corpus(name: str, summits: int, statements: int) -> str:
    database = f"loggerheads_bench_{name}"
    url = f"{SERVER}/{database}"
    if not psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'"):
        psql(f"CREATE DATABASE {database}")
    manage(url, "migrate", "--noinput", "-v0")
    count = int(manage(url, "shell", "-c", SHOW_COUNT, capture=True).strip().splitlines()[-1])
    if count != statements + 24:
        print(f"bench: building the {name} corpus ({statements} statements)", flush=True)
        psql(f"DROP DATABASE {database} WITH (FORCE)")
        psql(f"CREATE DATABASE {database}")
        manage(url, "migrate", "--noinput", "-v0")
        manage(url, "import_coverage", "summits/fixtures/sochi-2011.json")
        manage(url, "generate_corpus", "--summits", str(summits), "--statements", str(statements))
    else:
        print(f"bench: reusing the {name} corpus ({count} statements)", flush=True)
    psql_db(url, "VACUUM ANALYZE")
    return url


def psql_db(url: str, sql: str) -> None:
    subprocess.run(["psql", url, "-Atqc", sql], check=True, capture_output=True)


SHOW_COUNT = "from summits.models import Statement; print(Statement.objects.count())"
PICK_URLS = """
import json
from django.db.models import Count
from summits.models import Statement, Summit
published = Statement.objects.filter(status="published")
mean = published.count() // max(Summit.objects.count(), 1)
summit = (Summit.objects.annotate(n=Count("statements")).filter(n__gte=mean)
          .order_by("n", "pk").first())
top = (published.filter(summit=summit).values("speaker__slug").annotate(n=Count("pk"))
       .order_by("-n", "speaker__slug").first())
statement = published.filter(summit=summit).order_by("pk").first()
print(json.dumps({
    "summit": f"/summits/{summit.slug}/",
    "fragment": f"/summits/{summit.slug}/?actor={top['speaker__slug']}",
    "permalink": f"/s/{statement.public_id}/",
    "participant": f"/participants/{top['speaker__slug']}/",
    "summit_statements": summit.statements.count(),
}))
"""


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"bench: the server did not answer {url} within {seconds} s")


def server_env(database_url: str) -> dict[str, str]:
    """The environment production runs with (DEBUG off, Redis), on this bench database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        # Production shares one Redis between web processes (README, "Deploying").
        "REDIS_URL": "" if os.getenv("BENCH_NO_REDIS") else REDIS_URL,
        "GUNICORN_ACCESSLOG": "",
        "LOG_LEVEL": "ERROR",
    }


def cold_urls(name: str, database_url: str) -> Path:
    """The distinct-URL lists of this corpus, written once and reused while it stands."""
    folder = URL_LISTS / name
    if not (folder / "participant.txt").exists():
        env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
        subprocess.run(
            [PYTHON, "scripts/cold_urls.py", str(folder)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    return folder


def retire_cached_pages() -> None:
    """Advance the shared revision: every page and card rendered before is retired."""
    subprocess.run(
        ["redis-cli", "-u", REDIS_URL, "incr", "loggerheads:1:coverage-revision"],
        check=True,
        capture_output=True,
    )


def load_cold(url_list: Path, htmx: bool = False, port: int = PORT) -> dict[str, Any]:
    """wrk through distinct URLs; no warm-up, which would ask for URLs the run then repeats."""
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{DURATION}s",
        "-s",
        "scripts/wrk_cold.lua",
        f"http://127.0.0.1:{port}/",
    ]
    if htmx:
        command[1:1] = ["-H", "HX-Request: true"]
    output = subprocess.run(
        [*command, "--", str(url_list), "2"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("JSON "))
    figures: dict[str, Any] = json.loads(line[5:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def server_time(database_url: str, folder: Path, bare: bool = False) -> dict[str, dict[str, float]]:
    """Median and p95 server time of each cold page, in-process (scripts/inprocess.py)."""
    command = [PYTHON, "scripts/inprocess.py", str(folder), "--count", str(INPROCESS_REQUESTS)]
    run = subprocess.run(
        [*command, "--bare"] if bare else command,
        cwd=ROOT,
        env=server_env(database_url),
        capture_output=True,
        text=True,
    )
    if run.returncode:
        raise SystemExit(f"bench: the in-process measurement failed:\n{run.stderr[-3000:]}")
    line = next(line for line in run.stdout.splitlines() if line.startswith("JSON "))
    figures: dict[str, dict[str, float]] = json.loads(line[5:])
    return figures


def load_average() -> str:
    loadavg = Path("/proc/loadavg")
    return loadavg.read_text().split(" ", 3)[0] if loadavg.exists() else "?"


def start_server(database_url: str) -> subprocess.Popen[bytes]:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            raise SystemExit(f"bench: port {PORT} is taken; set BENCH_PORT")
    env = server_env(database_url)
    # Each corpus starts from an empty cache: no page of one database may answer for another.
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "loggerheads.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{PORT}/")
    return server


def load(path: str, htmx: bool = False) -> dict[str, Any]:
    url = f"http://127.0.0.1:{PORT}{path}"
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "-s", "scripts/wrk_report.lua"]
    if htmx:
        command += ["-H", "HX-Request: true"]
    # A short warm-up fills caches and connection pools, as on a server that has been up.
    subprocess.run([*command[:3], "-d2s", url], cwd=ROOT, capture_output=True)
    output = subprocess.run([*command, url], cwd=ROOT, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("JSON "))
    figures: dict[str, Any] = json.loads(line[5:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median throughput, so its latencies belong to the same run."""
    return sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]


def static_path() -> str:
    manifest = json.loads((ROOT / "var" / "static" / "staticfiles.json").read_text())
    return "/static/" + str(manifest["paths"]["css/site.css"])


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1) if match else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total = re.search(r"MemTotal:\s*(\d+)", meminfo.read_text())
        if total:
            memory = f", {int(total.group(1)) / 1024 / 1024:.0f} GiB RAM"
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}"


def ms(microseconds: float) -> str:
    return f"{microseconds / 1000:.1f}"


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is missing (apt-get install wrk)")
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "collectstatic-only"}
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    urls = {}
    results: dict[str, dict[str, dict[str, Any]]] = {}
    cold: dict[str, dict[str, dict[str, Any]]] = {}
    server_times: dict[str, dict[str, dict[str, float]]] = {}
    loads = [load_average()]
    for name, (summits, statements) in CORPORA.items():
        database_url = ensure_corpus(name, summits, statements)
        urls[name] = json.loads(
            manage(database_url, "shell", "-c", PICK_URLS, capture=True).strip().splitlines()[-1]
        )
        folder = cold_urls(name, database_url)
        pages = {
            "static": (static_path(), False),
            "home": ("/", False),
            "summit": (urls[name]["summit"], False),
            "fragment": (urls[name]["fragment"], True),
            "search": ("/search/?q=ceasefire", False),
            "permalink": (urls[name]["permalink"], False),
            "participant": (urls[name]["participant"], False),
        }
        cold_pages: tuple[str, ...] = COLD_PAGES
        if name == "1k":
            pages = {page: pages[page] for page in ("static", "fragment", "permalink")}
            cold_pages = ("fragment", "permalink")
        if "hot" not in MODES:
            pages = {}
        if "cold" not in MODES:
            cold_pages = ()
        server = start_server(database_url)
        try:
            # This machine's throughput swings from run to run; interleaved rounds and the
            # median of each page keep one noisy second from deciding a ratio.
            rounds: dict[str, list[dict[str, Any]]] = {page: [] for page in pages}
            cold_rounds: dict[str, list[dict[str, Any]]] = {page: [] for page in cold_pages}
            for round_number in range(1, ROUNDS + 1):
                for page, (path, htmx) in pages.items():
                    print(f"bench: {name} round {round_number} {page} {path}", flush=True)
                    rounds[page].append(load(path, htmx) | {"path": path})
                for page in cold_pages:
                    print(f"bench: {name} round {round_number} cold {page}", flush=True)
                    retire_cached_pages()
                    url_list = folder / f"{page}.txt"
                    figures = load_cold(url_list, htmx=page == "fragment")
                    distinct = len(url_list.read_text().split())
                    cold_rounds[page].append(figures | {"distinct": distinct})
            results[name] = {page: median_run(runs) for page, runs in rounds.items()}
            cold[name] = {page: median_run(runs) for page, runs in cold_rounds.items()}
        finally:
            server.terminate()
            server.wait(timeout=30)
        if "cold" in MODES:
            print(f"bench: {name} server time in-process", flush=True)
            server_times[name] = server_time(database_url, folder, bare=name == "100k")
        loads.append(load_average())
    if os.getenv("BENCH_1M", "").lower() in ("1", "true", "yes") and "cold" in MODES:
        name, summits, statements = MILLION
        database_url = ensure_corpus(name, summits, statements)
        print(f"bench: {name} server time in-process", flush=True)
        server_times[name] = server_time(database_url, cold_urls(name, database_url))
        loads.append(load_average())
    report(results, cold, server_times, urls, loads)


def latencies(figures: dict[str, Any]) -> str:
    """A run's p50, p95 and p99 in ms, as three cells of a report table row."""
    return " | ".join(ms(figures[f"{p}_us"]) for p in ("p50", "p95", "p99"))


def failures(figures: dict[str, Any]) -> int:
    """Requests that failed outright or answered other than 2xx/3xx."""
    return int(figures["errors"] + figures["non_2xx_3xx"])


def cold_table(cold: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "| page | distinct URLs | requests/s | p50 ms | p95 ms | p99 ms | errors | repeats |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page, figures in cold.items():
        lines.append(
            f"| {page} | {figures['distinct']} | {figures['rps']:.0f} | {latencies(figures)} "
            f"| {failures(figures)} | {'some' if figures['wrapped'] else 'none'} |"
        )
    return lines


def report(
    results: dict[str, dict[str, dict[str, Any]]],
    cold: dict[str, dict[str, dict[str, Any]]],
    server_times: dict[str, dict[str, dict[str, float]]],
    urls: dict[str, Any],
    loads: list[str],
) -> None:
    sections: list[str] = []
    verdicts: list[str] = []
    big = results.get("100k", {})
    if big:
        static_rps = big["static"]["rps"]
        lines = [
            "| page | path | requests/s | p50 ms | p95 ms | p99 ms | vs static | errors |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for page, figures in big.items():
            lines.append(
                f"| {page} | `{figures['path']}` | {figures['rps']:.0f} | {latencies(figures)} "
                f"| {figures['rps'] / static_rps:.0%} | {failures(figures)} |"
            )
        growth = [
            "| page | p50 ms at 1k | p50 ms at 100k | growth |",
            "| --- | ---: | ---: | ---: |",
        ]
        for page in ("fragment", "permalink"):
            small, large = results["1k"][page]["p50_us"], big[page]["p50_us"]
            growth.append(f"| {page} | {ms(small)} | {ms(large)} | {large / max(small, 1):.2f}x |")
        sections += [
            "## Hot: one URL repeated, 100k statements",
            "",
            *lines,
            "",
            "## Hot: growth from 1k to 100k statements",
            "",
            *growth,
            "",
        ]
        for page, share in TARGETS.items():
            ratio = big[page]["rps"] / static_rps
            verdicts.append(
                f"- hot {page}: {ratio:.0%} of static throughput (target >= {share:.0%}): "
                + ("met" if ratio >= share else "MISSED")
            )
    if cold:
        sections += [
            "## Cold: every request a distinct URL, 100k statements",
            "",
            *cold_table(cold["100k"]),
            "",
            "## Cold: every request a distinct URL, 1k statements",
            "",
            *cold_table(cold["1k"]),
            "",
        ]
        for page, figures in cold["100k"].items():
            if figures["p99_us"] > 100_000:
                verdicts.append(
                    f"- cold {page}: p99 {ms(figures['p99_us'])} ms (target <= 100 ms): MISSED"
                )
    if server_times:
        lines = [
            "| page | median ms at 1k | p95 ms at 1k | median ms at 100k | p95 ms at 100k "
            "| growth | target (median at 100k) | median ms at 1M | p95 ms at 1M "
            "| median ms at 100k, no part kept |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
        ]
        million = server_times.get("1m", {})
        memory = server_times["100k"].pop("memory")
        for page, large in server_times["100k"].items():
            small = server_times["1k"].get(page)
            growth_text = f"{large['median_ms'] / small['median_ms']:.2f}x" if small else "-"
            target = SERVER_TIME_TARGETS[page]
            lines.append(
                f"| {page} | {small['median_ms'] if small else 0:.1f} "
                f"| {small['p95_ms'] if small else 0:.1f} | {large['median_ms']:.1f} "
                f"| {large['p95_ms']:.1f} | {growth_text} | <= {target:.0f} ms: "
                + ("met" if large["median_ms"] <= target else "MISSED")
                + (
                    f" | {million[page]['median_ms']:.1f} | {million[page]['p95_ms']:.1f}"
                    if page in million
                    else " | - | -"
                )
                + f" | {large.get('bare_median_ms', 0):.1f} |"
            )
            if small and large["median_ms"] / small["median_ms"] > 1.3:
                verdicts.append(
                    f"- cold {page}: server time grows "
                    f"{large['median_ms'] / small['median_ms']:.2f}x from 1k to 100k "
                    "(target <= 1.3x): MISSED"
                )
        sections += [
            "## Cold: server time in-process",
            "",
            f"{INPROCESS_REQUESTS} distinct URLs a page through the whole middleware chain "
            "(Django's test Client, no network), after a revision change: no page is answered "
            "from the page cache, while parts rendered for earlier URLs of the run (cards, a "
            "summit's overview, facet rows) are reused, as in a worker serving readers. The "
            "last column is the first render after an edit: the next URLs of each list with "
            "the parts cache emptied before every request.",
            "",
            *lines,
            "",
            "Memory a worker keeps, from the same in-process run at 100k "
            f"({memory['pages_entries']:.0f} pages and {memory['parts_entries']:.0f} parts "
            f"cached): a page {memory['pages_mean_kb']:.1f} kB on average, so the page cache's "
            f"bound of CACHE_MAX_ENTRIES pages is about {memory['pages_bound_mb']:.0f} MB; a "
            f"part {memory['parts_mean_kb']:.1f} kB, so the parts cache's bound is about "
            f"{memory['parts_bound_mb']:.0f} MB. Both are per worker process.",
            "",
        ]
    text = "\n".join(
        [
            "# Performance",
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()} with `make bench`:",
            f"gunicorn (`gunicorn.conf.py`, DEBUG off, WhiteNoise), PostgreSQL, Redis for the "
            f"shared coverage revision (pages cached in each worker), wrk with "
            f"{CONNECTIONS} connections for {DURATION} s per page from a second process, "
            f"{ROUNDS} interleaved rounds, the median round of each page shown. Load average "
            f"(1 min) at the start and after each corpus: {', '.join(loads)}. The hot summit "
            f"page is a summit of {urls['100k']['summit_statements']} statements; cold URL "
            "lists come from `scripts/cold_urls.py`, and the revision is advanced before "
            "every cold run.",
            "",
            *sections,
            "## Targets",
            "",
            *(verdicts or ["- all met"]),
            "",
        ]
    )
    print("\n" + text)
    write_section(text, "bench")


# docs/performance.md holds three parts: this bench's tables, `make bench-compare`'s, and
# notes written by hand; each command rewrites its own part only.
MARKERS = {"compare": "<!-- compare -->", "notes": "<!-- notes -->"}


def write_section(text: str, part: str) -> None:
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    path = docs / "performance.md"
    existing = path.read_text() if path.exists() else ""
    rest, notes = [*existing.split(MARKERS["notes"], 1), "\n"][:2]
    bench, compare = [*rest.split(MARKERS["compare"], 1), "\n"][:2]
    if part == "bench":
        bench = text + "\n"
    else:
        compare = "\n" + text + "\n"
    path.write_text(bench + MARKERS["compare"] + compare + MARKERS["notes"] + notes)


if __name__ == "__main__":
    main()
