"""Rules of the KTP-el domain that need no database: NIK structure, age, completeness."""

import datetime

from django.utils.translation import gettext as _

from portal.nik import nik_structure_errors

from .constants import ADULT_AGE, JENIS_INFO, WNA_DOCUMENTS, JenisKelamin, StatusPerkawinan


def nik_mismatch_warnings(*, nik: str, tanggal_lahir, jenis_kelamin: str) -> list[str]:
    """Return warnings where the NIK's date or sex part disagrees with the biodata (never a refusal)."""
    if not nik or len(nik) != 16 or nik_structure_errors(nik) or not tanggal_lahir:
        return []
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    day -= 40 if female else 0
    warnings = []
    if (day, month, year2) != (tanggal_lahir.day, tanggal_lahir.month, tanggal_lahir.year % 100):
        warnings.append(
            _("Tanggal lahir di NIK (%(nik_date)s) berbeda dengan tanggal lahir yang Anda isi.")
            % {"nik_date": f"{day:02d}-{month:02d}-{year2:02d}"}
        )
    if jenis_kelamin and (jenis_kelamin == JenisKelamin.PEREMPUAN) != female:
        warnings.append(_("Kode NIK menunjukkan jenis kelamin yang berbeda dengan yang Anda isi."))
    return warnings


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Return the age in whole years on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_eligible_for_baru(*, tanggal_lahir, status_perkawinan, on: datetime.date) -> bool:
    """Return whether a person must and may get a first KTP-el: 17 or older, or ever married."""
    ever_married = status_perkawinan and status_perkawinan != StatusPerkawinan.BELUM_KAWIN
    return bool(ever_married) or (tanggal_lahir is not None and age_on(tanggal_lahir, on) >= ADULT_AGE)


def wna_documents(jenis) -> list:
    """Return what a foreign resident adds to an application of `jenis`."""
    return JENIS_INFO[jenis].get("wna_documents", WNA_DOCUMENTS)


def required_documents(*, jenis, is_wna: bool) -> list:
    """Return the document kinds an application of `jenis` needs."""
    documents = list(JENIS_INFO[jenis]["documents"])
    if is_wna:
        documents += [d for d in wna_documents(jenis) if d not in documents]
    return documents
