"""
Pengadaan langsung: a Pejabat Pengadaan invites one verified vendor, the vendor offers, the Pejabat
records the clarification and negotiation, the PPK records the order (SPK or surat pesanan), which
is the award and the contract. Each step moves the package's status through `portal.workflow`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.accounts.roles import Role
from portal.documents.services import atomic_with_files, file_stored
from portal.documents.validators import document_clean
from portal.money import rupiah
from portal.sequences import sequence_next
from portal.workflow import workflow_transition

from ..constants import BATAS_LANGSUNG, DIRECT, LANGSUNG_OPEN, Status
from ..kbli import kbli_codes
from ..models import Aturan, Langsung, Paket, RiwayatPaket
from ..selectors import langsung_offer_closed
from .common import after_commit
from .penawaran import _clean_price

LANGSUNG_FIELDS = (
    "instansi",
    "nama",
    "kategori",
    "metode",
    "tahun_anggaran",
    "pagu",
    "hps",
    "kbli_syarat",
    "syarat_pengalaman",
    "lokasi",
    "ppk",
)


def batas_langsung(*, kategori, on=None) -> Aturan:
    """Return the rule row holding `kategori`'s pengadaan langsung ceiling in force on `on`."""
    on = on or timezone.localdate()
    code = BATAS_LANGSUNG.get(kategori.code)
    row = (
        Aturan.objects.filter(code=code, valid_from__lte=on).order_by("-valid_from").first() if code else None
    )
    if row is None:
        raise ValidationError(
            {
                "kategori": _("Batas nilai pengadaan langsung untuk %(k)s belum diisi oleh UKPBJ.")
                % {"k": kategori}
            }
        )
    return row


def _threshold_check(*, paket):
    rule = batas_langsung(kategori=paket.kategori)
    if paket.pagu > rule.value:
        raise ValidationError(
            {
                "pagu": _(
                    "Pagu %(pagu)s melebihi batas pengadaan langsung %(kategori)s, %(batas)s (berlaku sejak "
                    "%(sejak)s). Gunakan tender atau seleksi."
                )
                % {
                    "pagu": rupiah(paket.pagu),
                    "kategori": paket.kategori,
                    "batas": rupiah(rule.value),
                    "sejak": formats.date_format(rule.valid_from, "j F Y"),
                }
            }
        )


def pejabat_require(*, langsung, user):
    """Refuse anyone but this package's Pejabat Pengadaan."""
    if langsung.pejabat_id != user.pk:
        raise PermissionDenied(_("Hanya Pejabat Pengadaan paket ini yang dapat melakukannya."))


def _vendor_check(*, paket, penyedia, pejabat):
    if penyedia is None:
        raise ValidationError({"penyedia": _("Pilih penyedia yang diundang.")})
    if not penyedia.is_verified:
        raise ValidationError({"penyedia": _("Penyedia ini belum terverifikasi petugas UKPBJ.")})
    if penyedia.user_id in (paket.ppk_id, pejabat.pk):
        raise ValidationError(
            {"penyedia": _("PPK atau Pejabat Pengadaan paket ini tidak boleh menjadi penyedianya.")}
        )
    required = set(kbli_codes(paket.kbli_syarat))
    if required and not required & set(penyedia.kbli_list):
        raise ValidationError(
            {
                "penyedia": _(
                    "Paket ini mensyaratkan salah satu KBLI %(kbli)s; KBLI penyedia ini tidak memenuhinya."
                )
                % {"kbli": ", ".join(sorted(required))}
            }
        )


