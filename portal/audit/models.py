from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.db import AppendOnlyError, AppendOnlyModel  # noqa: F401 - AppendOnlyError re-exported


class AksesData(AppendOnlyModel):
    """One officer's access to a person's data (UU 27/2022 Pasal 31): who, when, what, from where."""

    LOG_NAME = "The access log"

    class Action(models.TextChoices):
        LIHAT = "lihat", _("Melihat biodata")
        UNDUH_DOKUMEN = "unduh_dokumen", _("Mengunduh dokumen")
        UNDUH_BUKTI = "unduh_bukti", _("Mengunduh bukti pendaftaran")
        # Written by no code: kept so that the rows holding it stay readable.
        GANTI_SANDI = "ganti_sandi", _("Mengganti kata sandi akun")
        LEPAS_NIK = "lepas_nik", _("Melepas NIK dan KK dari akun")
        GANTI_SUREL = "ganti_surel", _("Mengganti alamat surel akun")
        GANTI_HP = "ganti_hp", _("Mengganti nomor HP akun")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("petugas"),
        help_text=_("Akun yang mengakses."),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="akses_data_set",
        verbose_name=_("pemilik data"),
        help_text=_("Akun warga yang datanya diakses, bila diketahui."),
    )
    action = models.CharField(
        _("tindakan"), max_length=20, choices=Action.choices, help_text=_("Apa yang dilakukan.")
    )
    description = models.CharField(
        _("data"), max_length=200, help_text=_("Data apa, misalnya nomor permohonan.")
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        verbose_name=_("jenis objek"),
        help_text=_("Model yang diakses."),
    )
    object_id = models.PositiveBigIntegerField(_("id objek"), help_text=_("Id objek yang diakses."))
    ip = models.GenericIPAddressField(
        _("alamat IP"), null=True, blank=True, help_text=_("Dari mana diakses.")
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, help_text=_("Kapan diakses."))

    class Meta:
        verbose_name = _("akses data pribadi")
        verbose_name_plural = _("akses data pribadi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject", "-created_at"], name="audit_subject_idx")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.description}"
