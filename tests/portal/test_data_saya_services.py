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


def test_the_licence_section_holds_what_the_application_holds(client):
    from perizinan.services import permohonan_izin_revision_request, permohonan_izin_submit
    from portal.accounts.roles import Role
    from tests.factories import UserFactory
    from tests.factories.perizinan import permohonan_izin_complete_draft

    owner = UserFactory()
    draft = permohonan_izin_complete_draft(applicant=owner, alamat_usaha="Jl. Demo No. 3")
    sent = permohonan_izin_submit(permohonan=draft, actor=owner)
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN)
    permohonan_izin_revision_request(
        permohonan=sent,
        actor=officer,
        note="Foto persetujuan tetangga tidak terbaca.",
        fields=["alamat_usaha"],
    )
    client.force_login(owner)
    data = json.loads(client.get(reverse("audit:data_saya_json")).content)["bagian"]
    (mine,) = data["perizinan"]["isi"]["permohonan"]
    held = mine["data_usaha"]
    assert held["penanggung_jawab_nik"]["nilai"] == sent.penanggung_jawab_nik
    assert held["alamat_usaha"]["nilai"] == "Jl. Demo No. 3"
    assert held["kekayaan_bersih"]["nilai"] == sent.kekayaan_bersih
    assert held["desa"]["kode"] == sent.desa_id
    assert len(mine["dokumen"]["nilai"]) == sent.dokumen_set.count() > 0
    assert mine["jadwal_tanda_tangan"]["nilai"]
    assert "Foto persetujuan tetangga tidak terbaca." in json.dumps(mine["riwayat"])
    # The PDF of the same data opens too.
    assert client.get(reverse("audit:data_saya_pdf")).status_code == 200
