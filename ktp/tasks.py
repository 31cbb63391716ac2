from celery import shared_task

from .notifications import permohonan_notify


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def permohonan_notify_task(self, permohonan_id, status):
    permohonan_notify(permohonan_id=permohonan_id, status=status)
