from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.crypto import EncryptedCharField, EncryptedFieldsModel, personal_mask
from portal.documents.models import StoredDocument
from portal.nik import kk_digits, nik_digits
from portal.workflow import Application, StatusHistory

from .constants import (
    OPEN_STATUSES,
    RECORDING_JENIS,
    TRANSITIONS,
    WNA_DOCUMENTS,
    Agama,
    Dokumen,
    GolonganDarah,
    Jenis,
    JenisKelamin,
    Kewarganegaraan,
    Status,
    StatusKTP,
    StatusPerkawinan,
)

# [0-9] and \Z, not \d and $: those accept non-Latin digits and a trailing newline.
rt_rw_validator = RegexValidator(r"^[0-9]{1,3}\Z", _("Isi dengan angka, paling banyak 3 digit."))


class Pekerjaan(models.Model):
    """An occupation of the SIAK reference list; data, so Dispendukcapil can complete it."""

    code = models.CharField(_("kode"), max_length=10, unique=True, help_text=_("Kode pekerjaan SIAK."))
    name = models.CharField(
        _("nama"), max_length=100, help_text=_("Nama pekerjaan seperti tercetak di KTP-el.")
    )

    class Meta:
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")
        ordering = ["name"]

    def __str__(self):
        return self.name


def _hash_field(label):
    return models.CharField(
        _("hash %(label)s") % {"label": label},
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("HMAC-SHA256 dari nomor, untuk pencarian persis; nomornya sendiri tersandi."),
    )


class Biodata(EncryptedFieldsModel):
    """The biodata elements of a KTP-el (UU 24/2013), shared by a resident and an application."""

    # NIK and KK number are encrypted at rest (portal/crypto.py): search them by their *_hash.
    nik = EncryptedCharField(
        _("NIK"),
        max_length=16,
        hash_field="nik_hash",
        validators=[nik_digits],
        help_text=_("Nomor Induk Kependudukan, 16 angka."),
    )
    nik_hash = _hash_field("NIK")
    no_kk = EncryptedCharField(
        _("nomor KK"),
        max_length=16,
        blank=True,
        hash_field="no_kk_hash",
        validators=[kk_digits],
        help_text=_("Nomor Kartu Keluarga, 16 angka."),
    )
    no_kk_hash = _hash_field("KK")
    nama = models.CharField(_("nama"), max_length=150, blank=True, help_text=_("Nama lengkap sesuai KK."))
    tempat_lahir = models.CharField(
        _("tempat lahir"), max_length=100, blank=True, help_text=_("Kota atau kabupaten lahir.")
    )
    tanggal_lahir = models.DateField(
        _("tanggal lahir"), null=True, blank=True, help_text=_("Tanggal lahir sesuai akta.")
    )
    jenis_kelamin = models.CharField(
        _("jenis kelamin"), max_length=1, choices=JenisKelamin.choices, blank=True, help_text=_("Sesuai KK.")
    )
    golongan_darah = models.CharField(
        _("golongan darah"),
        max_length=3,
        choices=GolonganDarah.choices,
        blank=True,
        help_text=_("Pilih Tidak tahu bila belum pernah diperiksa."),
    )
    agama = models.CharField(
        _("agama/kepercayaan"), max_length=20, choices=Agama.choices, blank=True, help_text=_("Sesuai KK.")
    )
    status_perkawinan = models.CharField(
        _("status perkawinan"),
        max_length=20,
        choices=StatusPerkawinan.choices,
        blank=True,
        help_text=_("Sesuai KK."),
    )
    pekerjaan = models.ForeignKey(
        Pekerjaan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pekerjaan"),
        help_text=_("Pekerjaan sesuai KK."),
    )
    kewarganegaraan = models.CharField(
        _("kewarganegaraan"),
        max_length=3,
        choices=Kewarganegaraan.choices,
        default=Kewarganegaraan.WNI,
        help_text=_("WNI, atau WNA untuk orang asing pemegang KITAP."),
    )
    kebangsaan = models.CharField(
        _("kebangsaan (WNA)"),
        max_length=60,
        blank=True,
        help_text=_("Untuk WNA: negara asal, misalnya JEPANG."),
    )
    alamat = models.CharField(
        _("alamat"), max_length=200, blank=True, help_text=_("Nama jalan, dusun, nomor rumah.")
    )
    rt = models.CharField(
        _("RT"), max_length=3, blank=True, validators=[rt_rw_validator], help_text=_("Nomor RT.")
    )
    rw = models.CharField(
        _("RW"), max_length=3, blank=True, validators=[rt_rw_validator], help_text=_("Nomor RW.")
    )
    desa = models.ForeignKey(
        "wilayah.Desa",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("desa/kelurahan"),
        help_text=_("Desa atau kelurahan tempat tinggal."),
    )

    class Meta:
        abstract = True

    @property
    def nik_masked(self):
        """Return the NIK with its middle hidden, e.g. 3504********0001."""
        return personal_mask(self.nik)

    @property
    def no_kk_masked(self):
        """Return the KK number with its middle hidden."""
        return personal_mask(self.no_kk)


