# The two commands: `make run` serves the site, `make test` runs the whole suite.
# Both build .venv from the lock files on first use; neither needs anything but Python >= 3.12.

SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
SEED := summits/fixtures/sochi-2011.json summits/fixtures/sochi-2011-kremlin.json
# pyenv reads .python-version, so plain python3 is 3.12 here; elsewhere take the newest found.
PYTHON ?= $(shell for p in python3 python3.13 python3.12; do \
	command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run test lint install bench bench-compare faults

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Loggerheads needs Python >= 3.12 (python3, python3.13 or python3.12 on PATH)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime

# The alerts worker (django-tasks-db's db_worker) runs beside the server and stops with it;
# with no mail server configured it prints each message to this terminal.
run: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_coverage $(SEED)
	$(BIN)/python manage.py schedule_alerts
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/python manage.py db_worker --no-reload & \
	worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Two workers (pytest-xdist), one a core: a browser test spends much of its time waiting on
# Chromium, the live server or PostgreSQL, and the other worker's tests fill that time. Each
# worker has its own test database; worksteal evens out the long tests (fuzz, axe) at the
# end. `pytest` alone still runs in one process.
test: $(VENV)/.dev
	$(BIN)/python -m pytest -n 2 --dist worksteal

# Ruff (lint and format), mypy --strict (files and settings in pyproject.toml), and
# migrations that match the models.
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

# Throughput and latency under gunicorn on 100k statements, hot (one URL repeated) and cold
# (every request a distinct URL), plus each cold page's server time in-process at 1k and 100k;
# writes docs/performance.md. BENCH_MODES=hot or =cold runs one mode.
bench: $(VENV)/.dev
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python scripts/bench.py

# Loggerheads and Datasette (pinned, own venv in .bench/) on the same 100k published rows,
# driven through the same distinct-URL lists in one run; writes its table to
# docs/performance.md.
bench-compare: $(VENV)/.dev
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python scripts/compare.py

# PostgreSQL restarted under load, then 60 s at 32 connections; appends to docs/performance.md.
faults: $(VENV)/.dev
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(BIN)/python scripts/faults.py
