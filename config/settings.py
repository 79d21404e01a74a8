"""Zimmerwald settings: one module, configured by environment variables only.

With nothing set, the site runs on a laptop: SQLite in var/, tasks in-process,
mail written to var/mail/. Production sets DEBUG=0 with the variables in README.md.
"""

from pathlib import Path

import django.conf.locale
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env.boolean("DEBUG", True)

SECRET_KEY = (
    env.string("SECRET_KEY", required=not DEBUG) or "django-insecure-laptop-only-key-never-used-with-DEBUG-0"
)
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise env.ConfigurationError("SECRET_KEY", "must be at least 50 random characters when DEBUG=0")

SITE_URL = env.http_url("SITE_URL", None if not DEBUG else "http://127.0.0.1:8000", required=not DEBUG)
_site_host = SITE_URL.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[0]
_site_origin = SITE_URL.split("://", 1)[0] + "://" + SITE_URL.split("://", 1)[1].split("/", 1)[0]
ALLOWED_HOSTS = env.string_list(
    "ALLOWED_HOSTS", [_site_host, "localhost", "127.0.0.1", "[::1]"] if DEBUG else [_site_host]
)
CSRF_TRUSTED_ORIGINS = env.origin_list("CSRF_TRUSTED_ORIGINS", [_site_origin])

