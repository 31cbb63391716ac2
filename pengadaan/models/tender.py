"""Sealed bids, conflict declarations, evaluations, objections (sanggah) and the contract."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.documents.storage import document_upload_to, private_storage

from .paket import Paket, Penyedia

USER = settings.AUTH_USER_MODEL


class Penawaran(models.Model):
    """
    One sealed bid. The file holds the Fernet token of the whole bid (price and documents) under
    the package's key; nothing else about its content is stored until the opening. A replaced
    bid keeps its row (its receipt stays verifiable) but loses its file.
    """

    UPLOAD_PREFIX = "pengadaan-penawaran"

    paket = models.ForeignKey(
        Paket,
        on_delete=models.PROTECT,
        related_name="penawaran_set",
        verbose_name=_("paket"),
        help_text=_("Paket yang ditawar."),
    )
    penyedia = models.ForeignKey(
        Penyedia,
        on_delete=models.PROTECT,
        related_name="penawaran_set",
        verbose_name=_("penyedia"),
        help_text=_("Penyedia penawar."),
    )
    nama_penyedia = models.CharField(
        _("nama penyedia"),
        max_length=200,
        help_text=_("Nama badan usaha terverifikasi saat penawaran disampaikan; nama inilah yang diumumkan."),
    )
    berkas = models.FileField(
        _("berkas tersegel"),
        storage=private_storage,
        upload_to=document_upload_to,
        max_length=200,
        blank=True,
        help_text=_("Penawaran terenkripsi; kosong bila sudah diganti penawaran yang lebih baru."),
    )
    digest = models.CharField(
        _("SHA-256"), max_length=64, help_text=_("Sidik SHA-256 berkas tersegel seperti tersimpan.")
    )
    size = models.PositiveIntegerField(_("ukuran (bita)"), help_text=_("Ukuran berkas tersegel."))
    diterima_at = models.DateTimeField(_("diterima"), help_text=_("Waktu server menerima penawaran."))
    aktif = models.BooleanField(
        _("berlaku"), default=True, help_text=_("Hanya penawaran terakhir yang berlaku.")
    )
    harga = models.DecimalField(
        _("harga penawaran (Rp)"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Terbaca hanya setelah pembukaan penawaran."),
    )

    class Meta:
        verbose_name = _("penawaran")
        verbose_name_plural = _("penawaran")
        ordering = ["diterima_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["paket", "penyedia"],
                condition=models.Q(aktif=True),
                name="pengadaan_penawaran_one_active",
            )
        ]

    def __str__(self):
        return f"{self.penyedia} · {self.paket.reference} · {self.digest[:12]}"


class PernyataanKonflik(models.Model):
    """A Pokja member's declaration, before seeing the bids, of any conflict of interest."""

    paket = models.ForeignKey(
        Paket,
        on_delete=models.CASCADE,
        related_name="pernyataan_set",
        verbose_name=_("paket"),
        help_text=_("Paket yang dievaluasi."),
    )
    anggota = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("anggota Pokja"),
        help_text=_("Yang menyatakan."),
    )
    ada_konflik = models.BooleanField(
        _("ada benturan kepentingan"),
        help_text=_(
            "Ya bila anggota punya hubungan dengan salah satu penawar; ia lalu tidak boleh mengevaluasi."
        ),
    )
    keterangan = models.TextField(
        _("keterangan"),
        blank=True,
        max_length=2000,
        help_text=_("Penjelasan, wajib bila ada benturan kepentingan."),
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, help_text=_("Kapan dinyatakan."))

    class Meta:
        verbose_name = _("pernyataan benturan kepentingan")
        verbose_name_plural = _("pernyataan benturan kepentingan")
        constraints = [models.UniqueConstraint(fields=["paket", "anggota"], name="pengadaan_pernyataan_once")]

    def __str__(self):
        return f"{self.anggota} · {self.paket.reference}"


