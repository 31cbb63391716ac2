from celery import shared_task

from .notifications import permohonan_izin_loket_receipt_notify, permohonan_izin_notify
from .receipts import izin_pdf_generate, permohonan_izin_receipt_generate

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
def permohonan_izin_receipt_task(self, permohonan_id):
    permohonan_izin_receipt_generate(permohonan_id=permohonan_id)


@shared_task(**RETRY, retry_backoff_max=600)
def izin_pdf_task(self, izin_id):
    izin_pdf_generate(izin_id=izin_id)


@shared_task(acks_late=True)
def izin_expire_task():
    """Daily: licences past their date become kedaluwarsa."""
    from .services import izin_expire

    izin_expire()


@shared_task(acks_late=True)
def izin_expiry_remind_task():
    """Daily: remind owners 90, 30 and 7 days before a licence ends, once each."""
    from .reminders import izin_expiry_remind

    izin_expiry_remind()
