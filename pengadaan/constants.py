from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a package (paket) stands; the schedule's stages say what is open when."""

    DIUMUMKAN = "diumumkan", _("Diumumkan")
    EVALUASI = "evaluasi", _("Evaluasi")
    PEMENANG = "pemenang", _("Pemenang diumumkan")
    KONTRAK = "kontrak", _("Kontrak ditandatangani")
    GAGAL = "gagal", _("Tender gagal")


TRANSITIONS = {
    Status.DIUMUMKAN: {Status.EVALUASI, Status.GAGAL},
    Status.EVALUASI: {Status.PEMENANG, Status.GAGAL},
    Status.PEMENANG: {Status.KONTRAK, Status.GAGAL},
}
OPEN_STATUSES = [Status.DIUMUMKAN, Status.EVALUASI, Status.PEMENANG]


class Tahap(models.TextChoices):
    """The schedule's stages, in the order a tender runs them."""

    PENGUMUMAN = "pengumuman", _("Pengumuman")
    PENDAFTARAN = "pendaftaran", _("Pendaftaran dan pengambilan dokumen")
    AANWIJZING = "aanwijzing", _("Pemberian penjelasan (aanwijzing)")
    PENAWARAN = "penawaran", _("Penyampaian penawaran")
    PEMBUKAAN = "pembukaan", _("Pembukaan penawaran")
    EVALUASI = "evaluasi", _("Evaluasi penawaran")
    PEMBUKTIAN = "pembuktian", _("Pembuktian kualifikasi")
    PENETAPAN = "penetapan", _("Penetapan dan pengumuman pemenang")
    SANGGAH = "sanggah", _("Masa sanggah")
    PENUNJUKAN = "penunjukan", _("Penunjukan penyedia (SPPBJ) dan kontrak")


TAHAP_ORDER = list(Tahap)


class PenyediaStatus(models.TextChoices):
    DIAJUKAN = "diajukan", _("Menunggu verifikasi")
    TERVERIFIKASI = "terverifikasi", _("Terverifikasi")
    DITOLAK = "ditolak", _("Ditolak")


PENYEDIA_TRANSITIONS = {
    PenyediaStatus.DIAJUKAN: {PenyediaStatus.TERVERIFIKASI, PenyediaStatus.DITOLAK},
    PenyediaStatus.DITOLAK: {PenyediaStatus.DIAJUKAN},
}


class BentukUsaha(models.TextChoices):
    PT = "pt", _("Perseroan Terbatas (PT)")
    CV = "cv", _("Persekutuan Komanditer (CV)")
    FIRMA = "firma", _("Firma")
    KOPERASI = "koperasi", _("Koperasi")
    PERORANGAN = "perorangan", _("Usaha perorangan")


class CaraEvaluasi(models.TextChoices):
    """How the ranking is computed; each evaluation method (data) names one."""

    HARGA_TERENDAH = "harga_terendah", _("Sistem gugur, harga terendah")
    SISTEM_NILAI = "sistem_nilai", _("Sistem nilai (bobot teknis dan harga)")


class KodeAturan(models.TextChoices):
    """Codes of the numeric rules kept as dated data (Aturan rows), never as constants."""

    SANGGAH_HARI = "sanggah_hari", _("Lama masa sanggah (hari kalender)")
    JAWAB_SANGGAH_HARI = "jawab_sanggah_hari", _("Batas menjawab sanggah (hari kalender)")
    POKJA_MINIMUM = "pokja_minimum", _("Jumlah minimum anggota Pokja")
