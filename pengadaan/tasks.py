from celery import shared_task

RETRY = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "max_retries": 8,
}


@shared_task(**RETRY)
def penyedia_notify_task(self, penyedia_id, riwayat_id):
    from .notifications import penyedia_notify

    penyedia_notify(penyedia_id=penyedia_id, riwayat_id=riwayat_id)


@shared_task(**RETRY)
def pendaftaran_notify_task(self, pendaftaran_id):
    from .notifications import pendaftaran_notify

    pendaftaran_notify(pendaftaran_id=pendaftaran_id)


@shared_task(**RETRY)
def paket_notify_task(self, paket_id, event, key):
    from .notifications import paket_notify

    paket_notify(paket_id=paket_id, event=event, key=key)


@shared_task(**RETRY)
def penawaran_receipt_task(self, penawaran_id):
    """Render the bid's receipt, then tell the vendor (both idempotent)."""
    from .notifications import penawaran_notify
    from .receipts import penawaran_receipt_generate

    document = penawaran_receipt_generate(penawaran_id=penawaran_id)
    penawaran_notify(penawaran=document.target)


@shared_task(**RETRY)
def pembukaan_record_task(self, paket_id):
    from .receipts import pembukaan_record_generate

    pembukaan_record_generate(paket_id=paket_id)


@shared_task(**RETRY)
def bahp_record_task(self, paket_id):
    from .receipts import bahp_generate

    bahp_generate(paket_id=paket_id)


@shared_task(**RETRY)
def sanggah_notify_task(self, sanggah_id):
    from .notifications import sanggah_notify

    sanggah_notify(sanggah_id=sanggah_id)


@shared_task(**RETRY)
def langsung_notify_task(self, paket_id):
    from .notifications import langsung_notify

    langsung_notify(paket_id=paket_id)
