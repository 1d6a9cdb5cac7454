"""Start-up refuses malformed configuration with a message that names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
        ({"DEBUG": "false", "SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"DATABASE_URL": "mongodb://x/y"}, "DATABASE_URL"),
        ({"CONN_MAX_AGE": "forever", "DATABASE_URL": "postgres://u@h/d"}, "CONN_MAX_AGE"),
    ],
)
def test_it_stops_on_a_malformed_variable(env, named):
    result = start(**env)
    assert result.returncode != 0
    assert named in result.stderr


def test_it_starts_with_defaults():
    result = start()
    assert result.returncode == 0, result.stderr


def test_it_caches_in_local_memory_by_default():
    result = start_shell("from django.conf import settings; print(settings.CACHES['default'])")
    assert "LocMemCache" in result.stdout


def test_it_caches_in_redis_when_redis_url_is_set():
    result = start_shell(
        "from django.core.cache import caches; cache = caches['default']; cache.set('probe', 41); "
        "print(type(cache).__name__, cache.get('probe') + 1); cache.delete('probe')",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert result.stdout.strip().splitlines()[-1] == "RedisCache 42", result.stderr


def start_shell(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
