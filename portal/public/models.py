from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.documents.storage import document_upload_to


class InformasiPublik(models.Model):
    """A page of published information (potensi daerah, school capacity...), with an optional dataset."""

    UPLOAD_PREFIX = "informasi"

    title = models.CharField(_("judul"), max_length=200, help_text=_("Judul halaman informasi."))
    slug = models.SlugField(
        _("alamat halaman"), max_length=120, unique=True, help_text=_("Bagian akhir alamat URL.")
    )
    description = models.TextField(
        _("uraian"), help_text=_("Penjelasan isi, sumber dan waktu data, teks biasa.")
    )
    dataset = models.FileField(
        _("data (CSV)"),
        upload_to=document_upload_to,
        blank=True,
        max_length=200,
        help_text=_("Berkas CSV berkepala kolom, UTF-8; ditampilkan sebagai tabel dan bisa diunduh."),
    )
    source = models.CharField(_("sumber"), max_length=200, blank=True, help_text=_("Instansi sumber data."))
    chart_columns = models.CharField(
        _("kolom grafik"),
        max_length=200,
        blank=True,
        help_text=_(
            "Nama kolom angka yang digambar sebagai grafik batang per baris (kolom pertama menjadi "
            "label), dipisah koma, paling banyak tiga; kosong bila tabel saja lebih jelas."
        ),
    )
    is_demo = models.BooleanField(
        _("angka contoh"),
        default=False,
        help_text=_("Dicentang bila angkanya contoh untuk demo, bukan data resmi; halaman menandainya."),
    )
    is_published = models.BooleanField(
        _("terbit"), default=False, help_text=_("Hanya yang terbit tampil untuk umum.")
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True, help_text=_("Waktu terakhir diubah."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
        help_text=_("Petugas yang terakhir mengubah."),
    )

    class Meta:
        verbose_name = _("informasi publik")
        verbose_name_plural = _("informasi publik")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:informasi_detail", args=[self.slug])


class DashboardSnapshot(models.Model):
    """
    The transparency dashboard's numbers as last computed (portal.public.dashboard): kept here so
    that the page answers from the database when the cache is empty or down, and the cache only
    spares it the read.
    """

    name = models.CharField(
        _("nama"), max_length=50, unique=True, help_text=_("Dasbor yang angkanya disimpan di baris ini.")
    )
    computed_at = models.DateTimeField(_("dihitung"), help_text=_("Waktu angka terakhir dihitung."))
    rows = models.JSONField(
        _("baris"), default=list, help_text=_("Angka per layanan, kecamatan dan bulan, seperti dihitung.")
    )

    class Meta:
        verbose_name = _("cuplikan dasbor")
        verbose_name_plural = _("cuplikan dasbor")

    def __str__(self):
        return f"{self.name} ({self.computed_at:%Y-%m-%d %H:%M})"
