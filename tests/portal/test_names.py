"""A person's name typed in any form must have a letter, and may have the punctuation Indonesian names use."""

import pytest
from django.core.exceptions import ValidationError

from ktp.forms import LoketForm as KtpLoketForm
from perizinan.forms import LoketForm as IzinLoketForm
from perizinan.forms import PenanggungJawabForm
from perizinan.models import PermohonanIzin
from portal.names import validate_person_name

NAMES = [
    "Moh. Sholeh",
    "Ni Luh Putu",
    "D'Amato",
    "D’Amato",
    "Siti Aminah, S.Pd.",
    "Abdul-Rahman",
    "José",
    "Nguyễn Thị Minh",
    "Siti\u00a0Aminah",  # a no-break space, as pasted from a document
    "محمد",
    "Budi 2",
]


@pytest.mark.parametrize("name", NAMES)
def test_names_as_indonesians_write_them_are_taken(name):
    validate_person_name(name)


@pytest.mark.parametrize("name", ["12345", "...", "-", "' ,"])
def test_a_name_without_a_letter_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        validate_person_name(name)
    assert refused.value.messages == ["Nama harus berisi huruf."]


@pytest.mark.parametrize(
    "name",
    ["<script>alert(1)</script>", "Budi <b>", "Budi \u202egnp.exe", "Siti\u200bAminah", "Budi\tSantoso"],
)
def test_a_name_with_markup_or_invisible_characters_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        validate_person_name(name)
    assert refused.value.messages == [
        "Nama hanya boleh berisi huruf, angka, spasi, titik, koma, tanda hubung dan apostrof."
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
    kept = PenanggungJawabForm(data={"penanggung_jawab": "-"}, instance=PermohonanIzin(penanggung_jawab="-"))
    assert "penanggung_jawab" not in kept.errors
