"""Pengadaan langsung: one invited vendor's offer, its negotiation and the order (SPK)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.documents.storage import document_upload_to, private_storage

from .paket import Paket, Penyedia

USER = settings.AUTH_USER_MODEL


def _rupiah(verbose_name, help_text, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=15,
        decimal_places=0,
        validators=[MinValueValidator(1)],
        help_text=help_text,
        **kwargs,
    )


class Langsung(models.Model):
    """
    The direct part of a package whose method is pengadaan langsung: the Pejabat Pengadaan, the one
    vendor invited, its offer (readable by the vendor, the Pejabat, the PPK and the procurement unit
    only), the negotiated price and the PPK's order. The package's status tracks the steps.
    """

    UPLOAD_PREFIX = "pengadaan-langsung"

    paket = models.OneToOneField(
        Paket,
        on_delete=models.CASCADE,
        related_name="langsung",
        verbose_name=_("paket"),
        help_text=_("Paket yang diadakan secara langsung."),
    )
    pejabat = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="langsung_set",
        verbose_name=_("Pejabat Pengadaan"),
        help_text=_("Pejabat yang mengundang penyedia, menerima penawaran dan bernegosiasi."),
    )
    penyedia = models.ForeignKey(
        Penyedia,
        on_delete=models.PROTECT,
        related_name="langsung_set",
        verbose_name=_("penyedia diundang"),
        help_text=_("Satu penyedia terverifikasi yang diundang menyampaikan penawaran."),
    )
    diundang_at = models.DateTimeField(
        _("diundang"), default=timezone.now, help_text=_("Waktu undangan dikirim.")
    )
    batas_penawaran = models.DateTimeField(
        _("batas penawaran"), help_text=_("Sampai kapan penyedia dapat menyampaikan penawaran.")
    )
    harga_penawaran = _rupiah(
        _("harga penawaran (Rp)"),
        _("Harga yang ditawarkan penyedia; diumumkan setelah surat pesanan."),
        null=True,
        blank=True,
    )
    berkas_penawaran = models.FileField(
        _("dokumen penawaran"),
        storage=private_storage,
        upload_to=document_upload_to,
        max_length=200,
        blank=True,
        help_text=_("PDF penawaran; hanya penyedia, Pejabat Pengadaan, PPK dan UKPBJ yang dapat membacanya."),
    )
    nama_penyedia = models.CharField(
        _("nama penyedia"),
        max_length=200,
        blank=True,
        help_text=_("Nama badan usaha terverifikasi saat penawaran disampaikan; nama inilah yang diumumkan."),
    )
    penawaran_at = models.DateTimeField(
        _("penawaran diterima"), null=True, blank=True, help_text=_("Waktu server menerima penawaran.")
    )
    harga_negosiasi = _rupiah(
        _("harga hasil negosiasi (Rp)"),
        _("Paling tinggi harga penawaran dan HPS."),
        null=True,
        blank=True,
    )
    catatan_negosiasi = models.TextField(
        _("catatan klarifikasi dan negosiasi"),
        blank=True,
        max_length=4000,
        help_text=_("Apa yang diklarifikasi dan disepakati; diumumkan setelah surat pesanan."),
    )
    negosiasi_at = models.DateTimeField(
        _("negosiasi dicatat"), null=True, blank=True, help_text=_("Waktu hasil negosiasi dicatat.")
    )
    nomor_pesanan = models.CharField(
        _("nomor SPK/surat pesanan"),
        max_length=100,
        blank=True,
        help_text=_("Nomor Surat Perintah Kerja atau surat pesanan."),
    )
    tanggal_pesanan = models.DateField(
        _("tanggal SPK/surat pesanan"), null=True, blank=True, help_text=_("Tanggal SPK ditandatangani.")
    )
    nilai_pesanan = _rupiah(
        _("nilai SPK/surat pesanan (Rp)"),
        _("Paling tinggi harga hasil negosiasi."),
        null=True,
        blank=True,
    )
    tanggal_selesai = models.DateField(
        _("akhir pelaksanaan"),
        null=True,
        blank=True,
        help_text=_("Batas penyelesaian pekerjaan atau penyerahan."),
    )
    pesanan_at = models.DateTimeField(
        _("pesanan dicatat"), null=True, blank=True, help_text=_("Waktu PPK mencatat SPK/surat pesanan.")
    )

    class Meta:
        verbose_name = _("pengadaan langsung")
        verbose_name_plural = _("pengadaan langsung")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(harga_negosiasi__isnull=True)
                | models.Q(harga_negosiasi__lte=models.F("harga_penawaran")),
                name="pengadaan_langsung_nego_within_offer",
            ),
            models.CheckConstraint(
                condition=models.Q(nilai_pesanan__isnull=True)
                | models.Q(nilai_pesanan__lte=models.F("harga_negosiasi")),
                name="pengadaan_langsung_order_within_nego",
            ),
        ]

    def __str__(self):
        return f"{self.paket.reference} · {self.penyedia}"
