"""What the biodata step says about a wrong entry: one clear message, the project's own, on its field."""

import datetime

import pytest
from django.urls import reverse

from ktp.constants import Jenis
from ktp.forms import BiodataForm
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import biodata, permohonan_complete_draft, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def warga():
    return UserFactory(role=Role.WARGA)


def _posted(permohonan, **changes):
    """Return the biodata form's data for `permohonan` as the browser posts it, with `changes`."""
    data = biodata()
    posted = {
        name: getattr(value, "pk", value.isoformat() if isinstance(value, datetime.date) else value)
        for name, value in data.items()
        if name != "desa"
    }
    posted |= {"desa_kecamatan": data["desa"].kecamatan_id, "desa_id": data["desa"].pk}
    return posted | changes


def _form(permohonan, **changes):
    form = BiodataForm(_posted(permohonan, **changes), instance=permohonan)
    form.is_valid()
    return form


@pytest.mark.parametrize("field", ["rt", "rw"])
@pytest.mark.parametrize("value", ["12345", "1a", "RT 5"])
def test_a_wrong_rt_or_rw_gets_the_projects_own_message_once(warga, field, value):
    form = _form(permohonan_complete_draft(applicant=warga), **{field: value})
    assert form.errors[field] == ["Isi dengan angka, paling banyak 3 digit."]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nik", "350402500590000", "NIK harus 16 angka."),
        ("nik", "35040250059000012", "NIK harus 16 angka."),
        ("no_kk", "350402121315000", "Nomor KK harus 16 angka."),
        ("no_kk", "35040212031500021", "Nomor KK harus 16 angka."),
    ],
)
def test_a_nik_or_kk_of_the_wrong_length_gets_the_same_single_message_as_on_the_nik_step(
    warga, field, value, message
):
    form = _form(permohonan_complete_draft(applicant=warga), **{field: value})
    assert form.errors[field] == [message]


def test_a_nik_typed_in_groups_is_read_as_its_digits_on_the_biodata_step_too(warga):
    form = _form(permohonan_complete_draft(applicant=warga), nik="3504 0250 0590 0001")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nik"] == "3504025005900001"


def test_a_birth_date_after_today_says_so_even_when_the_age_rule_also_refuses(client, warga):
    draft = permohonan_complete_draft(applicant=warga, jenis=Jenis.BARU)
    tomorrow = today() + datetime.timedelta(days=1)
    client.force_login(warga)
    response = client.post(
        reverse("ktp:biodata", args=[draft.pk]),
        _posted(draft, tanggal_lahir=tomorrow.isoformat(), status_perkawinan="belum_kawin"),
    )
    assert response.status_code == 200
    assert "Tanggal lahir tidak boleh sesudah hari ini." in response.content.decode()
    draft.refresh_from_db()
    assert draft.tanggal_lahir == datetime.date(1990, 5, 10)


@pytest.mark.parametrize("nama", ["12345", "...", "-", "'"])
def test_a_name_without_a_letter_is_refused(warga, nama):
    form = _form(permohonan_complete_draft(applicant=warga), nama=nama)
    assert form.errors["nama"] == ["Nama harus berisi huruf."]


@pytest.mark.parametrize(
    "nama", ["Moh. Sholeh", "Ni Luh Putu", "D'Amato", "Siti Aminah, S.Pd.", "Abdul-Rahman"]
)
def test_names_as_indonesians_write_them_are_taken(warga, nama):
    form = _form(permohonan_complete_draft(applicant=warga), nama=nama)
    assert "nama" not in form.errors, form.errors


def test_a_name_already_on_the_application_is_not_refused_when_other_fields_change(warga):
    draft = permohonan_complete_draft(applicant=warga, nama="-")  # a placeholder from an old record
    form = _form(draft, nama="-", alamat="Jl. Mayor Sujadi 14")
    assert form.is_valid(), form.errors
