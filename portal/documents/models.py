"""An abstract uploaded document; each service app adds its foreign key and kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
