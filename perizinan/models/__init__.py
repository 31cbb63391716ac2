"""The licensing models, one module per concept; every name is importable from here."""

from .biaya import DasarBiaya, JenisPeraturan
from .izin import Izin
from .jadwal import KantorTandaTangan
from .permohonan import DokumenPermohonanIzin, PermohonanIzin, RiwayatPermohonanIzin
from .reference import (
    DokumenBentukUsaha,
    IndeksGangguan,
    IndeksLokasi,
    JenisIzin,
    KelasSIUP,
    TarifHO,
    code_validator,
    document_codes_validate,
)
from .usaha import DataUsaha, Usaha, kbli_validator, nib_validator, npwp_validator

__all__ = [
    "DasarBiaya",
    "DataUsaha",
    "DokumenBentukUsaha",
    "DokumenPermohonanIzin",
    "IndeksGangguan",
    "IndeksLokasi",
    "Izin",
    "JenisIzin",
    "JenisPeraturan",
    "KantorTandaTangan",
    "KelasSIUP",
    "PermohonanIzin",
    "RiwayatPermohonanIzin",
    "TarifHO",
    "Usaha",
    "code_validator",
    "document_codes_validate",
    "kbli_validator",
    "nib_validator",
    "npwp_validator",
]
