import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.roles import Role
from portal.audit.exports import model_fields
from portal.crypto import personal_digest
from portal.public.dashboard import cases_of
from portal.verification.models import IssuedDocument
from portal.workflow import UNTOUCHED_DRAFT, filed_by, revision_labels

from .constants import IDENTITY_CHECKED_STATUSES, OPEN_STATUSES, Jenis, Status, StatusKTP
from .models import KTP, Pekerjaan, Penduduk, PermohonanKTP, RiwayatStatus

# The version of what is cached from the occupation rows (portal.cache.version).
PEKERJAAN_VERSION = "ktp-pekerjaan"


def pekerjaan_list() -> QuerySet:
    """Return the occupations of the SIAK list as a select lists them, by name."""
    return Pekerjaan.objects.only("id", "name").order_by("name")


def _officer_scope(qs, user, kecamatan_lookup) -> QuerySet:
    """Return `qs` whole for Dispendukcapil, its part in a kecamatan officer's kecamatan, else none."""
    if user.is_superuser or user.has_role(Role.PETUGAS_DISPENDUKCAPIL):
        return qs
    if user.kecamatan_id and user.has_role(Role.PETUGAS_KECAMATAN):
        return qs.filter(**{kecamatan_lookup: user.kecamatan_id})
    return qs.none()


def permohonan_visible_to(*, user) -> QuerySet:
    """Return the applications an officer may see: their kecamatan's, or all for Dispendukcapil."""
    return _officer_scope(PermohonanKTP.objects.exclude(status=Status.DRAF), user, "kecamatan_id")


def penduduk_visible_to(*, user) -> QuerySet:
    """Return the residents an officer may see: living in their kecamatan, or all for Dispendukcapil."""
    return _officer_scope(Penduduk.objects.select_related("desa__kecamatan"), user, "desa__kecamatan_id")


def permohonan_queue(*, user) -> QuerySet:
    """Return the officer's queue with what the list shows, in one query."""
    return permohonan_visible_to(user=user).select_related("kecamatan", "assigned_to")


def permohonan_of_filer(*, user) -> QuerySet:
    """
    Return the applications `user` filed: their own, and those they filled in at the front desk for a
    citizen present (to finish the steps and print the receipt); the citizen's pages use this rule.
    """
    return (
        PermohonanKTP.objects.filter(filed_by(user, desk_role=Role.PETUGAS_KECAMATAN))
        .select_related("kecamatan", "applicant")
        .prefetch_related("riwayat_set")
        .order_by("-created_at")
    )


def _label(choices, value):
    """
    Return the label of `value` among `choices` (a Choices class), or the value itself, as
    get_FOO_display() does without its cost of making every choice hashable on each call.
    """
    try:
        return choices(value).label
    except ValueError:
        return value


def permohonan_list_of_applicant(*, applicant) -> list[dict]:
    """
    Return a citizen's own applications, drafts included, newest first, as the "Permohonan saya" list
    shows them: pk, reference, jenis and status with their labels, appointment_date, updated_at, and
    has_receipt (its PDF is ready). Plain rows of those columns, not whole models, which would also
    decrypt the NIK and KK. The ready receipts come from a second query on the unique (kind, content type,
    object id) index, the same two queries for 1 or 30 rows: less CPU than building and compiling an
    EXISTS subquery.
    """
    rows = list(
        PermohonanKTP.objects.filter(applicant=applicant)
        .order_by("-created_at")
        .values("pk", "reference", "jenis", "status", "appointment_date", "updated_at")
    )
    ready = set()
    if rows:
        ready = set(
            IssuedDocument.objects.filter(
                kind=IssuedDocument.Kind.BUKTI_PENDAFTARAN,
                content_type=ContentType.objects.get_for_model(PermohonanKTP),
                object_id__in=[row["pk"] for row in rows],
            )
            .exclude(file="")
            .values_list("object_id", flat=True)
        )
    for row in rows:
        row["jenis_label"] = _label(Jenis, row["jenis"])
        row["status_label"] = _label(Status, row["status"])
        row["has_receipt"] = row["pk"] in ready
    return rows


