"""A memo, its addressees, attachments and status history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.documents.storage import document_upload_to, private_storage
from portal.workflow import StatusHistory

from ..constants import (
    DEFAULT_KODE_KLASIFIKASI,
    ISI_MAX_CHARS,
    RESTRICTED,
    TRANSITIONS,
    Alasan,
    Format,
    Jenis,
    Klasifikasi,
    Peran,
    Sifat,
    Status,
)
from .penomoran import kode_klasifikasi_validator


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
        help_text=_(
            "Derajat kecepatan. Naskah Segera dan Sangat segera ditanggapi dalam sekian hari kerja sesudah "
            "dikirim, sebanyak yang ditetapkan pengaturan portal."
        ),
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
    isi = models.TextField(
        _("isi"), blank=True, max_length=ISI_MAX_CHARS, help_text=_("Isi naskah, teks biasa atau Markdown.")
    )
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
        help_text=_(
            "Dari sifat naskah, dihitung dalam hari kerja sesudah dikirim; Sabtu, Minggu dan hari libur "
            "tidak dihitung."
        ),
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
            models.CheckConstraint(
                condition=Q(status=Status.DRAF) | (Q(nomor_urut__isnull=False) & Q(sent_at__isnull=False)),
                name="koordinasi_naskah_terkirim_bernomor",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "sifat", "sent_at"], name="koordinasi_naskah_kirim"),
            models.Index(fields=["nomor"], name="koordinasi_naskah_nomor"),
            # The register and the admin list, newest first, without sorting every memo.
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


class HakBaca(models.Model):
    """
    Who may read a sent memo, and why: one officer (its sender, a named addressee, a link of a
    disposisi chain) or every officer of one agency. Written when the memo is sent and when a
    disposisi is given, by the services that state the rule; read by every list and page.
    """

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="hak_baca_set",
        db_index=False,  # led by koordinasi_hakbaca_naskah
        verbose_name=_("naskah"),
        help_text=_("Naskah terkirim yang boleh dibaca."),
    )
    pegawai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # led by koordinasi_hakbaca_peg
        verbose_name=_("pegawai"),
        help_text=_("Pegawai yang boleh membaca; kosong bila hak ini milik satu instansi."),
    )
    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # led by koordinasi_hakbaca_inst
        verbose_name=_("instansi"),
        help_text=_("Instansi yang semua pegawainya boleh membaca; tidak pernah untuk naskah Rahasia."),
    )
    alasan = models.CharField(
        _("alasan"), max_length=10, choices=Alasan.choices, help_text=_("Mengapa naskah boleh dibaca.")
    )

    class Meta:
        verbose_name = _("hak baca")
        verbose_name_plural = _("hak baca")
        constraints = [
            models.CheckConstraint(
                condition=Q(instansi__isnull=False, pegawai__isnull=True, alasan=Alasan.INSTANSI)
                | (Q(instansi__isnull=True, pegawai__isnull=False) & ~Q(alasan=Alasan.INSTANSI)),
                name="koordinasi_hakbaca_satu_pembaca",
            ),
            models.UniqueConstraint(
                fields=["naskah", "pegawai", "alasan"],
                condition=Q(pegawai__isnull=False),
                name="koordinasi_hakbaca_pegawai",
            ),
            models.UniqueConstraint(
                fields=["naskah", "instansi"],
                condition=Q(instansi__isnull=False),
                name="koordinasi_hakbaca_instansi",
            ),
        ]
        indexes = [
            # Whether one memo is readable by an officer, read from the index alone.
            models.Index(fields=["naskah", "pegawai", "instansi"], name="koordinasi_hakbaca_naskah"),
            # The unread counts of an officer and of their agency, without reading the memos.
            models.Index(fields=["pegawai", "naskah"], name="koordinasi_hakbaca_peg"),
            models.Index(fields=["instansi", "naskah"], name="koordinasi_hakbaca_inst"),
        ]

    def __str__(self):
        return f"{self.pegawai or self.instansi}: {self.get_alasan_display()}"


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
