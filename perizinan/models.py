from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.crypto import EncryptedCharField, EncryptedFieldsModel, personal_mask
from portal.documents.models import StoredDocument
from portal.workflow import StatusHistory

from .constants import (
    MAX_KEKAYAAN,
    MAX_LUAS_M2,
    OPEN_STATUSES,
    TRANSITIONS,
    AturanBiaya,
    BentukUsaha,
    Dokumen,
    Jenis,
    Status,
    StatusIzin,
)

# [0-9] and \Z, not \d and $: those accept non-Latin digits and a trailing newline.
npwp_validator = RegexValidator(
    r"^([0-9]{15}|[0-9]{16})\Z", _("NPWP harus 15 atau 16 angka, tanpa titik dan tanda hubung.")
)
nib_validator = RegexValidator(r"^[0-9]{13}\Z", _("NIB harus 13 angka."))
nik_validator = RegexValidator(r"^[0-9]{16}\Z", _("NIK harus 16 angka."))
kbli_validator = RegexValidator(r"^[0-9]{5}\Z", _("KBLI harus 5 angka."))
code_validator = RegexValidator(r"^[A-Z0-9_]{2,20}\Z", _("Huruf besar, angka atau garis bawah, 2–20 tanda."))


def document_codes_validate(value):
    """Refuse a list of required documents that names an unknown kind."""
    unknown = [v for v in value or [] if v not in Dokumen.values]
    if not isinstance(value, list) or unknown:
        raise ValidationError(
            _("Daftar dokumen berisi kode yang tidak dikenal: %(codes)s. Pilih dari: %(known)s.")
            % {"codes": ", ".join(map(str, unknown)) or "-", "known": ", ".join(Dokumen.values)}
        )


