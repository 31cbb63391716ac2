import secrets

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.documents.storage import document_upload_to, private_storage


def new_token():
    """Return an unguessable token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class IssuedDocument(models.Model):
    """A PDF the portal issued (receipt, licence, memo export) that anyone can verify by its token."""

    UPLOAD_PREFIX = "terbit"

    class Kind(models.TextChoices):
        BUKTI_PENDAFTARAN = "bukti_pendaftaran", _("Bukti pendaftaran")
        IZIN = "izin", _("Surat izin")
        NASKAH_DINAS = "naskah_dinas", _("Naskah dinas")
        BUKTI_PENERIMAAN = "bukti_penerimaan", _("Bukti penerimaan penawaran")
        BERITA_ACARA = "berita_acara", _("Berita acara")

    kind = models.CharField(
        _("jenis dokumen"), max_length=30, choices=Kind.choices, help_text=_("Jenis dokumen terbit.")
    )
    token = models.CharField(
        _("token verifikasi"),
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        help_text=_("Dicetak di bawah kode QR; membuka halaman verifikasi."),
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        verbose_name=_("jenis objek"),
        help_text=_("Model asal dokumen."),
    )
    object_id = models.PositiveBigIntegerField(_("id objek"), help_text=_("Id permohonan atau naskah asal."))
    target = GenericForeignKey("content_type", "object_id")
    reference = models.CharField(
        _("nomor"), max_length=100, help_text=_("Nomor pendaftaran, izin atau naskah.")
    )
    service = models.CharField(_("layanan"), max_length=200, help_text=_("Layanan dan jenisnya."))
    office = models.CharField(_("kantor penerbit"), max_length=200, help_text=_("Kantor yang menerbitkan."))
    issued_at = models.DateTimeField(
        _("dibuat pada"), default=timezone.now, help_text=_("Waktu berkas PDF dibuat.")
    )
    # What the document itself bears, which can be years before its PDF was made.
    document_date = models.DateField(
        _("tanggal terbit dokumen"),
        null=True,
        blank=True,
        help_text=_("Tanggal yang tertulis di dokumen, misalnya tanggal terbit izin."),
    )
    valid_until = models.DateField(
        _("berlaku sampai"),
        null=True,
        blank=True,
        help_text=_("Akhir masa berlaku dokumen; kosong bila tidak ada."),
    )
    subject = models.CharField(
        _("nama usaha"),
        max_length=200,
        blank=True,
        help_text=_("Nama usaha pemegang izin; tidak pernah data pribadi seseorang."),
    )
    file = models.FileField(
        _("berkas PDF"),
        storage=private_storage,
        upload_to=document_upload_to,
        blank=True,
        max_length=200,
        help_text=_("Kosong selama PDF masih disiapkan."),
    )

    class Meta:
        verbose_name = _("dokumen terbit")
        verbose_name_plural = _("dokumen terbit")
        constraints = [
            models.UniqueConstraint(fields=["kind", "content_type", "object_id"], name="issued_document_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.reference}"

    def get_absolute_url(self):
        return reverse("verification:verify", args=[self.token])

    @property
    def lapsed(self) -> bool:
        """Whether what the document grants no longer holds (a licence revoked, expired or replaced)."""
        return getattr(self.target, "in_force", True) is False

    @property
    def target_status(self):
        """Return the current status label of what the document is about, if it has one."""
        target = self.target  # None once deleted: it has no status either
        return target.get_status_display() if hasattr(target, "get_status_display") else ""
