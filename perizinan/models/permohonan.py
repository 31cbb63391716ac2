"""A licence application, its documents and its status history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.documents.models import StoredDocument
from portal.workflow import Application, StatusHistory

from ..constants import OPEN_STATUSES, TRANSITIONS, Dokumen, Jenis, Status
from .reference import JenisIzin, KelasSIUP
from .usaha import DataUsaha, Usaha


class PermohonanIzin(DataUsaha, Application):
    """An online licence application: new or renewal, finished with a wet signature at the office."""

    TRANSITIONS = TRANSITIONS
    DOCUMENT_NAME = "dokumen_{kind}"  # the NPWP field and the NPWP document are two names
    # The documents asked depend on the form of business (a PT's deed, a sole trader's none).
    REVISION_DEPENDENTS = {"bentuk": tuple(f"dokumen_{kind}" for kind in Dokumen.values)}

    reference = models.CharField(
        _("nomor pendaftaran"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Diberikan saat permohonan diajukan, misalnya IZN-2026-000045."),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="permohonan_izin_set",
        verbose_name=_("akun pemohon"),
        help_text=_("Akun pemilik usaha yang mengisi permohonan."),
    )
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibantu petugas"),
        help_text=_("Petugas loket yang mengisikan permohonan untuk pemilik usaha yang datang langsung."),
    )
    jenis_izin = models.ForeignKey(
        JenisIzin,
        on_delete=models.PROTECT,
        related_name="permohonan_set",
        verbose_name=_("jenis izin"),
        help_text=_("Izin yang dimohon."),
    )
    jenis = models.CharField(
        _("jenis permohonan"),
        max_length=20,
        choices=Jenis.choices,
        default=Jenis.BARU,
        help_text=_("Baru, atau perpanjangan/daftar ulang izin yang ada."),
    )
    izin_lama = models.ForeignKey(
        "Izin",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="perpanjangan_set",
        verbose_name=_("izin yang diperpanjang"),
        help_text=_("Untuk perpanjangan: izin lama milik pemohon."),
    )
    usaha = models.ForeignKey(
        Usaha,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="permohonan_set",
        verbose_name=_("usaha"),
        help_text=_("Usaha terdaftar yang datanya dipakai; kosong untuk usaha baru."),
    )
    kelas_siup = models.ForeignKey(
        KelasSIUP,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kelas SIUP"),
        help_text=_("Dihitung dari kekayaan bersih saat diajukan."),
    )
    biaya = models.PositiveIntegerField(
        _("biaya (Rp)"),
        null=True,
        blank=True,
        help_text=_("Biaya atau retribusi yang dihitung saat diajukan."),
    )
    biaya_rincian = models.CharField(
        _("rincian biaya"), max_length=300, blank=True, help_text=_("Cara biaya dihitung.")
    )
    biaya_dasar_hukum = models.CharField(
        _("dasar hukum biaya"),
        max_length=300,
        blank=True,
        help_text=_("Peraturan yang berlaku saat biaya ditetapkan; kosong bila tanpa biaya."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAF,
        help_text=_("Diubah hanya lewat tombol alur kerja."),
    )
    submitted_at = models.DateTimeField(
        _("diajukan pada"), null=True, blank=True, help_text=_("Waktu pertama diajukan.")
    )
    sla_due = models.DateField(
        _("batas waktu"), null=True, blank=True, help_text=_("Tanggal janji selesai (hari kerja).")
    )
    appointment_at = models.DateTimeField(
        _("jadwal tanda tangan"), null=True, blank=True, help_text=_("Tanggal dan jam tanda tangan basah.")
    )
    appointment_place = models.CharField(
        _("tempat tanda tangan"), max_length=200, blank=True, help_text=_("Kantor tempat tanda tangan.")
    )
    appointment_note = models.TextField(
        _("yang harus dibawa"), blank=True, help_text=_("Dokumen asli dan hal lain yang harus dibawa.")
    )
    paid_amount = models.PositiveIntegerField(
        _("dibayar (Rp)"), null=True, blank=True, help_text=_("Jumlah yang dibayar di kantor.")
    )
    payment_receipt = models.CharField(
        _("nomor kuitansi/STS"), max_length=60, blank=True, help_text=_("Nomor bukti pembayaran.")
    )
    signed_at = models.DateTimeField(
        _("ditandatangani pada"), null=True, blank=True, help_text=_("Waktu tanda tangan dicatat.")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petugas"),
        help_text=_("Petugas yang menangani."),
    )
    revision_fields = models.JSONField(
        _("isian yang perlu diperbaiki"),
        default=list,
        blank=True,
        help_text=_("Nama isian dan dokumen yang diminta untuk diperbaiki."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, help_text=_("Waktu draf dibuat."))
    updated_at = models.DateTimeField(_("diubah"), auto_now=True, help_text=_("Waktu terakhir diubah."))

    class Meta(Application.Meta):
        verbose_name = _("permohonan izin")
        verbose_name_plural = _("permohonan izin")
        constraints = [
            models.UniqueConstraint(
                fields=["izin_lama"],
                condition=Q(status__in=OPEN_STATUSES),
                name="perizinan_one_open_renewal_per_izin",
            ),
            models.CheckConstraint(
                condition=Q(jenis="baru", izin_lama__isnull=True)
                | Q(jenis="perpanjangan", izin_lama__isnull=False),
                name="perizinan_renewal_names_izin",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="perizinan_queue_idx"),
            # The licence queue is ordered by SLA date and -id (the admin's tie-break), filtered by
            # status or not: an index matching the ORDER BY lets a page stop after its own rows.
            models.Index(fields=["status", "sla_due", "-id"], name="perizinan_queue_sla_idx"),
            models.Index(fields=["sla_due", "-id"], name="perizinan_sla_idx"),
        ]

    def __str__(self):
        return self.reference or _("Draf %(jenis)s") % {"jenis": self.jenis_izin.code}


class DokumenPermohonanIzin(StoredDocument):
    """One uploaded document of a licence application, stored privately under a random name."""

    UPLOAD_PREFIX = "perizinan"

    permohonan = models.ForeignKey(
        PermohonanIzin,
        on_delete=models.CASCADE,
        related_name="dokumen_set",
        verbose_name=_("permohonan"),
        help_text=_("Permohonan pemilik dokumen."),
    )
    kind = models.CharField(
        _("jenis dokumen"), max_length=30, choices=Dokumen.choices, help_text=_("Dokumen apa ini.")
    )

    class Meta:
        verbose_name = _("dokumen permohonan izin")
        verbose_name_plural = _("dokumen permohonan izin")
        constraints = [
            models.UniqueConstraint(fields=["permohonan", "kind"], name="perizinan_one_document_per_kind")
        ]


class RiwayatPermohonanIzin(StatusHistory):
    STATUS = Status

    permohonan = models.ForeignKey(
        PermohonanIzin,
        on_delete=models.CASCADE,
        related_name="riwayat_set",
        verbose_name=_("permohonan"),
        help_text=_("Permohonan yang berubah status."),
    )

    class Meta(StatusHistory.Meta):
        verbose_name = _("riwayat status permohonan izin")
        verbose_name_plural = _("riwayat status permohonan izin")


PermohonanIzin.HISTORY_MODEL = RiwayatPermohonanIzin
