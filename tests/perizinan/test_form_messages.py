"""What the licence steps take as a citizen types it, and what they say about what they refuse."""

import pytest
from django.urls import reverse

from perizinan.forms import IdentitasForm, SkalaForm
from perizinan.models import JenisIzin, PermohonanIzin
from tests.factories.perizinan import NPWP

pytestmark = pytest.mark.django_db


def _skala(kekayaan):
    form = SkalaForm(
        {"kekayaan_bersih": kekayaan},
        instance=PermohonanIzin(),
        jenis_izin=JenisIzin.objects.get(code="SIUP"),
    )
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("100000000", 100_000_000),
        ("100.000.000", 100_000_000),
        ("150.000", 150_000),  # never read as 150 with ".000" taken for decimals
        ("Rp100.000.000", 100_000_000),
        ("Rp 100.000.000", 100_000_000),
        ("rp. 100 000 000", 100_000_000),
        ("Rp 100.000.000,-", 100_000_000),
        ("Rp100.000.000,00", 100_000_000),  # as a budget document writes it
        (" 750000000 ", 750_000_000),
    ],
)
def test_net_assets_are_read_as_indonesians_write_rupiah(typed, amount):
    form = _skala(typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["kekayaan_bersih"] == amount


@pytest.mark.parametrize("typed", ["100.000.000,50", "1.500,0", "100,000,000", "1,5"])
def test_net_assets_with_a_comma_are_refused_with_why(typed):
    assert _skala(typed).errors["kekayaan_bersih"] == [
        "Jumlah rupiah tidak memakai koma dan sen. Tulis angka bulat, titik sebagai pemisah ribuan "
        "boleh, misalnya 150.000.000."
    ]


@pytest.mark.parametrize("typed", ["satu juta", "1.5", "10.00", "1.0000", "100.000.00", "1e9", "１２３"])
def test_net_assets_that_are_not_a_rupiah_amount_are_refused_with_an_example(typed):
    assert _skala(typed).errors["kekayaan_bersih"] == [
        "Isi jumlah rupiah dengan angka, misalnya 150000000 atau 150.000.000."
    ]


def test_the_net_assets_field_says_dots_are_welcome_and_lets_them_be_typed():
    field = _skala("")["kekayaan_bersih"]
    assert "tanpa titik" not in str(field.help_text) and "150.000.000" in str(field.help_text)
    assert 'type="number"' not in str(field)


def _identitas(npwp):
    form = IdentitasForm({"nama_usaha": "CV Maju", "bentuk": "cv", "npwp": npwp}, instance=PermohonanIzin())
    form.is_valid()
    return form


@pytest.mark.parametrize(
    "npwp", ["01.234.567.8-901.23", "0123456789012345678", "01.234.567.8-901.234.56", "NPWP"]
)
def test_a_wrong_npwp_is_told_what_is_expected_and_that_dots_and_dashes_are_fine(npwp):
    assert _identitas(npwp).errors["npwp"] == [
        "NPWP harus 15 atau 16 angka. Titik, tanda hubung dan spasi seperti tercetak di kartu NPWP boleh "
        "diketik."
    ]


def test_the_npwp_field_help_does_not_forbid_the_dots_it_accepts():
    form = _identitas(NPWP)
    assert form.is_valid(), form.errors
    assert "tanpa titik" not in str(form["npwp"].help_text)
    assert _identitas("01.234.567.8-901.234").is_valid()


def test_the_skala_page_takes_net_assets_with_dots(client, owner):
    from tests.factories.perizinan import permohonan_izin_complete_draft

    permohonan = permohonan_izin_complete_draft(applicant=owner)
    client.force_login(owner)
    response = client.post(
        reverse("perizinan:step", args=[permohonan.pk, "skala"]), {"kekayaan_bersih": "Rp 300.000.000"}
    )
    assert response.status_code == 302, response.content.decode()
    permohonan.refresh_from_db()
    assert permohonan.kekayaan_bersih == 300_000_000


def test_the_skala_page_answers_net_assets_of_thousands_of_digits_with_a_form_error(client, owner):
    from tests.factories.perizinan import permohonan_izin_complete_draft

    permohonan = permohonan_izin_complete_draft(applicant=owner)
    before = permohonan.kekayaan_bersih
    client.force_login(owner)
    response = client.post(
        reverse("perizinan:step", args=[permohonan.pk, "skala"]), {"kekayaan_bersih": "9" * 5000}
    )
    assert response.status_code == 200
    assert "Isi jumlah rupiah dengan angka" in response.content.decode()
    permohonan.refresh_from_db()
    assert permohonan.kekayaan_bersih == before


@pytest.mark.parametrize("nib", ["1234 5678 90123 4", "123456789012"])
def test_a_nib_of_the_wrong_length_gets_its_own_message_once(nib):
    form = IdentitasForm(
        {"nama_usaha": "CV Maju", "bentuk": "cv", "npwp": NPWP, "nib": nib}, instance=PermohonanIzin()
    )
    assert form.errors["nib"] == ["NIB harus 13 angka."]
