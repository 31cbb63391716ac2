from django.conf import settings
from django.urls import reverse

from portal.notifications.services import notification_send, notification_send_to_person

from .constants import Status
from .models import PermohonanIzin


def permohonan_izin_notify(*, permohonan_id, status):
    """Email the owner, in Indonesian, that their application reached `status`; once per change."""
    permohonan = PermohonanIzin.objects.select_related("applicant", "jenis_izin").get(pk=permohonan_id)
    if not permohonan.applicant.email:  # recorded at the desk without email: they follow by tracking
        return None
    change = permohonan.riwayat_set.filter(to_status=status).order_by("created_at", "id").last()
    return notification_send(
        event="perizinan.status_changed",
        target=permohonan,
        recipient=permohonan.applicant.email,
        key=str(change.pk) if change else status,
        context={
            "permohonan": permohonan,
            "status_label": Status(status).label,
            "note": change.note if change else "",
            "url": settings.SITE_URL.rstrip("/") + reverse("perizinan:detail", args=[permohonan.pk]),
        },
    )


def permohonan_izin_loket_receipt_notify(*, permohonan_id):
    """
    Send the receipt of an application filed at the desk: by email with the link to take over the
    account, and by SMS to the owner's phone where SMS is set up; return the notifications sent.
    """
    from portal.accounts.claims import account_claim_url, account_is_unclaimed

    permohonan = PermohonanIzin.objects.select_related("applicant", "jenis_izin", "assisted_by").get(
        pk=permohonan_id
    )
    owner = permohonan.applicant
    context = {
        "permohonan": permohonan,
        "officer_name": permohonan.assisted_by.get_full_name(),
        "claim_url": account_claim_url(user=owner) if account_is_unclaimed(owner) else "",
        "url": settings.SITE_URL.rstrip("/") + reverse("perizinan:detail", args=[permohonan.pk]),
        "track_url": settings.SITE_URL.rstrip("/") + reverse("public:track"),
    }
    return notification_send_to_person(
        email=owner.email,
        phone=owner.phone,
        event="perizinan.loket_receipt",
        target=permohonan,
        key=permohonan.reference,
        context=context,
    )
