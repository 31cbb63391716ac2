from .naskah import HakBaca, Lampiran, Naskah, Penerima, RiwayatNaskah
from .penomoran import NomorUrut, PolaPenomoran, kode_klasifikasi_validator, pattern_validate
from .records import Disposisi, LogAkses, TandaBaca

__all__ = [
    "Disposisi",
    "HakBaca",
    "Lampiran",
    "LogAkses",
    "Naskah",
    "NomorUrut",
    "Penerima",
    "PolaPenomoran",
    "RiwayatNaskah",
    "TandaBaca",
    "kode_klasifikasi_validator",
    "pattern_validate",
]
