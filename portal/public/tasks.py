from celery import shared_task

from .dashboard import dashboard_refresh


@shared_task(acks_late=True)
def dashboard_refresh_task():
    """Recompute the transparency dashboard's cached numbers."""
    dashboard_refresh()
