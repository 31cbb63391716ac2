"""What the portal's public pages show of licensing: tracking by reference and the dashboard cases."""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from portal.audit.exports import model_fields, personal_field
from portal.public.dashboard import cases_of

from .constants import Status
from .models import Izin, PermohonanIzin, RiwayatPermohonanIzin, Usaha
from .services import USAHA_FIELDS, revision_asked


def permohonan_izin_track(*, reference, factors) -> dict | None:
    """Return an application's public status when the NPWP's last 4 digits match, else None."""
    permohonan = (
        PermohonanIzin.objects.filter(reference=reference)
        .exclude(status=Status.DRAF)
        .select_related("jenis_izin")
        .prefetch_related("riwayat_set")
        .first()
    )
    npwp4 = factors.get("npwp4") or ""
    if permohonan is None or len(npwp4) != 4 or not permohonan.npwp.endswith(npwp4):
        return None
    # What an officer asked to be corrected, while it waits: field names, no personal data.
    waiting = permohonan.status == Status.PERLU_PERBAIKAN
    return {
        "reference": permohonan.reference,
        "service": f"{permohonan.jenis_izin.name}: {permohonan.get_jenis_display()}",
        "status": permohonan.get_status_display(),
        "office": _("DPMPTSP Kabupaten Tulungagung"),
        "submitted": permohonan.submitted_at,
        "due": permohonan.sla_due,
        "timeline": [(h.created_at, h.to_status_label) for h in permohonan.riwayat_set.all()],
        "corrections": revision_asked(permohonan=permohonan) if waiting else [],
    }


def permohonan_izin_dashboard_cases():
    """
    Yield every submitted application as a dashboard case, from the status history. The office's
    work is done when the licence is ready to sign and the signing scheduled: the days until the
    day its owner chose, offered from the SLA date on, are not the office's (as a KTP-el card
    waiting for pickup). One rejected or withdrawn after that is not completed.
    """
    closed = (Status.DITOLAK, Status.DIBATALKAN)
    # Every licence issued passed dijadwalkan (constants.TRANSITIONS); the first time counts.
    scheduled = RiwayatPermohonanIzin.objects.filter(
        permohonan=OuterRef("pk"), to_status=Status.DIJADWALKAN
    ).order_by("created_at")
    rows = (
        PermohonanIzin.objects.exclude(submitted_at=None)
        .annotate(finished_at=Subquery(scheduled.values("created_at")[:1]))
        .values_list(
            "jenis_izin__code", "desa__kecamatan__name", "submitted_at", "sla_due", "status", "finished_at"
        )
        .iterator(chunk_size=5000)
    )
    rows = (
        (code, kecamatan or "-", submitted, due, status, None if status in closed else finished)
        for code, kecamatan, submitted, due, status, finished in rows
    )
    yield from cases_of(rows, closed_statuses=closed, waiting_statuses=(Status.PERLU_PERBAIKAN,))


def _jenis_izin_field(jenis_izin):
    return personal_field(label=_("Jenis izin"), value=jenis_izin.name, code=jenis_izin.code)


def perizinan_personal_data(user) -> dict:
    """Return the user's businesses, licence applications and licences, for their own data download."""
    return {
        "usaha": [
            {
                "nama": u.nama_usaha,
                "npwp": u.npwp,
                "nib": u.nib,
                "alamat": u.alamat_usaha,
                "penanggung_jawab": u.penanggung_jawab,
                "nik_penanggung_jawab": u.penanggung_jawab_nik,
            }
            for u in Usaha.objects.filter(owner=user)
        ],
        # In full, as the KTP-el section: what the owner typed (the person in charge and their NIK
        # too), the documents, the signing day and the history with the officers' notes.
        "permohonan": [
            {
                "nomor": p.reference,
                "jenis_izin": _jenis_izin_field(p.jenis_izin),
                "jenis": p.get_jenis_display(),
                "status": p.get_status_display(),
                "usaha": p.nama_usaha,
                "data_usaha": model_fields(p, USAHA_FIELDS),
                "jadwal_tanda_tangan": p.appointment_at,
                "diajukan": p.submitted_at,
                "dokumen": [d.get_kind_display() for d in p.dokumen_set.all()],
                "riwayat": [
                    {"waktu": h.created_at, "status": h.to_status_label, "catatan": h.note}
                    for h in p.riwayat_set.all()
                ],
            }
            for p in PermohonanIzin.objects.filter(applicant=user)
            .select_related("jenis_izin", "desa__kecamatan", "indeks_lokasi")
            .prefetch_related("riwayat_set", "dokumen_set")
            .order_by("-created_at")
        ],
        "izin": [
            {
                "nomor": i.nomor,
                "jenis_izin": _jenis_izin_field(i.jenis_izin),
                "status": i.get_status_display(),
            }
            for i in Izin.objects.filter(usaha__owner=user).select_related("jenis_izin")
        ],
    }
