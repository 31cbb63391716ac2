"""Where and when owners sign their licences: the office's signing days, hours and daily capacity."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Monday first, as datetime.date.weekday() counts. Working days only: signing days are offered and
# checked among the working days (portal.holidays), on which every service deadline is counted.
WEEKDAYS = [0, 1, 2, 3, 4]


def weekdays_validate(value):
    """Refuse a list of signing days that is empty or names something other than 0 (Monday)..4 (Friday)."""
    if not isinstance(value, list) or not value or any(v not in WEEKDAYS for v in value):
        raise ValidationError(
            _(
                "Isi daftar hari kerja, 0 = Senin sampai 4 = Jumat, misalnya [0, 1, 2, 3, 4]. Sabtu dan "
                "Minggu bukan hari kerja, jadi tidak dapat dipilih."
            ),
            code="weekdays",  # not "invalid": the field would show its own "not valid JSON" instead
        )


class KantorTandaTangan(models.Model):
    """The office where owners sign and pay; the active row decides which days an owner may book."""

    name = models.CharField(
        _("nama kantor"),
        max_length=200,
        default="Kantor DPMPTSP Kabupaten Tulungagung",
        help_text=_("Tempat pemilik usaha menandatangani dan membayar."),
    )
    address = models.CharField(
        _("alamat"), max_length=200, blank=True, help_text=_("Alamat kantor, ditampilkan bersama jadwal.")
    )
    weekdays = models.JSONField(
        _("hari layanan tanda tangan"),
        default=list,
        validators=[weekdays_validate],
        help_text=_(
            "Nomor hari kerja, 0 = Senin sampai 4 = Jumat, misalnya [0, 1, 2, 3, 4]. Hari libur selalu tutup."
        ),
    )
    opens_at = models.TimeField(
        _("jam buka"), default=datetime.time(8, 0), help_text=_("Jam mulai layanan tanda tangan.")
    )
    closes_at = models.TimeField(
        _("jam tutup"), default=datetime.time(12, 0), help_text=_("Jam akhir layanan tanda tangan.")
    )
    daily_capacity = models.PositiveSmallIntegerField(
        _("kapasitas per hari"),
        default=20,
        validators=[MinValueValidator(1)],
        help_text=_("Berapa pemilik usaha paling banyak dilayani tanda tangan dalam sehari."),
    )
    booking_days_ahead = models.PositiveSmallIntegerField(
        _("hari yang bisa dipilih"),
        default=15,
        validators=[MinValueValidator(1)],
        help_text=_("Berapa hari kerja ke depan yang ditawarkan untuk dipesan."),
    )
    active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Jadwal kantor yang aktif dipakai untuk pemesanan.")
    )

    class Meta:
        verbose_name = _("jadwal kantor tanda tangan")
        verbose_name_plural = _("jadwal kantor tanda tangan")

    def __str__(self):
        return self.name

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Jam tutup harus sesudah jam buka.")})
