"""`make faults`: does the site keep serving through a database restart and a long load?

1. Starts gunicorn (DEBUG off) on the 100k-statement bench database (built by `make bench`).
2. Sends requests from 8 client threads, restarts PostgreSQL mid-run, and reports the errors
   seen during the outage and how long after PostgreSQL was back the first page succeeded.
3. Runs wrk for 60 s at 32 connections across the reader pages and reports failed requests.
Figures are appended to docs/performance.md under "Faults".
"""

import json
import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bench

ROOT = Path(__file__).resolve().parent.parent
CLUSTER = sorted(os.listdir("/etc/postgresql"))[-1] if Path("/etc/postgresql").exists() else ""


def postgres(action: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", CLUSTER, "main", action],
        check=True,
        capture_output=True,
    )


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0


def restart_under_load(base: str, paths: list[str]) -> dict[str, Any]:
    """Restart PostgreSQL while clients request pages and /healthz (a database round trip).

    Cached pages can be served without the database; /healthz cannot, so it tells when
    database requests work again.
    """
    events: list[tuple[float, str, bool]] = []
    stop = threading.Event()
    lock = threading.Lock()

    def client(offset: int) -> None:
        index = offset
        while not stop.is_set():
            path = paths[index % len(paths)] if offset % 2 else "/healthz"
            index += 1
            try:
                with urllib.request.urlopen(base + path, timeout=10) as response:
                    ok = response.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                events.append((time.monotonic(), "db" if path == "/healthz" else "page", ok))

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(5)
    down_at = time.monotonic()
    postgres("stop")
    time.sleep(3)
    postgres("start")
    while not postgres_ready():
        time.sleep(0.1)
    up_at = time.monotonic()
    time.sleep(10)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)

    def window(kind: str, start: float, end: float) -> list[bool]:
        return [ok for at, k, ok in events if k == kind and start <= at < end]

    first_db_success = next(
        (at for at, kind, ok in events if kind == "db" and ok and at >= up_at), None
    )
    settled_from = first_db_success if first_db_success is not None else float("inf")
    figures: dict[str, Any] = {"outage_seconds": up_at - down_at}
    for kind in ("page", "db"):
        before = window(kind, 0, down_at)
        outage = window(kind, down_at, up_at)
        after = window(kind, settled_from, float("inf"))
        figures[kind] = {
            "before": (len(before), before.count(False)),
            "outage": (len(outage), outage.count(False)),
            "after": (len(after), after.count(False)),
        }
    figures["recovery_seconds"] = first_db_success - up_at if first_db_success is not None else None
    return figures


def sustained_load(paths: list[str]) -> dict[str, Any]:
    env = {**os.environ, "WRK_PATHS": ",".join(paths)}
    command = [
        "wrk",
        "-t2",
        "-c32",
        "-d60s",
        "-s",
        "scripts/wrk_mixed.lua",
        f"http://127.0.0.1:{bench.PORT}/",
    ]
    output = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True).stdout
    figures: dict[str, Any] = json.loads(
        next(ln for ln in output.splitlines() if ln.startswith("JSON "))[5:]
    )
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def main() -> None:
    database_url = bench.ensure_corpus("100k", *bench.CORPORA["100k"])
    urls = json.loads(
        bench.manage(database_url, "shell", "-c", bench.PICK_URLS, capture=True)
        .strip()
        .splitlines()[-1]
    )
    paths = [
        "/",
        urls["summit"],
        urls["fragment"],
        urls["permalink"],
        urls["participant"],
        "/search/?q=ceasefire",
    ]
    server = bench.start_server(database_url)
    try:
        restart = restart_under_load(f"http://127.0.0.1:{bench.PORT}", paths)
        load = sustained_load(paths)
    finally:
        server.terminate()
        server.wait(timeout=30)
    recovery = restart["recovery_seconds"]
    lines = [
        "## Faults",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `make faults` on {bench.machine()}.",
        "",
        "PostgreSQL restarted under load (8 client threads, half requesting reader pages, half "
        "`/healthz`, which makes a database round trip; gunicorn not restarted):",
        "",
        f"- PostgreSQL down for {restart['outage_seconds']:.1f} s",
        *[
            f"- {label}: before {restart[kind]['before'][0]} requests "
            f"({restart[kind]['before'][1]} failed); during the outage "
            f"{restart[kind]['outage'][0]} ({restart[kind]['outage'][1]} failed); after "
            f"recovery {restart[kind]['after'][0]} ({restart[kind]['after'][1]} failed)"
            for kind, label in (("page", "reader pages"), ("db", "/healthz"))
        ],
        "- recovery: first successful database round trip "
        + (
            f"{recovery:.2f} s after PostgreSQL accepted connections again"
            if recovery is not None
            else "never (FAILED)"
        ),
        "",
        "60 s at 32 connections across home, summit, fragment, permalink, participant and "
        "search (wrk):",
        "",
        f"- {load['requests']} requests, {load['rps']:.0f} requests/s, "
        f"p50 {bench.ms(load['p50_us'])} ms, p95 {bench.ms(load['p95_us'])} ms, "
        f"p99 {bench.ms(load['p99_us'])} ms",
        f"- failed requests: {load['errors'] + load['non_2xx_3xx']} "
        f"(socket errors {load['errors']}, non-2xx/3xx {load['non_2xx_3xx']})",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    performance = ROOT / "docs" / "performance.md"
    existing = performance.read_text() if performance.exists() else "# Performance\n"
    if "## Faults" in existing:
        existing = existing.split("## Faults", 1)[0].rstrip() + "\n"
    if "<!-- notes -->" not in existing:
        existing += "\n<!-- notes -->\n"
    performance.write_text(existing.rstrip() + "\n\n" + text)


if __name__ == "__main__":
    main()
