from celery import shared_task

from .notifications import disposisi_notify, naskah_arrival_notify, naskah_reminder_send


@shared_task(bind=True, acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def naskah_arrival_notify_task(self, naskah_id):
    naskah_arrival_notify(naskah_id=naskah_id)


@shared_task(bind=True, acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def disposisi_notify_task(self, disposisi_id):
    disposisi_notify(disposisi_id=disposisi_id)


@shared_task(acks_late=True)
def naskah_reminder_send_task():
    """Every 15 minutes: one reminder per officer for a Sangat Segera memo unread 4 hours, on working days."""
    naskah_reminder_send()
