"""Every read of the tender module; one queryset per access rule, used by every page and file."""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.accounts.roles import Role
from portal.holidays.selectors import working_deadline

from .constants import DIRECT, PENYEDIA_FIELDS, TAHAP_ORDER, KodeAturan, PenyediaStatus, Status, Tahap
from .models import Aturan, Jadwal, Langsung, Paket, Penawaran, Pendaftaran, Penyedia, Pertanyaan, Sanggah


def aturan_value(*, code, on=None) -> int:
    """Return the value of rule `code` in force on date `on` (today by default)."""
    on = on or timezone.localdate()
    row = Aturan.objects.filter(code=code, valid_from__lte=on).order_by("-valid_from").first()
    if row is None:
        raise ValidationError(_("Aturan %(code)s belum diisi oleh UKPBJ.") % {"code": code})
    return row.value


def sanggah_answer_deadline(*, paket):
    """Return when the Pokja must have answered objections: days after the sanggah period, in office hours."""
    if paket.sanggah_selesai is None:
        return None
    days = aturan_value(code=KodeAturan.JAWAB_SANGGAH_HARI)
    return working_deadline(
        end=paket.sanggah_selesai + datetime.timedelta(days=days),
        hour=aturan_value(code=KodeAturan.JAM_AKHIR_TAHAP),
    )


def is_ukpbj(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(Role.ADMIN_UKPBJ))


def is_tender_officer(user) -> bool:
    """Return whether the user has any tender officer role (or is a superuser)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(
        user.has_role(role)
        for role in (Role.ADMIN_UKPBJ, Role.POKJA_PEMILIHAN, Role.PPK, Role.PEJABAT_PENGADAAN)
    )


def is_pejabat_pengadaan(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(Role.PEJABAT_PENGADAAN))


def penawaran_disclosed():
    """
    Bids whose package was opened; before the opening not even who bid, or how many did.

    Knowing the bidders before the opening invites collusion and pressure, so every page, admin
    list, export, count and open data that shows bids to anyone, an official included, reads them
    here. Only a vendor's own bid (penawaran_of_vendor) and the services that seal and open bids
    read past it.
    """
    return Penawaran.objects.filter(paket__dibuka_at__isnull=False)


def penawaran_sealed():
    """Bids not disclosed yet: the portal's records pointing at them (receipt, email) are not listed."""
    return Penawaran.objects.exclude(pk__in=penawaran_disclosed().values("pk"))


def paket_public():
    """Packages anyone may see: all announced ones, with what their list shows."""
    bids = (
        penawaran_disclosed()
        .filter(paket=OuterRef("pk"), aktif=True)
        .order_by()
        .values("paket")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Paket.objects.select_related("instansi", "kategori", "metode")
        .annotate(
            # A tender's bids are counted as penawaran_disclosed() shows them, from the opening on
            # (None, "disegel", before); a direct procurement's one offer counts at once.
            jumlah_penawaran=Case(
                When(metode__ocds_method=DIRECT, langsung__penawaran_at__isnull=False, then=Value(1)),
                When(metode__ocds_method=DIRECT, then=Value(0)),
                When(dibuka_at__isnull=False, then=Coalesce(Subquery(bids), 0)),
                default=None,
                output_field=IntegerField(),
            )
        )
        .order_by("-created_at", "-id")
    )


def jadwal_in_tender_order():
    """A package's stages in the order a tender runs them, however far a stage was moved."""
    order = Case(
        *(When(tahap=tahap, then=Value(i)) for i, tahap in enumerate(TAHAP_ORDER)),
        output_field=IntegerField(),
    )
    return Jadwal.objects.alias(urutan=order).order_by("urutan", "id")


def paket_page(*, pk) -> Paket:
    """Return one package with its schedule (in tender order), amendments and documents."""
    jadwal = jadwal_in_tender_order().prefetch_related("perubahan_set")
    return (
        Paket.objects.select_related(
            "instansi", "kategori", "metode", "metode_evaluasi", "ppk", "retender_dari"
        )
        .prefetch_related(Prefetch("jadwal_set", queryset=jadwal), "dokumen_set", "retender_set")
        .get(pk=pk)
    )


def paket_for_officer(*, user):
    """Packages an officer works on: the UKPBJ all; a Pokja member, PPK or Pejabat Pengadaan their own."""
    qs = Paket.objects.select_related("instansi", "metode")
    if is_ukpbj(user):
        return qs
    return qs.filter(Q(pokja_set__user=user) | Q(ppk=user) | Q(langsung__pejabat=user)).distinct()


def paket_as_pokja(*, user):
    """Packages whose Pokja the user sits on."""
    return Paket.objects.filter(pokja_set__user=user)


def penyedia_of(*, user):
    """Return the user's vendor profile, or None."""
    if not user.is_authenticated:
        return None
    return Penyedia.objects.filter(user=user).first()


def penyedia_versi(penyedia) -> str:
    """Return a digest of what an officer verifies of a profile, to tell a later change from it."""
    data = "\x1f".join(str(getattr(penyedia, name)) for name in PENYEDIA_FIELDS)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def penyedia_queue():
    """Vendor profiles waiting for verification, oldest first."""
    return (
        Penyedia.objects.filter(status=PenyediaStatus.DIAJUKAN).select_related("user").order_by("created_at")
    )


def pendaftaran_of(*, paket, penyedia):
    if penyedia is None:
        return None
    return Pendaftaran.objects.filter(paket=paket, penyedia=penyedia).first()