def permohonan_steps_of_applicant(*, applicant) -> QuerySet:
    """
    Return the applications `applicant` filed (see permohonan_of_filer) as the steps need them: without
    the timeline, with the desa and occupation the biodata step compares a new answer with.
    """
    return PermohonanKTP.objects.filter(filed_by(applicant, desk_role=Role.PETUGAS_KECAMATAN)).select_related(
        "kecamatan", "desa", "pekerjaan"
    )


def permohonan_open_for_nik(*, nik, exclude=None):
    """Return the open application of `nik`, if any."""
    qs = PermohonanKTP.objects.filter(nik_hash=personal_digest(nik), status__in=OPEN_STATUSES)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.first()


def ktp_active_exists(*, nik, no_kk) -> bool:
    """
    Return whether the resident with this NIK and KK number has an active KTP-el on record. Both must
    match, as for prefilling: a NIK alone would let anyone learn who holds a card.
    """
    if not nik or not no_kk:
        return False
    return KTP.objects.filter(
        penduduk__nik_hash=personal_digest(nik),
        penduduk__no_kk_hash=personal_digest(no_kk),
        status=StatusKTP.AKTIF,
    ).exists()


def penduduk_for_prefill(*, nik, no_kk):
    """Return the resident whose NIK and KK number both match, for prefilling; None otherwise."""
    if not nik or not no_kk:
        return None
    return (
        Penduduk.objects.filter(nik_hash=personal_digest(nik), no_kk_hash=personal_digest(no_kk))
        .select_related("desa")
        .first()
    )


def permohonan_latest_for_nik(*, nik):
    """Return the newest application with this NIK whose identity an officer checked, or None."""
    if not nik:
        return None
    return (
        PermohonanKTP.objects.filter(nik_hash=personal_digest(nik), status__in=IDENTITY_CHECKED_STATUSES)
        .select_related("applicant")
        .order_by("-created_at")
        .first()
    )


def permohonan_search(*, queryset, term) -> QuerySet:
    """Narrow `queryset` to the exact reference, NIK or KK number typed by an officer."""
    term = term.strip()
    if not term:
        return queryset
    digest = personal_digest(term)
    return queryset.filter(Q(reference=term.upper()) | Q(nik_hash=digest) | Q(no_kk_hash=digest))


def penduduk_search(*, queryset, term) -> QuerySet:
    """Narrow `queryset` to the resident(s) with exactly this NIK or KK number."""
    digest = personal_digest(term.strip())
    return queryset.filter(Q(nik_hash=digest) | Q(no_kk_hash=digest)) if digest else queryset


def slot_bookings_count(*, kecamatan_id, start: datetime.date, end: datetime.date, exclude=None) -> dict:
    """
    Return {date: bookings} at a kecamatan between two dates: of open applications, and of drafts
    saved within the hold (settings.KTP_DRAFT_SLOT_HOLD_HOURS), lest abandoned drafts fill the days.
    """
    held_since = timezone.now() - datetime.timedelta(hours=settings.KTP_DRAFT_SLOT_HOLD_HOURS)
    qs = PermohonanKTP.objects.filter(
        kecamatan_id=kecamatan_id, appointment_date__gt=start, appointment_date__lte=end
    ).filter(Q(status__in=OPEN_STATUSES) | Q(status=Status.DRAF, updated_at__gte=held_since))
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return dict(
        qs.values_list("appointment_date").annotate(n=Count("id")).values_list("appointment_date", "n")
    )


