from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a package (paket) stands; the schedule's stages say what is open when."""

    DIUMUMKAN = "diumumkan", _("Diumumkan")
    EVALUASI = "evaluasi", _("Evaluasi")
    PEMENANG = "pemenang", _("Pemenang diumumkan")
    KONTRAK = "kontrak", _("Kontrak ditandatangani")
    GAGAL = "gagal", _("Tender gagal")
    # Pengadaan langsung: one invited vendor, its offer, the negotiation, the order (SPK).
    UNDANGAN = "undangan", _("Penyedia diundang")
    PENAWARAN = "penawaran", _("Penawaran diterima")
    NEGOSIASI = "negosiasi", _("Klarifikasi dan negosiasi selesai")
    BATAL = "batal", _("Dibatalkan")


TRANSITIONS = {
    Status.DIUMUMKAN: {Status.EVALUASI, Status.GAGAL},
    Status.EVALUASI: {Status.PEMENANG, Status.GAGAL},
    Status.PEMENANG: {Status.KONTRAK, Status.GAGAL},
    Status.UNDANGAN: {Status.PENAWARAN, Status.BATAL},
    Status.PENAWARAN: {Status.NEGOSIASI, Status.BATAL},
    Status.NEGOSIASI: {Status.KONTRAK, Status.BATAL},
}
OPEN_STATUSES = [Status.DIUMUMKAN, Status.EVALUASI, Status.PEMENANG]
LANGSUNG_OPEN = [Status.UNDANGAN, Status.PENAWARAN, Status.NEGOSIASI]
# The OCDS procurementMethod of the methods run as pengadaan langsung (one invited vendor).
DIRECT = "direct"


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


# What a vendor states and an officer verifies.
PENYEDIA_FIELDS = ("nama_usaha", "bentuk_usaha", "npwp", "nib", "kbli", "alamat")


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


# Working hours, WIB: a stage, a sanggah period and the answer to one end within them, on a working day.
JAM_KERJA = (7, 17)


class KodeAturan(models.TextChoices):
    """Codes of the numeric rules kept as dated data (Aturan rows), never as constants."""

    SANGGAH_HARI = "sanggah_hari", _("Lama masa sanggah (hari kalender)")
    JAWAB_SANGGAH_HARI = "jawab_sanggah_hari", _("Batas menjawab sanggah (hari kalender)")
    POKJA_MINIMUM = "pokja_minimum", _("Jumlah minimum anggota Pokja")
    JAM_AKHIR_TAHAP = "jam_akhir_tahap", _("Pukul berakhirnya tahap dan masa sanggah (jam kerja, WIB)")
    BATAS_PL_BARANG = "batas_pl_barang", _("Batas nilai pengadaan langsung barang (Rp)")
    BATAS_PL_KONSTRUKSI = "batas_pl_konstruksi", _("Batas nilai pengadaan langsung pekerjaan konstruksi (Rp)")
    BATAS_PL_KONSULTANSI = "batas_pl_konsultansi", _("Batas nilai pengadaan langsung jasa konsultansi (Rp)")
    BATAS_PL_JASA_LAINNYA = "batas_pl_jasa_lainnya", _("Batas nilai pengadaan langsung jasa lainnya (Rp)")


# The rule holding each category's pengadaan langsung ceiling, by the category's fixed code.
BATAS_LANGSUNG = {
    "barang": KodeAturan.BATAS_PL_BARANG,
    "pekerjaan-konstruksi": KodeAturan.BATAS_PL_KONSTRUKSI,
    "jasa-konsultansi": KodeAturan.BATAS_PL_KONSULTANSI,
    "jasa-lainnya": KodeAturan.BATAS_PL_JASA_LAINNYA,
}
