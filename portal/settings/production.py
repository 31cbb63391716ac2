"""
Settings for production. Everything is read from the environment by base.py, whose defaults
are already the secure ones; DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, EMAIL_URL,
CELERY_BROKER_URL, PERSONAL_DATA_KEYS and PERSONAL_DATA_HASH_KEY have no default and must be set.
"""

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL

if not CELERY_BROKER_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set the CELERY_BROKER_URL environment variable.")

# NIK/KK encryption keys (portal/crypto.py): refuse to start with a malformed key, the public
# development key or a short hash key, rather than fail at the first citizen's submission.
from .base import PERSONAL_DATA_HASH_KEY, PERSONAL_DATA_KEYS  # noqa: E402


def _personal_keys_valid(keys, hash_key) -> bool:
    from cryptography.fernet import Fernet

    try:
        [Fernet(key) for key in keys]
    except ValueError:
        return False
    return bool(keys) and "ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMDAwMDE=" not in keys and len(hash_key) >= 32


if not _personal_keys_valid(PERSONAL_DATA_KEYS, PERSONAL_DATA_HASH_KEY):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Set PERSONAL_DATA_KEYS to your own Fernet keys and PERSONAL_DATA_HASH_KEY to 32+ random "
        "characters (see README, Configuration)."
    )

# The public development key of sealed bids would let anyone holding a backup open every bid
# before its opening.
from .base import PENGADAAN_BID_KEYS  # noqa: E402

if "ZGV2LW9ubHktdGVuZGVyLWJpZC1zZWFsLWtleS0wMDE=" in PENGADAAN_BID_KEYS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set PENGADAAN_BID_KEYS to your own Fernet keys, not the development key.")

# ------------------------------------------------------------------------------
# Sessions stay in the database (Django's default engine), not in the cache: with the cache written
# through (cached_db), a logout or a role change made while the cache was down would leave the old
# session in the cache, served again once it is back. One indexed query per signed-in request.
# ------------------------------------------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"
