"""A person's name typed in any form: at least one letter, and only what Indonesian names are written with."""

import pytest
from django.core.exceptions import ValidationError

from ktp.forms import LoketForm as KtpLoketForm
from perizinan.forms import LoketForm as IzinLoketForm
from perizinan.forms import PenanggungJawabForm
from perizinan.models import PermohonanIzin
from portal.names import validate_person_name

NAMES = ["Moh. Sholeh", "Ni Luh Putu", "D'Amato", "D’Amato", "Siti Aminah, S.Pd.", "Abdul-Rahman", "José"]


@pytest.mark.parametrize("name", NAMES)
def test_names_as_indonesians_write_them_are_taken(name):
    validate_person_name(name)


@pytest.mark.parametrize("name", ["12345", "...", "-", "' ,"])
def test_a_name_without_a_letter_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        validate_person_name(name)
    assert refused.value.messages == ["Nama harus berisi huruf."]


@pytest.mark.parametrize("name", ["Budi 2", "Siti@Aminah", "Budi <b>", "Siti_Aminah"])
def test_a_name_with_a_digit_or_symbol_is_refused_with_what_is_allowed(name):
    with pytest.raises(ValidationError) as refused:
        validate_person_name(name)
    assert refused.value.messages == [
        "Nama hanya boleh berisi huruf, spasi, titik, koma, tanda hubung dan apostrof."
    ]


@pytest.mark.parametrize(("form_class", "kwargs"), [(KtpLoketForm, {}), (IzinLoketForm, {"jenis_list": []})])
def test_the_desk_forms_refuse_a_citizens_name_without_a_letter_but_may_leave_it_empty(form_class, kwargs):
    assert form_class(data={"name": "12345"}, **kwargs).errors["name"] == ["Nama harus berisi huruf."]
    assert "name" not in form_class(data={"name": ""}, **kwargs).errors
    assert "name" not in form_class(data={"name": "Moh. Sholeh"}, **kwargs).errors


@pytest.mark.django_db
def test_the_person_in_charge_is_named_with_letters_unless_the_name_came_from_the_record():
    typed = PenanggungJawabForm(data={"penanggung_jawab": "12345"}, instance=PermohonanIzin())
    assert typed.errors["penanggung_jawab"] == ["Nama harus berisi huruf."]
    kept = PenanggungJawabForm(
        data={"penanggung_jawab": "PT 99"}, instance=PermohonanIzin(penanggung_jawab="PT 99")
    )
    assert "penanggung_jawab" not in kept.errors
