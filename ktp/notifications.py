from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .constants import Status
from .models import PermohonanKTP


def permohonan_notify(*, permohonan_id, status):
    """Email the applicant, in Indonesian, that their application reached `status`."""
    permohonan = PermohonanKTP.objects.select_related("applicant", "kecamatan").get(pk=permohonan_id)
    with translation.override("id"):
        context = {
            "permohonan": permohonan,
            "status_label": Status(status).label,
            "note": permohonan.riwayat_set.filter(to_status=status).values_list("note", flat=True).last()
            or "",
            "url": settings.SITE_URL + reverse("ktp:detail", args=[permohonan.pk]),
        }
        subject = render_to_string("emails/ktp/status_subject.txt", context).strip()
        body = render_to_string("emails/ktp/status.txt", context)
    send_mail(subject, body, None, [permohonan.applicant.email])
