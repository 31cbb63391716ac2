"""The tender rules kept as data: categories, methods, evaluation methods, stage lengths, figures."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import JAM_KERJA, CaraEvaluasi, KodeAturan, Tahap


class Kategori(models.Model):
    """A procurement category (barang, pekerjaan konstruksi, jasa konsultansi, jasa lainnya)."""

    code = models.SlugField(
        _("kode"), max_length=40, unique=True, help_text=_("Kode tetap, misalnya barang.")
    )
    name = models.CharField(_("nama"), max_length=100, help_text=_("Nama kategori yang ditampilkan."))
    ocds_category = models.CharField(
        _("kategori OCDS"),
        max_length=20,
        help_text=_("mainProcurementCategory OCDS: goods, works atau services."),
    )

    class Meta:
        verbose_name = _("kategori pengadaan")
        verbose_name_plural = _("kategori pengadaan")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Metode(models.Model):
    """A selection method (tender, seleksi, tender cepat); the list changes with the regulations."""

    code = models.SlugField(
        _("kode"), max_length=40, unique=True, help_text=_("Kode tetap, misalnya tender.")
    )
    name = models.CharField(_("nama"), max_length=100, help_text=_("Nama metode yang ditampilkan."))
    ocds_method = models.CharField(
        _("metode OCDS"),
        max_length=20,
        help_text=_("procurementMethod OCDS: open, selective, limited, direct."),
    )
    active = models.BooleanField(_("aktif"), default=True, help_text=_("Metode nonaktif tidak bisa dipilih."))

    class Meta:
        verbose_name = _("metode pemilihan")
        verbose_name_plural = _("metode pemilihan")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MetodeEvaluasi(models.Model):
    """An evaluation method: how the passing bids are ranked."""

    code = models.SlugField(_("kode"), max_length=40, unique=True, help_text=_("Kode tetap."))
    name = models.CharField(_("nama"), max_length=100, help_text=_("Nama metode evaluasi."))
    cara = models.CharField(
        _("cara peringkat"),
        max_length=20,
        choices=CaraEvaluasi.choices,
        help_text=_("Harga terendah di antara yang lulus, atau nilai gabungan teknis dan harga."),
    )
    bobot_teknis = models.PositiveSmallIntegerField(
        _("bobot teknis (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Untuk sistem nilai: bobot nilai teknis; bobot harga adalah sisanya."),
    )

    class Meta:
        verbose_name = _("metode evaluasi")
        verbose_name_plural = _("metode evaluasi")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def bobot_harga(self):
        return 100 - self.bobot_teknis


class DurasiTahap(models.Model):
    """How long a stage of a method lasts when a package's schedule is first drawn up."""

    metode = models.ForeignKey(
        Metode, on_delete=models.CASCADE, verbose_name=_("metode"), help_text=_("Metode pemilihan.")
    )
    tahap = models.CharField(_("tahap"), max_length=20, choices=Tahap.choices, help_text=_("Tahap jadwal."))
    hari = models.PositiveSmallIntegerField(
        _("lama (hari kalender)"),
        validators=[MinValueValidator(1)],
        help_text=_(
            "Lama tahap ini dalam hari kalender pada jadwal awal; Pokja dapat mengubahnya dengan alasan."
        ),
    )

    class Meta:
        verbose_name = _("lama tahap")
        verbose_name_plural = _("lama tahap")
        constraints = [models.UniqueConstraint(fields=["metode", "tahap"], name="pengadaan_durasi_once")]

    def __str__(self):
        return f"{self.metode} · {self.get_tahap_display()}: {self.hari}"


class Aturan(models.Model):
    """A numeric rule in force from a date (sanggah days, Pokja size); the latest in force applies."""

    code = models.CharField(
        _("aturan"), max_length=40, choices=KodeAturan.choices, help_text=_("Aturan yang diatur.")
    )
    value = models.PositiveIntegerField(
        _("nilai"), help_text=_("Nilai aturan, dalam satuan yang disebut namanya.")
    )
    valid_from = models.DateField(
        _("berlaku mulai"), default=timezone.localdate, help_text=_("Tanggal aturan mulai berlaku.")
    )
    source = models.CharField(
        _("dasar"),
        max_length=200,
        blank=True,
        help_text=_("Peraturan atau dokumen yang menjadi dasar nilai ini."),
    )

    class Meta:
        verbose_name = _("aturan pengadaan")
        verbose_name_plural = _("aturan pengadaan")
        ordering = ["code", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="pengadaan_aturan_once")]

    def __str__(self):
        return f"{self.get_code_display()}: {self.value}"

    def clean(self):
        super().clean()
        if self.code == KodeAturan.JAM_AKHIR_TAHAP and not JAM_KERJA[0] <= (self.value or 0) <= JAM_KERJA[1]:
            raise ValidationError({"value": _("Isi jam kerja, antara 7 dan 17 (pukul 07.00–17.00 WIB).")})
