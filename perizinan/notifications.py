from django.conf import settings
from django.urls import reverse

from portal.notifications.services import notification_send

from .constants import Status
from .models import PermohonanIzin


def permohonan_izin_notify(*, permohonan_id, status):
    """Email the owner, in Indonesian, that their application reached `status`; once per change."""
    permohonan = PermohonanIzin.objects.select_related("applicant", "jenis_izin").get(pk=permohonan_id)
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
