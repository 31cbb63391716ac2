from django.conf import settings
from django.db import connection
from kombu import Connection


def database_reachable() -> bool:
    """Return whether the database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def broker_reachable() -> bool:
    """Return whether the Celery broker accepts a connection; eager mode needs none."""
    if not settings.CELERY_BROKER_URL:
        return settings.CELERY_TASK_ALWAYS_EAGER
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        return True
    except Exception:
        return False