class JenisIzin(models.Model):
    """A licence type the office issues; data, so the office can enable, disable and add permits."""

    code = models.CharField(
        _("kode"), max_length=20, unique=True, validators=[code_validator], help_text=_("Misalnya SIUP.")
    )
    name = models.CharField(_("nama"), max_length=150, help_text=_("Nama lengkap jenis izin."))
    legal_basis = models.TextField(_("dasar hukum"), blank=True, help_text=_("Peraturan yang mendasari."))
    description = models.TextField(
        _("keterangan"), blank=True, help_text=_("Penjelasan untuk pemilik usaha: siapa wajib dan kapan.")
    )
    active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Hanya jenis aktif yang bisa diajukan pemilik usaha.")
    )
    validity_months = models.PositiveSmallIntegerField(
        _("masa berlaku (bulan)"),
        null=True,
        blank=True,
        help_text=_("Kosong berarti izin tidak pernah berakhir dan tidak perlu daftar ulang."),
    )
    while_business_runs = models.BooleanField(
        _("berlaku selama usaha berjalan"),
        default=False,
        help_text=_("Dicentang: masa berlaku di atas adalah jarak daftar ulang, bukan akhir izin."),
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("perpanjangan dibuka (hari sebelum berakhir)"),
        default=90,
        help_text=_("Berapa hari sebelum tanggal berakhir/daftar ulang permohonan perpanjangan dibuka."),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("masa tenggang (hari)"),
        default=30,
        help_text=_("Berapa hari setelah berakhir izin masih bisa diperpanjang; sesudahnya ajukan baru."),
    )
    documents_new = models.JSONField(
        _("dokumen permohonan baru"),
        default=list,
        blank=True,
        validators=[document_codes_validate],
        help_text=_('Kode dokumen wajib untuk permohonan baru, misalnya ["akta", "ktp", "npwp"].'),
    )
    documents_renewal = models.JSONField(
        _("dokumen perpanjangan"),
        default=list,
        blank=True,
        validators=[document_codes_validate],
        help_text=_("Kode dokumen wajib untuk perpanjangan/daftar ulang."),
    )
    sla_days_new = models.PositiveSmallIntegerField(
        _("waktu layanan baru (hari kerja)"), default=3, help_text=_("Janji waktu penyelesaian izin baru.")
    )
    sla_days_renewal = models.PositiveSmallIntegerField(
        _("waktu layanan perpanjangan (hari kerja)"),
        default=3,
        help_text=_("Janji waktu penyelesaian perpanjangan/daftar ulang."),
    )
    fee_rule = models.CharField(
        _("aturan biaya"),
        max_length=20,
        choices=AturanBiaya.choices,
        default=AturanBiaya.GRATIS,
        help_text=_("Cara menghitung biaya atau retribusi."),
    )
    number_pattern = models.CharField(
        _("pola nomor izin"),
        max_length=100,
        default="503/{seq:04d}/35.04.xxx/{year}",
        help_text=_("Pakai {seq} (nomor urut per jenis per tahun, boleh {seq:04d}) dan {year}."),
    )
    signing_place = models.CharField(
        _("tempat tanda tangan"),
        max_length=200,
        default="Kantor DPMPTSP Kabupaten Tulungagung",
        help_text=_("Tempat pemilik usaha menandatangani dan membayar."),
    )
    what_to_bring = models.TextField(
        _("yang harus dibawa"),
        blank=True,
        help_text=_("Ditampilkan bersama jadwal tanda tangan."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0, help_text=_("Urutan di daftar layanan."))

    class Meta:
        verbose_name = _("jenis izin")
        verbose_name_plural = _("jenis izin")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def clean(self):
        try:
            number = self.number_pattern.format(seq=1, year=2026)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValidationError(
                {"number_pattern": _("Pola nomor tidak sah; hanya {seq} dan {year} yang boleh dipakai.")}
            ) from exc
        if "{seq" not in self.number_pattern or len(number) > 60:
            raise ValidationError(
                {"number_pattern": _("Pola nomor wajib memuat {seq} dan paling panjang 60.")}
            )
        if self.while_business_runs and not self.validity_months:
            raise ValidationError(
                {"validity_months": _("Isi jarak daftar ulang (bulan) untuk izin yang berlaku selama usaha.")}
            )

    @property
    def expires(self):
        return bool(self.validity_months)

    def documents_for(self, jenis) -> list:
        """Return the document kinds an application of `jenis` needs."""
        codes = self.documents_renewal if jenis == Jenis.PERPANJANGAN else self.documents_new
        return [Dokumen(code) for code in codes if code in Dokumen.values]

    def sla_days_for(self, jenis) -> int:
        return self.sla_days_renewal if jenis == Jenis.PERPANJANGAN else self.sla_days_new


class KelasSIUP(models.Model):
    """A SIUP class by net assets (Permendag 46/2009): above `lower`, up to and including `upper`."""

    code = models.CharField(_("kode"), max_length=20, unique=True, help_text=_("Misalnya KECIL."))
    name = models.CharField(_("nama"), max_length=60, help_text=_("Misalnya SIUP Kecil."))
    lower = models.PositiveBigIntegerField(
        _("kekayaan bersih lebih dari (Rp)"),
        help_text=_("Batas bawah, tidak termasuk: kelas berlaku untuk kekayaan bersih di atas angka ini."),
    )
    upper = models.PositiveBigIntegerField(
        _("sampai dengan (Rp)"),
        null=True,
        blank=True,
        help_text=_("Batas atas, termasuk; kosong berarti tanpa batas atas."),
    )
    renewal_fee = models.PositiveIntegerField(
        _("biaya daftar ulang (Rp)"), default=0, help_text=_("Biaya administrasi daftar ulang kelas ini.")
    )

    class Meta:
        verbose_name = _("kelas SIUP")
        verbose_name_plural = _("kelas SIUP")
        ordering = ["lower"]
        constraints = [
            models.CheckConstraint(
                condition=Q(upper__isnull=True) | Q(upper__gt=models.F("lower")), name="perizinan_kelas_range"
            )
        ]

    def __str__(self):
        return self.name


class IndeksLokasi(models.Model):
    """The HO location index: where the premises lie (road class)."""

    name = models.CharField(_("nama"), max_length=100, unique=True, help_text=_("Misalnya Jalan arteri."))
    value = models.DecimalField(
        _("indeks"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Pengali retribusi HO."),
    )

    class Meta:
        verbose_name = _("indeks lokasi HO")
        verbose_name_plural = _("indeks lokasi HO")
        ordering = ["-value"]

    def __str__(self):
        return f"{self.name} ({self.value})"


class IndeksGangguan(models.Model):
    """The HO nuisance index: how much the business disturbs its surroundings."""

    name = models.CharField(_("nama"), max_length=100, unique=True, help_text=_("Misalnya Gangguan besar."))
    value = models.DecimalField(
        _("indeks"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Pengali retribusi HO."),
    )

    class Meta:
        verbose_name = _("indeks gangguan HO")
        verbose_name_plural = _("indeks gangguan HO")
        ordering = ["-value"]

    def __str__(self):
        return f"{self.name} ({self.value})"


class TarifHO(models.Model):
    """The HO base tariff per square metre; the newest row with a start date on or before today applies."""

    tariff = models.PositiveIntegerField(
        _("tarif dasar (Rp per m²)"), help_text=_("Rupiah per meter persegi.")
    )
    valid_from = models.DateField(
        _("berlaku mulai"), unique=True, help_text=_("Tanggal tarif mulai berlaku.")
    )
    legal_basis = models.CharField(
        _("dasar hukum"), max_length=200, blank=True, help_text=_("Perda atau Perbup yang menetapkan.")
    )

    class Meta:
        verbose_name = _("tarif dasar HO")
        verbose_name_plural = _("tarif dasar HO")
        ordering = ["-valid_from"]

    def __str__(self):
        return f"Rp{self.tariff:,}/m²".replace(",", ".")


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
        validators=[nik_validator],
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
        constraints = []

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


class PermohonanIzin(DataUsaha):
    """An online licence application: new or renewal, finished with a wet signature at the office."""

    TRANSITIONS = TRANSITIONS

    reference = models.CharField(
        _("nomor pendaftaran"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Diberikan saat permohonan diajukan, misalnya IZN-2026-000045."),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="permohonan_izin_set",
        verbose_name=_("akun pemohon"),
        help_text=_("Akun pemilik usaha yang mengisi permohonan."),
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibantu petugas"),
        help_text=_("Petugas loket yang mengisikan permohonan untuk pemilik usaha yang datang langsung."),
    )
    jenis_izin = models.ForeignKey(
        JenisIzin,
        on_delete=models.PROTECT,
        related_name="permohonan_set",
        verbose_name=_("jenis izin"),
        help_text=_("Izin yang dimohon."),
    )
    jenis = models.CharField(
        _("jenis permohonan"),
        max_length=20,
        choices=Jenis.choices,
        default=Jenis.BARU,
        help_text=_("Baru, atau perpanjangan/daftar ulang izin yang ada."),
    )
    izin_lama = models.ForeignKey(
        "Izin",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="perpanjangan_set",
        verbose_name=_("izin yang diperpanjang"),
        help_text=_("Untuk perpanjangan: izin lama milik pemohon."),
    )
    usaha = models.ForeignKey(
        Usaha,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="permohonan_set",
        verbose_name=_("usaha"),
        help_text=_("Usaha terdaftar yang datanya dipakai; kosong untuk usaha baru."),
    )
    kelas_siup = models.ForeignKey(
        KelasSIUP,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kelas SIUP"),
        help_text=_("Dihitung dari kekayaan bersih saat diajukan."),
    )
    biaya = models.PositiveIntegerField(
        _("biaya (Rp)"),
        null=True,
        blank=True,
        help_text=_("Biaya atau retribusi yang dihitung saat diajukan."),
    )
    biaya_rincian = models.CharField(
        _("rincian biaya"), max_length=300, blank=True, help_text=_("Cara biaya dihitung.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAF,
        help_text=_("Diubah hanya lewat tombol alur kerja."),
    )
    submitted_at = models.DateTimeField(
        _("diajukan pada"), null=True, blank=True, help_text=_("Waktu pertama diajukan.")
    )
    sla_due = models.DateField(
        _("batas waktu"), null=True, blank=True, help_text=_("Tanggal janji selesai (hari kerja).")
    )
    appointment_at = models.DateTimeField(
        _("jadwal tanda tangan"), null=True, blank=True, help_text=_("Tanggal dan jam tanda tangan basah.")
    )
    appointment_place = models.CharField(
        _("tempat tanda tangan"), max_length=200, blank=True, help_text=_("Kantor tempat tanda tangan.")
    )
    appointment_note = models.TextField(
        _("yang harus dibawa"), blank=True, help_text=_("Dokumen asli dan hal lain yang harus dibawa.")
    )
    paid_amount = models.PositiveIntegerField(
        _("dibayar (Rp)"), null=True, blank=True, help_text=_("Jumlah yang dibayar di kantor.")
    )
    payment_receipt = models.CharField(
        _("nomor kuitansi/STS"), max_length=60, blank=True, help_text=_("Nomor bukti pembayaran.")
    )
    signed_at = models.DateTimeField(
        _("ditandatangani pada"), null=True, blank=True, help_text=_("Waktu tanda tangan dicatat.")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petugas"),
        help_text=_("Petugas yang menangani."),
    )
    revision_fields = models.JSONField(
        _("isian yang perlu diperbaiki"),
        default=list,
        blank=True,
        help_text=_("Nama isian dan dokumen yang diminta untuk diperbaiki."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, help_text=_("Waktu draf dibuat."))
    updated_at = models.DateTimeField(_("diubah"), auto_now=True, help_text=_("Waktu terakhir diubah."))

    class Meta:
        verbose_name = _("permohonan izin")
        verbose_name_plural = _("permohonan izin")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["izin_lama"],
                condition=Q(status__in=OPEN_STATUSES),
                name="perizinan_one_open_renewal_per_izin",
            ),
            models.CheckConstraint(
                condition=Q(jenis="baru", izin_lama__isnull=True)
                | Q(jenis="perpanjangan", izin_lama__isnull=False),
                name="perizinan_renewal_names_izin",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="perizinan_queue_idx"),
            # The licence queue is ordered by SLA date and -id (the admin's tie-break), filtered by
            # status or not: matching the ORDER BY lets a page stop after 100 rows (issue #9).
            models.Index(fields=["status", "sla_due", "-id"], name="perizinan_queue_sla_idx"),
            models.Index(fields=["sla_due", "-id"], name="perizinan_sla_idx"),
        ]

    def __str__(self):
        return self.reference or _("Draf %(jenis)s") % {"jenis": self.jenis_izin.code}


class DokumenPermohonanIzin(StoredDocument):
    """One uploaded document of a licence application, stored privately under a random name."""

    UPLOAD_PREFIX = "perizinan"

    permohonan = models.ForeignKey(
        PermohonanIzin,
        on_delete=models.CASCADE,
        related_name="dokumen_set",
        verbose_name=_("permohonan"),
        help_text=_("Permohonan pemilik dokumen."),
    )
    kind = models.CharField(
        _("jenis dokumen"), max_length=30, choices=Dokumen.choices, help_text=_("Dokumen apa ini.")
    )

    class Meta:
        verbose_name = _("dokumen permohonan izin")
        verbose_name_plural = _("dokumen permohonan izin")
        constraints = [
            models.UniqueConstraint(fields=["permohonan", "kind"], name="perizinan_one_document_per_kind")
        ]


class RiwayatPermohonanIzin(StatusHistory):
    STATUS = Status

    permohonan = models.ForeignKey(
        PermohonanIzin,
        on_delete=models.CASCADE,
        related_name="riwayat_set",
        verbose_name=_("permohonan"),
        help_text=_("Permohonan yang berubah status."),
    )

    class Meta(StatusHistory.Meta):
        verbose_name = _("riwayat status permohonan izin")
        verbose_name_plural = _("riwayat status permohonan izin")


PermohonanIzin.HISTORY_MODEL = RiwayatPermohonanIzin
PermohonanIzin.HISTORY_FK = "permohonan"


class Izin(models.Model):
    """An issued licence: the register entry behind the PDF."""

    nomor = models.CharField(
        _("nomor izin"),
        max_length=60,
        unique=True,
        help_text=_("Dari pola jenis izin; tidak pernah dipakai ulang."),
    )
    jenis_izin = models.ForeignKey(
        JenisIzin,
        on_delete=models.PROTECT,
        related_name="izin_set",
        verbose_name=_("jenis izin"),
        help_text=_("Jenis izin yang diterbitkan."),
    )
    usaha = models.ForeignKey(
        Usaha,
        on_delete=models.PROTECT,
        related_name="izin_set",
        verbose_name=_("usaha"),
        help_text=_("Usaha pemegang izin."),
    )
    permohonan = models.OneToOneField(
        PermohonanIzin,
        on_delete=models.PROTECT,
        related_name="izin",
        verbose_name=_("permohonan"),
        help_text=_("Permohonan yang menghasilkan izin ini."),
    )
    kelas_siup = models.ForeignKey(
        KelasSIUP,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kelas SIUP"),
        help_text=_("Untuk SIUP: kelas menurut kekayaan bersih."),
    )
    tanggal_terbit = models.DateField(
        _("tanggal terbit"), help_text=_("Tanggal izin ditandatangani pejabat.")
    )
    berlaku_hingga = models.DateField(
        _("berlaku hingga / daftar ulang"),
        null=True,
        blank=True,
        help_text=_("Akhir masa berlaku, atau tanggal daftar ulang berikutnya; kosong bila tidak berakhir."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=StatusIzin.choices,
        default=StatusIzin.AKTIF,
        help_text=_("Aktif, kedaluwarsa setelah lewat tanggalnya, dicabut, atau diperbarui."),
    )

    class Meta:
        verbose_name = _("izin terbit")
        verbose_name_plural = _("register izin")
        ordering = ["-tanggal_terbit", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["usaha", "jenis_izin"], condition=Q(status="aktif"), name="perizinan_one_active_izin"
            )
        ]
        indexes = [models.Index(fields=["status", "berlaku_hingga"], name="perizinan_expiry_idx")]

    def __str__(self):
        return self.nomor
