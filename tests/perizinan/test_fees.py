"""Fees with their legal basis as data: only a regulation in force lets the office charge."""

import datetime

import pytest
from django.urls import reverse

from perizinan.biaya import permohonan_izin_fee
from perizinan.models import DasarBiaya
from perizinan.rules import months_add
from perizinan.services import permohonan_izin_submit
from tests.factories.perizinan import izin_issued, jenis, permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def _renewal(owner, officer):
    siup = izin_issued(applicant=owner, officer=officer, tanggal_terbit=months_add(TODAY(), -60))
    return permohonan_izin_complete_draft(applicant=owner, jenis_permohonan="perpanjangan", izin_lama=siup)


def test_the_siup_renewal_fee_names_its_regulation_and_prints_it_on_the_receipt(owner, officer):
    p = permohonan_izin_submit(permohonan=_renewal(owner, officer), actor=owner)
    assert p.biaya == 150_000
    assert p.biaya_dasar_hukum == "Peraturan Menteri Perdagangan Nomor 46/M-DAG/PER/9/2009 Tahun 2009"


def test_a_revoked_rule_cannot_charge(owner, officer):
    draft = _renewal(owner, officer)
    DasarBiaya.objects.filter(jenis_izin=jenis("SIUP")).update(dicabut=True)
    fee = permohonan_izin_fee(permohonan=draft)
    assert fee["amount"] == 0 and fee["basis"] == "" and "tidak ada dasar hukum" in fee["explanation"]


def test_a_rule_outside_its_dates_cannot_charge(owner, officer):
    draft = _renewal(owner, officer)
    DasarBiaya.objects.filter(jenis_izin=jenis("SIUP")).update(
        berlaku_sampai=TODAY() - datetime.timedelta(days=1)
    )
    assert permohonan_izin_fee(permohonan=draft)["amount"] == 0
    DasarBiaya.objects.filter(jenis_izin=jenis("SIUP")).update(
        berlaku_mulai=TODAY() + datetime.timedelta(days=1), berlaku_sampai=None
    )
    assert permohonan_izin_fee(permohonan=draft)["amount"] == 0


def test_the_ho_levy_rests_on_a_revoked_perda_so_it_charges_nothing(owner):
    draft = permohonan_izin_complete_draft(applicant=owner, code="HO")
    fee = permohonan_izin_fee(permohonan=draft)
    assert fee["amount"] == 0
    rule = DasarBiaya.objects.get(jenis_izin=jenis("HO"))
    assert rule.dicabut and rule.basis_text == "Peraturan Daerah Kabupaten Tulungagung Nomor 21 Tahun 2010"


def test_the_ho_licence_no_longer_prints_its_own_basis_as_revoked():
    assert "dicabut" not in jenis("HO").legal_basis


def test_the_service_standard_shows_each_fee_basis_and_that_free_is_tanpa_biaya(client):
    page = client.get(reverse("perizinan:index")).content.decode()
    assert "46/M-DAG/PER/9/2009" in page and "dicabut; tidak dipungut" in page and "tanpa biaya" in page


def test_the_ho_licence_pdf_prints_no_revoked_basis_and_no_levy(owner, officer):
    from django.template.loader import render_to_string

    izin = izin_issued(applicant=owner, officer=officer, code="HO")
    html = render_to_string(
        "pdf/perizinan/izin.html", {"izin": izin, "usaha": izin.usaha, "jenis_izin": izin.jenis_izin}
    )
    assert "dicabut" not in html and "tanpa biaya" in html and izin.permohonan.paid_amount == 0


def test_the_licence_pdf_names_the_kecamatan_of_the_address_once(owner, officer):
    from django.template.loader import render_to_string

    izin = izin_issued(applicant=owner, officer=officer, code="TDP")
    html = render_to_string(
        "pdf/perizinan/izin.html", {"izin": izin, "usaha": izin.usaha, "jenis_izin": izin.jenis_izin}
    )
    desa = izin.usaha.desa
    assert f"{desa.get_kind_display()} {desa.name}, Kecamatan {desa.kecamatan.name}" in html
    assert f"{desa.name}, {desa.kecamatan.name}, Kecamatan" not in html


def test_the_fee_explanation_is_stored_in_indonesian_whatever_language_the_owner_reads(owner):
    from django.utils import translation

    with translation.override("en"):
        p = permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner)
    # Stored once and printed on the receipt, which is always in Indonesian.
    assert p.biaya_rincian == "SIUP baru tidak dipungut biaya."


def test_the_ho_levy_set_at_verification_is_stored_in_indonesian_whatever_language_the_officer_reads(
    owner, officer
):
    from django.utils import translation

    from perizinan.models import IndeksGangguan
    from perizinan.services import permohonan_izin_verify
    from tests.factories.perizinan import ho_levy_in_force

    ho_levy_in_force()
    draft = permohonan_izin_complete_draft(applicant=owner, code="HO")
    p = permohonan_izin_submit(permohonan=draft, actor=owner)
    sedang = IndeksGangguan.objects.get(name="Gangguan sedang")
    with translation.override("en"):
        p = permohonan_izin_verify(permohonan=p, actor=officer, indeks_gangguan=sedang, note="Bengkel las.")
    assert p.biaya_rincian.startswith("Retribusi HO")