def permohonan_track(*, reference, factors) -> dict | None:
    """
    Return an application's public status when the applicant's birth date matches, else None.

    One query for the application and its timeline, a row per status change (the reference is
    unique), of only the columns shown: no NIK or KK to decrypt.
    """
    rows = list(
        PermohonanKTP.objects.filter(reference=reference)
        .exclude(status=Status.DRAF)
        .order_by("riwayat_set__created_at", "riwayat_set__id")
        .values_list(
            "reference",
            "jenis",
            "status",
            "tanggal_lahir",
            "submitted_at",
            "sla_due",
            "kecamatan__name",
            "revision_fields",
            "riwayat_set__created_at",
            "riwayat_set__from_status",
            "riwayat_set__to_status",
        )
    )
    if not rows:
        return None
    from .services import revision_choices  # services reads through this module

    reference, jenis, status, born, submitted_at, sla_due, kecamatan, revision_fields, *_change = rows[0]
    if not factors.get("tanggal_lahir") or born != factors["tanggal_lahir"]:
        return None
    return {
        "reference": reference,
        "service": f"{_('Layanan KTP-el')}: {_label(Jenis, jenis)}",
        "status": _label(Status, status),
        "office": _("Kantor Kecamatan %(name)s") % {"name": kecamatan},
        "submitted": submitted_at,
        "due": sla_due,
        # The join gives an application without any status change yet one row, with none in it.
        "timeline": [
            (when, RiwayatStatus(from_status=before, to_status=to).to_status_label)
            for *_columns, when, before, to in rows
            if when is not None
        ],
        # What an officer asked to be corrected: field names, no personal data, for a citizen with no
        # account; labelled from every field and document, not from one application's.
        "corrections": revision_labels(fields=revision_fields, choices=revision_choices())
        if status == Status.PERLU_PERBAIKAN
        else [],
    }


def permohonan_dashboard_cases():
    """
    Yield every submitted application as a dashboard case, from the status history; the office's
    work is done when the card is ready: the days it then waits for its citizen are not the office's.
    """
    # Every application that ends selesai passed siap_diambil (constants.TRANSITIONS).
    ready = RiwayatStatus.objects.filter(permohonan=OuterRef("pk"), to_status=Status.SIAP_DIAMBIL).values(
        "created_at"
    )[:1]
    rows = (
        PermohonanKTP.objects.exclude(submitted_at=None)
        .annotate(finished_at=Subquery(ready))
        .values_list("kecamatan__name", "submitted_at", "sla_due", "status", "finished_at")
        .iterator(chunk_size=5000)
    )
    service = str(_("KTP-el"))
    rows = ((service, *row) for row in rows)
    yield from cases_of(
        rows, closed_statuses=(Status.DITOLAK, Status.DIBATALKAN), waiting_statuses=(Status.PERLU_PERBAIKAN,)
    )


def permohonan_personal_data(user) -> list[dict]:
    """Return the user's KTP-el applications in full, for their own data download."""
    from .services import APPLICATION_BIODATA

    filed = (
        PermohonanKTP.objects.filter(applicant=user)
        .select_related("kecamatan")
        .prefetch_related("riwayat_set", "dokumen_set")
        .order_by("-created_at")
    )
    return [
        {
            "nomor": p.reference,
            "jenis": p.get_jenis_display(),
            "status": p.get_status_display(),
            # Names beside codes (agama, pekerjaan, desa...), so a person can read what is held.
            "biodata": model_fields(p, APPLICATION_BIODATA),
            "kecamatan_layanan": str(p.kecamatan) if p.kecamatan else None,
            "jadwal": p.appointment_date,
            "diajukan": p.submitted_at,
            "dokumen": [d.get_kind_display() for d in p.dokumen_set.all()],
            "riwayat": [
                {"waktu": h.created_at, "status": h.to_status_label, "catatan": h.note}
                for h in p.riwayat_set.all()
            ],
        }
        for p in filed
    ]


def permohonan_untouched_draft(*, applicant, jenis) -> PermohonanKTP | None:
    """Return the applicant's draft of `jenis` never saved since it was started, if any."""
    return (
        PermohonanKTP.objects.filter(UNTOUCHED_DRAFT, applicant=applicant, jenis=jenis).order_by("pk").first()
    )
