from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    PERLU_PERBAIKAN = "perlu_perbaikan", _("Perlu perbaikan")
    DIVERIFIKASI = "diverifikasi", _("Terverifikasi")
    DIJADWALKAN = "dijadwalkan", _("Dijadwalkan tanda tangan")
    DITANDATANGANI = "ditandatangani", _("Ditandatangani dan dibayar")
    DITERBITKAN = "diterbitkan", _("Izin diterbitkan")
    DITOLAK = "ditolak", _("Ditolak")
    DIBATALKAN = "dibatalkan", _("Dibatalkan pemohon")


# Moving the signing day keeps the status, so every status with a booked day may move to itself.
TRANSITIONS = {
    Status.DRAF: {Status.DIAJUKAN, Status.DIBATALKAN},
    Status.DIAJUKAN: {
        Status.DIAJUKAN,
        Status.DIVERIFIKASI,
        Status.PERLU_PERBAIKAN,
        Status.DITOLAK,
        Status.DIBATALKAN,
    },
    Status.PERLU_PERBAIKAN: {Status.PERLU_PERBAIKAN, Status.DIAJUKAN, Status.DITOLAK, Status.DIBATALKAN},
    Status.DIVERIFIKASI: {Status.DIVERIFIKASI, Status.DIJADWALKAN, Status.DITOLAK},
    Status.DIJADWALKAN: {Status.DIJADWALKAN, Status.DITANDATANGANI, Status.DITOLAK},
    Status.DITANDATANGANI: {Status.DITERBITKAN},
}

OPEN_STATUSES = [
    Status.DIAJUKAN,
    Status.PERLU_PERBAIKAN,
    Status.DIVERIFIKASI,
    Status.DIJADWALKAN,
    Status.DITANDATANGANI,
]
CLOSED_STATUSES = [Status.DITERBITKAN, Status.DITOLAK, Status.DIBATALKAN]
# The owner may withdraw until an officer has verified the application.
WITHDRAWABLE_STATUSES = [Status.DRAF, Status.DIAJUKAN, Status.PERLU_PERBAIKAN]


class Jenis(models.TextChoices):
    BARU = "baru", _("Baru")
    PERPANJANGAN = "perpanjangan", _("Perpanjangan/daftar ulang")


class BentukUsaha(models.TextChoices):
    PT = "pt", _("Perseroan Terbatas (PT)")
    CV = "cv", _("Persekutuan Komanditer (CV)")
    FIRMA = "firma", _("Firma")
    KOPERASI = "koperasi", _("Koperasi")
    YAYASAN = "yayasan", _("Yayasan")
    PERORANGAN = "perorangan", _("Perorangan/Usaha Dagang (UD)")


class StatusIzin(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    KEDALUWARSA = "kedaluwarsa", _("Kedaluwarsa")
    DICABUT = "dicabut", _("Dicabut")
    # A renewed licence is replaced by the new one, so it neither expires nor gets reminders.
    DIPERBARUI = "diperbarui", _("Diperbarui (diganti izin baru)")


class AturanBiaya(models.TextChoices):
    GRATIS = "gratis", _("Gratis")
    SIUP_KELAS = "siup_kelas", _("SIUP: baru gratis, daftar ulang menurut kelas")
    HO_RETRIBUSI = "ho_retribusi", _("HO: luas × indeks lokasi × indeks gangguan × tarif dasar")


class Dokumen(models.TextChoices):
    AKTA = "akta", _("Akta pendirian (notaris)")
    SK_PENGESAHAN = "sk_pengesahan", _("SK pengesahan badan hukum")
    KTP = "ktp", _("KTP penanggung jawab")
    NPWP = "npwp", _("NPWP usaha")
    NERACA = "neraca", _("Neraca (kekayaan bersih)")
    SIUP = "siup", _("SIUP atau izin usaha lain")
    IZIN_LAMA = "izin_lama", _("Izin lama yang diperpanjang")
    BUKTI_TEMPAT = "bukti_tempat", _("Bukti hak atau sewa tempat usaha")
    PERSETUJUAN_TETANGGA = "persetujuan_tetangga", _("Persetujuan tetangga")
    DOKUMEN_LINGKUNGAN = "dokumen_lingkungan", _("Dokumen lingkungan (SPPL/UKL-UPL/AMDAL)")
    DENAH = "denah", _("Denah lokasi dan ruang usaha")


# The biggest net assets the form accepts: Rp1.000 triliun, far above any business in the regency.
MAX_KEKAYAAN = 10**15
MAX_LUAS_M2 = 1_000_000
REMINDER_DAYS = (90, 30, 7)
