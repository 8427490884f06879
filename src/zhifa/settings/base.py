"""Settings shared by every deployment.

Values that differ between machines come from the environment only. Missing production settings
fail at start-up with a clear message (see ``_require``); nothing secret is ever written here.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ZHIFA_DATA_DIR", BASE_DIR.parent.parent / "var")).resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _require(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"生产环境必须设置环境变量 {name}")
    return value


DEBUG = _env_bool("ZHIFA_DEBUG")
DEMO_MODE = _env_bool("ZHIFA_DEMO")
if DEBUG or DEMO_MODE:
    SECRET_KEY = os.environ.get("ZHIFA_SECRET_KEY") or "insecure-local-only-key-" + str(DATA_DIR)
else:
    SECRET_KEY = _require("ZHIFA_SECRET_KEY")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ZHIFA_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")]
# Behind nginx: trust its X-Forwarded-Proto (nginx must overwrite the header, see docs/operations.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("ZHIFA_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# Addresses (or CIDR networks) of the reverse proxies whose X-Forwarded-For is believed; empty: none.
ZHIFA_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("ZHIFA_TRUSTED_PROXIES", "").split(",") if p.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "django_tasks_db",
    "zhifa.core",
    "zhifa.org",
    "zhifa.legal",
    "zhifa.basedata",
    "zhifa.workflow",
    "zhifa.cases",
    "zhifa.documents",
]

MIDDLEWARE = [
    # First: the request id and actor context exist before anything touches the database.
    "zhifa.core.middleware.ActorContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhifa.core.middleware.UserCacheMiddleware",
    "zhifa.org.middleware.SessionGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "zhifa.urls"
WSGI_APPLICATION = "zhifa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhifa.core.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default="sqlite:///" + str(DATA_DIR / "zhifa.sqlite3"),
        conn_max_age=int(os.environ.get("ZHIFA_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Web requests and tasks run short statements: JIT compilation (100+ ms once a plan's estimated
    # cost passes jit_above_cost) and parallel workers (a process started per Gather) cost more
    # than they save, most of all on a loaded machine. See docs/decisions/0015-postgresql-session.md.
    # Empty for a PostgreSQL-compatible database without these parameters; an ``options`` given in
    # DATABASE_URL's query string (like its sslmode, kept as parsed) wins.
    session_options = os.environ.get("ZHIFA_DB_SESSION_OPTIONS", "-c jit=off -c max_parallel_workers_per_gather=0")
    if session_options:
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", session_options)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker share the file; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = ["zhifa.org.backends.RoleBackend"]
LOGIN_URL = "org:login"
LOGIN_REDIRECT_URL = "core:workbench"
LOGOUT_REDIRECT_URL = "org:login"

# How often each process re-reads the version tokens of cached shared data (seconds).
ZHIFA_ACCESS_RECHECK_SECONDS = float(os.environ.get("ZHIFA_ACCESS_RECHECK_SECONDS", "1"))
ZHIFA_UNREAD_RECHECK_SECONDS = float(os.environ.get("ZHIFA_UNREAD_RECHECK_SECONDS", "10"))
# How long the workbench figures of a scope, and a list's count that reached its cap ("10,000+"), are kept
# before they are counted again (seconds).
ZHIFA_FIGURE_SECONDS = int(os.environ.get("ZHIFA_FIGURE_SECONDS", "60"))
ZHIFA_CAPPED_COUNT_SECONDS = int(os.environ.get("ZHIFA_CAPPED_COUNT_SECONDS", "60"))
ZHIFA_LEGAL_RECHECK_SECONDS = float(os.environ.get("ZHIFA_LEGAL_RECHECK_SECONDS", "1"))

PASSWORD_HASHERS = [
    "zhifa.org.passwords.OwaspArgon2PasswordHasher",  # docs/decisions/0007-argon2-parameters.md
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "zhifa.org.passwords.CharacterClassValidator"},
]

# Login security (A3).
ZHIFA_LOGIN_MAX_FAILURES = int(os.environ.get("ZHIFA_LOGIN_MAX_FAILURES", "5"))
ZHIFA_LOGIN_LOCK_MINUTES = int(os.environ.get("ZHIFA_LOGIN_LOCK_MINUTES", "15"))
ZHIFA_REQUIRE_ADMIN_TOTP = _env_bool("ZHIFA_REQUIRE_ADMIN_TOTP", True)
ZHIFA_SESSION_IDLE_MINUTES = int(os.environ.get("ZHIFA_SESSION_IDLE_MINUTES", "30"))
ZHIFA_API_TOKEN_MAX_DAYS = int(os.environ.get("ZHIFA_API_TOKEN_MAX_DAYS", "365"))
# Single sign-on over OpenID Connect (统一身份认证; mozilla-django-oidc, see zhifa.org.services.oidc):
# login through the provider and back-channel logout from it. Accounts are matched, never created.
ZHIFA_OIDC_ENABLED = _env_bool("ZHIFA_OIDC_ENABLED")
OIDC_REQUIRED = (
    "ZHIFA_OIDC_ISSUER", "ZHIFA_OIDC_CLIENT_ID", "ZHIFA_OIDC_CLIENT_SECRET", "ZHIFA_OIDC_AUTHORIZATION_ENDPOINT",
    "ZHIFA_OIDC_TOKEN_ENDPOINT", "ZHIFA_OIDC_USERINFO_ENDPOINT", "ZHIFA_OIDC_JWKS_ENDPOINT",
)
if ZHIFA_OIDC_ENABLED and [_name for _name in OIDC_REQUIRED if not os.environ.get(_name)]:
    raise ImproperlyConfigured(
        "已开启统一身份认证（ZHIFA_OIDC_ENABLED），但未设置 "
        + "、".join(_name for _name in OIDC_REQUIRED if not os.environ.get(_name))
        + "；请配置接入参数或关闭该开关"
    )
ZHIFA_OIDC_ISSUER = os.environ.get("ZHIFA_OIDC_ISSUER", "")
# The claim whose value is the 执法通 user name of the person (e.g. preferred_username, or 工号).
ZHIFA_OIDC_USERNAME_CLAIM = os.environ.get("ZHIFA_OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_RP_CLIENT_ID = os.environ.get("ZHIFA_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("ZHIFA_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("ZHIFA_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("ZHIFA_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("ZHIFA_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("ZHIFA_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("ZHIFA_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("ZHIFA_OIDC_SCOPES", "openid profile")
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "org:oidc_callback"
# Signing out of 执法通 also ends the provider session (RP-initiated logout) when this is set.
ZHIFA_OIDC_END_SESSION_ENDPOINT = os.environ.get("ZHIFA_OIDC_END_SESSION_ENDPOINT", "")
OIDC_STORE_ID_TOKEN = True
if ZHIFA_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "zhifa.org.services.oidc.OidcBackend"]
SESSION_COOKIE_AGE = int(os.environ.get("ZHIFA_SESSION_MAX_HOURS", "10")) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _env_bool("ZHIFA_SECURE_COOKIES", not (DEBUG or DEMO_MODE))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
FORMAT_MODULE_PATH = ["zhifa.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "zhifa.core.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
ZHIFA_S3_TIMEOUT = float(os.environ.get("ZHIFA_S3_TIMEOUT", "30"))
if os.environ.get("ZHIFA_S3_BUCKET"):
    from botocore.config import Config as _BotoConfig

    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["ZHIFA_S3_BUCKET"],
            "endpoint_url": _require("ZHIFA_S3_ENDPOINT"),
            "access_key": _require("ZHIFA_S3_ACCESS_KEY"),
            "secret_key": _require("ZHIFA_S3_SECRET_KEY"),
            # Connect and read timeouts (seconds); two retries after a timeout, then the upload fails.
            "client_config": _BotoConfig(
                connect_timeout=ZHIFA_S3_TIMEOUT, read_timeout=ZHIFA_S3_TIMEOUT, retries={"max_attempts": 3}
            ),
        },
    }

# Attachments (A8).
ZHIFA_ATTACHMENT_MAX_BYTES = int(os.environ.get("ZHIFA_ATTACHMENT_MAX_MB", "50")) * 1024 * 1024
ZHIFA_ATTACHMENT_VIRUS_SCANNER = os.environ.get("ZHIFA_ATTACHMENT_VIRUS_SCANNER", "")

TASKS = {
    "default": {"BACKEND": os.environ.get("ZHIFA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")},
}
# A task (or mail/SMS delivery) held by a worker without a heartbeat for this long is run again.
ZHIFA_TASK_LEASE_SECONDS = float(os.environ.get("ZHIFA_TASK_LEASE_SECONDS", "120"))
# Timeouts of every call to an outside system, in seconds (docs/operations.md).
ZHIFA_SMTP_TIMEOUT = float(os.environ.get("ZHIFA_SMTP_TIMEOUT", "30"))
ZHIFA_SMS_TIMEOUT = float(os.environ.get("ZHIFA_SMS_TIMEOUT", "10"))
ZHIFA_VIRUS_SCAN_TIMEOUT = float(os.environ.get("ZHIFA_VIRUS_SCAN_TIMEOUT", "60"))

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("ZHIFA_SMTP_HOST", "localhost"),
            "port": int(os.environ.get("ZHIFA_SMTP_PORT", "25")),
            "username": os.environ.get("ZHIFA_SMTP_USER", ""),
            "password": os.environ.get("ZHIFA_SMTP_PASSWORD", ""),
            "use_tls": _env_bool("ZHIFA_SMTP_TLS"),
            "timeout": ZHIFA_SMTP_TIMEOUT,
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("ZHIFA_MAIL_FROM", "zhifa@localhost")
# Absolute links in e-mail and SMS (e.g. https://zhifa.example.gov.cn); empty means relative paths.
ZHIFA_SITE_URL = os.environ.get("ZHIFA_SITE_URL", "").rstrip("/")
# SMS gateway: dotted path of a zhifa.core.notifications.SmsGateway implementation.
ZHIFA_SMS_GATEWAY = os.environ.get("ZHIFA_SMS_GATEWAY", "zhifa.core.notifications.channels.LocalSmsGateway")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zhifa.org.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "zhifa.core.api.pagination.ZhifaPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "zhifa.core.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "执法通 API",
    "DESCRIPTION": "行政执法与执法监督平台的 REST 接口。所有接口使用令牌认证，并受数据权限约束。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema answers only signed-in users and token holders (/api/docs/ sends others to login).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI from the npm package copied by scripts/build_static.py, never from a CDN.
    "SWAGGER_UI_DIST": STATIC_URL + "vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": STATIC_URL + "vendor/swagger-ui/favicon-32x32.png",
}

DJANGO_TABLES2_TEMPLATE = "generic/table.html"
# Every form renders through one renderer: Tabler styling, Chinese placeholders, errors next to fields.
FORM_RENDERER = "zhifa.core.form_rendering.ZhifaFormRenderer"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "zhifa.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZHIFA_LOG_LEVEL", "INFO")},
    # SpiffWorkflow logs every task state change at INFO: keep only its warnings.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "spiff": {"level": "WARNING"}},
}
