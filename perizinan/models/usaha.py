"""A business and the business data an application copies from it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.crypto import EncryptedCharField, EncryptedFieldsModel, personal_mask
from portal.nik import validate_nik

from ..constants import MAX_KEKAYAAN, MAX_LUAS_M2, BentukUsaha
from .reference import IndeksGangguan, IndeksLokasi

# [0-9] and \Z, not \d and $: those accept non-Latin digits and a trailing newline.
npwp_validator = RegexValidator(
    r"^([0-9]{15}|[0-9]{16})\Z", _("NPWP harus 15 atau 16 angka, tanpa titik dan tanda hubung.")
)
nib_validator = RegexValidator(r"^[0-9]{13}\Z", _("NIB harus 13 angka."))
kbli_validator = RegexValidator(r"^[0-9]{5}\Z", _("KBLI harus 5 angka."))


class DataUsaha(EncryptedFieldsModel):
    """The business data shared by a business record and an application (its snapshot)."""

    nama_usaha = models.CharField(
        _("nama usaha"), max_length=150, blank=True, help_text=_("Nama perusahaan atau usaha dagang.")
    )
    bentuk = models.CharField(
        _("bentuk usaha"),
        max_length=20,
        choices=BentukUsaha.choices,
        blank=True,
        help_text=_("Bentuk badan."),
    )
    npwp = models.CharField(
        _("NPWP"),
        max_length=16,
        blank=True,
        validators=[npwp_validator],
        help_text=_("NPWP usaha, 15 atau 16 angka tanpa titik."),
    )
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        blank=True,
        validators=[nib_validator],
        help_text=_("Nomor Induk Berusaha dari OSS, 13 angka; boleh kosong."),
    )
    kbli = models.CharField(
        _("KBLI"),
        max_length=5,
        blank=True,
        validators=[kbli_validator],
        help_text=_("Kode Klasifikasi Baku Lapangan Usaha Indonesia, 5 angka; boleh kosong."),
    )
    alamat_usaha = models.CharField(
        _("alamat usaha"), max_length=200, blank=True, help_text=_("Jalan, nomor, dusun, RT/RW.")
    )
    desa = models.ForeignKey(
        "wilayah.Desa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("desa/kelurahan"),
        help_text=_("Desa atau kelurahan tempat usaha."),
    )
    penanggung_jawab = models.CharField(
        _("nama penanggung jawab"), max_length=150, blank=True, help_text=_("Pemilik atau direktur.")
    )
    # Encrypted at rest (portal/crypto.py): search it by penanggung_jawab_nik_hash.
    penanggung_jawab_nik = EncryptedCharField(
        _("NIK penanggung jawab"),
        max_length=16,
        blank=True,
        hash_field="penanggung_jawab_nik_hash",
        validators=[validate_nik],
        help_text=_("16 angka, sesuai KTP penanggung jawab."),
    )
    penanggung_jawab_nik_hash = models.CharField(
        _("hash NIK penanggung jawab"),
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("HMAC-SHA256 dari NIK, untuk pencarian persis; NIK-nya sendiri tersandi."),
    )
    kekayaan_bersih = models.PositiveBigIntegerField(
        _("kekayaan bersih (Rp)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_KEKAYAAN)],
        help_text=_("Total aset dikurangi utang, tidak termasuk tanah dan bangunan tempat usaha."),
    )
    luas_ruang = models.PositiveIntegerField(
        _("luas ruang usaha (m²)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LUAS_M2)],
        help_text=_("Luas ruang tempat usaha; dipakai untuk retribusi HO."),
    )
    indeks_lokasi = models.ForeignKey(
        IndeksLokasi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lokasi (HO)"),
        help_text=_("Kelas jalan di depan tempat usaha; untuk retribusi HO."),
    )
    indeks_gangguan = models.ForeignKey(
        IndeksGangguan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tingkat gangguan (HO)"),
        help_text=_("Seberapa besar usaha mengganggu lingkungan; untuk retribusi HO."),
    )

    class Meta:
        abstract = True

    @property
    def nik_masked(self):
        """Return the penanggung jawab's NIK with its middle hidden."""
        return personal_mask(self.penanggung_jawab_nik)


class Usaha(DataUsaha):
    """A business held by an owner account; one account may hold several."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="usaha_set",
        verbose_name=_("akun pemilik"),
        help_text=_("Akun pemilik usaha yang mengajukan izin."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, help_text=_("Waktu usaha dicatat."))
    updated_at = models.DateTimeField(_("diubah"), auto_now=True, help_text=_("Waktu terakhir diubah."))

    class Meta:
        verbose_name = _("usaha")
        verbose_name_plural = _("usaha")
        ordering = ["nama_usaha"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kekayaan_bersih__isnull=True) | Q(kekayaan_bersih__lte=MAX_KEKAYAAN),
                name="perizinan_usaha_kekayaan_wajar",
            )
        ]

    def __str__(self):
        return self.nama_usaha
