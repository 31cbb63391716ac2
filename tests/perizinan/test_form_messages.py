"""What the licence steps take as a citizen types it, and what they say about what they refuse."""

import pytest

from perizinan.forms import IdentitasForm
from perizinan.models import PermohonanIzin
from tests.factories.perizinan import NPWP

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("nib", ["1234 5678 90123 4", "123456789012"])
def test_a_nib_of_the_wrong_length_gets_its_own_message_once(nib):
    form = IdentitasForm(
        {"nama_usaha": "CV Maju", "bentuk": "cv", "npwp": NPWP, "nib": nib}, instance=PermohonanIzin()
    )
    assert form.errors["nib"] == ["NIB harus 13 angka."]
