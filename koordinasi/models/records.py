"""What happens to a sent memo: who read it, every access to it, and its disposisi chains."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import Akses, Instruksi
from .naskah import Naskah


class TandaBaca(models.Model):
    """Read receipt: the first time one officer opened a memo."""

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="tanda_baca_set",
        verbose_name=_("naskah"),
        help_text=_("Naskah yang dibuka."),
    )
    pembaca = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # led by koordinasi_tandabaca_pembaca
        verbose_name=_("pembaca"),
        help_text=_("Pegawai yang membuka naskah."),
    )
    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instansi pembaca"),
        help_text=_("Instansi pembaca saat membuka naskah."),
    )
    dibaca_at = models.DateTimeField(
        _("dibaca"), default=timezone.now, help_text=_("Waktu pertama kali naskah dibuka pegawai ini.")
    )

    class Meta:
        verbose_name = _("tanda baca")
        verbose_name_plural = _("tanda baca")
        ordering = ["dibaca_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["naskah", "pembaca"], name="koordinasi_tanda_baca_once")
        ]
        # What one officer has read, for the unread counts, without reading the receipts themselves.
        indexes = [models.Index(fields=["pembaca", "naskah"], name="koordinasi_tandabaca_pembaca")]

    def __str__(self):
        return f"{self.pembaca} {self.dibaca_at:%Y-%m-%d %H:%M}"


class LogAkses(models.Model):
    """Append-only record of every open of a memo, its attachments or its export."""

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="log_akses_set",
        verbose_name=_("naskah"),
        help_text=_("Naskah yang diakses."),
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pengguna"),
        help_text=_("Pegawai yang mengakses."),
    )
    aksi = models.CharField(
        _("aksi"),
        max_length=20,
        choices=Akses.choices,
        default=Akses.LIHAT,
        help_text=_("Membuka naskah, mengunduh lampiran atau mengekspor PDF."),
    )
    keterangan = models.CharField(
        _("keterangan"), max_length=200, blank=True, help_text=_("Misalnya nama lampiran yang diunduh.")
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, help_text=_("Waktu akses."))

    class Meta:
        verbose_name = _("log akses naskah")
        verbose_name_plural = _("log akses naskah")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["created_at", "id"], name="koordinasi_logakses_waktu")]

    def __str__(self):
        return f"{self.pengguna} {self.get_aksi_display()} {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Log akses tidak boleh diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Log akses tidak boleh dihapus."))


def instruksi_validate(value):
    """Refuse a disposisi without an instruction, or with one the list does not know."""
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Pilih sedikitnya satu instruksi."), code="required")
    unknown = [str(v) for v in value if v not in Instruksi.values]
    if unknown:
        raise ValidationError(
            _("Instruksi tidak dikenal: %(values)s."), code="invalid", params={"values": ", ".join(unknown)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Setiap instruksi cukup dipilih sekali."), code="duplicate")


class Disposisi(models.Model):
    """One link of a disposisi chain: an officer passes a received memo to a colleague of their agency."""

    naskah = models.ForeignKey(
        Naskah,
        on_delete=models.CASCADE,
        related_name="disposisi_set",
        verbose_name=_("naskah"),
        help_text=_("Naskah masuk yang didisposisikan."),
    )
    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instansi"),
        help_text=_("Instansi tempat disposisi berjalan; pemberi dan penerima sama-sama pegawainya."),
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lanjutan_set",
        verbose_name=_("disposisi sebelumnya"),
        help_text=_("Disposisi yang diteruskan oleh disposisi ini, bila disposisi lanjutan."),
    )
    dari = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="disposisi_diberikan",
        verbose_name=_("dari"),
        help_text=_("Pegawai yang memberi disposisi."),
    )
    kepada = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="disposisi_diterima",
        verbose_name=_("kepada"),
        help_text=_("Pegawai yang harus menindaklanjuti."),
    )
    instruksi = models.JSONField(
        _("instruksi"),
        default=list,
        validators=[instruksi_validate],
        help_text=_("Apa saja yang harus dilakukan penerima disposisi: satu instruksi atau lebih."),
    )
    catatan = models.TextField(_("catatan"), blank=True, help_text=_("Catatan atau arahan tambahan."))
    batas_waktu = models.DateField(
        _("batas waktu"), null=True, blank=True, help_text=_("Tanggal tindak lanjut paling lambat selesai.")
    )
    created_at = models.DateTimeField(_("diberikan"), default=timezone.now, help_text=_("Waktu disposisi."))
    selesai_at = models.DateTimeField(
        _("selesai"), null=True, blank=True, help_text=_("Waktu penerima menandai tindak lanjut selesai.")
    )
    catatan_selesai = models.TextField(
        _("laporan tindak lanjut"), blank=True, help_text=_("Apa yang sudah dilakukan penerima.")
    )

    class Meta:
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(dari=models.F("kepada")), name="koordinasi_disposisi_bukan_diri"
            ),
        ]
        indexes = [models.Index(fields=["kepada", "selesai_at"], name="koordinasi_disposisi_kepada")]

    def __str__(self):
        return f"{self.dari} → {self.kepada}: {self.get_instruksi_display()}"

    @property
    def instruksi_labels(self) -> list[str]:
        """Return the instructions' names, in the order the giver chose them."""
        codes = [self.instruksi] if isinstance(self.instruksi, str) else self.instruksi or []
        return [str(Instruksi(code).label) if code in Instruksi.values else str(code) for code in codes]

    def get_instruksi_display(self) -> str:
        return "; ".join(self.instruksi_labels)

    @property
    def is_overdue(self):
        return (
            self.selesai_at is None
            and self.batas_waktu is not None
            and self.batas_waktu < timezone.localdate()
        )
