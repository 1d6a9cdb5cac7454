"""gunicorn as production runs it: every setting overridable from the environment."""

import gc
import multiprocessing
import os

bind = os.getenv("GUNICORN_BIND", f"0.0.0.0:{os.getenv('PORT', '8000')}")
# Pages are mostly database-bound; a couple of workers per core keeps both cores busy.
workers = int(os.getenv("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.getenv("GUNICORN_THREADS", "1"))
timeout = int(os.getenv("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound; rarely, since a
# fresh worker's first requests are slow (measured: p95 spikes of 0.5 s at 5,000).
max_requests = int(os.getenv("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = 20000
# Workers fork from a master that has already imported Django, so a recycled worker is
# serving again in milliseconds rather than re-importing the project.
preload_app = True
accesslog = os.getenv("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
forwarded_allow_ips = os.getenv("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server: object, worker: object) -> None:
    """Move everything the master has built (Django, the app, its imports) out of the
    collector's sight before a worker forks from it.

    A worker's full collections otherwise walk those objects every time, and a full
    collection came at intervals of a few dozen cold searches, 70-110 ms each (measured
    in-process at 100k; frozen first: 10-50 ms). The pages read by the objects are then
    also left shared with the master rather than copied on write.
    """
    gc.freeze()
