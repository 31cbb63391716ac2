"""An abstract uploaded document (each service app adds its foreign key and kinds), and the deletion log."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.db import AppendOnlyError, AppendOnlyModel  # noqa: F401 - AppendOnlyError re-exported

from .storage import document_upload_to, private_storage


class StoredDocument(models.Model):
    """A document checked by content and stored privately under a random name."""

    file = models.FileField(
        _("berkas"),
        storage=private_storage,
        upload_to=document_upload_to,
        max_length=200,
        help_text=_("PDF, JPG atau PNG."),
    )
    original_name = models.CharField(
        _("nama berkas asli"), max_length=200, help_text=_("Nama berkas dari pemohon.")
    )
    content_kind = models.CharField(
        _("format"), max_length=10, help_text=_("Format yang terdeteksi dari isi berkas.")
    )
    size = models.PositiveIntegerField(_("ukuran (bita)"), help_text=_("Ukuran berkas."))
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True, help_text=_("Waktu unggah."))

    class Meta:
        abstract = True

    def __str__(self):
        return self.get_kind_display()


class PenghapusanDokumen(AppendOnlyModel):
    """
    One document deleted at the end of its retention period: which kind, of which application,
    which stored file, when and why. No personal data: the stored name is random and the
    applicant's own file name is not kept.
    """

    LOG_NAME = "The document deletion log"

    service = models.CharField(
        _("layanan"), max_length=30, help_text=_("Layanan pemilik dokumen, misalnya ktp atau perizinan.")
    )
    kind = models.CharField(_("jenis dokumen"), max_length=50, help_text=_("Kode jenis dokumen."))
    kind_label = models.CharField(
        _("nama jenis dokumen"), max_length=200, help_text=_("Nama jenis dokumen saat dihapus.")
    )
    reference = models.CharField(
        _("nomor permohonan"), max_length=40, blank=True, help_text=_("Nomor permohonan pemilik dokumen.")
    )
    application_status = models.CharField(
        _("status permohonan"), max_length=30, help_text=_("Status akhir permohonan (selesai, ditolak, ...).")
    )
    closed_at = models.DateTimeField(
        _("permohonan ditutup"), help_text=_("Kapan permohonan mencapai status akhirnya.")
    )
    file_name = models.CharField(
        _("nama berkas tersimpan"), max_length=200, help_text=_("Nama acak berkas di penyimpanan.")
    )
    content_kind = models.CharField(_("format"), max_length=10, help_text=_("Format berkas."))
    size = models.PositiveIntegerField(_("ukuran (bita)"), help_text=_("Ukuran berkas."))
    reason = models.CharField(_("alasan"), max_length=300, help_text=_("Mengapa dokumen dihapus."))
    deleted_at = models.DateTimeField(_("dihapus"), default=timezone.now, help_text=_("Kapan dihapus."))

    class Meta:
        verbose_name = _("penghapusan dokumen")
        verbose_name_plural = _("penghapusan dokumen")
        ordering = ["-deleted_at", "-id"]
        indexes = [models.Index(fields=["reference"], name="documents_deletion_ref_idx")]

    def __str__(self):
        return f"{self.deleted_at:%Y-%m-%d %H:%M} {self.service} {self.reference} {self.kind}"
