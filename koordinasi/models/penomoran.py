"""How each agency numbers its memos: its pattern and its yearly counter."""

import string

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import DEFAULT_KODE_KLASIFIKASI, DEFAULT_PATTERN, PATTERN_FIELDS

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
    sample = {"kode_klasifikasi": "000.8.3", "seq": 1, "unit": "UNIT", "year": 2026, "month": "01"}
    try:
        pattern.format(**sample)
    except (ValueError, TypeError, IndexError) as exc:  # a format spec no part fits, such as {seq:s}
        raise ValidationError(_("Pola tidak sah: %(error)s"), params={"error": exc}) from exc


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