@transaction.atomic
def langsung_create(*, actor, penyedia, batas_penawaran, **fields) -> Paket:
    """Register a direct procurement under its category's ceiling and invite one verified vendor."""
    if not (actor.is_superuser or actor.has_role(Role.PEJABAT_PENGADAAN)):
        raise PermissionDenied(_("Hanya Pejabat Pengadaan yang dapat membuat pengadaan langsung."))
    paket = Paket(created_by=actor, status=Status.UNDANGAN, **{k: fields[k] for k in LANGSUNG_FIELDS})
    if paket.metode.ocds_method != DIRECT:
        raise ValidationError({"metode": _("Pilih metode pengadaan langsung.")})
    if not paket.ppk.has_role(Role.PPK):
        raise ValidationError({"ppk": _("Pilih akun yang berperan PPK.")})
    if paket.ppk_id == actor.pk:
        raise ValidationError(
            {"ppk": _("Pejabat Pengadaan tidak boleh sekaligus menjadi PPK paket yang sama.")}
        )
    if paket.hps and paket.pagu and paket.hps > paket.pagu:
        raise ValidationError({"hps": _("HPS tidak boleh melebihi pagu.")})
    if batas_penawaran <= timezone.now():
        raise ValidationError({"batas_penawaran": _("Batas penawaran harus di masa depan.")})
    paket.reference = f"PBJ-{paket.tahun_anggaran}-{sequence_next(f'pengadaan_{paket.tahun_anggaran}'):04d}"
    paket.full_clean()
    _threshold_check(paket=paket)
    _vendor_check(paket=paket, penyedia=penyedia, pejabat=actor)
    paket.save()
    langsung = Langsung(paket=paket, pejabat=actor, penyedia=penyedia, batas_penawaran=batas_penawaran)
    langsung.full_clean()
    langsung.save()
    RiwayatPaket.objects.create(
        paket=paket,
        to_status=Status.UNDANGAN,
        actor=actor,
        note=_("%(name)s diundang menyampaikan penawaran.") % {"name": penyedia.nama_usaha},
    )
    from ..tasks import langsung_notify_task

    after_commit(langsung_notify_task, paket.pk)
    return paket


def _locked(paket) -> Langsung:
    return Langsung.objects.select_for_update().select_related("paket", "penyedia").get(paket=paket)


def langsung_offer(*, paket, penyedia, harga, dokumen, received_at=None) -> Langsung:
    """
    Record the invited vendor's offer (price and PDF) before the deadline; once. When the portal
    received it (received_at, from portal.network.request_received_at; else the clock now) decides.
    """
    harga = _clean_price(harga)
    if dokumen is None:
        raise ValidationError({"dokumen": _("Unggah dokumen penawaran (PDF).")})
    clean = document_clean(uploaded_file=dokumen, allowed=("pdf",))
    with atomic_with_files():  # the row may go with a rollback: its file goes too
        return _offer_store(paket=paket, penyedia=penyedia, harga=harga, clean=clean, received_at=received_at)


def _offer_store(*, paket, penyedia, harga, clean, received_at) -> Langsung:
    langsung = _locked(paket)
    if penyedia is None or langsung.penyedia_id != penyedia.pk:
        raise PermissionDenied(_("Hanya penyedia yang diundang yang dapat menyampaikan penawaran."))
    if not penyedia.is_verified:
        raise ValidationError(_("Profil penyedia Anda belum terverifikasi."))
    if langsung.paket.status != Status.UNDANGAN:
        raise ValidationError(_("Penawaran sudah disampaikan atau pengadaan ini sudah selesai."))
    now = received_at or timezone.now()
    if closed := langsung_offer_closed(langsung=langsung, now=now):  # by now only the deadline is left
        raise ValidationError(closed)
    langsung.harga_penawaran, langsung.penawaran_at = harga, now
    # The name as verified now: a later profile change leaves the published order's vendor as it was.
    langsung.nama_penyedia = penyedia.nama_usaha
    langsung.berkas_penawaran.save("penawaran.pdf", clean.file, save=False)
    file_stored(langsung.berkas_penawaran)
    langsung.full_clean()
    langsung.save()
    workflow_transition(
        instance=langsung.paket,
        to=Status.PENAWARAN,
        actor=penyedia.user,
        note=_("Penawaran %(harga)s diterima.") % {"harga": rupiah(harga)},
        expected_from=Status.UNDANGAN,
    )
    return langsung


