"""An issued licence."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import StatusIzin
from .permohonan import PermohonanIzin
from .reference import JenisIzin, KelasSIUP
from .usaha import Usaha


class Izin(models.Model):
    """An issued licence: the register entry behind the PDF."""

    nomor = models.CharField(
        _("nomor izin"),
        max_length=60,
        help_text=_(
            "Dari pola jenis izin; tidak pernah dipakai izin lain, kecuali perpanjangan yang menurut jenis "
            "izinnya memakai nomor lama."
        ),
    )
    jenis_izin = models.ForeignKey(
        JenisIzin,
        on_delete=models.PROTECT,
        related_name="izin_set",
        verbose_name=_("jenis izin"),
        help_text=_("Jenis izin yang diterbitkan."),
    )
    usaha = models.ForeignKey(
        Usaha,
        on_delete=models.PROTECT,
        related_name="izin_set",
        verbose_name=_("usaha"),
        help_text=_("Usaha pemegang izin."),
    )
    permohonan = models.OneToOneField(
        PermohonanIzin,
        on_delete=models.PROTECT,
        related_name="izin",
        verbose_name=_("permohonan"),
        help_text=_("Permohonan yang menghasilkan izin ini."),
    )
    kelas_siup = models.ForeignKey(
        KelasSIUP,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kelas SIUP"),
        help_text=_("Untuk SIUP: kelas menurut kekayaan bersih."),
    )
    tanggal_terbit = models.DateField(
        _("tanggal terbit"), help_text=_("Tanggal izin ditandatangani pejabat.")
    )
    berlaku_mulai = models.DateField(
        _("berlaku mulai"),
        null=True,
        blank=True,
        help_text=_(
            "Awal masa berlaku: tanggal terbit, atau akhir izin lama bila diperpanjang sebelum berakhir."
        ),
    )
    berlaku_hingga = models.DateField(
        _("berlaku hingga / daftar ulang"),
        null=True,
        blank=True,
        help_text=_("Akhir masa berlaku, atau tanggal daftar ulang berikutnya; kosong bila tidak berakhir."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=StatusIzin.choices,
        default=StatusIzin.AKTIF,
        help_text=_("Aktif, kedaluwarsa setelah lewat tanggalnya, dicabut, atau diperbarui."),
    )

    class Meta:
        verbose_name = _("izin terbit")
        verbose_name_plural = _("register izin")
        ordering = ["-tanggal_terbit", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["usaha", "jenis_izin"], condition=Q(status="aktif"), name="perizinan_one_active_izin"
            ),
            # A number kept by a renewal lives on in the new licence; the replaced one no longer counts.
            models.UniqueConstraint(
                fields=["nomor"], condition=~Q(status="diperbarui"), name="perizinan_izin_nomor_unique"
            ),
        ]
        indexes = [models.Index(fields=["status", "berlaku_hingga"], name="perizinan_expiry_idx")]

    def __str__(self):
        return self.nomor

    @property
    def renewal_due(self):
        """Return the last day to file its renewal (daftar ulang): its end, less its type's lead time."""
        if self.berlaku_hingga is None:
            return None
        return self.berlaku_hingga - datetime.timedelta(days=self.jenis_izin.renewal_due_days)

    def renewal_overdue(self, today) -> bool:
        """Return whether its daftar ulang day has passed by `today`; it may still be renewed in its grace."""
        return self.renewal_due is not None and self.renewal_due < today

    @property
    def in_force(self) -> bool:
        """
        Whether the licence still holds: not expired or revoked, and not replaced by a renewal, except
        that a renewal issued early starts on the old one's end, so the old one holds until then.
        """
        if self.status == StatusIzin.DIPERBARUI:
            return self.berlaku_hingga is not None and self.berlaku_hingga >= timezone.localdate()
        return self.status == StatusIzin.AKTIF
