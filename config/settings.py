"""Tadamun settings, read from the environment (see .env.example).

With nothing set, the project runs for development on SQLite and a filesystem broker. Production
sets DEBUG=0 and the variables marked "required in production" in .env.example; a missing secret
then fails loudly instead of falling back to a default.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
# A v3 onion address (rend-spec-v3, "Encoding onion addresses"): 56 base32 characters. Served over
# plain http: the onion service encrypts and authenticates end to end, and no certificate
# authority signs .onion names for free.
ONION_URL_SHAPE = re.compile(r"http://[a-z2-7]{56}\.onion")

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# The first run's SQLite database, broker folder, beat schedule and mails (make run).
VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var")))
DEBUG = env.bool("DEBUG", default=False)
# A run on this machine to try the site or work on it (`make run`): SQLite, a filesystem
# broker, mails as one line in the terminal, an insecure key and plain http are allowed.
# DEBUG only adds Django's technical error pages; `make run` leaves it off, so that its error
# pages are the translated ones members see, unless `make run DEBUG=1` asks for them.
DEVELOPMENT = env.bool("DEVELOPMENT", default=DEBUG)
# Production refuses to start without these, set and not empty (.env.example).
REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "SITE_URL", "DATABASE_URL", "REDIS_URL", "EMAIL_URL")
if not DEVELOPMENT:
    # Every problem at once, one a line (scripts/serve.py prints each): not one per attempt.
    _problems = [
        f"Set the {_name} environment variable (or its line in .env)"
        for _name in REQUIRED_IN_PRODUCTION
        if not env.str(_name, default="")
    ]
    if (
        env.str("DATABASE_URL", default="")
        and env.db_url("DATABASE_URL")["ENGINE"] != "django.db.backends.postgresql"
    ):
        _problems.append(
            "DATABASE_URL must name a PostgreSQL database (postgres://…) when DEBUG is off."
        )
    if _problems:
        raise ImproperlyConfigured("\n".join(_problems))

if DEVELOPMENT:
    SECRET_KEY = env("SECRET_KEY", default="development-only-insecure-key-do-not-use-in-production")
else:
    SECRET_KEY = env("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The site's public address, scheme and host (https://tadamun.example.org): every absolute link
# (emails, calendar feeds and their subscription addresses, check-in codes) is built from it,
# never from a request's Host header. Required in production; in development, the address
# `make run` and `manage.py runserver` serve at.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000") if DEVELOPMENT else env("SITE_URL")
if not DEVELOPMENT:
    # Production answers for its public address, and trusts forms posted from it, unless these
    # say more; both follow SITE_URL when it moves (also to a port other than 443).
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[urlsplit(SITE_URL).hostname])
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
# The site's Tor onion service, http://<56 characters>.onion (docs/DEPLOY.md), or empty. The site
# answers on it as well and trusts forms posted there; clearnet pages point Tor Browser to it
# (Onion-Location); members' mails and feeds link to the address they use (members/links.py).
ONION_URL = env("ONION_URL", default="").rstrip("/")
if ONION_URL:
    if not ONION_URL_SHAPE.fullmatch(ONION_URL):
        raise ImproperlyConfigured(
            "ONION_URL must be a v3 onion service's address, http:// and 56 letters and digits "
            "followed by .onion, with no path (e.g. http://…abcd.onion)."
        )
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, urlsplit(ONION_URL).hostname]
    CSRF_TRUSTED_ORIGINS = [*CSRF_TRUSTED_ORIGINS, ONION_URL]

INSTALLED_APPS = [
    # modeltranslation must come before the admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "members",
    "events",
    "notifications",
    # The public read API at /api/v1/ (events/api/, issue 15).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
]

MIDDLEWARE = [
    # Links on the address a request came through, Onion-Location, and the onion host's requests
    # past the next one's redirect to https (config/middleware.py): keep the two together.
    "config.middleware.onion_service",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files carry these headers too.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "config.middleware.cross_origin_resource_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, feeds and exports gzip-compressed when the browser accepts it (issue 16: a page is
    # a fifth of its size). Below WhiteNoise, which sends static files compressed already.
    # Against BREACH (a secret in a page guessed from the compressed length), Django ≥ 4.2 pads
    # each response with up to 100 random bytes ("Heal the Breach": GZipMiddleware's
    # max_random_bytes, django/utils/text.py's compress_string), and CSRF tokens are masked
    # anew for each response.
    "django.middleware.gzip.GZipMiddleware",
    # Answers other sites' browsers for the public read API only (CORS_URLS_REGEX below).
    "corsheaders.middleware.CorsMiddleware",
    # The embeddable list ignores every cookie: the same page for everyone (config/cookieless.py).
    "config.cookieless.without_cookies",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signing out clears the browser's copies of pages (members/middleware.py).
    "members.middleware.clear_site_data_on_sign_out",
    "members.middleware.MemberLanguageMiddleware",
    # After the member's language: the API's `?lang=` wins for all its answers and refusals.
    "events.api.middleware.ApiLanguageMiddleware",
    "members.middleware.MemberTimezoneMiddleware",
    "members.middleware.MemberDigitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "members.middleware.StaffMfaMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so that the 405 page it renders has the reader's language, session and menu.
    "config.middleware.method_not_allowed_page",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "members.context_processors.membership",
            ],
        },
    },
]

# --- Data stores ------------------------------------------------------------------------------
# parents: VAR_DIR may name a folder whose parents do not exist yet (/tmp/x/var).
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tadamun.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Connections live on between requests and between Celery tasks (see config/celery.py), checked
# before reuse: a reminder run is thousands of small tasks, and opening a PostgreSQL connection
# for each would cost more than the work itself.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The first run's database is shared by the web server, two worker processes and beat:
    # write-ahead logging lets pages read while a worker writes, and a transaction that will
    # write takes the lock when it begins instead of failing half-way ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that drops packets instead of refusing would hold a web worker for the
    # proxy's whole timeout (nginx's 502); five seconds, then the translated 503 page.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # While Redis is away the site carries on as with an empty cache (config/cache.py); the
    # timeouts keep a Redis that does not answer from holding up each request.
    CACHES = {
        "default": {
            "BACKEND": "config.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="tadamun"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -----------------------------------------------------------------------------------
# Without Redis, kombu's filesystem transport lets `make run` work with no broker server at all.
# "localhost": the transport ignores the host, but kombu warns about a missing one at each start.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://localhost/")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Sending mail mostly waits on the SMTP server and the database: two processes per core keep the
# cores busy (bench/reminders.py measures it).
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=2 * (os.cpu_count() or 1))
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
# Celery's Django support closes the database connection after every task unless told to keep
# it; config/celery.py then applies CONN_MAX_AGE and the health check, as a request would.
CELERY_DB_REUSE_MAX = 1_000_000
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Where beat remembers its last runs; one file per beat (the deploy smoke test runs its own).
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULE = {
    "purge-unverified-signups": {
        "task": "members.purge_unverified_signups",
        "schedule": 60 * 60,
    },
    "schedule-reminders": {
        "task": "notifications.schedule_reminders",
        "schedule": 60,
    },
    # Need to know (issue 13): an event's held-back address, to its confirmed attendees.
    "release-venues": {
        "task": "notifications.release_venues",
        "schedule": 60,
    },
    "weekly-digest": {
        "task": "notifications.weekly_digest",
        "schedule": crontab(minute=0, hour=8, day_of_week="monday"),
    },
    # Hourly, not daily, so that attendees' data goes within the hour of the date pages promise.
    "erase-personal-data": {
        "task": "events.erase_due_personal_data",
        "schedule": 60 * 60,
    },
}
# Sending retries on temporary SMTP errors: base × 2^attempt seconds, at most this many times.
NOTIFICATIONS_MAX_RETRIES = env.int("NOTIFICATIONS_MAX_RETRIES", default=5)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.float("NOTIFICATIONS_RETRY_BASE_SECONDS", default=30)
NOTIFICATIONS_RETRY_MAX_SECONDS = env.float("NOTIFICATIONS_RETRY_MAX_SECONDS", default=3600)
# Deliveries per send task, sent over one SMTP connection (notifications/tasks.py).
NOTIFICATIONS_BATCH_SIZE = env.int("NOTIFICATIONS_BATCH_SIZE", default=100)
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # Redis hands a task nobody acknowledged to another worker after this many seconds. A retry
    # waits up to NOTIFICATIONS_RETRY_MAX_SECONDS; with a shorter window a second worker would
    # take the waiting retry too, and an account mail or guest link (no row guards them) would
    # go out twice.
    CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = (
        int(NOTIFICATIONS_RETRY_MAX_SECONDS) + 3600
    )

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "members.validators.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "members.adapters.MemberAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's rate limits (ACCOUNT_RATE_LIMITS) stay at their defaults, which are on; they need a
# shared cache, which is Redis whenever REDIS_URL is set. They count a signed-out visitor by a
# keyed hash of their address, never the address (members/adapters.py, docs/PRIVACY.md).
# The header in which the TLS proxy passes on the visitor's address (deploy/nginx.conf sets
# X-Real-IP); without it every visitor would count as the proxy, under one rate limit. A request
# without the header (straight to gunicorn) counts by its own peer address.
_proxy_header = "X-Real-IP" if env.bool("BEHIND_TLS_PROXY", default=False) else ""
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default=_proxy_header) or None
# The project's own abuse limits (members/ratelimit.py): times in a window of seconds, counted
# per member, or per visitor's address (hashed) when signed out; "_address" per email address.
RATE_LIMITS = {
    "guest_register": (10, 60 * 60),
    "guest_register_address": (3, 60 * 60),
    "rsvp": (30, 60 * 60),
    "proposal_create": (20, 60 * 60),
    "comment": (30, 60 * 60),
}
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3

# --- Public API (events/api/, /api/v1/) ---------------------------------------------------------
# JSON only: the documentation page (/api/docs/) is the API's human face, and no browsable HTML
# with its forms and inline scripts is served. Requests per client (its address, hashed as
# above) and per token, in DRF's rate format ("60/minute"); a client over its rate gets 429.
REST_FRAMEWORK = {
    # JSON only: no browsable API (`?format=api` is a 404), another Accept a 406. Errors are
    # worded as events/api/errors.py says.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["events.api.errors.JsonParser"],
    "EXCEPTION_HANDLER": "events.api.errors.api_exception_handler",
    # Personal API tokens (Authorization: Bearer, members/authentication.py), never a session:
    # the read endpoints never look at who asks, but a token's calls are counted per member.
    "DEFAULT_AUTHENTICATION_CLASSES": ["members.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "events.api.pagination.StartsAtCursorPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=20),
    "DEFAULT_THROTTLE_CLASSES": [
        "events.api.throttling.ClientRateThrottle",
        "events.api.throttling.TokenRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="120/minute"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tadamun API",
    "DESCRIPTION": "Public events of the alliance, in Arabic, Persian and English.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "members.enums.Language",
        "EventStatusEnum": "events.enums.EventStatus",
        "RsvpStatusEnum": "events.enums.RsvpStatus",
        # The language a text of the API is written in (`title_language`, events/api/fields.py).
        "TextLanguageEnum": "events.api.language.CONTENT_LANGUAGES",
    },
    # Nothing from other sites: no validator badge from swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}
# Other sites' scripts may read the public endpoints, never with the reader's cookies; the
# schema, the docs page and a member's own answers stay same-origin.
CORS_URLS_REGEX = r"^/api/v1/(events|topics)(/.*)?$"
# Addresses answered as to a stranger, cookies dropped unread (config/cookieless.py).
COOKIELESS_URLS_REGEX = r"^/embed/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# allauth's mails name the site in the reader's language: members/adapters.py.
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupProfileForm"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Tadamun"
MFA_FORMS = {
    "authenticate": "members.forms_mfa.AuthenticateForm",
    "reauthenticate": "members.forms_mfa.ReauthenticateForm",
    "activate_totp": "members.forms_mfa.ActivateTOTPForm",
}
# People who sign up but never verify their address are removed after this many days.
UNVERIFIED_SIGNUP_RETENTION_DAYS = env.int("UNVERIFIED_SIGNUP_RETENTION_DAYS", default=7)
# Days after an event ends until its attendees' personal data is erased; what goes is listed in
# events/services/retention.py.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=30)
if PERSONAL_DATA_RETENTION_DAYS < 0:
    raise ImproperlyConfigured("PERSONAL_DATA_RETENTION_DAYS cannot be negative.")
# Membership by vouching (issue 13; members/selectors_vouching.py). MEMBERSHIP_APPROVAL:
# "organizer" (an organizer approves; the default), "vouches" (that many vouches from approved
# members approve as well) or "both" (an organizer approves once that many have vouched).
MEMBERSHIP_APPROVAL = env.str("MEMBERSHIP_APPROVAL", default="organizer")
MEMBERSHIP_VOUCHES_REQUIRED = env.int("MEMBERSHIP_VOUCHES_REQUIRED", default=0)
if MEMBERSHIP_APPROVAL not in ("organizer", "vouches", "both"):
    raise ImproperlyConfigured('MEMBERSHIP_APPROVAL must be "organizer", "vouches" or "both".')
if MEMBERSHIP_VOUCHES_REQUIRED < 0 or (
    (MEMBERSHIP_APPROVAL == "organizer") != (MEMBERSHIP_VOUCHES_REQUIRED == 0)
):
    raise ImproperlyConfigured(
        'MEMBERSHIP_VOUCHES_REQUIRED must be 1 or more with MEMBERSHIP_APPROVAL "vouches" or '
        '"both", and 0 (vouching off) with "organizer".'
    )

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("ar", "fa", "en")
# A text missing in the reader's language falls back to the first language it was written in.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ar", "fa", "en")}
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEVELOPMENT

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEVELOPMENT
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# `make run` serves the source folders as they are, without collectstatic, DEBUG or not.
WHITENOISE_USE_FINDERS = DEVELOPMENT
WHITENOISE_AUTOREFRESH = DEVELOPMENT
# collectstatic writes a gzip and a Brotli copy of each text file (Brotli: requirements.txt).
# Source maps are for developers' tools only, and the largest files (megabytes): not worth
# the minutes Brotli's best quality takes on them.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# --- Email ------------------------------------------------------------------------------------
if DEVELOPMENT and not env.str("EMAIL_URL", default=""):
    # One line a mail in the terminal, the whole message in var/mail/ (config/terminal.py).
    EMAIL_BACKEND = "config.terminal.TerminalEmailBackend"
else:
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Tadamun <no-reply@tadamun.localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = not DEVELOPMENT
CSRF_COOKIE_SECURE = not DEVELOPMENT
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie: forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEVELOPMENT)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEVELOPMENT else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEVELOPMENT)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEVELOPMENT)
SECURE_CONTENT_TYPE_NOSNIFF = True
# A form whose token is missing or out of date: the translated page (config/views.py).
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Every script, style sheet, font and image comes from the site itself, and no page has inline
# script, <style> or style="" (tests/test_security_headers.py checks each page type; the browser
# suite fails on any violation Chromium reports). img-src allows data: for the icons Bootstrap's
# CSS draws as data: SVGs (select arrows, check marks, the menu button).
# No upgrade-insecure-requests: every source is 'self', which on an HTTPS page is HTTPS already.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Browser features no page uses are switched off, for the site and anything it might embed.
# Check-in codes are read by the phone's own camera app, never by the site.
PERMISSIONS_POLICY = dict.fromkeys(
    [
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "geolocation",
        "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment",
        "serial", "usb", "xr-spatial-tracking",
    ],
    (),
)  # fmt: skip

# No log line carries a client's address (docs/PRIVACY.md): the filter blanks one passed as an
# argument, as runserver does for a broken pipe; and Django's error mails to ADMINS, which list
# the request's headers and address, are not sent (its "django" logger gets no mail handler).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_client_address": {"()": "config.log_filters.WithoutClientAddress"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_client_address"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["no_client_address"],
        },
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
if DEVELOPMENT:
    # `make run`'s terminal (scripts/run.py puts the time and the process before each line):
    # one line a request, the access line of runserver; one line a mail (config/terminal.py);
    # Celery's own lines only when something is wrong. The worker and beat keep this handler
    # and format instead of Celery's, whose lines carry a second time and the process's name.
    LOGGING["formatters"]["terminal"] = {"()": "config.terminal.TerminalFormatter"}
    LOGGING["formatters"]["django.server"]["format"] = "{message}"
    # A page's stylesheets, scripts and icon are no news: only their failures get a line.
    LOGGING["filters"]["without_static_files"] = {"()": "config.terminal.WithoutStaticFiles"}
    LOGGING["handlers"]["django.server"]["filters"].append("without_static_files")
    LOGGING["handlers"]["console"]["formatter"] = "terminal"
    LOGGING["loggers"].update(
        {
            # The 4xx a request answered is on its access line already ("Not Found: /x").
            "django.request": {"level": "ERROR"},
            "celery": {"level": "WARNING"},
            "kombu": {"level": "WARNING"},
        }
    )
    CELERY_WORKER_HIJACK_ROOT_LOGGER = False
