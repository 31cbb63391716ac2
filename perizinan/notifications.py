from django.urls import reverse

from portal.accounts.claims import follow_link
from portal.network import site_url
from portal.notifications.services import desk_receipt_send, notification_send_to_person

from .constants import Status
from .models import PermohonanIzin
from .services import revision_asked


def permohonan_izin_notify(*, permohonan_id, status):
    """
    Tell the owner, in their account's language, that their application reached `status`, once per
    change: by email, and by SMS where SMS is set up and they gave a phone
    (notification_send_to_person).
    """
    permohonan = PermohonanIzin.objects.select_related("applicant", "jenis_izin").get(pk=permohonan_id)
    change = permohonan.riwayat_set.filter(to_status=status).order_by("created_at", "id").last()
    return notification_send_to_person(
        person=permohonan.applicant,
        event="perizinan.status_changed",
        target=permohonan,
        key=str(change.pk) if change else status,
        context={
            "permohonan": permohonan,
            "status_label": Status(status).label,
            "note": change.note if change else "",
            "revision": revision_asked(permohonan=permohonan) if status == Status.PERLU_PERBAIKAN else [],
            # The status the email is about, not the application's now: its task may run later.
            "scheduled": status == Status.DIJADWALKAN,
            "track_url": site_url(reverse("public:track")),
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
