from django.db import models
from django.utils.translation import gettext_lazy as _


class HariLibur(models.Model):
    """A public holiday or cuti bersama: no working day, so no SLA day is counted."""

    date = models.DateField(_("tanggal"), unique=True, help_text=_("Tanggal libur."))
    name = models.CharField(
        _("keterangan"), max_length=150, help_text=_("Nama hari libur, misalnya Hari Raya Idul Fitri.")
    )

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.name}"