class Evaluasi(models.Model):
    """One Pokja member's evaluation of one opened bid, with reasons."""

    penawaran = models.ForeignKey(
        Penawaran,
        on_delete=models.CASCADE,
        related_name="evaluasi_set",
        verbose_name=_("penawaran"),
        help_text=_("Penawaran yang dinilai."),
    )
    anggota = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("anggota Pokja"),
        help_text=_("Penilai."),
    )
    administrasi_lulus = models.BooleanField(
        _("administrasi lulus"), help_text=_("Dokumen administrasi lengkap dan sah.")
    )
    teknis_lulus = models.BooleanField(
        _("teknis lulus"), help_text=_("Penawaran teknis memenuhi spesifikasi.")
    )
    nilai_teknis = models.PositiveSmallIntegerField(
        _("nilai teknis"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("0 sampai 100; wajib untuk metode sistem nilai."),
    )
    alasan = models.TextField(
        _("alasan"), max_length=4000, help_text=_("Dasar penilaian, terutama bila tidak lulus.")
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, help_text=_("Kapan dinilai."))

    class Meta:
        verbose_name = _("evaluasi")
        verbose_name_plural = _("evaluasi")
        constraints = [
            models.UniqueConstraint(fields=["penawaran", "anggota"], name="pengadaan_evaluasi_once")
        ]

    def __str__(self):
        return f"{self.anggota} · {self.penawaran}"


class Penetapan(models.Model):
    """The Pokja's decision naming the winner (and reserves), by majority."""

    paket = models.OneToOneField(
        Paket,
        on_delete=models.CASCADE,
        related_name="penetapan",
        verbose_name=_("paket"),
        help_text=_("Paket yang ditetapkan."),
    )
    pemenang = models.ForeignKey(
        Penawaran,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pemenang"),
        help_text=_("Penawaran peringkat pertama."),
    )
    peringkat = models.JSONField(
        _("peringkat"), default=list, help_text=_("Id penawaran yang lulus, urut peringkat.")
    )
    suara = models.PositiveSmallIntegerField(
        _("anggota yang mengevaluasi"),
        help_text=_("Anggota Pokja tanpa benturan kepentingan yang menilai semua penawaran."),
    )
    oleh = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("oleh"),
        help_text=_("Anggota Pokja yang mencatat penetapan."),
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, help_text=_("Kapan ditetapkan."))

    class Meta:
        verbose_name = _("penetapan pemenang")
        verbose_name_plural = _("penetapan pemenang")

    def __str__(self):
        return f"{self.paket.reference}: {self.pemenang.penyedia}"


class Sanggah(models.Model):
    """A bidder's objection to the result, and the Pokja's answer."""

    paket = models.ForeignKey(
        Paket,
        on_delete=models.CASCADE,
        related_name="sanggah_set",
        verbose_name=_("paket"),
        help_text=_("Paket yang disanggah."),
    )
    penyedia = models.ForeignKey(
        Penyedia,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("penyanggah"),
        help_text=_("Penawar yang menyanggah."),
    )
    nama_penyedia = models.CharField(
        _("nama penyanggah"),
        max_length=200,
        help_text=_("Nama badan usaha terverifikasi saat sanggah diajukan; nama inilah yang diumumkan."),
    )
    alasan = models.TextField(
        _("alasan sanggah"), max_length=4000, help_text=_("Apa yang keliru dan buktinya.")
    )
    bukti = models.FileField(
        _("bukti"),
        storage=private_storage,
        upload_to=document_upload_to,
        blank=True,
        max_length=200,
        help_text=_("Dokumen bukti, PDF."),
    )
    jawaban = models.TextField(_("jawaban"), blank=True, max_length=4000, help_text=_("Jawaban Pokja."))
    diterima = models.BooleanField(
        _("sanggah diterima"),
        null=True,
        blank=True,
        help_text=_("Sanggah yang benar dan material menggagalkan tender."),
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
    dijawab_at = models.DateTimeField(_("dijawab"), null=True, blank=True, help_text=_("Waktu jawaban."))
    created_at = models.DateTimeField(
        _("diajukan"), default=timezone.now, help_text=_("Waktu sanggah masuk.")
    )

    UPLOAD_PREFIX = "pengadaan-sanggah"

    class Meta:
        verbose_name = _("sanggah")
        verbose_name_plural = _("sanggah")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.penyedia} · {self.paket.reference}"


class Kontrak(models.Model):
    """The award letter (SPPBJ) and the contract the PPK records."""

    paket = models.OneToOneField(
        Paket,
        on_delete=models.PROTECT,
        related_name="kontrak",
        verbose_name=_("paket"),
        help_text=_("Paket yang dikontrakkan."),
    )
    penawaran = models.ForeignKey(
        Penawaran,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("penawaran pemenang"),
        help_text=_("Penawaran yang dikontrakkan."),
    )
    nomor_sppbj = models.CharField(
        _("nomor SPPBJ"), max_length=100, help_text=_("Nomor Surat Penunjukan Penyedia Barang/Jasa.")
    )
    tanggal_sppbj = models.DateField(_("tanggal SPPBJ"), help_text=_("Tanggal SPPBJ diterbitkan."))
    nomor = models.CharField(
        _("nomor kontrak"), max_length=100, help_text=_("Nomor surat perjanjian atau SPK.")
    )
    nilai = models.DecimalField(
        _("nilai kontrak (Rp)"),
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(1)],
        help_text=_("Nilai kontrak, paling tinggi harga penawaran terkoreksi."),
    )
    tanggal_mulai = models.DateField(_("tanggal mulai"), help_text=_("Awal masa pelaksanaan."))
    tanggal_selesai = models.DateField(_("tanggal selesai"), help_text=_("Akhir masa pelaksanaan."))
    oleh = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("PPK"),
        help_text=_("PPK yang mencatat."),
    )
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now, help_text=_("Kapan dicatat."))

    class Meta:
        verbose_name = _("kontrak")
        verbose_name_plural = _("kontrak")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tanggal_selesai__gte=models.F("tanggal_mulai")),
                name="pengadaan_kontrak_dates",
            ),
        ]

    def __str__(self):
        return self.nomor
