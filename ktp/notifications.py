from django.urls import reverse
from django.utils import timezone

from portal.accounts.claims import follow_link
from portal.holidays.selectors import is_working_date, working_days_add
from portal.network import site_url
from portal.notifications.services import desk_receipt_send, notification_send_to_person
from portal.workflow import revision_labels

from .constants import Status
from .models import LayananKecamatan, PermohonanKTP
from .services import revision_choices


def permohonan_notify(*, permohonan_id, status):
    """
    Tell the applicant, in their account's language, that their application reached `status`, once
    per change: by email, and by SMS where SMS is set up and they gave a phone
    (notification_send_to_person).
    """
    permohonan = PermohonanKTP.objects.select_related("applicant", "kecamatan").get(pk=permohonan_id)
    change = permohonan.riwayat_set.filter(to_status=status).order_by("created_at", "id").last()
    layanan = LayananKecamatan.objects.filter(kecamatan_id=permohonan.kecamatan_id).first()
    visit = status in (Status.DIAJUKAN, Status.DIVERIFIKASI) and permohonan.appointment_date is not None
    context = {
        "permohonan": permohonan,
        "status_label": change.to_status_label if change else Status(status).label,
        "note": change.note if change else "",
        # What to correct, in the message itself: a citizen served at a desk may have no account.
        "revision": revision_labels(fields=permohonan.revision_fields, choices=revision_choices(permohonan))
        if status == Status.PERLU_PERBAIKAN
        else [],
        **follow_link(user=permohonan.applicant, detail_path=reverse("ktp:detail", args=[permohonan.pk])),
        "layanan": layanan,
        # The office visit is still ahead only until the biometrics are recorded or the documents checked,
        # and only while its day has not passed nor been made a holiday: either gets a new day from
        # the office (the verification's note says so for a holiday).
        "visit_ahead": visit
        and permohonan.appointment_date >= timezone.localdate()
        and is_working_date(permohonan.appointment_date),
        "visit_missed": visit and permohonan.appointment_date < timezone.localdate(),
        "rescheduled": change is not None and change.from_status == change.to_status,
        "track_url": site_url(reverse("public:track")),
    }
    if status == Status.SIAP_DIAMBIL and layanan is not None:
        ready = timezone.localdate(change.created_at) if change else timezone.localdate()
        context["pickup_until"] = working_days_add(start=ready, days=layanan.pickup_days)
    return notification_send_to_person(
        person=permohonan.applicant,
        event="ktp.status_changed",
        target=permohonan,
        key=str(change.pk) if change else status,
        context=context,
    )


def permohonan_loket_receipt_notify(*, permohonan_id):
    """Send the receipt of an application filed at the desk, by email and SMS (desk_receipt_send)."""
    permohonan = PermohonanKTP.objects.select_related("applicant", "kecamatan", "assisted_by").get(
        pk=permohonan_id
    )
    detail = reverse("ktp:detail", args=[permohonan.pk])
    return desk_receipt_send(permohonan=permohonan, event="ktp.loket_receipt", detail_path=detail)
