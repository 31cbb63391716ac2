"""Vendors, packages, their schedule, documents, registrations and aanwijzing questions."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.documents.models import StoredDocument
from portal.workflow import StatusHistory

from ..constants import PENYEDIA_TRANSITIONS, TRANSITIONS, BentukUsaha, PenyediaStatus, Status, Tahap
from ..kbli import kbli_codes

USER = settings.AUTH_USER_MODEL


class Penyedia(models.Model):
    """A business account that may bid once an officer has verified it."""

    TRANSITIONS = PENYEDIA_TRANSITIONS
    HISTORY_FK = "penyedia"

    user = models.OneToOneField(
        USER,
        on_delete=models.PROTECT,
        related_name="penyedia",
        verbose_name=_("akun"),
        help_text=_("Akun yang mewakili badan usaha."),
    )
    nama_usaha = models.CharField(
        _("nama badan usaha"), max_length=200, help_text=_("Nama sesuai akta atau NIB.")
    )
    bentuk_usaha = models.CharField(
        _("bentuk usaha"), max_length=20, choices=BentukUsaha.choices, help_text=_("Bentuk badan usaha.")
    )
    npwp = models.CharField(
        _("NPWP"),
        max_length=16,
        unique=True,
        validators=[RegexValidator(r"^\d{15,16}\Z", _("NPWP terdiri atas 15 atau 16 angka, tanpa titik."))],
        help_text=_("Nomor Pokok Wajib Pajak badan usaha, 15 atau 16 angka."),
    )
    nib = models.CharField(
        _("NIB"),
        max_length=13,
        unique=True,
        validators=[RegexValidator(r"^\d{13}\Z", _("NIB terdiri atas 13 angka."))],
        help_text=_("Nomor Induk Berusaha dari OSS, 13 angka."),
    )
    kbli = models.CharField(
        _("KBLI"),
        max_length=200,
        validators=[RegexValidator(r"^\d{5}(,\s*\d{5})*\Z", _("Kode KBLI 5 angka, dipisah koma."))],
        help_text=_("Kode KBLI usaha, 5 angka, dipisah koma, misalnya 41011, 43211."),
    )
    alamat = models.TextField(_("alamat"), max_length=500, help_text=_("Alamat kantor badan usaha."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PenyediaStatus.choices,
        default=PenyediaStatus.DIAJUKAN,
        help_text=_("Hanya penyedia terverifikasi yang dapat mendaftar paket dan menawar."),
    )
    created_at = models.DateTimeField(
        _("didaftarkan"), default=timezone.now, help_text=_("Waktu pendaftaran.")
    )

    class Meta:
        verbose_name = _("penyedia")
        verbose_name_plural = _("penyedia")
        ordering = ["nama_usaha"]
        indexes = [models.Index(fields=["status", "created_at"], name="pengadaan_penyedia_queue")]

    def __str__(self):
        return self.nama_usaha

    @property
    def kbli_list(self):
        return kbli_codes(self.kbli)

    @property
    def is_verified(self):
        return self.status == PenyediaStatus.TERVERIFIKASI


class RiwayatPenyedia(StatusHistory):
    STATUS = PenyediaStatus
    penyedia = models.ForeignKey(
        Penyedia,
        on_delete=models.CASCADE,
        related_name="riwayat_set",
        verbose_name=_("penyedia"),
        help_text=_("Penyedia yang statusnya berubah."),
    )

    class Meta(StatusHistory.Meta):
        verbose_name = _("riwayat penyedia")
        verbose_name_plural = _("riwayat penyedia")


Penyedia.HISTORY_MODEL = RiwayatPenyedia


class Paket(models.Model):
    """A procurement package: put out to tender, or bought directly (see `Langsung`)."""

    TRANSITIONS = TRANSITIONS
    HISTORY_FK = "paket"

    reference = models.CharField(
        _("kode paket"),
        max_length=30,
        unique=True,
        editable=False,
        help_text=_("Kode paket, misalnya PBJ-2026-0001."),
    )
    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.PROTECT,
        related_name="paket_set",
        verbose_name=_("instansi pemilik"),
        help_text=_("Perangkat daerah yang membutuhkan barang atau jasa."),
    )
    nama = models.CharField(
        _("nama paket"),
        max_length=255,
        help_text=_("Nama paket yang jelas, misalnya Rehabilitasi Gedung SDN 1 Boyolangu."),
    )
    kategori = models.ForeignKey(
        "pengadaan.Kategori",
        on_delete=models.PROTECT,
        verbose_name=_("kategori"),
        help_text=_("Jenis pengadaan."),
    )
    metode = models.ForeignKey(
        "pengadaan.Metode",
        on_delete=models.PROTECT,
        verbose_name=_("metode pemilihan"),
        help_text=_("Metode pemilihan penyedia."),
    )
    metode_evaluasi = models.ForeignKey(
        "pengadaan.MetodeEvaluasi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("metode evaluasi"),
        help_text=_("Cara menilai dan memeringkat penawaran; kosong pada pengadaan langsung."),
    )
    tahun_anggaran = models.PositiveSmallIntegerField(
        _("tahun anggaran"), validators=[MinValueValidator(2020)], help_text=_("Tahun anggaran APBD.")
    )
    pagu = models.DecimalField(
        _("pagu (Rp)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(1)],
        help_text=_("Pagu anggaran paket."),
    )
    hps = models.DecimalField(
        _("HPS (Rp)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(1)],
        help_text=_("Harga perkiraan sendiri: nilai totalnya diumumkan; penawaran di atasnya gugur."),
    )
    kbli_syarat = models.CharField(
        _("KBLI yang disyaratkan"),
        max_length=200,
        blank=True,
        validators=[RegexValidator(r"^(\d{5}(,\s*\d{5})*)?\Z", _("Kode KBLI 5 angka, dipisah koma."))],
        help_text=_("Penyedia harus memiliki salah satu KBLI ini; kosong bila tidak disyaratkan."),
    )
    syarat_pengalaman = models.TextField(
        _("syarat pengalaman"),
        blank=True,
        help_text=_("Pengalaman yang disyaratkan, misalnya satu pekerjaan sejenis dalam 4 tahun terakhir."),
    )
    lokasi = models.CharField(
        _("lokasi pekerjaan"), max_length=255, help_text=_("Lokasi pekerjaan atau tempat penyerahan.")
    )
    ppk = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="paket_ppk_set",
        verbose_name=_("PPK"),
        help_text=_("Pejabat Pembuat Komitmen yang menerbitkan SPPBJ dan menandatangani kontrak."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DIUMUMKAN,
        help_text=_("Tahap proses paket."),
    )
    dibuka_at = models.DateTimeField(
        _("penawaran dibuka"),
        null=True,
        blank=True,
        help_text=_("Kapan Pokja membuka penawaran; sebelumnya tidak ada yang dapat membacanya."),
    )
    sanggah_selesai = models.DateTimeField(
        _("akhir masa sanggah"),
        null=True,
        blank=True,
        help_text=_("Diisi saat pemenang diumumkan, menurut aturan masa sanggah."),
    )
    alasan_gagal = models.TextField(
        _("alasan tender gagal"), blank=True, help_text=_("Diisi bila tender dinyatakan gagal.")
    )
    retender_dari = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="retender_set",
        verbose_name=_("tender ulang dari"),
        help_text=_("Paket gagal yang ditenderkan ulang oleh paket ini."),
    )
    created_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("didaftarkan oleh"),
        help_text=_("Admin UKPBJ yang mendaftarkan paket."),
    )
    created_at = models.DateTimeField(
        _("didaftarkan"), default=timezone.now, help_text=_("Waktu paket didaftarkan.")
    )

    class Meta:
        verbose_name = _("paket pengadaan")
        verbose_name_plural = _("paket pengadaan")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"], name="pengadaan_paket_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hps__lte=models.F("pagu")), name="pengadaan_hps_within_pagu"
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.nama}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("pengadaan:paket", args=[self.pk])


class RiwayatPaket(StatusHistory):
    STATUS = Status
    paket = models.ForeignKey(
        Paket,
        on_delete=models.CASCADE,
        related_name="riwayat_set",
        verbose_name=_("paket"),
        help_text=_("Paket yang statusnya berubah."),
    )

    class Meta(StatusHistory.Meta):
        verbose_name = _("riwayat paket")
        verbose_name_plural = _("riwayat paket")


Paket.HISTORY_MODEL = RiwayatPaket


class AnggotaPokja(models.Model):
    """One member of the package's Pokja Pemilihan."""

    paket = models.ForeignKey(
        Paket,
        on_delete=models.CASCADE,
        related_name="pokja_set",
        verbose_name=_("paket"),
        help_text=_("Paket yang dipilih."),
    )
    user = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="pokja_set",
        verbose_name=_("anggota"),
        help_text=_("Petugas anggota Pokja."),
    )

    class Meta:
        verbose_name = _("anggota Pokja")
        verbose_name_plural = _("anggota Pokja")
        constraints = [models.UniqueConstraint(fields=["paket", "user"], name="pengadaan_pokja_once")]

    def __str__(self):
        return str(self.user)


