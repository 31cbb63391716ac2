import datetime

from celery import shared_task

from .constants import Status
from .models import PermohonanIzin
from .notifications import permohonan_izin_loket_receipt_notify, permohonan_izin_notify
from .receipts import (
    izin_pdf_generate,
    izin_without_pdf,
    permohonan_izin_receipt_generate,
    permohonan_izin_without_receipt,
)
from .reminders import izin_expiry_remind
from .services import izin_expire

RETRY = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "max_retries": 8,
}


@shared_task(**RETRY)
def permohonan_izin_notify_task(self, permohonan_id, status):
    permohonan_izin_notify(permohonan_id=permohonan_id, status=status)


@shared_task(**RETRY)
def permohonan_izin_loket_receipt_task(self, permohonan_id):
    permohonan_izin_loket_receipt_notify(permohonan_id=permohonan_id)


@shared_task(**RETRY, retry_backoff_max=600)
def permohonan_izin_receipt_task(self, permohonan_id, renew=False):
    permohonan_izin_receipt_generate(permohonan_id=permohonan_id, renew=renew)


@shared_task(**RETRY, retry_backoff_max=600)
def izin_pdf_task(self, izin_id):
    izin_pdf_generate(izin_id=izin_id)


@shared_task(acks_late=True)
def permohonan_izin_receipt_sweep_task():
    """
    Queue what a broker down at submission or at issue lost: the receipts never made with the
    submission email beside each (an email already sent is not sent again), and licence PDFs.
    """
    ids = permohonan_izin_without_receipt(older_than=datetime.timedelta(minutes=2))
    assisted = set(
        PermohonanIzin.objects.filter(pk__in=ids, assisted_by__isnull=False).values_list("pk", flat=True)
    )
    for permohonan_id in ids:
        permohonan_izin_receipt_task.delay(permohonan_id)
        if permohonan_id in assisted:
            permohonan_izin_loket_receipt_task.delay(permohonan_id)
        else:
            permohonan_izin_notify_task.delay(permohonan_id, Status.DIAJUKAN)
    for izin_id in izin_without_pdf():
        izin_pdf_task.delay(izin_id)


@shared_task(acks_late=True)
def izin_expire_task():
    """Daily: licences past their date become kedaluwarsa."""
    izin_expire()


@shared_task(acks_late=True)
def izin_expiry_remind_task():
    """Daily: remind owners 90, 30 and 7 days before a licence ends, once each."""
    izin_expiry_remind()
