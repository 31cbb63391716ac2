import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.documents.storage import document_upload_to, private_storage
from portal.workflow import StatusHistory

from .constants import (
    DEFAULT_KODE_KLASIFIKASI,
    DEFAULT_PATTERN,
    PATTERN_FIELDS,
    RESTRICTED,
    TRANSITIONS,
    Akses,
    Format,
    Instruksi,
    Jenis,
    Klasifikasi,
    Peran,
    Sifat,
    Status,
)

kode_klasifikasi_validator = RegexValidator(
    r"^[0-9]{3}(\.[0-9]{1,3}){0,4}\Z", _("Kode klasifikasi arsip seperti 000.8.3 atau 500.16.7.2.")
)


def pattern_validate(pattern: str):
    """Raise ValidationError unless pattern uses only known placeholders and includes {seq}."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ValidationError(_("Pola tidak sah: %(error)s"), params={"error": exc}) from exc
    unknown = names - set(PATTERN_FIELDS)
    if unknown:
        raise ValidationError(
            _("Penanda tidak dikenal: %(names)s. Gunakan %(known)s."),
            params={
                "names": ", ".join(sorted(unknown)),
                "known": ", ".join("{" + n + "}" for n in PATTERN_FIELDS),
            },
        )
    if "seq" not in names:
        raise ValidationError(_("Pola wajib memuat {seq}, nomor urut naskah."))


class PolaPenomoran(models.Model):
    """How one agency numbers its outgoing memos."""

    instansi = models.OneToOneField(
        "wilayah.Instansi",
        on_delete=models.CASCADE,
        related_name="pola_penomoran",
        verbose_name=_("instansi"),
        help_text=_("Instansi pemilik pola nomor ini."),
    )
    pola = models.CharField(
        _("pola nomor"),
        max_length=120,
        default=DEFAULT_PATTERN,
        validators=[pattern_validate],
        help_text=_(
            "Penanda: {kode_klasifikasi}, {seq} (nomor urut, wajib), {unit} (kode unit), {year}, {month}. "
            "Contoh: {kode_klasifikasi}/{seq}/{unit}/{year}."
        ),
    )
    kode_klasifikasi_bawaan = models.CharField(
        _("kode klasifikasi bawaan"),
        max_length=30,
        default=DEFAULT_KODE_KLASIFIKASI,
        validators=[kode_klasifikasi_validator],
        help_text=_(
            "Kode klasifikasi arsip (Permendagri 83/2022) yang terisi otomatis saat menyusun naskah."
        ),
    )

    class Meta:
        verbose_name = _("pola penomoran")
        verbose_name_plural = _("pola penomoran")
        ordering = ["instansi__code"]

    def __str__(self):
        return f"{self.instansi.code}: {self.pola}"


class NomorUrut(models.Model):
    """The last serial number an agency gave its memos in one year: the locked counter row."""

    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("instansi"),
        help_text=_("Instansi pemilik nomor urut."),
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), help_text=_("Tahun; nomor urut mulai dari 1 tiap tahun.")
    )
    terakhir = models.PositiveIntegerField(
        _("nomor terakhir"), default=0, help_text=_("Nomor urut terakhir yang sudah dipakai.")
    )

    class Meta:
        verbose_name = _("nomor urut")
        verbose_name_plural = _("nomor urut")
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun"], name="koordinasi_nomor_urut_once")
        ]

    def __str__(self):
        return f"{self.instansi_id}/{self.tahun}: {self.terakhir}"


class Naskah(models.Model):
    """A memo (nota dinas, surat dinas, ...) from one officer of an agency to agencies and officers."""

    TRANSITIONS = TRANSITIONS
    HISTORY_FK = "naskah"

    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.PROTECT,
        related_name="naskah_keluar",
        verbose_name=_("instansi pengirim"),
        help_text=_("Instansi yang mengeluarkan naskah; menentukan nomornya."),
    )
    pengirim = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="naskah_dikirim",
        verbose_name=_("pengirim"),
        help_text=_("Pegawai yang menyusun dan mengirim naskah."),
    )
    jenis = models.CharField(
        _("jenis naskah"),
        max_length=20,
        choices=Jenis.choices,
        default=Jenis.NOTA_DINAS,
        help_text=_("Nota dinas, surat dinas, undangan, surat edaran atau memo."),
    )
    sifat = models.CharField(
        _("sifat"),
        max_length=20,
        choices=Sifat.choices,
        default=Sifat.BIASA,
        help_text=_("Derajat kecepatan: Segera 2×24 jam, Sangat segera 24 jam."),
    )
    klasifikasi = models.CharField(
        _("klasifikasi keamanan"),
        max_length=20,
        choices=Klasifikasi.choices,
        default=Klasifikasi.BIASA,
        help_text=_("Rahasia dan Sangat rahasia hanya dapat dibaca pegawai yang dituju namanya."),
    )
    kode_klasifikasi = models.CharField(
        _("kode klasifikasi arsip"),
        max_length=30,
        default=DEFAULT_KODE_KLASIFIKASI,
        validators=[kode_klasifikasi_validator],
        help_text=_("Kode klasifikasi arsip menurut Permendagri 83/2022, misalnya 000.8.3."),
    )
    perihal = models.CharField(_("perihal"), max_length=200, help_text=_("Pokok isi naskah, singkat."))
    isi = models.TextField(_("isi"), blank=True, help_text=_("Isi naskah, teks biasa atau Markdown."))
    format = models.CharField(
        _("format isi"),
        max_length=10,
        choices=Format.choices,
        default=Format.TEKS,
        help_text=_("Markdown ditampilkan lewat penyaring; HTML mentah tidak pernah ditampilkan."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAF,
        help_text=_("Draf belum bernomor; terkirim sudah bernomor dan sampai ke penerima."),
    )
    balasan_untuk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="balasan_set",
        verbose_name=_("membalas"),
        help_text=_("Naskah yang dibalas, bila ini balasan."),
    )
    utas = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utas"),
        help_text=_("Naskah pertama dari utas balasan; kosong untuk naskah pertama itu sendiri."),
    )
    nomor = models.CharField(
        _("nomor"),
        max_length=100,
        blank=True,
        help_text=_("Nomor naskah menurut pola instansi; diberikan saat dikirim."),
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun nomor"), null=True, blank=True, help_text=_("Tahun nomor urut.")
    )
    nomor_urut = models.PositiveIntegerField(
        _("nomor urut"), null=True, blank=True, help_text=_("Nomor urut instansi dalam tahun itu.")
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, help_text=_("Waktu draf dibuat."))
    updated_at = models.DateTimeField(_("diubah"), auto_now=True, help_text=_("Waktu terakhir diubah."))
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True, help_text=_("Waktu naskah dikirim."))
    due_at = models.DateTimeField(
        _("batas tanggapan"),
        null=True,
        blank=True,
        help_text=_("Dari sifat naskah: 48 jam (Segera) atau 24 jam (Sangat segera) sesudah dikirim."),
    )

    class Meta:
        verbose_name = _("naskah dinas")
        verbose_name_plural = _("naskah dinas")
        ordering = ["-sent_at", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "tahun", "nomor_urut"],
                condition=Q(nomor_urut__isnull=False),
                name="koordinasi_naskah_nomor_urut_unik",
            ),
            models.UniqueConstraint(
                fields=["nomor"], condition=~Q(nomor=""), name="koordinasi_naskah_nomor_unik"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAF) | (Q(nomor_urut__isnull=False) & Q(sent_at__isnull=False)),
                name="koordinasi_naskah_terkirim_bernomor",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "sifat", "sent_at"], name="koordinasi_naskah_kirim"),
            models.Index(fields=["nomor"], name="koordinasi_naskah_nomor"),
            # The register and the admin list, newest first, without sorting every memo (issue #9).
            models.Index(fields=["-sent_at", "-created_at", "-id"], name="koordinasi_naskah_terbaru"),
        ]

    def __str__(self):
        return self.nomor or _("Draf: %(perihal)s") % {"perihal": self.perihal}

    def get_absolute_url(self):
        if self.status == Status.DRAF:
            return reverse("koordinasi:draft_edit", args=[self.pk])
        return reverse("koordinasi:detail", args=[self.pk])

    @property
    def is_restricted(self):
        return self.klasifikasi in RESTRICTED

    @property
    def is_overdue(self):
        return self.due_at is not None and self.due_at < timezone.now()

    # The two below read the annotations of koordinasi.selectors.naskah_annotate(), whose filters
    # (_needs_action, _overdue) state the same rules in SQL.
    @property
    def needs_action(self):
        """Return whether the user must act: an open disposisi to them, or unread and urgent."""
        return self.has_open_disposisi or (not self.is_read and self.sifat != Sifat.BIASA)

    @property
    def overdue(self):
        """Return whether the user is late: a disposisi past its date, or unread past the deadline."""
        return self.has_overdue_disposisi or (not self.is_read and self.is_overdue)


class RiwayatNaskah(StatusHistory):
    STATUS = Status

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="riwayat_set",
        verbose_name=_("naskah"),
        help_text=_("Naskah yang berubah status."),
    )

    class Meta(StatusHistory.Meta):
        verbose_name = _("riwayat naskah")
        verbose_name_plural = _("riwayat naskah")


Naskah.HISTORY_MODEL = RiwayatNaskah


class Penerima(models.Model):
    """One addressee of a memo: a whole agency or one named officer, as Kepada or Tembusan."""

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="penerima_set",
        verbose_name=_("naskah"),
        help_text=_("Naskah yang dialamatkan."),
    )
    peran = models.CharField(
        _("peran"),
        max_length=10,
        choices=Peran.choices,
        default=Peran.KEPADA,
        help_text=_("Kepada (yang dituju) atau tembusan (salinan)."),
    )
    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instansi"),
        help_text=_("Instansi yang dituju; semua pegawainya menerima naskah Biasa dan Terbatas."),
    )
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pegawai"),
        help_text=_("Pegawai yang dituju namanya."),
    )

    class Meta:
        verbose_name = _("penerima")
        verbose_name_plural = _("penerima")
        ordering = ["peran", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(instansi__isnull=False, pegawai__isnull=True)
                | Q(instansi__isnull=True, pegawai__isnull=False),
                name="koordinasi_penerima_satu_alamat",
            ),
            models.UniqueConstraint(
                fields=["naskah", "instansi"],
                condition=Q(instansi__isnull=False),
                name="koordinasi_penerima_instansi",
            ),
            models.UniqueConstraint(
                fields=["naskah", "pegawai"],
                condition=Q(pegawai__isnull=False),
                name="koordinasi_penerima_pegawai",
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "naskah"], name="koordinasi_penerima_inst"),
            models.Index(fields=["pegawai", "naskah"], name="koordinasi_penerima_peg"),
        ]

    def __str__(self):
        return str(self.pegawai or self.instansi)


class TandaBaca(models.Model):
    """Read receipt: the first time one officer opened a memo."""

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="tanda_baca_set",
        verbose_name=_("naskah"),
        help_text=_("Naskah yang dibuka."),
    )
    pembaca = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pembaca"),
        help_text=_("Pegawai yang membuka naskah."),
    )
    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instansi pembaca"),
        help_text=_("Instansi pembaca saat membuka naskah."),
    )
    dibaca_at = models.DateTimeField(
        _("dibaca"), default=timezone.now, help_text=_("Waktu pertama kali naskah dibuka pegawai ini.")
    )

    class Meta:
        verbose_name = _("tanda baca")
        verbose_name_plural = _("tanda baca")
        ordering = ["dibaca_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["naskah", "pembaca"], name="koordinasi_tanda_baca_once")
        ]

    def __str__(self):
        return f"{self.pembaca} {self.dibaca_at:%Y-%m-%d %H:%M}"


class LogAkses(models.Model):
    """Append-only record of every open of a memo, its attachments or its export."""

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="log_akses_set",
        verbose_name=_("naskah"),
        help_text=_("Naskah yang diakses."),
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pengguna"),
        help_text=_("Pegawai yang mengakses."),
    )
    aksi = models.CharField(
        _("aksi"),
        max_length=20,
        choices=Akses.choices,
        default=Akses.LIHAT,
        help_text=_("Membuka naskah, mengunduh lampiran atau mengekspor PDF."),
    )
    keterangan = models.CharField(
        _("keterangan"), max_length=200, blank=True, help_text=_("Misalnya nama lampiran yang diunduh.")
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, help_text=_("Waktu akses."))

    class Meta:
        verbose_name = _("log akses naskah")
        verbose_name_plural = _("log akses naskah")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["created_at", "id"], name="koordinasi_logakses_waktu")]

    def __str__(self):
        return f"{self.pengguna} {self.get_aksi_display()} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Log akses tidak boleh diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Log akses tidak boleh dihapus."))


class Lampiran(models.Model):
    """An attachment of a memo, checked by its content and kept in private storage."""

    UPLOAD_PREFIX = "koordinasi"

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="lampiran_set",
        verbose_name=_("naskah"),
        help_text=_("Naskah yang dilampiri."),
    )
    berkas = models.FileField(
        _("berkas"),
        storage=private_storage,
        upload_to=document_upload_to,
        max_length=200,
        help_text=_("Disimpan privat; hanya dapat diunduh oleh yang berhak membaca naskah."),
    )
    nama = models.CharField(
        _("nama berkas"), max_length=200, help_text=_("Nama berkas asli dari pengunggah.")
    )
    jenis = models.CharField(_("jenis berkas"), max_length=10, help_text=_("Jenis berkas menurut isinya."))
    ukuran = models.PositiveIntegerField(_("ukuran"), help_text=_("Ukuran berkas dalam bita."))
    sha256 = models.CharField(_("SHA-256"), max_length=64, help_text=_("Sidik isi berkas."))
    created_at = models.DateTimeField(_("diunggah"), default=timezone.now, help_text=_("Waktu unggah."))

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.nama


class Disposisi(models.Model):
    """One link of a disposisi chain: an officer passes a received memo to a colleague of their agency."""

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="disposisi_set",
        verbose_name=_("naskah"),
        help_text=_("Naskah masuk yang didisposisikan."),
    )
    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instansi"),
        help_text=_("Instansi tempat disposisi berjalan; pemberi dan penerima sama-sama pegawainya."),
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lanjutan_set",
        verbose_name=_("disposisi sebelumnya"),
        help_text=_("Disposisi yang diteruskan oleh disposisi ini, bila disposisi lanjutan."),
    )
    dari = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="disposisi_diberikan",
        verbose_name=_("dari"),
        help_text=_("Pegawai yang memberi disposisi."),
    )
    kepada = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="disposisi_diterima",
        verbose_name=_("kepada"),
        help_text=_("Pegawai yang harus menindaklanjuti."),
    )
    instruksi = models.CharField(
        _("instruksi"),
        max_length=30,
        choices=Instruksi.choices,
        help_text=_("Apa yang harus dilakukan penerima disposisi."),
    )
    catatan = models.TextField(_("catatan"), blank=True, help_text=_("Catatan atau arahan tambahan."))
    batas_waktu = models.DateField(
        _("batas waktu"), null=True, blank=True, help_text=_("Tanggal tindak lanjut paling lambat selesai.")
    )
    created_at = models.DateTimeField(_("diberikan"), default=timezone.now, help_text=_("Waktu disposisi."))
    selesai_at = models.DateTimeField(
        _("selesai"), null=True, blank=True, help_text=_("Waktu penerima menandai tindak lanjut selesai.")
    )
    catatan_selesai = models.TextField(
        _("laporan tindak lanjut"), blank=True, help_text=_("Apa yang sudah dilakukan penerima.")
    )

    class Meta:
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(dari=models.F("kepada")), name="koordinasi_disposisi_bukan_diri"
            ),
        ]
        indexes = [models.Index(fields=["kepada", "selesai_at"], name="koordinasi_disposisi_kepada")]

    def __str__(self):
        return f"{self.dari} → {self.kepada}: {self.get_instruksi_display()}"

    @property
    def is_overdue(self):
        return (
            self.selesai_at is None
            and self.batas_waktu is not None
            and self.batas_waktu < timezone.localdate()
        )
