"""
Settings for production. Everything is read from the environment by base.py, whose defaults
are already the secure ones; DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, EMAIL_URL
and CELERY_BROKER_URL have no default and must be set.
"""

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL

if not CELERY_BROKER_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set the CELERY_BROKER_URL environment variable.")