@transaction.atomic
def langsung_negotiate(*, paket, actor, harga, catatan) -> Langsung:
    """Record the clarification and negotiation: the agreed price, at most the offer and the HPS."""
    langsung = _locked(paket)
    pejabat_require(langsung=langsung, user=actor)
    if langsung.paket.status != Status.PENAWARAN:
        raise ValidationError(_("Negosiasi dicatat setelah penawaran diterima dan sebelum surat pesanan."))
    harga = _clean_price(harga)
    catatan = (catatan or "").strip()
    errors = {}
    if harga > langsung.harga_penawaran:
        errors["harga"] = _("Harga hasil negosiasi tidak boleh melebihi harga penawaran (%(p)s).") % {
            "p": rupiah(langsung.harga_penawaran)
        }
    elif harga > langsung.paket.hps:
        errors["harga"] = _("Harga hasil negosiasi tidak boleh melebihi HPS (%(h)s).") % {
            "h": rupiah(langsung.paket.hps)
        }
    if not catatan:
        errors["catatan"] = _("Tuliskan hasil klarifikasi dan negosiasi.")
    if errors:
        raise ValidationError(errors)
    langsung.harga_negosiasi, langsung.catatan_negosiasi = harga, catatan
    langsung.negosiasi_at = timezone.now()
    langsung.full_clean()
    langsung.save()
    workflow_transition(
        instance=langsung.paket,
        to=Status.NEGOSIASI,
        actor=actor,
        note=_("Harga hasil negosiasi %(harga)s.") % {"harga": rupiah(harga)},
        expected_from=Status.PENAWARAN,
    )
    return langsung


@transaction.atomic
def langsung_order(*, paket, actor, nomor, tanggal, nilai, tanggal_selesai) -> Langsung:
    """Record the PPK's order (SPK or surat pesanan): the award and the contract at once."""
    langsung = _locked(paket)
    if actor.pk != langsung.paket.ppk_id:
        raise PermissionDenied(_("Hanya PPK paket ini yang dapat mencatat SPK atau surat pesanan."))
    if langsung.paket.status != Status.NEGOSIASI:
        raise ValidationError(_("SPK atau surat pesanan dicatat setelah klarifikasi dan negosiasi."))
    nilai = _clean_price(nilai)
    errors = {}
    if nilai > langsung.harga_negosiasi:
        errors["nilai"] = _("Nilai pesanan tidak boleh melebihi harga hasil negosiasi (%(h)s).") % {
            "h": rupiah(langsung.harga_negosiasi)
        }
    if not (nomor or "").strip():
        errors["nomor"] = _("Tuliskan nomor SPK atau surat pesanan.")
    if tanggal and tanggal < timezone.localtime(langsung.negosiasi_at).date():
        errors["tanggal"] = _("Tanggal pesanan tidak boleh sebelum negosiasi.")
    if tanggal and tanggal_selesai and tanggal_selesai < tanggal:
        errors["tanggal_selesai"] = _("Akhir pelaksanaan tidak boleh sebelum tanggal pesanan.")
    if errors:
        raise ValidationError(errors)
    langsung.nomor_pesanan, langsung.tanggal_pesanan = nomor.strip(), tanggal
    langsung.nilai_pesanan, langsung.tanggal_selesai = nilai, tanggal_selesai
    langsung.pesanan_at = timezone.now()
    langsung.full_clean()
    langsung.save()
    workflow_transition(
        instance=langsung.paket,
        to=Status.KONTRAK,
        actor=actor,
        note=langsung.nomor_pesanan,
        expected_from=Status.NEGOSIASI,
    )
    return langsung


@transaction.atomic
def langsung_cancel(*, paket, actor, alasan) -> Paket:
    """Cancel a direct procurement before its order, by its Pejabat Pengadaan, with the reason."""
    langsung = _locked(paket)
    pejabat_require(langsung=langsung, user=actor)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": _("Tuliskan alasan pembatalan.")})
    if langsung.paket.status not in LANGSUNG_OPEN:
        raise ValidationError(_("Pengadaan ini sudah selesai atau sudah dibatalkan."))
    return workflow_transition(
        instance=langsung.paket, to=Status.BATAL, actor=actor, note=alasan, update={"alasan_gagal": alasan}
    )
