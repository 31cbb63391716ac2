from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    PERLU_PERBAIKAN = "perlu_perbaikan", _("Perlu perbaikan")
    DIVERIFIKASI = "diverifikasi", _("Terverifikasi")
    # The office visit: biometrics recorded (new card, data change) or the originals checked
    # (lost, damaged, a foreign resident's extension): one status, named for both.
    DIREKAM = "direkam", _("Kunjungan kantor selesai")
    DITERBITKAN = "diterbitkan", _("Diterbitkan")
    SIAP_DIAMBIL = "siap_diambil", _("Siap diambil")
    SELESAI = "selesai", _("Selesai")
    DITOLAK = "ditolak", _("Ditolak")
    DIBATALKAN = "dibatalkan", _("Dibatalkan pemohon")


# Rescheduling keeps the status, so DIVERIFIKASI may move to itself.
TRANSITIONS = {
    Status.DRAF: {Status.DIAJUKAN, Status.DIBATALKAN},
    Status.DIAJUKAN: {Status.DIVERIFIKASI, Status.PERLU_PERBAIKAN, Status.DITOLAK, Status.DIBATALKAN},
    Status.PERLU_PERBAIKAN: {Status.DIAJUKAN, Status.DITOLAK, Status.DIBATALKAN},
    Status.DIVERIFIKASI: {Status.DIVERIFIKASI, Status.DIREKAM, Status.DITOLAK},
    Status.DIREKAM: {Status.DITERBITKAN},
    Status.DITERBITKAN: {Status.SIAP_DIAMBIL},
    Status.SIAP_DIAMBIL: {Status.SELESAI},
}

OPEN_STATUSES = [
    Status.DIAJUKAN,
    Status.PERLU_PERBAIKAN,
    Status.DIVERIFIKASI,
    Status.DIREKAM,
    Status.DITERBITKAN,
    Status.SIAP_DIAMBIL,
]
CLOSED_STATUSES = [Status.SELESAI, Status.DITOLAK, Status.DIBATALKAN]
# An officer has checked the applicant's identity: only here is the NIK known to be the applicant's
# own; anyone can type any NIK into a draft, or submit one that is then rejected or withdrawn.
IDENTITY_CHECKED_STATUSES = [
    Status.DIVERIFIKASI,
    Status.DIREKAM,
    Status.DITERBITKAN,
    Status.SIAP_DIAMBIL,
    Status.SELESAI,
]
# The citizen may withdraw until an officer has verified the application.
WITHDRAWABLE_STATUSES = [Status.DRAF, Status.DIAJUKAN, Status.PERLU_PERBAIKAN]


class Jenis(models.TextChoices):
    BARU = "baru", _("KTP-el baru")
    PINDAH_DATANG = "pindah_datang", _("Pindah datang")
    PERUBAHAN_DATA = "perubahan_data", _("Perubahan data")
    HILANG = "hilang", _("Pengganti karena hilang")
    RUSAK = "rusak", _("Pengganti karena rusak")
    PERPANJANGAN_WNA = "perpanjangan_wna", _("Perpanjangan (WNA pemegang KITAP)")
    LUAR_DOMISILI = "luar_domisili", _("Di luar domisili")


class Dokumen(models.TextChoices):
    KK = "kk", _("Kartu Keluarga (KK)")
    SURAT_KEHILANGAN = "surat_kehilangan", _("Surat keterangan kehilangan dari Kepolisian")
    KTP_RUSAK = "ktp_rusak", _("Foto KTP-el yang rusak")
    BUKTI_PERUBAHAN = "bukti_perubahan", _("Bukti perubahan data (buku nikah, akta, ijazah, SK, dll.)")
    SURAT_PINDAH = "surat_pindah", _("Surat keterangan pindah (SKPWNI)")
    PASPOR = "paspor", _("Paspor")
    KITAP = "kitap", _("Kartu izin tinggal tetap (KITAP)")


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


