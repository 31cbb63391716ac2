from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message to one recipient about one object: the record that stops it being sent twice."""

    class Channel(models.TextChoices):
        # A new channel (WhatsApp) joins here and in channels.CHANNELS together.
        EMAIL = "email", _("surel")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        QUEUED = "queued", _("antre")
        SENT = "sent", _("terkirim")
        FAILED = "failed", _("gagal")
        REFUSED = "refused", _("alamat ditolak")

    channel = models.CharField(
        _("saluran"),
        max_length=20,
        choices=Channel.choices,
        default=Channel.EMAIL,
        help_text=_("Saluran pengiriman pemberitahuan."),
    )
    recipient = models.CharField(
        _("penerima"),
        max_length=254,
        help_text=_("Alamat surel atau nomor telepon penerima."),
    )
    event = models.CharField(
        _("peristiwa"),
        max_length=100,
        validators=[
            RegexValidator(
                r"^[a-z0-9_]+(\.[a-z0-9_]+)+\Z",
                _("Huruf kecil, angka dan garis bawah, dipisah titik, misalnya ktp.status_changed."),
            )
        ],
        help_text=_("Nama peristiwa bertitik, misalnya ktp.status_changed; menentukan templat pesan."),
    )
    key = models.CharField(
        _("kunci"),
        max_length=100,
        blank=True,
        default="",
        help_text=_(
            "Pembeda peristiwa berulang tentang objek yang sama, misalnya nomor baris riwayat status "
            "atau ambang pengingat."
        ),
    )
    # PROTECT: the record of what was sent outlives a content type someone tries to clean up.
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("jenis objek"),
        help_text=_("Jenis data yang diberitahukan, misalnya permohonan KTP-el."),
    )
    # Every model here has a BigAutoField key; an integer column keeps GenericRelation joins
    # working on PostgreSQL, where a text column cannot be compared with an integer key.
    object_id = models.PositiveBigIntegerField(
        _("ID objek"), help_text=_("Nomor baris data yang diberitahukan.")
    )
    target = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.QUEUED,
        help_text=_(
            "Antre sebelum dikirim, terkirim, gagal pada percobaan terakhir (dicoba lagi), atau "
            "alamat ditolak: server surel menolak penerima untuk seterusnya (tidak dicoba lagi)."
        ),
    )
    attempts = models.PositiveSmallIntegerField(
        _("percobaan"), default=0, help_text=_("Jumlah percobaan pengiriman, yang berhasil maupun gagal.")
    )
    error = models.TextField(_("galat"), blank=True, help_text=_("Galat dari percobaan terakhir yang gagal."))
    # The message as first rendered, so a later retry sends exactly it without the context it was
    # rendered from (which only the service that asked for it knows).
    subject = models.TextField(_("subjek"), blank=True, help_text=_("Subjek pesan seperti dirender."))
    body_text = models.TextField(_("isi teks"), blank=True, help_text=_("Isi pesan berupa teks biasa."))
    body_html = models.TextField(_("isi HTML"), blank=True, help_text=_("Isi pesan berupa HTML, bila ada."))
    attempted_at = models.DateTimeField(
        _("percobaan terakhir"),
        null=True,
        blank=True,
        help_text=_("Waktu percobaan pengiriman terakhir, berhasil maupun gagal."),
    )
    created_at = models.DateTimeField(
        _("dibuat"), default=timezone.now, help_text=_("Waktu pemberitahuan pertama kali dicatat.")
    )
    sent_at = models.DateTimeField(
        _("terkirim pada"), null=True, blank=True, help_text=_("Waktu pemberitahuan berhasil dikirim.")
    )

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "recipient", "event", "content_type", "object_id", "key"],
                name="notification_once",
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="notification_target"),
            models.Index(fields=["status", "attempted_at"], name="notification_retry"),
        ]

    def __str__(self):
        return f"{self.event} → {self.recipient} ({self.get_status_display()})"
