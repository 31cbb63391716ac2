from .langsung import Langsung
from .paket import (
    AnggotaPokja,
    DokumenPaket,
    Jadwal,
    Paket,
    Pendaftaran,
    Penyedia,
    Pertanyaan,
    PerubahanJadwal,
    RiwayatPaket,
    RiwayatPenyedia,
)
from .rules import Aturan, DurasiTahap, Kategori, Metode, MetodeEvaluasi
from .tender import Evaluasi, Kontrak, Penawaran, Penetapan, PernyataanKonflik, Sanggah

__all__ = [
    "AnggotaPokja",
    "Aturan",
    "DokumenPaket",
    "DurasiTahap",
    "Evaluasi",
    "Jadwal",
    "Kategori",
    "Kontrak",
    "Langsung",
    "Metode",
    "MetodeEvaluasi",
    "Paket",
    "Pendaftaran",
    "Penawaran",
    "PerubahanJadwal",
    "Penetapan",
    "Penyedia",
    "PernyataanKonflik",
    "Pertanyaan",
    "RiwayatPaket",
    "RiwayatPenyedia",
    "Sanggah",
]
