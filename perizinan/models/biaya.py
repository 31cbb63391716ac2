"""The legal basis of each fee: which regulation lets the office charge, for what, and when."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import Jenis
from .reference import JenisIzin


class JenisPeraturan(models.TextChoices):
    UU = "uu", _("Undang-Undang")
    PP = "pp", _("Peraturan Pemerintah")
    PERPRES = "perpres", _("Peraturan Presiden")
    PERMENDAG = "permendag", _("Peraturan Menteri Perdagangan")
    PERMENDAGRI = "permendagri", _("Peraturan Menteri Dalam Negeri")
    PERDA = "perda", _("Peraturan Daerah Kabupaten Tulungagung")
    PERBUP = "perbup", _("Peraturan Bupati Tulungagung")


class DasarBiaya(models.Model):
    """
    A fee rule and its legal basis. Only a rule in force on the day (within its dates and not revoked)
    lets a fee be charged; without one the service costs nothing. How much is charged follows the
    licence type's fee rule (SIUP class, HO formula).
    """

    jenis_izin = models.ForeignKey(
        JenisIzin,
        on_delete=models.PROTECT,
        related_name="dasar_biaya_set",
        verbose_name=_("jenis izin"),
        help_text=_("Izin yang biayanya diatur peraturan ini."),
    )
    jenis = models.CharField(
        _("jenis permohonan"),
        max_length=20,
        choices=Jenis.choices,
        blank=True,
        help_text=_("Baru atau perpanjangan; kosong berarti keduanya."),
    )
    peraturan_jenis = models.CharField(
        _("jenis peraturan"), max_length=20, choices=JenisPeraturan.choices, help_text=_("Bentuk peraturan.")
    )
    peraturan_nomor = models.CharField(
        _("nomor peraturan"),
        max_length=60,
        help_text=_("Nomor seperti tertulis, misalnya 46/M-DAG/PER/9/2009."),
    )
    peraturan_tahun = models.PositiveSmallIntegerField(_("tahun"), help_text=_("Tahun peraturan."))
    pasal = models.CharField(
        _("pasal"),
        max_length=60,
        blank=True,
        help_text=_(
            "Pasal yang mengatur biaya, misalnya Pasal 20 ayat (2); isi setelah dicocokkan dengan naskah."
        ),
    )
    judul = models.CharField(
        _("tentang"), max_length=200, blank=True, help_text=_("Judul peraturan, misalnya Penerbitan SIUP.")
    )
    berlaku_mulai = models.DateField(_("berlaku mulai"), help_text=_("Hari pertama biaya boleh dipungut."))
    berlaku_sampai = models.DateField(
        _("berlaku sampai"), null=True, blank=True, help_text=_("Hari terakhir; kosong bila masih berlaku.")
    )
    dicabut = models.BooleanField(
        _("dicabut"),
        default=False,
        help_text=_("Dicentang: peraturan dicabut dan biaya tidak boleh dipungut."),
    )
    dicabut_oleh = models.CharField(
        _("dicabut oleh"), max_length=200, blank=True, help_text=_("Peraturan atau keterangan pencabutannya.")
    )

    class Meta:
        verbose_name = _("dasar hukum biaya")
        verbose_name_plural = _("dasar hukum biaya")
        ordering = ["jenis_izin", "-berlaku_mulai"]
        constraints = [
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=models.F("berlaku_mulai")),
                name="perizinan_dasar_biaya_dates",
            )
        ]

    def __str__(self):
        return self.basis_text

    @property
    def basis_text(self):
        """Return the citation: Peraturan Daerah Kabupaten Tulungagung Nomor 21 Tahun 2010, Pasal 5."""
        text = _("%(jenis)s Nomor %(nomor)s Tahun %(tahun)s") % {
            "jenis": self.get_peraturan_jenis_display(),
            "nomor": self.peraturan_nomor,
            "tahun": self.peraturan_tahun,
        }
        return f"{text}, {self.pasal}" if self.pasal else text