class GolonganDarah(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    AB = "AB", "AB"
    O = "O", "O"  # noqa: E741
    A_POS = "A+", "A+"
    A_NEG = "A-", "A−"
    B_POS = "B+", "B+"
    B_NEG = "B-", "B−"
    AB_POS = "AB+", "AB+"
    AB_NEG = "AB-", "AB−"
    O_POS = "O+", "O+"
    O_NEG = "O-", "O−"
    TIDAK_TAHU = "-", _("Tidak tahu")


class Agama(models.TextChoices):
    ISLAM = "islam", _("Islam")
    KRISTEN = "kristen", _("Kristen")
    KATOLIK = "katolik", _("Katolik")
    HINDU = "hindu", _("Hindu")
    BUDDHA = "buddha", _("Buddha")
    KHONGHUCU = "khonghucu", _("Khonghucu")
    KEPERCAYAAN = "kepercayaan", _("Kepercayaan terhadap Tuhan YME")


class StatusPerkawinan(models.TextChoices):
    BELUM_KAWIN = "belum_kawin", _("Belum kawin")
    KAWIN = "kawin", _("Kawin")
    CERAI_HIDUP = "cerai_hidup", _("Cerai hidup")
    CERAI_MATI = "cerai_mati", _("Cerai mati")


class Kewarganegaraan(models.TextChoices):
    WNI = "WNI", _("WNI")
    WNA = "WNA", _("WNA")


class StatusKTP(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    DIGANTI = "diganti", _("Diganti")
    DICABUT = "dicabut", _("Dicabut")


# Who qualifies and which documents each kind needs (Perpres 96/2018).
# The same source feeds the application form and the public service-standard page.
JENIS_INFO = {
    Jenis.BARU: {
        "who": _("WNI atau WNA pemegang KITAP yang berumur 17 tahun atau lebih, atau sudah/pernah kawin."),
        "documents": [Dokumen.KK],
    },
    Jenis.PINDAH_DATANG: {
        "who": _("Penduduk yang pindah ke Kabupaten Tulungagung dari daerah lain."),
        "documents": [Dokumen.KK, Dokumen.SURAT_PINDAH],
    },
    Jenis.PERUBAHAN_DATA: {
        "who": _(
            "Pemilik KTP-el yang datanya berubah: alamat, pekerjaan, status perkawinan, agama, gelar, foto."
        ),
        "documents": [Dokumen.KK, Dokumen.BUKTI_PERUBAHAN],
    },
    # A foreign resident replacing a card adds the KITAP only: the passport was shown for the first.
    Jenis.HILANG: {
        "who": _("Pemilik KTP-el yang kartunya hilang."),
        "documents": [Dokumen.KK, Dokumen.SURAT_KEHILANGAN],
        "wna_documents": [Dokumen.KITAP],
    },
    Jenis.RUSAK: {
        "who": _("Pemilik KTP-el yang kartunya rusak."),
        "documents": [Dokumen.KK, Dokumen.KTP_RUSAK],
        "wna_documents": [Dokumen.KITAP],
    },
    Jenis.PERPANJANGAN_WNA: {
        "who": _("Orang asing pemegang KITAP yang izin tinggalnya diperpanjang."),
        "documents": [Dokumen.KK],
    },
    Jenis.LUAR_DOMISILI: {
        "who": _(
            "Penduduk Tulungagung yang di luar domisili, atau penduduk daerah lain yang sedang di sini."
        ),
        "documents": [Dokumen.KK],
    },
}
# What a foreign resident (KITAP holder) adds, unless the kind names its own "wna_documents".
WNA_DOCUMENTS = [Dokumen.PASPOR, Dokumen.KITAP]
# The kinds whose office visit records biometrics (photo, fingerprints, signature): a first card,
# and a card whose data changed. A lost or damaged card, a move or an extension is printed from the
# recording the registry already holds: the citizen comes to have the originals checked.
RECORDING_JENIS = frozenset({Jenis.BARU, Jenis.PERUBAHAN_DATA})

ADULT_AGE = 17

# The version of the service standard page's cached body: offices, hours and SLAs (ktp/apps.py).
STANDAR_VERSION = "ktp-standar-pelayanan"