SITE_NAME = env.string("SITE_NAME", "Zimmerwald")
DEFAULT_FROM_EMAIL = env.email_address("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@{_site_host}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Who may create a conference: by default the accounts that site staff gave the permission
# events.add_conference; OPEN_CONFERENCE_CREATION=1 lets every account do it (a private install).
OPEN_CONFERENCE_CREATION = env.boolean("OPEN_CONFERENCE_CREATION", False)
# The public registration form's organization suggestions, per client address (django-ratelimit).
ORGANIZATION_SUGGESTIONS_RATE_LIMIT = "60/m"

INSTALLED_APPS = [
    # Before the apps whose translation.py it reads and before the admin (its documented place).
    "modeltranslation",
    "common",
    "accounts",
    "events",
    "program.apps.ProgramConfig",
    "registrations",
    "online",
    "proceedings",
    "outbox",
    "demo",
    "api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its templates, for FORM_RENDERER
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "django_htmx",
    "simple_history",
    "ninja",  # its Swagger UI's files, served from here (no CDN)
]

MIDDLEWARE = [
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "accounts.middleware.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

SITE_ID = 1
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

# Forms are rendered from the templates above, so that a form rendered whole opens with its error summary.
FORM_RENDERER = "common.forms.renderers.FormRenderer"

# Databases --------------------------------------------------------------------------------

DATABASES = {"default": env.database("DATABASE_URL", VAR_DIR / "zimmerwald.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so that two concurrent
    # registrations cannot both read "one seat left" (DESIGN.md, flow 3).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache and Celery broker -----------------------------------------------------------

REDIS_URL = env.redis_url("REDIS_URL")

if REDIS_URL:
    # Shared by every process, so that rate limits and counters hold across machines. While Redis does
    # not answer, each process keeps them in memory and logs one warning (config/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    # Room for a big program's serialized VEVENTs (events.calendar) in each language asked.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# What {% cache %} keeps (pieces of pages the same for every visitor, such as the registration form's
# fields), in each process's memory: a few of them, read at every view of a page, cheaper there than
# fetched from Redis, and gone with the process when a deploy changes the templates.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
    "OPTIONS": {"MAX_ENTRIES": 200},
}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 3600
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Each worker runs its tasks in threads: delivering mail is mostly waiting for the SMTP server and for
# PostgreSQL's commits, and threads let those waits overlap (bench/fanout.py). The time limits below
# hold under the prefork pool only; in threads a delivery is bounded by EMAIL_TIMEOUT, and a row held
# longer than outbox.delivery.STALE_SENDING goes back to the queue.
CELERY_WORKER_POOL = env.string("CELERY_WORKER_POOL", "threads")
CELERY_WORKER_CONCURRENCY = env.integer("CELERY_WORKER_CONCURRENCY", 8, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_TIME_LIMIT = 10 * 60
# With acks_late, Redis hands an unacknowledged task to another worker after this
# timeout, so it must exceed the hard time limit of the longest task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "outbox.sweep", "schedule": 60.0},
    "campaign-reminders": {"task": "events.send_due_reminders", "schedule": 60.0},
    "start-reminders": {"task": "online.send_due_start_reminders", "schedule": 60.0},
    "team-digests": {"task": "registrations.send_due_digests", "schedule": 60.0},
    "webhook-sweep": {"task": "outbox.sweep_webhooks", "schedule": 60.0},
}
CELERY_TIMEZONE = "UTC"

# Mail ------------------------------------------------------------------------------------

MAIL_DIR = VAR_DIR / "mail"
globals().update(env.email("EMAIL_URL", MAIL_DIR))
EMAIL_TIMEOUT = 30

# Accounts --------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6.0's default, taken now
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "events:conference-list"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = SITE_URL.split("://", 1)[0]
# allauth's default limits (login failures, sign-ups, codes, password resets) are kept;
# they live in the cache, which is Redis whenever REDIS_URL is set.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "request_login_code": "20/m/ip,3/m/key",
}
# RATELIMIT_ENABLE=0 turns every limit off (load tests and benchmarks): allauth's and ours.
RATELIMIT_ENABLE = env.boolean("RATELIMIT_ENABLE", True)
if not RATELIMIT_ENABLE:
    ACCOUNT_RATE_LIMITS = False
# Webhooks may post to http:// and to private or loopback addresses: for development and tests only
# (a public instance must not let a conference's team reach its own network through them).
WEBHOOKS_ALLOW_LOCAL = env.boolean("WEBHOOKS_ALLOW_LOCAL", False)
# The API (api/throttling.py): requests per token (or signed-in person), and per address on the public routes.
API_RATE_LIMIT = env.string("API_RATE_LIMIT", "1200/hour")
API_PUBLIC_RATE_LIMIT = env.string("API_PUBLIC_RATE_LIMIT", "600/hour")
# The public registration form (django-ratelimit): per address of the client, and per email typed.
REGISTRATION_RATE_LIMITS = {"ip": "30/h", "email": "5/h"}
# An ended personal link's page, which mails a fresh link: per address of the client, and per link.
LINK_RENEWAL_RATE_LIMITS = {"ip": "30/h", "link": "5/h"}
# Personal links (/r/...) end this many days after the conference's last day (or after they were
# made, for a link mailed later); the ended link's page offers to mail a fresh one.
PERSONAL_LINK_DAYS_AFTER_CONFERENCE = env.integer("PERSONAL_LINK_DAYS_AFTER_CONFERENCE", 90)
# Behind a reverse proxy every request comes from the proxy's address. TRUSTED_PROXY_COUNT proxies each
# append the address they saw to X-Forwarded-For; the client is that many entries from the right
# (config/client_ip.py), for allauth's limits and ours alike. 0: the address that connected.
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT  # accounts.adapters asks config.client_ip all the same
RATELIMIT_IP_META_KEY = "config.client_ip.client_ip"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# Languages and time ------------------------------------------------------------------------

# Kurmanji is not among Django's languages: declare it so that get_language_info() knows it.
django.conf.locale.LANG_INFO["kmr"] = {
    "bidi": False,
    "code": "kmr",
    "name": "Kurdish (Kurmanji)",
    "name_local": "Kurmancî",
}

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("tr", _("Turkish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("it", _("Italian")),
    ("el", _("Greek")),
    ("kmr", _("Kurdish (Kurmanji)")),
    ("hy", _("Armenian")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
]
LANGUAGES_BIDI = ["ar", "fa"]
# Texts the organizers write have a column per language (common/content.py says which one a reader gets).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": tuple(code for code, _name in LANGUAGES)}
# The project's catalogs (make messages), then those of allauth's, Django's and django-countries' strings
# in the languages these packages ship none or too little for (manage.py vendor_messages).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "vendor"]
USE_I18N = True
# Date and number formats of the languages Django has none for (Kurmanji, Armenian), as CLDR says.
FORMAT_MODULE_PATH = ["common.formats"]
TIME_ZONE = "UTC"
USE_TZ = True

# Static files ----------------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded documents and materials. For S3-compatible storage install django-storages and set
    # FILE_STORAGE=storages.backends.s3.S3Storage with FILE_STORAGE_OPTIONS as a JSON object.
    "default": {
        "BACKEND": env.string("FILE_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json_object("FILE_STORAGE_OPTIONS", {}),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# Security --------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", False)

# Content-Security-Policy on every response that has none of its own (uploaded files keep their stricter
# `default-src 'none'; sandbox`, config/uploads.py): scripts and stylesheets only from our own static
# files, no inline script, no eval. Style *attributes* stay allowed: they carry per-row values a
# stylesheet cannot know (a track's colour, a session's column, a campaign's progress), cannot run
# script, and with default-src 'self' cannot load anything from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SILENCED_SYSTEM_CHECKS = []
if not DEBUG and not SECURE_HSTS_PRELOAD:
    # Preloading is a promise about the whole domain that only its owner can make.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Logging: everything to stderr, where gunicorn, celery and compose collect it --------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.string("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "INFO"},
    },
}
