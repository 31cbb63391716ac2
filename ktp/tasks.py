import datetime

from celery import shared_task

from .constants import Status
from .models import PermohonanKTP
from .notifications import permohonan_loket_receipt_notify, permohonan_notify
from .receipts import permohonan_receipt_generate, permohonan_without_receipt
from .reminders import ktp_kitap_expiry_remind

RETRY = {"acks_late": True, "autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 8}


@shared_task(**RETRY)
def permohonan_notify_task(permohonan_id, status):
    permohonan_notify(permohonan_id=permohonan_id, status=status)


@shared_task(**RETRY)
def permohonan_loket_receipt_task(permohonan_id):
    permohonan_loket_receipt_notify(permohonan_id=permohonan_id)


@shared_task(**RETRY)
def permohonan_receipt_task(permohonan_id):
    permohonan_receipt_generate(permohonan_id=permohonan_id)


@shared_task(**RETRY)
def permohonan_receipt_renew_task(permohonan_id):
    permohonan_receipt_generate(permohonan_id=permohonan_id, renew=True)


@shared_task(acks_late=True)
def permohonan_receipt_sweep_task():
    """
    Queue the receipts that were never made (broker down at submission, a lost task), and the
    submission email queued beside each, lost with it; an email already sent is not sent again.
    """
    ids = permohonan_without_receipt(older_than=datetime.timedelta(minutes=2))
    assisted = set(
        PermohonanKTP.objects.filter(pk__in=ids, assisted_by__isnull=False).values_list("pk", flat=True)
    )
    for permohonan_id in ids:
        permohonan_receipt_task.delay(permohonan_id)
        if permohonan_id in assisted:
            permohonan_loket_receipt_task.delay(permohonan_id)
        else:
            permohonan_notify_task.delay(permohonan_id, Status.DIAJUKAN)


@shared_task(acks_late=True)
def ktp_kitap_expiry_remind_task():
    """Daily: remind foreign residents ahead of the deadline to report their KTP-el's extension."""
    ktp_kitap_expiry_remind()
