import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    TERKIRIM = "terkirim", _("Terkirim")


TRANSITIONS = {Status.DRAF: {Status.TERKIRIM}}


class Jenis(models.TextChoices):
    NOTA_DINAS = "nota_dinas", _("Nota dinas")
    SURAT_DINAS = "surat_dinas", _("Surat dinas")
    UNDANGAN = "undangan", _("Surat undangan")
    SURAT_EDARAN = "surat_edaran", _("Surat edaran")
    MEMO = "memo", _("Memo")


class Sifat(models.TextChoices):
    """Derajat kecepatan: how soon the addressee must act (KOORDINASI_SIFAT_WORKING_DAYS says how soon)."""

    BIASA = "biasa", _("Biasa")
    SEGERA = "segera", _("Segera")
    SANGAT_SEGERA = "sangat_segera", _("Sangat segera")


# A Sangat Segera memo still unread this long after sending gets one reminder.
REMINDER_AFTER = datetime.timedelta(hours=4)


class Klasifikasi(models.TextChoices):
    """Klasifikasi keamanan: who may read the memo."""

    BIASA = "biasa", pgettext_lazy("klasifikasi keamanan", "Biasa")
    TERBATAS = "terbatas", _("Terbatas")
    RAHASIA = "rahasia", _("Rahasia")
    SANGAT_RAHASIA = "sangat_rahasia", _("Sangat rahasia")


# Only the named officers and their disposisi chain may read these; addressed agencies may not.
RESTRICTED = (Klasifikasi.RAHASIA, Klasifikasi.SANGAT_RAHASIA)


class Alasan(models.TextChoices):
    """Why an officer or a whole agency may read a sent memo."""

    PENGIRIM = "pengirim", _("Pengirim")
    ALAMAT = "alamat", _("Dituju namanya")
    INSTANSI = "instansi", _("Instansi yang dituju")
    DISPOSISI = "disposisi", _("Disposisi")


class Format(models.TextChoices):
    TEKS = "teks", _("Teks biasa")
    MARKDOWN = "markdown", _("Markdown")


class Peran(models.TextChoices):
    KEPADA = "kepada", _("Kepada")
    TEMBUSAN = "tembusan", _("Tembusan")


class Instruksi(models.TextChoices):
    TINDAK_LANJUTI = "tindak_lanjuti", _("Tindak lanjuti")
    KOORDINASIKAN = "koordinasikan", _("Koordinasikan/konfirmasikan")
    TANGGAPAN = "tanggapan", _("Tanggapan dan saran")
    SIAPKAN_JAWABAN = "siapkan_jawaban", _("Siapkan jawaban")
    HADIRI = "hadiri", _("Hadiri/wakili")
    UNTUK_DIKETAHUI = "untuk_diketahui", _("Untuk diketahui")
    ARSIPKAN = "arsipkan", _("Arsipkan")


class Akses(models.TextChoices):
    LIHAT = "lihat", _("Membuka naskah")
    LAMPIRAN = "lampiran", _("Mengunduh lampiran")
    EKSPOR = "ekspor", _("Mengekspor PDF")


DEFAULT_PATTERN = "{kode_klasifikasi}/{seq}/{unit}/{year}"
PATTERN_FIELDS = ("kode_klasifikasi", "seq", "unit", "year", "month")
DEFAULT_KODE_KLASIFIKASI = "000.8.3"
# A memo body or reply: some twenty pages of text, more than any nota dinas needs.
ISI_MAX_CHARS = 50_000
