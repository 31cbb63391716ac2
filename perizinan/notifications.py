from django.urls import reverse

from portal.accounts.claims import follow_link
from portal.notifications.services import desk_receipt_send, notification_send

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
            # The status the email is about, not the application's now: its task may run later.
            "scheduled": status == Status.DIJADWALKAN,
            **follow_link(
                user=permohonan.applicant, detail_path=reverse("perizinan:detail", args=[permohonan.pk])
            ),
        },
    )


def permohonan_izin_loket_receipt_notify(*, permohonan_id):
    """Send the receipt of an application filed at the desk, by email and SMS (desk_receipt_send)."""
    permohonan = PermohonanIzin.objects.select_related("applicant", "jenis_izin", "assisted_by").get(
        pk=permohonan_id
    )
    detail = reverse("perizinan:detail", args=[permohonan.pk])
    return desk_receipt_send(permohonan=permohonan, event="perizinan.loket_receipt", detail_path=detail)
