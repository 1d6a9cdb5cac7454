"""Loggerheads settings, read from the environment.

Every setting that differs between a laptop, CI and production comes from an environment
variable, read through the strict helpers below: a malformed value stops start-up with a
message that names the variable instead of silently falling back to a default.
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in ("true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "true")

# The name readers see on pages, feeds, cards and oEmbed answers.
SITE_NAME = "Loggerheads"

SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Only ever used on a developer's machine: DEBUG off refuses to start without a key.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks_db",
    "summits",
    "summits.alerts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "loggerheads.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached reader pages are answered here, before sessions, auth and the view. The CSP
    # middleware sits inside it, so a page is stored with its policy: `script-src 'self'`,
    # no nonce, since a stored nonce would be every reader's (summits.caching.cached_page).
    "summits.caching.PageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute force: five wrong passwords for one username from one address lock it for an hour.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_HOURS", "1")
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Where a login goes when its `next` is missing or refused (another site): the admin, the
# only thing this site logs anyone into, instead of Django's /accounts/profile/ (a 404).
LOGIN_REDIRECT_URL = "admin:index"

ROOT_URLCONF = "loggerheads.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "loggerheads.context_processors.site",
            ],
        },
    },
]

# Strict by design: no inline script or style anywhere, scripts only from our origin; pages
# never cached (admin, forms) also get a per-request nonce, cached reader pages none.
# htmx is configured (meta htmx-config) not to inject styles or eval code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

WSGI_APPLICATION = "loggerheads.wsgi.application"


def database_config() -> dict[str, Any]:
    url = os.getenv("DATABASE_URL", "").strip()
    if not url:
        (BASE_DIR / "var").mkdir(exist_ok=True)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "var" / "db.sqlite3"}
    try:
        config = dj_database_url.parse(url, conn_max_age=envint("CONN_MAX_AGE", "60"))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"DATABASE_URL has an unknown scheme: {url.split(':')[0]!r}")
    # A pooled connection that died with a database restart is replaced, not reused.
    config["CONN_HEALTH_CHECKS"] = True
    if "postgresql" in config["ENGINE"]:
        # No JIT compilation: PostgreSQL compiles any query its planner costs above
        # jit_above_cost, and a reader page's queries finish in milliseconds, far less than
        # compiling them takes (a search over 100k statements spent 1.1 s of 1.45 s in JIT).
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
        # Parameters bound by the server, not spliced into the SQL text by psycopg, and a
        # query text a connection has run PREPARE_THRESHOLD times prepared: PostgreSQL then
        # skips parsing and, once its generic plan is as good, planning. Planning was over
        # half of a cold fragment's or permalink's database time (1-2 ms for the statement
        # list's joins and subqueries, 0.5 ms to run it), and quoting parameters into the
        # text a good part of the rest. Connections are the process's own (CONN_MAX_AGE);
        # behind a transaction-mode pooler (PgBouncer) set DATABASE_PREPARE_THRESHOLD=0.
        options.setdefault("server_side_binding", envbool("DATABASE_SERVER_SIDE_BINDING", "true"))
        threshold = envint("DATABASE_PREPARE_THRESHOLD", "5")
        options.setdefault("prepare_threshold", threshold if threshold > 0 else None)
    return dict(config)


DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# WhiteNoise warns at every start-up while the folder is missing (before collectstatic).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.getenv(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if DEBUG:
    # runserver serves files straight from the source folders; no collectstatic needed.
    STORAGES["staticfiles"]["BACKEND"] = os.getenv(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )

ADMIN_URL = os.getenv("ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise ImproperlyConfigured("ADMIN_URL must name a path, e.g. 'admin/'")

# HTTPS and browser hardening. Defaults are strict when DEBUG is off; a deployment that
# terminates TLS at a proxy sets SECURE_PROXY_SSL_HEADER=true, and a plain-HTTP local
# container sets SECURE_SSL_REDIRECT=false and the cookie flags to false.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
if envbool("SECURE_PROXY_SSL_HEADER", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", str(not DEBUG))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", str(not DEBUG))
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", str(not DEBUG))
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
}

REDIS_URL = os.getenv("REDIS_URL", "").strip()
# Rendered pages live in each process's memory ("pages"): reading 30 kB from memory is
# faster than from any server. 1,000 pages bound a worker's page memory at about 180 MB at
# the 100k bench's mean page (183 kB, its facet lists long); 5,000 had allowed 900 MB a
# worker, times WEB_CONCURRENCY. What must be shared is small: the coverage revision that
# says whether a page is still current, kept in Redis when REDIS_URL is set ("default")
# and in PostgreSQL otherwise.
PAGE_CACHE: dict[str, Any] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "loggerheads-pages",
    "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", "1000")},
}
# Parts of pages that many pages repeat (statement cards, facet counts), per revision, in
# each process's memory: read many times a page, so a network round trip each would cost
# more than it saves. 20,000 cards of ~1.5 kB is ~30 MB a worker at most.
PARTS_CACHE: dict[str, Any] = {
    "BACKEND": "loggerheads.memory_cache.ObjectCache",
    "LOCATION": "loggerheads-parts",
    "OPTIONS": {"MAX_ENTRIES": envint("PARTS_CACHE_MAX_ENTRIES", "20000")},
}
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "loggerheads.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "loggerheads",
        },
        "pages": PAGE_CACHE,
        "parts": PARTS_CACHE,
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "loggerheads",
        },
        "pages": PAGE_CACHE,
        "parts": PARTS_CACHE,
    }
CACHE_SECONDS = envint("CACHE_SECONDS", "600")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
}


def site_url() -> str:
    """The address readers reach the site at, for links in email (no request to ask there).

    Without SITE_URL: the development server with DEBUG on, else https:// and the first
    ALLOWED_HOSTS name; empty when there is none (a build step), and then alerts refuse to
    send rather than mail links to nowhere.
    """
    hosts = [h for h in ALLOWED_HOSTS if not h.startswith((".", "*"))]
    default = "http://127.0.0.1:8000" if DEBUG else (f"https://{hosts[0]}" if hosts else "")
    value = os.getenv("SITE_URL", default).strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
        raise ImproperlyConfigured(
            f"SITE_URL must be http(s)://host[:port] with no path, not {value!r}"
        )
    return value


SITE_URL = site_url()

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# scheme: (use_tls, use_ssl)
EMAIL_SCHEMES = {"smtp": (False, False), "smtp+tls": (True, False), "smtps": (False, True)}


def email_config() -> dict[str, object]:
    """The default mailer (Django's MAILERS) from EMAIL_URL, or EMAIL_HOST and friends.

    EMAIL_URL is smtp://user:password@host:port (plain), smtp+tls:// (STARTTLS), smtps://
    (TLS from the start) or console://; user and password are percent-decoded. With neither
    EMAIL_URL nor EMAIL_HOST, the worker prints mail to its console while DEBUG is on (a
    laptop, `make run`), and hands it to a mail server on localhost:25 when DEBUG is off.
    """
    url = os.getenv("EMAIL_URL", "").strip()
    host = os.getenv("EMAIL_HOST", "").strip()
    if not url and not host and DEBUG:
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if url:
        parts = urlsplit(url)
        if parts.scheme == "console":
            return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
        if parts.scheme not in EMAIL_SCHEMES:
            raise ImproperlyConfigured(
                f"EMAIL_URL has an unknown scheme {parts.scheme!r}: use smtp://, smtp+tls://, "
                "smtps:// or console://"
            )
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured("EMAIL_URL has a port that is not a number") from None
        if not parts.hostname:
            raise ImproperlyConfigured("EMAIL_URL must name a host, e.g. smtp://mail.example:25")
        use_tls, use_ssl = EMAIL_SCHEMES[parts.scheme]
        options: dict[str, object] = {
            "host": parts.hostname,
            "port": port or (465 if use_ssl else 587 if use_tls else 25),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": use_tls,
            "use_ssl": use_ssl,
        }
    else:
        options = {
            "host": host or "localhost",
            "port": envint("EMAIL_PORT", "25"),
            "username": os.getenv("EMAIL_HOST_USER", ""),
            "password": os.getenv("EMAIL_HOST_PASSWORD", ""),
            "use_tls": envbool("EMAIL_USE_TLS", "false"),
        }
    # A mail server that stops answering must not hold the worker (and its queue) forever.
    return {"BACKEND": SMTP_BACKEND, "OPTIONS": options | {"timeout": 30}}


MAILERS = {"default": email_config()}
DEFAULT_FROM_EMAIL = os.getenv(
    "DEFAULT_FROM_EMAIL", f"Loggerheads <alerts@{urlsplit(SITE_URL).hostname or 'localhost'}>"
).strip()
if "\n" in DEFAULT_FROM_EMAIL or "\r" in DEFAULT_FROM_EMAIL or "@" not in DEFAULT_FROM_EMAIL:
    raise ImproperlyConfigured(f"DEFAULT_FROM_EMAIL is not an address: {DEFAULT_FROM_EMAIL!r}")

# Alerts are queued in the database we already run (django-tasks-db) and sent by its worker,
# `manage.py db_worker`: no broker to operate, and a task is queued in the same transaction
# as the rows it reads.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
