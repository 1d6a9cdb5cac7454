"""gunicorn as production runs it: every setting overridable from the environment."""

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
