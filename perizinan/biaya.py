"""
Fees: what an application owes, on which legal basis, and the HO levy the officer's survey sets.

A fee is charged only under a fee rule in force (DasarBiaya: within its dates, not revoked); the
amount follows the licence type's rule (SIUP class, HO formula). Rp0 reads "tanpa biaya".
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.money import rupiah
from portal.workflow import TransitionError

from .constants import AturanBiaya
from .rules import fee_compute, kelas_for
from .selectors import (
    dasar_biaya_in_force,
    indeks_gangguan_range,
    kekayaan_micro_limit,
    kelas_siup_all,
    tarif_ho_on,
)


def fee_text(amount) -> str:
    """Return the fee as the owner reads it: tanpa biaya for Rp0, else the rupiah amount."""
    return _("tanpa biaya") if amount == 0 else rupiah(amount)


def permohonan_izin_fee(*, permohonan) -> dict:
    """Return the SIUP class, the fee and how it was computed, from the application's data."""
    today = timezone.localdate()
    jenis_izin = permohonan.jenis_izin
    siup = jenis_izin.fee_rule == AturanBiaya.SIUP_KELAS
    kelas = kelas_for(permohonan.kekayaan_bersih, kelas_siup_all()) if siup else None
    basis = dasar_biaya_in_force(jenis_izin=jenis_izin, jenis=permohonan.jenis, day=today)
    amount, explanation = fee_compute(
        fee_rule=jenis_izin.fee_rule,
        jenis=permohonan.jenis,
        kelas=kelas,
        luas=permohonan.luas_ruang,
        lokasi=permohonan.indeks_lokasi,
        gangguan=permohonan.indeks_gangguan,
        tarif=tarif_ho_on(day=today) if jenis_izin.fee_rule == AturanBiaya.HO_RETRIBUSI else None,
        gangguan_range=indeks_gangguan_range(),
    )
    if amount != 0 and basis is None:
        # No regulation in force lets the office charge (revoked, or outside its dates): no fee at all.
        explanation = _("Tidak dipungut biaya: tidak ada dasar hukum pungutan yang berlaku.")
        return {"kelas": kelas, "amount": 0, "explanation": explanation, "basis": ""}
    return {
        "kelas": kelas,
        "amount": amount,
        "explanation": explanation,
        "basis": basis.basis_text if amount else "",
    }


def siup_optional(*, permohonan) -> bool:
    """Return whether net assets are at or below the lowest class, so a SIUP is optional."""
    return (
        permohonan.jenis_izin.fee_rule == AturanBiaya.SIUP_KELAS
        and permohonan.kekayaan_bersih is not None
        and permohonan.kekayaan_bersih <= kekayaan_micro_limit()
    )


def permohonan_izin_survey_update(*, permohonan, indeks_gangguan, note):
    """Return the fields and history note of the HO survey; an HO levy in force needs both."""
    if permohonan.jenis_izin.fee_rule != AturanBiaya.HO_RETRIBUSI:
        return {}, ""
    today = timezone.localdate()
    levy = dasar_biaya_in_force(jenis_izin=permohonan.jenis_izin, jenis=permohonan.jenis, day=today)
    if levy is None and indeks_gangguan is None:
        return {}, ""
    if indeks_gangguan is None or not note.strip():
        raise TransitionError(_("Pilih tingkat gangguan hasil survei dan tulis catatan survei."))
    permohonan.indeks_gangguan = indeks_gangguan
    with translation.override(settings.LANGUAGE_CODE):  # stored, printed on the receipt, in the history
        fee = permohonan_izin_fee(permohonan=permohonan)
        text = _("Tingkat gangguan hasil survei: %(indeks)s. Catatan survei: %(note)s Biaya: %(fee)s.") % {
            "indeks": indeks_gangguan,
            "note": note.strip(),
            "fee": fee_text(fee["amount"]),
        }
    update = {
        "indeks_gangguan": indeks_gangguan,
        "biaya": fee["amount"],
        "biaya_rincian": fee["explanation"][:300],
        "biaya_dasar_hukum": fee["basis"][:300],
    }
    return update, text
