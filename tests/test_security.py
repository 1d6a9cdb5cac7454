"""Secure by default: production settings pass check --deploy, headers harden every page,
and the admin login throttles guessing."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_passes_check_deploy_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="loggerheads.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_moves_the_admin_where_admin_url_says():
    result = manage(
        "shell",
        "-c",
        "from django.urls import reverse; print(reverse('admin:index'))",
        ADMIN_URL="newsroom",
    )
    assert result.stdout.strip().splitlines()[-1] == "/newsroom/"


@pytest.fixture
def production(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    return settings


def test_it_redirects_plain_http_to_https(client, sochi, production):
    response = client.get("/summits/sochi-2011/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_it_sends_hardening_headers_on_reader_pages(client, sochi, production):
    response = client.get("/summits/sochi-2011/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_it_enforces_a_strict_content_security_policy(client, sochi):
    response = client.get("/summits/sochi-2011/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    # A cached reader page is every reader's, so it carries no nonce: our own scripts only.
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "nonce=" not in response.content.decode()


def test_it_makes_cookies_secure_and_http_only_when_debug_is_off():
    flags = "SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE SESSION_COOKIE_HTTPONLY CSRF_COOKIE_HTTPONLY"
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        f"print([getattr(s, name) for name in {flags.split()!r}])",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.stdout.strip().splitlines()[-1] == "[True, True, True, True]", result.stderr


def test_it_locks_out_a_guessed_admin_login(client, db):
    User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    statuses = [
        client.post(
            "/admin/login/?next=/admin/", {"username": "editor", "password": "wrong"}
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    locked = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "correct horse battery"},
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_still_logs_in_with_the_right_password(client, db):
    User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "wrong"})
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "correct horse battery"},
    )
    assert response.status_code == 302
