from django.db import models
from django.utils.translation import gettext_lazy as _


class HariLibur(models.Model):
    """A public holiday or cuti bersama: no working day, so no SLA day is counted."""

    class Jenis(models.TextChoices):
        LIBUR_NASIONAL = "libur nasional", _("Libur nasional")
        CUTI_BERSAMA = "cuti bersama", _("Cuti bersama")
        LIBUR_DAERAH = "libur daerah", _("Libur daerah")

    date = models.DateField(_("tanggal"), unique=True, help_text=_("Tanggal libur."))
    name = models.CharField(
        _("keterangan"), max_length=150, help_text=_("Nama hari libur, misalnya Hari Raya Idul Fitri.")
    )
    kind = models.CharField(
        _("jenis"),
        max_length=20,
        choices=Jenis.choices,
        default=Jenis.LIBUR_NASIONAL,
        help_text=_("Libur nasional, cuti bersama (SKB 3 Menteri) atau libur yang ditetapkan daerah."),
    )
    confirmed = models.BooleanField(
        _("ditetapkan"),
        default=True,
        help_text=_("Tidak dicentang bila tanggalnya masih perkiraan, sebelum SKB tahun itu terbit."),
    )

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.name}"
