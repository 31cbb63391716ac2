import pytest

from perizinan.public import permohonan_izin_dashboard_cases, permohonan_izin_track
from perizinan.services import permohonan_izin_submit
from portal.public.tracking import tracking_lookup
from tests.factories.perizinan import NPWP, izin_issued, permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db


def test_tracking_needs_the_last_four_npwp_digits(owner):
    permohonan = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner
    )
    found = tracking_lookup(reference=permohonan.reference.lower(), factors={"npwp4": NPWP[-4:]})
    assert found["status"] == "Diajukan" and "Surat Izin Usaha Perdagangan" in found["service"]
    assert "npwp" not in str(found).lower() and owner.email not in str(found)
    assert permohonan_izin_track(reference=permohonan.reference, factors={"npwp4": "0000"}) is None
    assert permohonan_izin_track(reference=permohonan.reference, factors={}) is None
    assert permohonan_izin_track(reference="IZN-2026-999999", factors={"npwp4": NPWP[-4:]}) is None


def test_dashboard_counts_an_issued_licence_as_completed(owner, officer):
    izin = izin_issued(applicant=owner, officer=officer, code="TDP")
    permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner, nama_usaha="UD Dua"), actor=owner
    )
    cases = sorted(permohonan_izin_dashboard_cases(), key=lambda c: c.service)
    assert [c.service for c in cases] == ["SIUP", "TDP"]
    assert cases[0].completed is None and not cases[0].closed
    assert cases[1].completed == izin.tanggal_terbit and cases[1].kecamatan == "Boyolangu"


def test_the_service_standard_lists_the_same_documents_as_the_form(client):
    from django.urls import reverse

    from perizinan.constants import Jenis
    from perizinan.models import JenisIzin

    page = client.get(reverse("perizinan:index")).content.decode()
    assert "Standar pelayanan" in page and "Pengaduan" in page
    for jenis_izin in JenisIzin.objects.filter(active=True):
        for document in jenis_izin.documents_for(Jenis.BARU) + jenis_izin.documents_for(Jenis.PERPANJANGAN):
            assert str(document.label) in page
