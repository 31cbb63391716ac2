import datetime

import pytest

from perizinan.constants import AturanBiaya, Jenis
from perizinan.models import IndeksGangguan, IndeksLokasi, KelasSIUP
from perizinan.rules import fee_compute, ho_retribusi, kelas_for, months_add, renewal_refusal, rupiah

pytestmark = pytest.mark.django_db

JUTA, MILIAR = 1_000_000, 1_000_000_000


@pytest.fixture
def kelas():
    return list(KelasSIUP.objects.order_by("lower"))


@pytest.mark.parametrize(
    ("kekayaan", "expected"),
    [
        (0, None),
        (50 * JUTA, None),
        (50 * JUTA + 1, "KECIL"),
        (500 * JUTA, "KECIL"),
        (500 * JUTA + 1, "MENENGAH"),
        (10 * MILIAR, "MENENGAH"),
        (10 * MILIAR + 1, "BESAR"),
        (10**15, "BESAR"),
    ],
)
def test_siup_class_boundaries_are_exact(kelas, kekayaan, expected):
    found = kelas_for(kekayaan, kelas)
    assert (found.code if found else None) == expected


def test_siup_new_is_free_and_renewal_costs_by_class(kelas):
    by_code = {k.code: k for k in kelas}
    assert fee_compute(fee_rule=AturanBiaya.SIUP_KELAS, jenis=Jenis.BARU, kelas=by_code["BESAR"])[0] == 0
    fees = {
        code: fee_compute(fee_rule=AturanBiaya.SIUP_KELAS, jenis=Jenis.PERPANJANGAN, kelas=k)[0]
        for code, k in by_code.items()
    }
    assert fees == {"KECIL": 100_000, "MENENGAH": 150_000, "BESAR": 300_000}
    assert fee_compute(fee_rule=AturanBiaya.SIUP_KELAS, jenis=Jenis.PERPANJANGAN, kelas=None)[0] == 0


def test_tdp_is_free():
    assert fee_compute(fee_rule=AturanBiaya.GRATIS, jenis=Jenis.BARU)[0] == 0
    assert fee_compute(fee_rule=AturanBiaya.GRATIS, jenis=Jenis.PERPANJANGAN)[0] == 0


def test_ho_retribusi_is_area_times_indices_times_tariff():
    lokasi = IndeksLokasi.objects.get(name="Jalan kolektor")  # 2.00
    gangguan = IndeksGangguan.objects.get(name="Gangguan sedang")  # 2.00
    amount, text = fee_compute(
        fee_rule=AturanBiaya.HO_RETRIBUSI,
        jenis=Jenis.BARU,
        luas=120,
        lokasi=lokasi,
        gangguan=gangguan,
        tarif=1_000,
    )
    assert amount == 480_000 and "120 m²" in text and "Rp1.000" in text
    assert (
        ho_retribusi(luas=33, indeks_lokasi="1.50", indeks_gangguan="1.00", tarif=1_001) == 49_550
    )  # 49549.5 up
    assert fee_compute(fee_rule=AturanBiaya.HO_RETRIBUSI, jenis=Jenis.BARU, luas=None)[0] is None


def test_rupiah_uses_dots_and_no_space():
    assert rupiah(1_500_000) == "Rp1.500.000"
    assert rupiah(0) == "Rp0"
    assert rupiah(None) == "–"


def test_months_add_clamps_to_the_end_of_the_month():
    assert months_add(datetime.date(2024, 2, 29), 60) == datetime.date(2029, 2, 28)
    assert months_add(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert months_add(datetime.date(2026, 11, 15), 2) == datetime.date(2027, 1, 15)


@pytest.mark.parametrize(
    ("today", "allowed"),
    [
        (datetime.date(2026, 3, 31), False),  # 91 days before: not yet open
        (datetime.date(2026, 4, 1), True),  # 90 days before: opens
        (datetime.date(2026, 6, 30), True),  # the expiry day
        (datetime.date(2026, 7, 30), True),  # last day of 30 days' grace
        (datetime.date(2026, 7, 31), False),  # grace over: apply anew
    ],
)
def test_renewal_window_and_grace(today, allowed):
    refusal = renewal_refusal(
        berlaku_hingga=datetime.date(2026, 6, 30), window_days=90, grace_days=30, today=today
    )
    assert (refusal is None) == allowed
    if today < datetime.date(2026, 4, 1):
        assert "1 April 2026" in refusal
    elif not allowed:
        assert "30 Juli 2026" in refusal and "izin baru" in refusal
