"""The one settings module: every value comes from the environment, with safe embedded defaults."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TONGHOP_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("TONGHOP_PRODUCTION", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    SECRET_KEY = "embedded-mode-key-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# tonghop's own apps, one per domain noun; the `tonghop` command lists their commands.
TONGHOP_APPS = [
    "tonghop",
    "accounts",
    "audit",
    "places",
    "agencies",
    "catalogue",
    "documents",
    "datavalues",
    "rounds",
    "notifications",
    "imports",
    "analytics",
    "rendering",
]
INSTALLED_APPS = [
    "accounts.apps.OTPAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    *TONGHOP_APPS,
    "django_otp",
    "tonghop.apps.TOTPConfig",  # django_otp.plugins.otp_totp, named in Vietnamese
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tonghop.middleware.RejectNulCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.OTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "tonghop.replica.ReplicaReadsMiddleware",
    "tonghop.middleware.DatabaseUnavailableMiddleware",
    "tonghop.middleware.BadParameterMiddleware",
    # Last: it turns a login refused by the throttle (accounts.backends) into the waiting page.
    "accounts.middleware.LoginThrottleMiddleware",
]

ROOT_URLCONF = "tonghop.urls"
WSGI_APPLICATION = "tonghop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # tonghop's templates first, so that its overrides of the admin's (which is installed
        # before tonghop) take effect.
        "DIRS": [BASE_DIR / "tonghop" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.csp",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context.unread_count",
            ],
        },
    },
]

# A gunicorn thread keeps its connection for a minute (checked before reuse) instead of opening
# one per request: on deadline day that is PostgreSQL's fork and authentication saved per call.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tonghop.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout let the embedded mode serve reads while a draft is saved.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# PostgreSQL binds the parameters itself and keeps the statements a connection sends again
# (from their second use) prepared: parsed and planned once per connection instead of once per
# query, which halves PostgreSQL's CPU time per request on deadline day (bench/deadline_profile).
# DATABASE_PREPARED_STATEMENTS=false behind a pooler in transaction mode that cannot follow
# prepared statements (PgBouncer before 1.21).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)


def _prepare_statements(database: dj_database_url.DBConfig) -> None:
    if database["ENGINE"] == "django.db.backends.postgresql" and DATABASE_PREPARED_STATEMENTS:
        options = {"server_side_binding": True, "prepare_threshold": 2}
        database["OPTIONS"] = {**database.get("OPTIONS", {}), **options}


_prepare_statements(DATABASES["default"])

# A read replica for the analytics pages; without one the alias mirrors `default` and is unused.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
TONGHOP_REPLICA_ENABLED = bool(DATABASE_REPLICA_URL)
DATABASES["replica"] = (
    dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    if DATABASE_REPLICA_URL
    else {**DATABASES["default"]}
)
_prepare_statements(DATABASES["replica"])
DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["tonghop.replica.ReplicaRouter"]
TONGHOP_REPLICA_PATHS = ["/tong-hop/"]

# Redis, when REDIS_URL names one, holds the cache and the sessions' cached copies, so that
# several app servers share them; the embedded mode keeps both in process and in the database.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTHENTICATION_BACKENDS = ["accounts.backends.ThrottledModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.validators.MinimumLengthVietnameseValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "accounts.validators.LettersAndDigitsValidator",
        "OPTIONS": {"passphrase_length": 16},
    },
]

# Login throttle (accounts/throttle.py), per username and client address: the first
# TONGHOP_LOGIN_FAILURE_LIMIT wrong passwords cost nothing, the next ones make that pair wait,
# the wait doubling with each failure up to the cap; failures are forgotten a day after the last.
# The owner skips the wait through a one-time link sent to the account's e-mail.
TONGHOP_LOGIN_FAILURE_LIMIT = env_int("TONGHOP_LOGIN_FAILURE_LIMIT", 5)
TONGHOP_LOGIN_BACKOFF = dt.timedelta(seconds=env_int("TONGHOP_LOGIN_BACKOFF_SECONDS", 60))
TONGHOP_LOGIN_BACKOFF_CAP = dt.timedelta(
    seconds=env_int("TONGHOP_LOGIN_BACKOFF_CAP_SECONDS", 15 * 60)
)
TONGHOP_LOGIN_FAILURE_MEMORY = dt.timedelta(hours=24)
TONGHOP_UNLOCK_LINK_AGE = dt.timedelta(minutes=env_int("TONGHOP_UNLOCK_LINK_MINUTES", 30))
# How many reverse proxies of ours stand in front of the app. 0 (the default): the client is
# the connection's peer and X-Forwarded-For is ignored, since anyone can write it. N: the
# address the outermost of our N proxies saw, the N-th entry from the right of the header.
TONGHOP_TRUSTED_PROXY_COUNT = env_int("TONGHOP_TRUSTED_PROXY_COUNT", 0)
if TONGHOP_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TONGHOP_TRUSTED_PROXY_COUNT must be 0 or more")

# Two-factor login (django-otp, TOTP): required of administrators and coordinators, optional
# for the other roles. Only a throwaway embedded demo may turn it off.
TONGHOP_REQUIRE_OTP = env_bool("TONGHOP_REQUIRE_OTP", True)
if not TONGHOP_REQUIRE_OTP and env_bool("TONGHOP_PRODUCTION", False):
    raise ImproperlyConfigured("TONGHOP_REQUIRE_OTP cannot be turned off in production")
OTP_TOTP_ISSUER = "tonghop"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False
# A refused CSRF check answers with the site's own Vietnamese page.
CSRF_FAILURE_VIEW = "tonghop.views.csrf_failure"

STATIC_URL = "static/"
# Production collects static files into STATIC_ROOT; the embedded mode serves them in place.
STATIC_ROOT = Path(os.environ["STATIC_ROOT"]) if os.environ.get("STATIC_ROOT") else None
WHITENOISE_USE_FINDERS = STATIC_ROOT is None
# Front-end packages from npm (package.json), served by the app itself: no CDN.
NODE_MODULES = BASE_DIR / "node_modules"
WORKBOX_MODULES = (
    "workbox-sw",
    "workbox-core",
    "workbox-routing",
    "workbox-strategies",
    "workbox-precaching",
    "workbox-expiration",
)
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / folder)
    for prefix, folder in [
        ("vendor/htmx", "htmx.org/dist"),
        ("vendor/pico", "@picocss/pico/css"),
        ("vendor/echarts", "echarts/dist"),
        # Offline entry (docs/offline.md): IndexedDB wrapper and the service worker's modules.
        ("vendor/idb", "idb/build"),
        *[(f"vendor/{name}", f"{name}/build") for name in WORKBOX_MODULES],
        ("vendor/swagger-ui", "swagger-ui-dist"),
    ]
    if (NODE_MODULES / folder).is_dir()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("TONGHOP_MANIFEST_STATIC", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The embedded mode prints e-mails (reminders, unlock links) to the console unless EMAIL_HOST
# names a server; production sends them by SMTP.
PRODUCTION = env_bool("TONGHOP_PRODUCTION", False)
_EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION or _EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": _EMAIL_HOST or "localhost",
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        # A mail server that does not answer holds the request that sends (on commit) this long.
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
# `check --deploy` calls the console backend an error (mail.E001): right for production, where
# it still fires, but printing mail is what the embedded mode means to do.
SILENCED_SYSTEM_CHECKS = [] if PRODUCTION else ["mail.E001"]
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tonghop@localhost")
# The site's address as people reach it, for the links in e-mails (notifications.delivery).
TONGHOP_BASE_URL = env_str("TONGHOP_BASE_URL", "http://127.0.0.1:8000")

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True

# Upper bound on an uploaded report, in bytes.
TONGHOP_MAX_UPLOAD_BYTES = env_int("TONGHOP_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
# An uploaded report is read in a child process with this wall time and memory (beyond the
# reader's own code): imports.extraction.sandbox.
TONGHOP_EXTRACT_SECONDS = env_int("TONGHOP_EXTRACT_SECONDS", 5)
TONGHOP_EXTRACT_MEMORY_MB = env_int("TONGHOP_EXTRACT_MEMORY_MB", 256)

# A round opened to answer a received request is due this many days before the request's
# deadline, so that the agency has time to compile (rounds.actions.open_child_round).
TONGHOP_CHILD_LEAD_DAYS = env_int("TONGHOP_CHILD_LEAD_DAYS", 5)
if TONGHOP_CHILD_LEAD_DAYS < 0:
    raise ImproperlyConfigured("TONGHOP_CHILD_LEAD_DAYS must be 0 or more")

# The audit trail's anchors (audit.anchors): each is appended to this file, signed with an
# HMAC key kept out of the database. Without TONGHOP_AUDIT_KEY a key is generated once into
# VAR_DIR/audit.key (0600); production sets it from a secret kept off the database server and
# keeps the file on storage the database's users cannot rewrite (docs/architecture.md).
TONGHOP_AUDIT_ANCHOR_FILE = Path(
    env_str("TONGHOP_AUDIT_ANCHOR_FILE", str(VAR_DIR / "audit-anchors.jsonl"))
)
TONGHOP_AUDIT_KEY = env_str("TONGHOP_AUDIT_KEY", "")

# Background tasks (django.tasks): PDFs are made off the request path (rendering.tasks). The
# default backend keeps the queue in the database (django-tasks-db) and `tonghop serve` starts
# TONGHOP_TASK_WORKERS worker processes beside gunicorn; production sets it to 0 and runs
# `tonghop manage db_worker` as a service of its own (docs/deploy.md, "Background tasks").
TASKS_BACKEND = env_str("TONGHOP_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND, "QUEUES": ["default"]}}
# The Redis queue of a production that has Redis (django-tasks-rq, the `redis-queue` extra):
# TONGHOP_TASKS_BACKEND=django_tasks_rq.RQBackend, workers `tonghop manage rqworker --job-class
# django_tasks_rq.Job default`. The queue's Redis must not evict keys (a cache's may).
RQ_QUEUES = {"default": {"URL": env_str("TONGHOP_TASKS_REDIS_URL", REDIS_URL)}}
if TASKS_BACKEND.startswith("django_tasks_rq."):
    if not RQ_QUEUES["default"]["URL"]:
        raise ImproperlyConfigured(
            "The Redis task queue needs TONGHOP_TASKS_REDIS_URL (or REDIS_URL)"
        )
    INSTALLED_APPS.append("django_rq")
TONGHOP_TASK_WORKERS = env_int("TONGHOP_TASK_WORKERS", 2)
# LibreOffice conversions running at once on one machine, across all processes
# (rendering.conversion_slots); each takes a processor for seconds.
TONGHOP_MAX_PDF_CONVERSIONS = env_int("TONGHOP_MAX_PDF_CONVERSIONS", 2)
if TONGHOP_MAX_PDF_CONVERSIONS < 1:
    raise ImproperlyConfigured("TONGHOP_MAX_PDF_CONVERSIONS must be 1 or more")
# A PDF or export made in the background is kept this long for the user who asked, then deleted.
TONGHOP_RENDERED_FILE_HOURS = env_int("TONGHOP_RENDERED_FILE_HOURS", 24)
# An .xlsx export of more rows than this (all its tables together) is written by a task worker
# (analytics.exports.is_large): a national round's 1,360 agencies are; a province's are not.
TONGHOP_EXPORT_INLINE_ROWS = env_int("TONGHOP_EXPORT_INLINE_ROWS", 500)

# Security headers. Everything the pages load comes from the app itself; inline scripts need
# the request's nonce ({{ csp_nonce }}), inline styles are allowed for htmx's indicators.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS in production, on unless a variable turns one off (tonghop.checks then warns); the
# embedded mode serves plain HTTP on localhost and turns none on.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# Preloading commits the registrable domain (a ministry's or province's gov.vn domain, not
# tonghop's own host) and every host under it to HTTPS in the browsers for months: that is for
# the domain's owner to decide, so it is off unless asked for and Django's reminder is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")
# The scheme the reverse proxy saw (X-Forwarded-Proto), without which SECURE_SSL_REDIRECT
# would redirect every request behind a TLS-terminating proxy forever.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SECURE_PROXY_SSL_HEADER", True) else None
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_LEVEL = env_str("TONGHOP_LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in LOG_LEVELS:
    raise ImproperlyConfigured(f"TONGHOP_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # pyHanko logs a traceback for every untrusted chain; the signature check says it plainly.
        "pyhanko": {"level": "CRITICAL"},
        # fontTools logs each subset font and matplotlib each font it looks up.
        "fontTools": {"level": "WARNING"},
        "matplotlib": {"level": "WARNING"},
    },
}
