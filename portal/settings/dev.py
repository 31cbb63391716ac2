"""Settings for a developer's machine: the embedded defaults of `make run`."""

import os
from pathlib import Path

_VAR = Path(__file__).resolve().parent.parent.parent / "var"
(_VAR / "static").mkdir(parents=True, exist_ok=True)

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_VAR / 'db.sqlite3'}")
os.environ.setdefault("EMAIL_URL", "consolemail://")
os.environ.setdefault("SMS_BACKEND", "portal.notifications.sms.ConsoleSmsBackend")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_HSTS_SECONDS", "0")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")
os.environ.setdefault("MFA_TOTP_INSECURE_BYPASS_CODE", "000000")
# Fixed, public development keys: data encrypted with them is protected by nothing.
os.environ.setdefault("PERSONAL_DATA_KEYS", "ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMDAwMDE=")
os.environ.setdefault("PERSONAL_DATA_HASH_KEY", "dev-only-personal-data-hash-key")
os.environ.setdefault("PENGADAAN_BID_KEYS", "ZGV2LW9ubHktdGVuZGVyLWJpZC1zZWFsLWtleS0wMDE=")

from .base import *  # noqa: E402,F403