def pendaftaran_open(*, paket, now=None) -> bool:
    """Return whether vendors may register for the package: from its announcement to the bid deadline."""
    now = now or timezone.now()
    stages = {j.tahap: j for j in paket.jadwal_set.all()}
    if paket.status != Status.DIUMUMKAN or Tahap.PENGUMUMAN not in stages or Tahap.PENAWARAN not in stages:
        return False
    return stages[Tahap.PENGUMUMAN].mulai <= now <= stages[Tahap.PENAWARAN].selesai


@dataclass
class BidWindow:
    """When a package takes bids, and whether it takes one now."""

    mulai: object
    selesai: object
    not_yet: bool
    past_deadline: bool
    # The package left the announcement (opened, failed) before its deadline passed.
    closed: bool

    @property
    def is_open(self) -> bool:
        return not (self.not_yet or self.past_deadline or self.closed)


def penawaran_window(*, paket, now=None) -> BidWindow:
    """Return the package's bid window as penawaran_submit judges it at `now` (default: now)."""
    now = now or timezone.now()
    jadwal = next((j for j in paket.jadwal_set.all() if j.tahap == Tahap.PENAWARAN), None)
    if jadwal is None:
        return BidWindow(mulai=None, selesai=None, not_yet=False, past_deadline=False, closed=True)
    return BidWindow(
        mulai=jadwal.mulai,
        selesai=jadwal.selesai,
        not_yet=now < jadwal.mulai,
        past_deadline=now > jadwal.selesai,
        closed=paket.status != Status.DIUMUMKAN,
    )


def penawaran_of_vendor(*, user):
    """Bids the user's vendor profile made (receipts included)."""
    return Penawaran.objects.filter(penyedia__user=user).select_related("paket", "penyedia")


def penawaran_opened(*, paket):
    """The opened bids that count, for the opening record and the evaluation."""
    return (
        penawaran_disclosed()
        .filter(paket=paket, aktif=True)
        .select_related("penyedia")
        .order_by("diterima_at")
    )


def penawaran_for_pokja(*, user):
    """Current opened bids of the packages whose Pokja the user sits on."""
    return (
        penawaran_disclosed()
        .filter(paket__pokja_set__user=user, aktif=True)
        .select_related("paket", "penyedia")
    )


def pertanyaan_published(*, paket):
    """Answered aanwijzing questions; the asker is never part of what pages show."""
    return Pertanyaan.objects.filter(paket=paket, dijawab_at__isnull=False).only(
        "pertanyaan", "jawaban", "created_at", "dijawab_at"
    )


def pertanyaan_for_pokja(*, user):
    return Pertanyaan.objects.filter(paket__pokja_set__user=user).select_related("paket")


def sanggah_for_pokja(*, user):
    return Sanggah.objects.filter(paket__pokja_set__user=user).select_related("paket", "penyedia")


def langsung_of(*, paket):
    """Return the direct part of a package (pengadaan langsung), or None for a tender."""
    return Langsung.objects.select_related("penyedia", "pejabat").filter(paket=paket).first()


def langsung_offer_closed(*, langsung, now=None) -> str:
    """Return why the invited vendor cannot send its offer now (as langsung_offer judges), or ''."""
    now = now or timezone.now()
    if langsung.paket.status == Status.BATAL:
        return _("Pengadaan langsung ini dibatalkan; penawaran tidak dapat disampaikan.")
    if langsung.paket.status != Status.UNDANGAN:
        return _("Penawaran Anda sudah diterima; penawaran hanya disampaikan sekali.")
    if now > langsung.batas_penawaran:
        batas = formats.date_format(timezone.localtime(langsung.batas_penawaran), "j F Y H:i")
        return _("Batas penawaran sudah lewat (%(batas)s WIB): penawaran tidak diterima.") % {"batas": batas}
    if not langsung.penyedia.is_verified:
        return _("Profil penyedia Anda belum terverifikasi.")
    return ""


def langsung_of_vendor(*, user):
    """The direct procurements the user's vendor profile was invited to."""
    return Langsung.objects.filter(penyedia__user=user).select_related("paket", "penyedia")


def langsung_offer_readable(*, user):
    """
    Direct procurements whose offer document the user may read: the invited vendor, the Pejabat
    Pengadaan, the PPK and the procurement unit; nobody else, before or after the order.
    """
    qs = Langsung.objects.exclude(berkas_penawaran="").select_related("paket")
    if not user.is_authenticated:
        return qs.none()
    if is_ukpbj(user):
        return qs
    return qs.filter(Q(penyedia__user=user) | Q(pejabat=user) | Q(paket__ppk=user))


def penyedia_personal_data(user) -> dict | None:
    """Return the user's vendor profile and bids for their own data download; never a bid's content."""
    from portal.audit.exports import model_fields

    profile = penyedia_of(user=user)
    if profile is None:
        return None
    bids = penawaran_of_vendor(user=user).order_by("diterima_at")
    return {
        "profil": model_fields(
            profile, ["nama_usaha", "bentuk_usaha", "npwp", "nib", "kbli", "alamat", "status"]
        ),
        "penawaran": [
            {
                "paket": b.paket.reference,
                "diterima": b.diterima_at,
                "sha256": b.digest,
                "berlaku": b.aktif,
                # Known only once the package's bids were opened.
                "harga": b.harga,
            }
            for b in bids
        ],
    }