class Jadwal(models.Model):
    """One stage of a package's schedule: from when to when."""

    paket = models.ForeignKey(
        Paket,
        on_delete=models.CASCADE,
        related_name="jadwal_set",
        verbose_name=_("paket"),
        help_text=_("Paket pemilik jadwal."),
    )
    tahap = models.CharField(
        _("tahap"), max_length=20, choices=Tahap.choices, help_text=_("Tahap pemilihan.")
    )
    mulai = models.DateTimeField(_("mulai"), help_text=_("Awal tahap."))
    selesai = models.DateTimeField(_("selesai"), help_text=_("Akhir tahap, sampai detiknya."))

    class Meta:
        verbose_name = _("jadwal")
        verbose_name_plural = _("jadwal")
        ordering = ["mulai", "id"]
        constraints = [
            models.UniqueConstraint(fields=["paket", "tahap"], name="pengadaan_jadwal_once"),
            models.CheckConstraint(
                condition=models.Q(selesai__gt=models.F("mulai")), name="pengadaan_jadwal_order"
            ),
        ]

    def __str__(self):
        return self.get_tahap_display()


class PerubahanJadwal(models.Model):
    """One amendment of a stage, with its reason: kept and shown to everyone."""

    jadwal = models.ForeignKey(
        Jadwal,
        on_delete=models.CASCADE,
        related_name="perubahan_set",
        verbose_name=_("jadwal"),
        help_text=_("Tahap yang diubah."),
    )
    mulai_lama = models.DateTimeField(_("mulai semula"), help_text=_("Awal tahap sebelum diubah."))
    selesai_lama = models.DateTimeField(_("selesai semula"), help_text=_("Akhir tahap sebelum diubah."))
    mulai_baru = models.DateTimeField(_("mulai baru"), help_text=_("Awal tahap sesudah diubah."))
    selesai_baru = models.DateTimeField(_("selesai baru"), help_text=_("Akhir tahap sesudah diubah."))
    alasan = models.TextField(_("alasan"), help_text=_("Mengapa jadwal diubah; ditampilkan kepada semua."))
    oleh = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oleh"),
        help_text=_("Anggota Pokja yang mengubah."),
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, help_text=_("Kapan diubah."))

    class Meta:
        verbose_name = _("perubahan jadwal")
        verbose_name_plural = _("perubahan jadwal")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.jadwal} {self.created_at:%Y-%m-%d %H:%M}"


