from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kecamatan(models.Model):
    code = models.CharField(
        _("kode Kemendagri"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^35\.04\.[0-9]{2}\Z", _("Kode kecamatan seperti 35.04.02."))],
        help_text=_("Kode wilayah resmi Kemendagri, misalnya 35.04.02."),
    )
    name = models.CharField(_("nama"), max_length=100, help_text=_("Nama kecamatan."))

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def nik_prefix(self):
        """Return the 6-digit NIK prefix of this kecamatan, e.g. 350402."""
        return self.code.replace(".", "")


class Desa(models.Model):
    class Kind(models.TextChoices):
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    code = models.CharField(
        _("kode Kemendagri"),
        max_length=13,
        unique=True,
        validators=[
            RegexValidator(r"^35\.04\.[0-9]{2}\.[12][0-9]{3}\Z", _("Kode desa seperti 35.04.02.2001."))
        ],
        help_text=_("Kode wilayah resmi Kemendagri, misalnya 35.04.02.2001."),
    )
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        related_name="desa_set",
        verbose_name=_("kecamatan"),
        help_text=_("Kecamatan tempat desa atau kelurahan ini berada."),
    )
    name = models.CharField(
        _("nama"),
        max_length=100,
        help_text=_("Nama desa atau kelurahan. Beberapa nama dipakai di lebih dari satu kecamatan."),
    )
    kind = models.CharField(
        _("jenis"),
        max_length=10,
        choices=Kind.choices,
        help_text=_("Desa atau kelurahan."),
    )

    class Meta:
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")
        ordering = ["code"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}, {self.kecamatan.name}"


class Instansi(models.Model):
    code = models.SlugField(
        _("kode unit"),
        max_length=40,
        unique=True,
        allow_unicode=False,
        help_text=_("Kode unit pengolah, huruf besar, misalnya DPMPTSP atau KEC-BOYOLANGU."),
    )
    name = models.CharField(_("nama"), max_length=200, help_text=_("Nama lengkap instansi."))
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instansi_set",
        verbose_name=_("kecamatan"),
        help_text=_("Diisi untuk kantor kecamatan; kosong untuk instansi tingkat kabupaten."),
    )
    is_active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Instansi nonaktif tidak bisa dipilih lagi.")
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["code"]

    def __str__(self):
        return self.name
