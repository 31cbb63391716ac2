"""
Settings for Layanan Publik Tulungagung.

This module is the only one that reads the environment. Its defaults are the safe, production
ones; dev.py and test.py only set environment defaults for a developer's machine and then import
this module. Every variable is listed in README.md and .env.example.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# ------------------------------------------------------------------------------
# Core
# https://docs.djangoproject.com/en/5.2/ref/settings/#core-settings
# ------------------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SITE_ID = 1

INSTALLED_APPS = [
    "portal.admin_site.PortalAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "portal.wilayah",
    "portal.accounts",
    "portal.health",
    "portal.holidays",
    "portal.notifications",
    "portal.verification",
    "portal.audit",
    "portal.documents",
    "portal.public",
    "ktp",
    "perizinan",
    "koordinasi",
    "pengadaan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.OfficerTwoFactorMiddleware",
    "portal.middleware.ServiceUnavailableMiddleware",
    "portal.middleware.MethodNotAllowedPageMiddleware",
    # Last: turns a login refused for lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

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
                "portal.public.context_processors.portal",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# Database: SQLite under var/ unless DATABASE_URL names PostgreSQL
# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# ------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Connections are reused: opening one per request costs more than most pages' own work.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A write transaction takes SQLite's lock when it begins and waits up to 20 s for it, so two
    # requests writing at once (a double click on Ajukan) queue instead of failing "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same cache, with a failing server read as a miss (portal/cache.py); a slow one is given up
    # on after CACHE_TIMEOUT_SECONDS, so it can slow a page only that much.
    CACHES["default"]["BACKEND"] = "portal.cache.RedisCache"
    _cache_timeout = env.float("CACHE_TIMEOUT_SECONDS", default=0.5)
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": _cache_timeout, "socket_timeout": _cache_timeout}
    )

# ------------------------------------------------------------------------------
# Accounts and authentication
# https://docs.allauth.org/en/latest/account/configuration.html
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out login is refused before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sign-in by email address.
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2 for new and changed passwords; older hashes still verify and are upgraded at login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Officers' sessions end after this many idle seconds; citizens keep Django's default.
STAFF_SESSION_SECONDS = env.int("STAFF_SESSION_SECONDS", default=30 * 60)
AUTH_PASSWORD_VALIDATORS = [
    {
        # The account's own attributes: Django's default names fields this User model does not have.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "name"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute force: after AXES_FAILURE_LIMIT wrong passwords for one account from one address, that
# pair is locked for AXES_COOLOFF_MINUTES (django-axes). Locking the pair, not the account alone,
# keeps a stranger from locking a citizen out, and a shared front-office address from locking all.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "portal.accounts.lockout.login_username"
AXES_CLIENT_IP_CALLABLE = "portal.network.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.accounts.lockout.lockout_response"
AXES_VERBOSE = False
# allauth's own per-account throttle would let anyone lock a citizen out; axes locks the pair
# instead, and allauth keeps its per-address limit.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "public:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# A taken email must get a clear message at sign-up, so enumeration is not hidden.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "portal.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Layanan Publik Tulungagung] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="https")
# Two-factor (TOTP + recovery codes, allauth.mfa); staff must set it up before the admin opens.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Layanan Publik Tulungagung"
# Development only: a code that always passes. Read only with DEBUG on, as allauth allows it: with
# DEBUG off (a developer trying production behaviour) it would make every officer's sign-in a 500.
MFA_TOTP_INSECURE_BYPASS_CODE = (env("MFA_TOTP_INSECURE_BYPASS_CODE", default="") or None) if DEBUG else None
MFA_FORMS = {
    "authenticate": "portal.accounts.allauth_forms.TwoFactorCodeForm",
    "activate_totp": "portal.accounts.allauth_forms.ActivateTOTPForm",
}
ACCOUNT_FORMS = {
    "login": "portal.accounts.allauth_forms.LoginForm",
    "signup": "portal.accounts.allauth_forms.AllauthSignupForm",
    "reset_password": "portal.accounts.allauth_forms.ResetPasswordForm",
    "reset_password_from_key": "portal.accounts.allauth_forms.ResetPasswordKeyForm",
    "change_password": "portal.accounts.allauth_forms.ChangePasswordForm",
    "reauthenticate": "portal.accounts.allauth_forms.ReauthenticateForm",
}
# Second-factor codes an account may try (django-ratelimit, in the cache), after the password.
MFA_CODE_RATE = env("MFA_CODE_RATE", default="5/5m")
# When set (e.g. tulungagung.go.id), an officer's account must have an address at one of these
# domains or their subdomains: its password link goes there, not to a mailbox an administrator chose.
OFFICER_EMAIL_DOMAINS = env.list("OFFICER_EMAIL_DOMAINS", default=[])
# Desk account codes tried at sign-up for one NIK, from any address (portal.accounts.forms.SignupForm).
ACCOUNT_CLAIM_CODE_RATE = env("ACCOUNT_CLAIM_CODE_RATE", default="10/d")

# ------------------------------------------------------------------------------
# Internationalisation: Bahasa Indonesia by default, English available
# https://docs.djangoproject.com/en/5.2/topics/i18n/
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------
# Static and media files
# https://whitenoise.readthedocs.io/en/stable/django.html
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Citizens' documents: outside MEDIA_ROOT and any public URL, served only by permission-checked views.
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=5 * 1024 * 1024)
# The most documents one form sends: a licence's document step may ask for each of its 11 kinds, and
# a memo takes that many attachments at a time. nginx's body limit (deploy/render.py) is this many.
DOCUMENTS_PER_REQUEST = 11
# "django" (FileResponse, also streams from S3), "x-accel" / "x-sendfile" to let nginx / Apache send
# a local file, or "redirect" to a presigned S3 link valid DOCUMENT_URL_SECONDS, after the check.
DOCUMENT_SERVE_METHOD = env("DOCUMENT_SERVE_METHOD", default="django")
DOCUMENT_URL_SECONDS = env.int("DOCUMENT_URL_SECONDS", default=60)
# Images are decoded to be re-encoded: a "pixel bomb" larger than this is refused first.
DOCUMENT_MAX_IMAGE_PIXELS = env.int("DOCUMENT_MAX_IMAGE_PIXELS", default=40_000_000)
# Documents of finished, rejected or withdrawn applications are deleted this long after closing.
DOCUMENT_RETENTION_DAYS = env.int("DOCUMENT_RETENTION_DAYS", default=730)
# A draft application nobody saved for this many days is deleted with its documents; its applicant
# is told this many days before (DRAFT_RETENTION_NOTICE_DAYS). No regulation sets these: policy.
DRAFT_RETENTION_DAYS = env.int("DRAFT_RETENTION_DAYS", default=90)
DRAFT_RETENTION_NOTICE_DAYS = env.int("DRAFT_RETENTION_NOTICE_DAYS", default=14)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("DJANGO_STATIC_MANIFEST", default=True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Citizens' documents: local disk (PRIVATE_MEDIA_ROOT), or with DOCUMENTS_STORAGE=s3 a private bucket
# of S3-compatible object storage that several web nodes share.
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
DOCUMENTS_STORAGE = env("DOCUMENTS_STORAGE", default="local")
if DOCUMENTS_STORAGE == "s3":
    from botocore.config import Config as S3ClientConfig

    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="") or None,
            "location": env("AWS_LOCATION", default="dokumen"),
            # Never public: private objects, only short-lived signed links, names never reused.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": DOCUMENT_URL_SECONDS,
            "file_overwrite": False,
            # An object store that is down or hung must not hold a web worker: give up soon, and
            # the citizen is told to try again (portal.documents.storage.StorageUnavailable).
            "client_config": S3ClientConfig(
                connect_timeout=env.float("AWS_S3_CONNECT_TIMEOUT", default=3),
                read_timeout=env.float("AWS_S3_READ_TIMEOUT", default=20),
                retries={"max_attempts": env.int("AWS_S3_MAX_ATTEMPTS", default=2), "mode": "standard"},
            ),
        },
    }
elif DOCUMENTS_STORAGE == "local":
    STORAGES["documents"] = {"BACKEND": "portal.documents.storage.PrivateFileSystemStorage"}
else:
    raise ImproperlyConfigured(f"DOCUMENTS_STORAGE must be 'local' or 's3', not {DOCUMENTS_STORAGE!r}.")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# ------------------------------------------------------------------------------
# Email
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url
# ------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Layanan Publik Tulungagung <noreply@tulungagung.go.id>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A hung mail server must not hold a notification's row lock for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=15)
# SMS (a desk receipt to a citizen's phone): a backend as for email; empty sends no SMS.
# portal.notifications.sms.HttpSmsBackend posts {"to", "text"} to the regency's gateway.
SMS_BACKEND = env("SMS_BACKEND", default="")
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env("SMS_GATEWAY_TOKEN", default="")
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=10)
# A notification whose sending failed (mail server down) keeps its message and is sent again by a
# periodic sweep every NOTIFICATION_RETRY_MINUTES, up to NOTIFICATION_MAX_ATTEMPTS tries in all
# (the defaults cover a mail server down for a whole day).
NOTIFICATION_RETRY_MINUTES = env.int("NOTIFICATION_RETRY_MINUTES", default=10)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=150)
# A sent message names its citizen and their application: its kept text is cleared this many days
# after it was recorded; the record of what was sent to whom, and when, stays.
NOTIFICATION_BODY_RETENTION_DAYS = env.int("NOTIFICATION_BODY_RETENTION_DAYS", default=90)

# ------------------------------------------------------------------------------
# Security: secure unless dev.py/test.py say otherwise
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
# ------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere, the admin included: every script and style sheet is a file
# under /static/. QR codes on pages are data: images. https://django-csp.readthedocs.io/en/latest/configuration.html
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
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The portal uses no device feature: turn them off for the page and anything it could embed.
# https://github.com/adamchainz/django-permissions-policy
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

# ------------------------------------------------------------------------------
# Celery: eager (in-process) when no broker is configured
# https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
# ------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Fail fast when the broker is down: the submission succeeds and the sweep queues the work later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# With acks_late, a task whose worker died is redelivered after this many seconds (Redis).
# Kombu looks for such tasks every 10 s; its default throttle makes that every 100 s.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_throttle": 1,
}

# ------------------------------------------------------------------------------
# Logging: everything to stdout, as a container or systemd expects
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# The serial number printed on a KTP-el blank, checked when an officer issues a card: a regular
# expression, since its format is the national card supplier's and may change with a new batch.
KTP_BLANKO_SERIAL_PATTERN = env("KTP_BLANKO_SERIAL_PATTERN", default=r"[0-9A-Z][0-9A-Z-]{2,29}")
# What a refused serial's message says the format is; empty for the default pattern's own words.
KTP_BLANKO_SERIAL_HELP = env("KTP_BLANKO_SERIAL_HELP", default="")
# A draft's booked day at the kecamatan office is held for it this many hours after the applicant
# last saved it; a draft left longer gives the day back to others, and must book again if it filled.
KTP_DRAFT_SLOT_HOLD_HOURS = env.int("KTP_DRAFT_SLOT_HOLD_HOURS", default=24)
# Working days promised for a KTP-el where a kecamatan set none for the kind (no regulation fixes it).
KTP_DEFAULT_SLA_DAYS = env.int("KTP_DEFAULT_SLA_DAYS", default=14)
# A foreign resident must report the extension of their KTP-el 30 days before their KITAP ends
# (UU 24/2013 Pasal 63(4)); their reminder goes out this many days before that deadline, time enough
# to extend the KITAP at immigration first.
KTP_KITAP_REMINDER_LEAD_DAYS = env.int("KTP_KITAP_REMINDER_LEAD_DAYS", default=30)
# Working days an addressed officer has to answer a memo, by its sifat. The usual handling times
# (Sangat segera 24 hours, Segera 2x24 hours) are practice, unchecked against the regulation's text.
KOORDINASI_SIFAT_WORKING_DAYS = {
    "segera": env.int("KOORDINASI_SEGERA_WORKING_DAYS", default=2),
    "sangat_segera": env.int("KOORDINASI_SANGAT_SEGERA_WORKING_DAYS", default=1),
}

# Tracking by reference: attempts allowed per visitor address and per reference (django-ratelimit,
# counted in CACHE_URL, which several web nodes must share). Behind a proxy, read the client's
# address from the header the proxy sets, e.g. HTTP_X_REAL_IP.
TRACK_RATE_PER_IP = env("TRACK_RATE_PER_IP", default="20/10m")
TRACK_RATE_PER_REFERENCE = env("TRACK_RATE_PER_REFERENCE", default="5/10m")
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")
# When the front proxy received a request in full (portal.network.request_received_at): the META
# key of its stamp, e.g. HTTP_X_REQUEST_START from deploy/'s nginx. Empty: the server's clock when a
# worker takes the request, which at a deadline surge may be seconds after the proxy had it. A
# stamp older than REQUEST_START_MAX_AGE_SECONDS or in the future is ignored for the clock.
REQUEST_START_META_KEY = env("REQUEST_START_META_KEY", default="")
REQUEST_START_MAX_AGE_SECONDS = 60

# Personal numbers (NIK, KK) are encrypted at rest (portal/crypto.py). PERSONAL_DATA_KEYS: Fernet
# keys, comma-separated; the first encrypts, all decrypt (rotation). PERSONAL_DATA_HASH_KEY: the
# HMAC key of the exact-search hash columns; changing it needs every hash recomputed.
PERSONAL_DATA_KEYS = env.list("PERSONAL_DATA_KEYS")
PERSONAL_DATA_HASH_KEY = env("PERSONAL_DATA_HASH_KEY")

# Sealed tender bids (pengadaan/sealing.py): each package's key is derived from these Fernet keys
# and the package's reference, so no key is ever stored in the database. The first seals, all
# unseal (rotation). Without a key the portal runs, and sealing a bid refuses with a clear error.
PENGADAAN_BID_KEYS = env.list("PENGADAAN_BID_KEYS", default=[])
# Open contracting data: every ocid is this prefix plus the package's id. A real prefix
# ("ocds-" + 6 characters) is registered with the Open Contracting Partnership.
OCDS_OCID_PREFIX = env("OCDS_OCID_PREFIX", default="ocds-xxxxxx-tulungagung")

# Kiosk mode (a public terminal at a kecamatan front office): a session ends after a few idle
# minutes, and a "Selesai" button ends it at once.
KIOSK_MODE = env.bool("KIOSK_MODE", default=False)
KIOSK_IDLE_MINUTES = env.int("KIOSK_IDLE_MINUTES", default=5)
if KIOSK_MODE:
    SESSION_COOKIE_AGE = KIOSK_IDLE_MINUTES * 60
    SESSION_SAVE_EVERY_REQUEST = True
    SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# ------------------------------------------------------------------------------
# The portal itself
# ------------------------------------------------------------------------------
PORTAL_NAME = "Pemerintah Kabupaten Tulungagung"
PORTAL_CONTACT = {
    "address": env(
        "PORTAL_CONTACT_ADDRESS", default="Jl. Ahmad Yani Timur No. 37, Tulungagung, Jawa Timur 66212"
    ),
    "phone": env("PORTAL_CONTACT_PHONE", default="(0355) 321153"),
    "email": env("PORTAL_CONTACT_EMAIL", default="layanan@tulungagung.go.id"),
    # The national public complaint channel (SP4N-LAPOR!) beside the portal's own desk.
    "complaints": env("PORTAL_COMPLAINTS", default="SP4N-LAPOR! https://www.lapor.go.id"),
}
