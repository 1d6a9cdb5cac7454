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


def restart_under_load(base: str, paths: list[str]) -> dict:
    events: list[tuple[float, bool]] = []
    stop = threading.Event()
    lock = threading.Lock()

    def client(offset: int) -> None:
        index = offset
        while not stop.is_set():
            url = base + paths[index % len(paths)]
            index += 1
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    ok = response.status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                events.append((time.monotonic(), ok))

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
    before = [ok for at, ok in events if at < down_at]
    outage = [ok for at, ok in events if down_at <= at < up_at]
    after = [(at, ok) for at, ok in events if at >= up_at]
    first_success = next((at for at, ok in after if ok), None)
    settled = [ok for at, ok in after if first_success is not None and at > first_success]
    return {
        "requests_before": len(before),
        "errors_before": before.count(False),
        "outage_seconds": up_at - down_at,
        "requests_during_outage": len(outage),
        "errors_during_outage": outage.count(False),
        "recovery_seconds": (first_success - up_at) if first_success else None,
        "requests_after_recovery": len(settled),
        "errors_after_recovery": settled.count(False),
    }


def sustained_load(paths: list[str]) -> dict:
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
    figures = json.loads(next(ln for ln in output.splitlines() if ln.startswith("JSON "))[5:])
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
        "PostgreSQL restarted under load (8 client threads, gunicorn not restarted):",
        "",
        f"- before the restart: {restart['requests_before']} requests, "
        f"{restart['errors_before']} errors",
        f"- outage: PostgreSQL down for {restart['outage_seconds']:.1f} s; "
        f"{restart['errors_during_outage']} of {restart['requests_during_outage']} requests "
        "failed in that window",
        "- recovery: first successful page "
        + (
            f"{recovery:.2f} s after PostgreSQL accepted connections again"
            if recovery is not None
            else "never (FAILED)"
        ),
        f"- after recovery: {restart['requests_after_recovery']} requests, "
        f"{restart['errors_after_recovery']} errors",
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
