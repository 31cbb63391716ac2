"""The NIK, KK, NPWP and NIB are checked the same way in every form that takes one."""

import pytest

from ktp.forms import LoketForm as KtpLoketForm
from ktp.forms import NikForm
from pengadaan.forms import PenyediaForm
from perizinan.forms import IdentitasForm, PenanggungJawabForm
from perizinan.forms import LoketForm as IzinLoketForm
from portal.accounts.forms import SignupForm
from portal.nik import nik_structure_errors

FORMS = [
    (NikForm, "nik", {}),
    (KtpLoketForm, "nik", {}),
    (IzinLoketForm, "nik", {"jenis_list": []}),
    (PenanggungJawabForm, "penanggung_jawab_nik", {}),
    (SignupForm, "nik", {}),
]


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("35040250059", "16 angka"),
        ("350402501990000١", "16 angka"),  # an Arabic-Indic digit is not a NIK digit
        ("3504029913990001", "01–12"),  # no 13th month
        ("3504029910990001", "41–71"),  # no 99th day
        ("3504020010990001", "41–71"),  # no day 0
        ("0000001201900001", "kode wilayah"),  # no province 00
        ("3500021201900001", "kode wilayah"),  # no regency 00
        ("3504001201900001", "kode wilayah"),  # no kecamatan 00
    ],
)
@pytest.mark.parametrize(("form_class", "field", "kwargs"), FORMS)
def test_every_nik_field_refuses_what_no_nik_can_be(form_class, field, kwargs, nik, message):
    form = form_class(data={field: nik}, **kwargs)
    assert not form.is_valid()
    assert any(message in error for error in form.errors[field]), form.errors[field]


@pytest.mark.parametrize(("form_class", "field", "kwargs"), FORMS)
def test_every_nik_field_takes_a_womans_nik(form_class, field, kwargs):
    form = form_class(data={field: "3504025005900001"}, **kwargs)
    form.is_valid()
    assert field not in form.errors


def test_the_structure_reads_the_day_with_40_added_for_women_and_the_month():
    assert nik_structure_errors("3504021005900001") == []
    assert nik_structure_errors("3504027105900001") == []
    assert len(nik_structure_errors("3504023205900001")) == 1
    assert len(nik_structure_errors("3504027213900001")) == 2


KK_FORMS = [
    (NikForm, "no_kk", {}),
    (KtpLoketForm, "no_kk", {}),
    (IzinLoketForm, "no_kk", {"jenis_list": []}),
    (SignupForm, "no_kk", {}),
]


@pytest.mark.parametrize("nik", ["350402500590000", "35040250059000012", "3504 0250 0590 00"])
@pytest.mark.parametrize(("form_class", "field", "kwargs"), FORMS)
def test_a_nik_of_the_wrong_length_gets_one_message_the_same_in_every_form(form_class, field, kwargs, nik):
    form = form_class(data={field: nik}, **kwargs)
    assert not form.is_valid()
    assert form.errors[field] == ["NIK harus 16 angka."]


@pytest.mark.parametrize("no_kk", ["350402121315000", "35040212031500021"])
@pytest.mark.parametrize(("form_class", "field", "kwargs"), KK_FORMS)
def test_a_kk_number_of_the_wrong_length_gets_one_message_the_same_in_every_form(
    form_class, field, kwargs, no_kk
):
    form = form_class(data={field: no_kk}, **kwargs)
    assert not form.is_valid()
    assert form.errors[field] == ["Nomor KK harus 16 angka."]


# The business numbers: a licence application's and a vendor profile's, typed the same way.
BUSINESS_FORMS = [IdentitasForm, PenyediaForm]
NPWP_MESSAGE = (
    "NPWP harus 15 atau 16 angka. Titik, tanda hubung dan spasi seperti tercetak di kartu NPWP boleh diketik."
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("npwp", "digits"),
    [
        ("01.234.567.8-901.234", "012345678901234"),
        ("01 234 567 8 901 234", "012345678901234"),
        ("012345678901234", "012345678901234"),
        ("0123.4567.8901.2345", "0123456789012345"),
    ],
)
@pytest.mark.parametrize("form_class", BUSINESS_FORMS)
def test_every_npwp_field_takes_the_number_as_printed_and_keeps_its_digits(form_class, npwp, digits):
    form = form_class(data={"npwp": npwp, "nib": "9120 0012 3456 7"})
    form.is_valid()
    assert "npwp" not in form.errors and "nib" not in form.errors
    assert (form.cleaned_data["npwp"], form.cleaned_data["nib"]) == (digits, "9120001234567")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "npwp", ["01.234.567.8-901.23", "01.234.567.8-901.234.56", "NPWP", "０１２３４５６７８９０１２３４"]
)
@pytest.mark.parametrize("form_class", BUSINESS_FORMS)
def test_a_wrong_npwp_gets_one_message_the_same_in_every_form(form_class, npwp):
    form = form_class(data={"npwp": npwp})
    assert not form.is_valid()
    assert form.errors["npwp"] == [NPWP_MESSAGE]


@pytest.mark.django_db
@pytest.mark.parametrize("nib", ["1234 5678 90123 4", "123456789012", "１２３４５６７８９０１２３"])
@pytest.mark.parametrize("form_class", BUSINESS_FORMS)
def test_a_wrong_nib_gets_one_message_the_same_in_every_form(form_class, nib):
    form = form_class(data={"nib": nib})
    assert not form.is_valid()
    assert form.errors["nib"] == ["NIB harus 13 angka."]
