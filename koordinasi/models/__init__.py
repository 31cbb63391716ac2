from .naskah import HakBaca, Lampiran, Naskah, Penerima, RiwayatNaskah
from .penomoran import NomorUrut, PolaPenomoran, pattern_validate
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
    "pattern_validate",  # migration 0001 names it here
]
