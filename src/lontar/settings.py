"""Lontar settings: one module, configured by environment variables (12-factor).

Defaults give a working demo on an embedded SQLite database; production sets at least
SECRET_KEY, DEBUG=false, ALLOWED_HOSTS, DATABASE_URL and usually REDIS_URL.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

env = environ.Env()
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
LOCAL_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=LOCAL_HOSTS)
# The built-in key only signs sessions of a development or test server that answers on this
# machine's own names. A server that answers on a real host name must bring its own key: starting
# one without it is an error, not a warning that scrolls past.
DEVELOPMENT_SECRET_KEY = "django-insecure-lontar-development-key-never-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY and set(ALLOWED_HOSTS) - set(LOCAL_HOSTS):
    raise ImproperlyConfigured(
        "SECRET_KEY is required in production (DEBUG=false, ALLOWED_HOSTS="
        f"{','.join(ALLOWED_HOSTS)}). Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "lontar.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "lontar.records.apps.RecordsConfig",
    "lontar.correspondence.apps.CorrespondenceConfig",
    "lontar.public_services.apps.PublicServicesConfig",
    "lontar.complaints.apps.ComplaintsConfig",
    "lontar.complaints.open311.apps.Open311Config",
    "lontar.staff.apps.StaffConfig",
    "lontar.staff.leave.apps.LeaveConfig",
    "lontar.staff.travel.apps.TravelConfig",
    "lontar.staff.attendance.apps.AttendanceConfig",
    "lontar.staff.reminders.apps.StaffRemindersConfig",
    "lontar.assets.apps.AssetsConfig",
    "lontar.assets.bookings.apps.BookingsConfig",
    "lontar.assets.supplies.apps.SuppliesConfig",
    "lontar.planning.apps.PlanningConfig",
    "lontar.meetings.apps.MeetingsConfig",
    "lontar.surveys.apps.SurveysConfig",
    "lontar.portal.apps.PortalConfig",
    "lontar.api.apps.ApiConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lontar.core.middleware.RequestIdMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lontar.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before the idle sign-out, which leaves a message for the sign-in page.
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lontar.core.middleware.IdleTimeoutMiddleware",
    "lontar.core.middleware.SecondFactorPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lontar.urls"
WSGI_APPLICATION = "lontar.wsgi.application"
ASGI_APPLICATION = "lontar.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lontar.core.context_processors.shell",
            ],
        },
    },
]

# --- database -----------------------------------------------------------------------------
DATA_DIR = Path(env.str("LONTAR_DATA_DIR", default=str(PROJECT_DIR / "var")))
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'lontar.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock at BEGIN,
    # so read-then-write sections (numbering, audit chain) serialise instead of deadlocking.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str("SQLITE_TEST_NAME", default="")
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    # An unreachable database fails a request (and /healthz) in seconds, not after the TCP timeout.
    # A `?connect_timeout=` in DATABASE_URL wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Per session: no JIT (it adds ~30 ms of compiling to short queries such as a ranked search) and
    # enough sort/bitmap memory for a search over a busy kecamatan (docs/benchmarks.md).
    # A `?options=` in DATABASE_URL wins.
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c jit=off -c work_mem={env.str('LONTAR_PG_WORK_MEM', default='16MB')}"
    )
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postg")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"

# --- cache, tasks, redis ------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# One variable chooses where background tasks go: the database (default; run `manage.py db_worker`)
# or RQ on Redis (`TASK_BACKEND=rq` with REDIS_URL; run `manage.py rqworker`).
TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
TASK_BACKEND = env.str("TASK_BACKEND", default="database")
if TASK_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASK_BACKEND={TASK_BACKEND!r} is not one of: {', '.join(TASK_BACKENDS)} (default: database)"
    )
if TASK_BACKEND == "rq" and not REDIS_URL:
    raise ImproperlyConfigured("TASK_BACKEND=rq needs REDIS_URL, e.g. redis://127.0.0.1:6379/0")
TASKS = {"default": TASK_BACKENDS[TASK_BACKEND]}
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}

# --- authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lontar.core.auth_backends.UsernameOrNipBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"
# Where a signed-in citizen (an account with no membership and no staff record) lands instead of the
# staff dashboard: the public-services portal page "Permohonan saya".
LONTAR_CITIZEN_HOME = "/layanan/akun/permohonan/"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
# Lock the account, not the address: a whole office usually shares one NAT address, and locking it
# would lock every colleague out after one person mistypes (axes.W006 is silenced for that reason).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
# One failure counter per account, however it was named (username in any case, NIP with or without spaces).
AXES_USERNAME_CALLABLE = "lontar.core.auth_backends.lockout_key"
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT_SECONDS", default=30 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
OTP_TOTP_ISSUER = "Lontar"
# After each wrong code a device refuses for 1, 2, 4 ... seconds (django-otp throttling; 0 = off).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
PASSWORD_RESET_TIMEOUT = 3600

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The city's zone for the screens and printed dates: Asia/Jakarta (WIB), Asia/Makassar (WITA) or
# Asia/Jayapura (WIT). Moments are stored in UTC; each office's own zone is in its profile.
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# --- static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
# Uploads and issued PDFs: never served by URL, only through permission-checked views.
LONTAR_PRIVATE_ROOT = Path(env.str("PRIVATE_ROOT", default=str(DATA_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
LONTAR_UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

# --- e-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Lontar <noreply@lontar.localhost>")

# --- documents and signatures ---------------------------------------------------------------
LONTAR_SIGNER = env.str("LONTAR_SIGNER", default="lontar.core.documents.signing.LocalCASigner")
LONTAR_CA_DIR = Path(env.str("LONTAR_CA_DIR", default=str(DATA_DIR / "ca")))
# BsreSigner (LONTAR_SIGNER=lontar.core.documents.signing.BsreSigner): the institution's BSrE client account.
LONTAR_BSRE_URL = env.str("LONTAR_BSRE_URL", default="")
LONTAR_BSRE_USERNAME = env.str("LONTAR_BSRE_USERNAME", default="")
LONTAR_BSRE_PASSWORD = env.str("LONTAR_BSRE_PASSWORD", default="")
LONTAR_BSRE_TIMEOUT = env.int("LONTAR_BSRE_TIMEOUT", default=60)
LONTAR_SMS_GATEWAY = env.str("LONTAR_SMS_GATEWAY", default="lontar.core.notifications.gateways.LogGateway")
LONTAR_SMS_GATEWAY_OPTIONS = env.json("LONTAR_SMS_GATEWAY_OPTIONS", default={})
# Online meetings (lontar.meetings): rooms are created under this Jitsi server; an office may run its own.
LONTAR_MEETING_BASE_URL = env.str("LONTAR_MEETING_BASE_URL", default="https://meet.jit.si")

# --- Satisfaction survey kiosks (lontar.surveys): defences against stuffing a counter tablet -----
SURVEY_KIOSK_MIN_FILL_SECONDS = env.int("SURVEY_KIOSK_MIN_FILL_SECONDS", default=8)
SURVEY_KIOSK_MIN_INTERVAL_SECONDS = env.int("SURVEY_KIOSK_MIN_INTERVAL_SECONDS", default=20)
SURVEY_KIOSK_MAX_PER_HOUR = env.int("SURVEY_KIOSK_MAX_PER_HOUR", default=60)
SURVEY_KIOSK_NONCE_MINUTES = env.int("SURVEY_KIOSK_NONCE_MINUTES", default=30)

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lontar API",
    "DESCRIPTION": "REST API Lontar (administrasi perkantoran dan pelayanan publik kecamatan).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models have a "status" with their own states; name each set after its workflow.
    "ENUM_NAME_OVERRIDES": {
        "OutgoingStatusEnum": "lontar.correspondence.models.outgoing.OutgoingStatus",
        "OutgoingOriginEnum": "lontar.correspondence.models.outgoing.OutgoingOrigin",
        "IncomingStatusEnum": "lontar.correspondence.models.incoming.IncomingStatus",
        "DispositionStatusEnum": "lontar.correspondence.models.dispositions.DispositionStatus",
        "RecordFileStatusEnum": "lontar.records.models.RecordFileStatus",
        "DisposalStatusEnum": "lontar.records.models.DisposalStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lontar.api.schema.document_error_responses",
    ],
}

# --- security (production) ------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
REFERRER_POLICY = "same-origin"
if not DEBUG and env.bool("HTTPS", default=False):
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers and monitoring probe each app server directly over plain http.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