class Penduduk(Biodata):
    """A resident's recorded biodata."""

    nik_hash = models.CharField(
        _("hash NIK"),
        max_length=64,
        unique=True,
        editable=False,
        error_messages={"unique": _("Penduduk dengan NIK ini sudah tercatat.")},
        help_text=_("HMAC-SHA256 dari NIK, untuk pencarian persis dan keunikan; NIK-nya sendiri tersandi."),
    )

    class Meta:
        verbose_name = _("penduduk")
        verbose_name_plural = _("penduduk")

    def __str__(self):
        return f"{self.nama} ({self.nik_masked})"


class KTP(models.Model):
    """An issued KTP-el card."""

    penduduk = models.ForeignKey(
        Penduduk,
        on_delete=models.PROTECT,
        related_name="ktp_set",
        verbose_name=_("penduduk"),
        help_text=_("Pemilik kartu."),
    )
    blanko_serial = models.CharField(
        _("nomor seri blanko"),
        max_length=30,
        unique=True,
        help_text=_("Nomor seri blanko KTP-el yang dicetak."),
    )
    tanggal_terbit = models.DateField(_("tanggal terbit"), help_text=_("Tanggal kartu dicetak."))
    berlaku_hingga = models.DateField(
        _("berlaku hingga"),
        null=True,
        blank=True,
        help_text=_("Kosong berarti SEUMUR HIDUP (WNI); untuk WNA sama dengan masa berlaku KITAP."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusKTP.choices,
        default=StatusKTP.AKTIF,
        help_text=_("Kartu lama menjadi Diganti saat kartu baru terbit."),
    )

    class Meta:
        verbose_name = _("KTP-el")
        verbose_name_plural = _("KTP-el")
        constraints = [
            models.UniqueConstraint(
                fields=["penduduk"], condition=Q(status="aktif"), name="ktp_one_active_card_per_penduduk"
            )
        ]

    def __str__(self):
        return self.blanko_serial


class LayananKecamatan(models.Model):
    """How one kecamatan office serves KTP-el applicants."""

    kecamatan = models.OneToOneField(
        "wilayah.Kecamatan",
        on_delete=models.PROTECT,
        related_name="layanan_ktp",
        verbose_name=_("kecamatan"),
        help_text=_("Kecamatan yang melayani."),
    )
    office_address = models.CharField(
        _("alamat kantor"), max_length=200, help_text=_("Alamat kantor tempat perekaman dan pengambilan.")
    )
    office_hours = models.CharField(
        _("jam layanan"),
        max_length=100,
        default="Senin–Jumat 08.00–14.00",
        help_text=_("Hari dan jam buka layanan."),
    )
    daily_capacity = models.PositiveSmallIntegerField(
        _("kuota perekaman per hari"),
        default=30,
        help_text=_("Jumlah jadwal perekaman/pengambilan per hari kerja."),
    )
    booking_days_ahead = models.PositiveSmallIntegerField(
        _("jadwal dibuka (hari kerja ke depan)"),
        default=10,
        help_text=_("Berapa hari kerja ke depan pemohon boleh memilih jadwal."),
    )

    pickup_days = models.PositiveSmallIntegerField(
        _("masa pengambilan (hari kerja)"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_("Berapa hari kerja KTP-el yang sudah jadi dapat diambil, sejak warga diberi tahu."),
    )

    class Meta:
        verbose_name = _("layanan kecamatan")
        verbose_name_plural = _("layanan kecamatan")
        ordering = ["kecamatan__code"]

    def __str__(self):
        return str(self.kecamatan)


class SLAKecamatan(models.Model):
    """Processing time in working days for one kind at one kecamatan."""

    layanan = models.ForeignKey(
        LayananKecamatan,
        on_delete=models.CASCADE,
        related_name="sla_set",
        verbose_name=_("layanan kecamatan"),
        help_text=_("Kantor kecamatan."),
    )
    jenis = models.CharField(
        _("jenis permohonan"), max_length=20, choices=Jenis.choices, help_text=_("Jenis layanan.")
    )
    working_days = models.PositiveSmallIntegerField(
        _("hari kerja"), help_text=_("Janji waktu penyelesaian, dalam hari kerja sejak diajukan.")
    )

    class Meta:
        verbose_name = _("waktu layanan (SLA)")
        verbose_name_plural = _("waktu layanan (SLA)")
        constraints = [models.UniqueConstraint(fields=["layanan", "jenis"], name="ktp_sla_unique_jenis")]

    def __str__(self):
        return f"{self.get_jenis_display()}: {self.working_days}"


class PermohonanKTP(Biodata, Application):
    """An online pre-registration for a KTP-el, finished in person at the kecamatan office."""

    TRANSITIONS = TRANSITIONS
    # A nationality corrected to WNA asks for the country, the KITAP's end and their scans.
    REVISION_DEPENDENTS = {"kewarganegaraan": ("kebangsaan", "kitap_berlaku_hingga", *WNA_DOCUMENTS)}

    nik = EncryptedCharField(
        _("NIK"),
        max_length=16,
        blank=True,
        hash_field="nik_hash",
        validators=[nik_digits],
        help_text=_("Nomor Induk Kependudukan, 16 angka, tertera di KK."),
    )
    reference = models.CharField(
        _("nomor pendaftaran"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Diberikan saat permohonan diajukan, misalnya KTP-2026-000123."),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="permohonan_ktp_set",
        verbose_name=_("akun pemohon"),
        help_text=_("Akun yang mengisi permohonan."),
    )
    jenis = models.CharField(
        _("jenis permohonan"), max_length=20, choices=Jenis.choices, help_text=_("Jenis layanan KTP-el.")
    )
    kecamatan = models.ForeignKey(
        "wilayah.Kecamatan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="permohonan_ktp_set",
        verbose_name=_("kecamatan layanan"),
        help_text=_("Kantor kecamatan tempat perekaman dan pengambilan."),
    )
    kitap_berlaku_hingga = models.DateField(
        _("KITAP berlaku hingga"), null=True, blank=True, help_text=_("Wajib untuk WNA: tanggal akhir KITAP.")
    )
    nik_mismatch_confirmed = models.BooleanField(
        _("ketidaksesuaian NIK dikonfirmasi"),
        default=False,
        help_text=_("Pemohon menyatakan tanggal lahir/jenis kelamin benar walau berbeda dengan kode NIK."),
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
    appointment_date = models.DateField(
        _("jadwal ke kantor"),
        null=True,
        blank=True,
        help_text=_("Tanggal perekaman/pengambilan di kantor kecamatan."),
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
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibantu petugas"),
        help_text=_("Petugas loket yang mengisikan permohonan untuk warga yang datang langsung."),
    )
    revision_fields = models.JSONField(
        _("isian yang perlu diperbaiki"),
        default=list,
        blank=True,
        help_text=_("Nama isian dan dokumen yang diminta untuk diperbaiki."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, help_text=_("Waktu draf dibuat."))
    updated_at = models.DateTimeField(_("diubah"), auto_now=True, help_text=_("Waktu terakhir diubah."))

    class Meta(Application.Meta):
        verbose_name = _("permohonan KTP-el")
        verbose_name_plural = _("permohonan KTP-el")
        constraints = [
            models.UniqueConstraint(
                fields=["nik_hash"],
                condition=Q(status__in=OPEN_STATUSES),
                name="ktp_one_open_permohonan_per_nik",
                violation_error_message=_("NIK ini sudah punya permohonan yang masih berjalan."),
            )
        ]
        indexes = [
            models.Index(fields=["kecamatan", "status", "submitted_at"], name="ktp_queue_idx"),
            # The officers' queues are ordered by SLA date (and -id, the tie-break the admin adds):
            # per kecamatan, with or without a status filter, and across kecamatan for
            # Dispendukcapil. Matching the ORDER BY exactly lets a page stop after its own rows.
            models.Index(fields=["kecamatan", "status", "sla_due", "-id"], name="ktp_queue_sla_idx"),
            models.Index(fields=["kecamatan", "sla_due", "-id"], name="ktp_kecamatan_sla_idx"),
            models.Index(fields=["status", "sla_due", "-id"], name="ktp_status_sla_idx"),
            models.Index(fields=["sla_due", "-id"], name="ktp_sla_idx"),
            models.Index(fields=["kecamatan", "appointment_date"], name="ktp_appointment_idx"),
        ]

    def __str__(self):
        return self.reference or _("Draf %(jenis)s") % {"jenis": self.get_jenis_display()}

    @property
    def is_wna(self):
        return self.kewarganegaraan == Kewarganegaraan.WNA

    @property
    def needs_recording(self):
        """Whether the office visit records biometrics, or only checks the original documents."""
        return self.jenis in RECORDING_JENIS


class DokumenPermohonan(StoredDocument):
    """One uploaded document of an application, stored privately under a random name."""

    UPLOAD_PREFIX = "ktp"

    permohonan = models.ForeignKey(
        PermohonanKTP,
        on_delete=models.CASCADE,
        related_name="dokumen_set",
        verbose_name=_("permohonan"),
        help_text=_("Permohonan pemilik dokumen."),
    )
    kind = models.CharField(
        _("jenis dokumen"), max_length=20, choices=Dokumen.choices, help_text=_("Dokumen apa ini.")
    )

    class Meta:
        verbose_name = _("dokumen permohonan")
        verbose_name_plural = _("dokumen permohonan")
        constraints = [
            models.UniqueConstraint(fields=["permohonan", "kind"], name="ktp_one_document_per_kind")
        ]


class RiwayatStatus(StatusHistory):
    STATUS = Status
    # The officer's reschedule keeps a verified application verified: its own event in the history.
    WITHIN_STATUS = {Status.DIVERIFIKASI: _("Jadwal diubah")}

    permohonan = models.ForeignKey(
        PermohonanKTP,
        on_delete=models.CASCADE,
        related_name="riwayat_set",
        verbose_name=_("permohonan"),
        help_text=_("Permohonan yang berubah status."),
    )

    class Meta(StatusHistory.Meta):
        verbose_name = _("riwayat status")
        verbose_name_plural = _("riwayat status")


PermohonanKTP.HISTORY_MODEL = RiwayatStatus
