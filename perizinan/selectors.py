import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from portal.accounts.roles import Role
from portal.crypto import personal_digest
from portal.nik import digits_as_printed
from portal.verification.models import IssuedDocument
from portal.workflow import UNTOUCHED_DRAFT, filed_by

from .constants import OPEN_STATUSES, Jenis, Status, StatusIzin
from .models import (
    DasarBiaya,
    IndeksGangguan,
    Izin,
    JenisIzin,
    KelasSIUP,
    PermohonanIzin,
    TarifHO,
    Usaha,
)


def jenis_izin_active() -> QuerySet:
    """Return the licence types owners may apply for."""
    return JenisIzin.objects.filter(active=True)


def kelas_siup_all() -> list:
    return list(KelasSIUP.objects.order_by("lower"))


def kekayaan_micro_limit() -> int:
    """Return the net assets at or below which a SIUP is optional: the lowest class's lower bound."""
    lowest = KelasSIUP.objects.order_by("lower").first()
    return lowest.lower if lowest else 0


def tarif_ho_on(*, day: datetime.date):
    """Return the HO base tariff in force on `day`, or None when none is set."""
    row = TarifHO.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return row.tariff if row else None


def dasar_biaya_in_force(*, jenis_izin, jenis, day):
    """Return the fee rule that lets `jenis_izin` charge on `day` (in its dates, not revoked), or None."""
    rules = DasarBiaya.objects.filter(jenis_izin=jenis_izin, jenis__in=[jenis, ""], dicabut=False)
    rules = rules.filter(berlaku_mulai__lte=day).filter(
        Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=day)
    )
    return rules.order_by("-jenis", "-berlaku_mulai").first()


def dasar_biaya_all() -> list:
    """Return every fee rule with its licence type, for the service standard and the office."""
    return list(
        DasarBiaya.objects.select_related("jenis_izin").order_by("jenis_izin__order", "-berlaku_mulai")
    )


def indeks_gangguan_range() -> tuple:
    """Return the lowest and highest nuisance index values, for the levy estimate before the survey."""
    values = list(IndeksGangguan.objects.values_list("value", flat=True))
    return (min(values), max(values)) if values else (0, 0)


def permohonan_izin_search(*, queryset, term) -> QuerySet:
    """Narrow `queryset` to the exact reference, NPWP or NIK of the penanggung jawab typed by an officer."""
    term = term.strip()
    if not term:
        return queryset
    return queryset.filter(
        Q(reference=term.upper())
        | Q(npwp=digits_as_printed(term))  # also as printed on the card: 01.234.567.8-901.234
        | Q(penanggung_jawab_nik_hash=personal_digest(term))
    )


def usaha_search_by_nik(*, queryset, term) -> QuerySet:
    """Return the businesses of `queryset` whose penanggung jawab has exactly this NIK."""
    digest = personal_digest(term.strip())
    return queryset.filter(penanggung_jawab_nik_hash=digest) if digest else queryset.none()


def permohonan_izin_visible_to(*, user) -> QuerySet:
    """Return the applications a licensing officer may see: every submitted one."""
    qs = PermohonanIzin.objects.exclude(status=Status.DRAF)
    return qs if user.is_superuser or user.has_role(Role.PETUGAS_PERIZINAN) else qs.none()


def permohonan_izin_queue(*, user) -> QuerySet:
    """Return the officer's queue with what the list shows, in one query."""
    return permohonan_izin_visible_to(user=user).select_related("jenis_izin", "assigned_to")


def izin_visible_to(*, user) -> QuerySet:
    qs = Izin.objects.select_related("jenis_izin", "usaha")
    return qs if user.is_superuser or user.has_role(Role.PETUGAS_PERIZINAN) else qs.none()


def permohonan_izin_of_filer(*, user) -> QuerySet:
    """
    Return the applications `user` filed, as the owner's pages show them: their own, and those they
    filled in at the front desk for an owner present (to finish the steps and print the receipt).
    """
    return _with_receipt_flag(PermohonanIzin.objects.filter(filed_by(user, desk_role=Role.PETUGAS_PERIZINAN)))