class DokumenPaket(StoredDocument):
    """A published document of the package: the dokumen pemilihan and its adenda."""

    class Kind(models.TextChoices):
        DOKUMEN_PEMILIHAN = "dokumen_pemilihan", _("Dokumen pemilihan")
        ADENDUM = "adendum", _("Adendum dokumen pemilihan")

    UPLOAD_PREFIX = "pengadaan-dokumen"

    paket = models.ForeignKey(
        Paket,
        on_delete=models.CASCADE,
        related_name="dokumen_set",
        verbose_name=_("paket"),
        help_text=_("Paket pemilik dokumen."),
    )
    kind = models.CharField(_("jenis"), max_length=30, choices=Kind.choices, help_text=_("Jenis dokumen."))

    class Meta:
        verbose_name = _("dokumen paket")
        verbose_name_plural = _("dokumen paket")
        ordering = ["uploaded_at", "id"]


class Pendaftaran(models.Model):
    """A verified vendor's registration for a package: it may then ask, download and bid."""

    paket = models.ForeignKey(
        Paket,
        on_delete=models.CASCADE,
        related_name="pendaftaran_set",
        verbose_name=_("paket"),
        help_text=_("Paket yang diikuti."),
    )
    penyedia = models.ForeignKey(
        Penyedia,
        on_delete=models.PROTECT,
        related_name="pendaftaran_set",
        verbose_name=_("penyedia"),
        help_text=_("Penyedia peserta."),
    )
    created_at = models.DateTimeField(_("mendaftar"), default=timezone.now, help_text=_("Waktu mendaftar."))

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["paket", "penyedia"], name="pengadaan_peserta_once")]

    def __str__(self):
        return f"{self.penyedia} · {self.paket.reference}"


class Pertanyaan(models.Model):
    """A registered vendor's aanwijzing question and the Pokja's answer; shown without the asker."""

    paket = models.ForeignKey(
        Paket,
        on_delete=models.CASCADE,
        related_name="pertanyaan_set",
        verbose_name=_("paket"),
        help_text=_("Paket yang ditanyakan."),
    )
    penyedia = models.ForeignKey(
        Penyedia,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("penanya"),
        help_text=_("Tidak pernah ditampilkan kepada peserta lain."),
    )
    pertanyaan = models.TextField(
        _("pertanyaan"), max_length=2000, help_text=_("Pertanyaan tentang dokumen pemilihan.")
    )
    jawaban = models.TextField(
        _("jawaban"),
        blank=True,
        max_length=4000,
        help_text=_("Jawaban Pokja, ditampilkan kepada semua peserta."),
    )
    dijawab_oleh = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dijawab oleh"),
        help_text=_("Anggota Pokja yang menjawab."),
    )
    dijawab_at = models.DateTimeField(
        _("dijawab"), null=True, blank=True, help_text=_("Waktu jawaban diterbitkan.")
    )
    created_at = models.DateTimeField(
        _("ditanyakan"), default=timezone.now, help_text=_("Waktu pertanyaan masuk.")
    )

    class Meta:
        verbose_name = _("pertanyaan aanwijzing")
        verbose_name_plural = _("pertanyaan aanwijzing")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.pertanyaan[:60]
