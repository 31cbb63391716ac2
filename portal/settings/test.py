"""Settings for the test suite: like dev, but fast hashing and a file SQLite test database."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("MFA_TOTP_INSECURE_BYPASS_CODE", "")  # tests answer real codes
os.environ.setdefault("EMAIL_URL", "smtp://127.0.0.1:1")  # pytest-django swaps in locmem
os.environ.setdefault("SMS_BACKEND", "portal.notifications.sms.LocmemSmsBackend")
# Tasks run in-process unless a test starts a real worker (tests/conftest.py).
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
# Live-server threads must not keep connections open past a test, or the test database stays in use.
os.environ.setdefault("DJANGO_CONN_MAX_AGE", "0")

from .dev import *  # noqa: E402,F403
from .dev import DATABASES, VAR_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A file, not :memory:, so that a real Celery worker in a subprocess sees the same test database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file per run, so two runs on one machine do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