def permohonan_izin_of_applicant(*, applicant) -> QuerySet:
    """Return an owner's own applications, drafts included, newest first, marking ready receipts."""
    return _with_receipt_flag(PermohonanIzin.objects.filter(applicant=applicant))


def _with_receipt_flag(queryset) -> QuerySet:
    receipts = IssuedDocument.objects.filter(
        kind=IssuedDocument.Kind.BUKTI_PENDAFTARAN,
        content_type__app_label="perizinan",
        content_type__model="permohonanizin",
        object_id=OuterRef("pk"),
    ).exclude(file="")
    return (
        queryset.select_related(
            "jenis_izin", "izin_lama", "desa", "kelas_siup", "indeks_lokasi", "indeks_gangguan"
        )
        .prefetch_related("riwayat_set")
        .annotate(has_receipt=Exists(receipts))
        .order_by("-created_at")
    )


def usaha_of_owner(*, owner) -> QuerySet:
    return Usaha.objects.filter(owner=owner).select_related("desa")


def izin_of_owner(*, owner) -> QuerySet:
    """Return every licence of the owner's businesses, newest first."""
    return (
        Izin.objects.filter(usaha__owner=owner)
        .select_related("jenis_izin", "usaha", "kelas_siup")
        .order_by("-tanggal_terbit", "-id")
    )


def izin_renewable_of_owner(*, owner) -> QuerySet:
    """Return the owner's licences that may be renewed at some time: active or expired, with a date."""
    return izin_of_owner(owner=owner).filter(
        status__in=[StatusIzin.AKTIF, StatusIzin.KEDALUWARSA], berlaku_hingga__isnull=False
    )


def permohonan_izin_open_renewal(*, izin):
    return PermohonanIzin.objects.filter(izin_lama=izin, status__in=OPEN_STATUSES).first()


def permohonan_izin_renewal_draft(*, applicant, izin) -> PermohonanIzin | None:
    """Return the applicant's draft renewing `izin`, if any."""
    drafts = PermohonanIzin.objects.filter(applicant=applicant, jenis=Jenis.PERPANJANGAN, status=Status.DRAF)
    return drafts.filter(izin_lama=izin).order_by("pk").first() if izin is not None else None


def permohonan_izin_open_for(*, usaha, jenis_izin, exclude):
    """Return another submitted, still open application (new or renewal) of this type for `usaha`."""
    others = PermohonanIzin.objects.filter(usaha=usaha, jenis_izin=jenis_izin, status__in=OPEN_STATUSES)
    return others.exclude(pk=exclude.pk).order_by("pk").first()


def izin_active_for(*, usaha, jenis_izin):
    return Izin.objects.filter(usaha=usaha, jenis_izin=jenis_izin, status=StatusIzin.AKTIF).first()


def izin_expiring(*, today: datetime.date, within_days: int) -> QuerySet:
    """
    Return active licences whose date falls from today up to `within_days` ahead and whose
    renewal is not already being processed.
    """
    return (
        Izin.objects.filter(
            status=StatusIzin.AKTIF,
            berlaku_hingga__gte=today,
            berlaku_hingga__lte=today + datetime.timedelta(days=within_days),
        )
        .exclude(perpanjangan_set__status__in=OPEN_STATUSES)
        .select_related("jenis_izin", "usaha__owner")
    )


def izin_past_date() -> QuerySet:
    """Return the active licences past their date, but for those valid while the business runs."""
    return Izin.objects.filter(status=StatusIzin.AKTIF, berlaku_hingga__lt=timezone.localdate()).exclude(
        jenis_izin__while_business_runs=True
    )


def permohonan_izin_untouched_draft(*, applicant, jenis_izin, usaha=None) -> PermohonanIzin | None:
    """Return the applicant's new-licence draft never saved since it was started, if any."""
    drafts = PermohonanIzin.objects.filter(
        UNTOUCHED_DRAFT, applicant=applicant, jenis_izin=jenis_izin, jenis=Jenis.BARU, usaha=usaha
    )
    return drafts.order_by("pk").first()
