"""The licensing officer's buttons on an application in the admin: one per allowed transition."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_queue import WorkflowAction
from portal.money import RupiahField

from . import services
from .constants import Status
from .models import IndeksGangguan


class Action(WorkflowAction):
    def arguments(self, post):
        kwargs = {}
        if "appointment" in self.needs:
            kwargs["appointment_at"] = _appointment(post)
            kwargs["place"] = post.get("place", "")
        if "survey" in self.needs and post.get("indeks_gangguan"):
            # An index not on the list (deleted meanwhile, or a hand-made post) is no survey result.
            chosen = post["indeks_gangguan"]
            found = IndeksGangguan.objects.filter(pk=chosen).first() if chosen.isdigit() else None
            kwargs["indeks_gangguan"] = found
            kwargs["note"] = post.get("note", "")
        if "payment" in self.needs:
            kwargs["paid_amount"] = _amount(post.get("paid_amount", ""))
            kwargs["payment_receipt"] = post.get("payment_receipt", "")
        return kwargs


def _appointment(post):
    try:
        day = datetime.date.fromisoformat(post.get("date", ""))
        time = datetime.time.fromisoformat(post.get("time", "") or "09:00")
    except ValueError as exc:
        raise ValidationError(_("Isi tanggal dan jam tanda tangan yang sah.")) from exc
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _amount(text):
    """Read the amount on the payment slip as every rupiah field of the portal reads it."""
    invalid = RupiahField.default_error_messages["invalid"]
    return RupiahField(error_messages={"required": invalid}).clean(text)


ACTIONS = {
    "verifikasi": Action(
        gettext_lazy("Verifikasi"),
        Status.DIVERIFIKASI,
        services.permohonan_izin_verify,
        needs=("survey",),
        only_from=(Status.DIAJUKAN,),
    ),
    "minta_perbaikan": Action(
        gettext_lazy("Minta perbaikan"),
        Status.PERLU_PERBAIKAN,
        services.permohonan_izin_revision_request,
        needs=("note", "fields"),
        only_from=(Status.DIAJUKAN,),
    ),
    "jadwalkan": Action(
        gettext_lazy("Jadwalkan tanda tangan"),
        Status.DIJADWALKAN,
        services.permohonan_izin_schedule,
        needs=("appointment", "note"),
    ),
    "tanda_tangan": Action(
        gettext_lazy("Catat tanda tangan dan pembayaran"),
        Status.DITANDATANGANI,
        services.permohonan_izin_sign,
        needs=("payment",),
    ),
    "terbitkan": Action(gettext_lazy("Terbitkan izin"), Status.DITERBITKAN, services.permohonan_izin_issue),
    "tolak": Action(
        gettext_lazy("Tolak"), Status.DITOLAK, services.permohonan_izin_reject, needs=("note",), danger=True
    ),
}
