"""The officer's buttons on an application in the admin: one per allowed transition."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_queue import WorkflowAction

from . import services
from .constants import Status


class Action(WorkflowAction):
    def arguments(self, post):
        kwargs = {}
        if "blanko_serial" in self.needs:
            if not post.get("blanko_serial", "").strip():
                raise ValidationError(_("Isi nomor seri blanko KTP-el."))
            kwargs["blanko_serial"] = post["blanko_serial"].strip()
        if "date" in self.needs:
            try:
                kwargs["date"] = datetime.date.fromisoformat(post.get("date", ""))
            except ValueError as exc:
                raise ValidationError(_("Isi tanggal jadwal baru.")) from exc
        return kwargs


ACTIONS = {
    "verifikasi": Action(
        gettext_lazy("Verifikasi"),
        Status.DIVERIFIKASI,
        services.permohonan_verify,
        only_from=(Status.DIAJUKAN,),
    ),
    "minta_perbaikan": Action(
        gettext_lazy("Minta perbaikan"),
        Status.PERLU_PERBAIKAN,
        services.permohonan_revision_request,
        needs=("note", "fields"),
    ),
    "jadwalkan_ulang": Action(
        gettext_lazy("Jadwalkan ulang"),
        Status.DIVERIFIKASI,
        services.permohonan_reschedule,
        needs=("date", "note"),
        only_from=(Status.DIVERIFIKASI,),
    ),
    "rekam": Action(gettext_lazy("Kunjungan kantor selesai"), Status.DIREKAM, services.permohonan_record),
    "terbitkan": Action(
        gettext_lazy("Terbitkan"), Status.DITERBITKAN, services.permohonan_issue, needs=("blanko_serial",)
    ),
    "siap_diambil": Action(gettext_lazy("Siap diambil"), Status.SIAP_DIAMBIL, services.permohonan_ready),
    "selesai": Action(gettext_lazy("Selesai"), Status.SELESAI, services.permohonan_complete),
    "tolak": Action(
        gettext_lazy("Tolak"), Status.DITOLAK, services.permohonan_reject, needs=("note",), danger=True
    ),
}
