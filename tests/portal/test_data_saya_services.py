"""Data saya gives names a person can read, with the stored codes beside them (KTP-el, licences)."""

import json

import pytest
from django.urls import reverse

from tests.factories.ktp import permohonan_verified

pytestmark = pytest.mark.django_db


def test_the_biodata_gives_names_beside_codes(client):
    submitted = permohonan_verified()
    client.force_login(submitted.applicant)
    data = json.loads(client.get(reverse("audit:data_saya_json")).content)["bagian"]
    (mine,) = data["permohonan_ktp"]["isi"]
    biodata = mine["biodata"]
    assert (
        biodata["agama"]["nilai"] == submitted.get_agama_display()
        and biodata["agama"]["kode"] == submitted.agama
    )
    assert biodata["pekerjaan"] == {
        "label": "Pekerjaan",
        "nilai": submitted.pekerjaan.name,
        "kode": submitted.pekerjaan_id,
    }
    assert biodata["desa"]["nilai"] == str(submitted.desa) and biodata["desa"]["kode"] == submitted.desa_id
    assert biodata["nik"]["nilai"] == submitted.nik


def test_the_licence_section_names_the_licence_type_beside_its_code(client):
    from tests.factories import UserFactory
    from tests.factories.perizinan import permohonan_izin_complete_draft

    owner = UserFactory()
    draft = permohonan_izin_complete_draft(applicant=owner)
    client.force_login(owner)
    data = json.loads(client.get(reverse("audit:data_saya_json")).content)["bagian"]
    (mine,) = data["perizinan"]["isi"]["permohonan"]
    assert mine["jenis_izin"] == {"label": "Jenis izin", "nilai": draft.jenis_izin.name, "kode": "SIUP"}
