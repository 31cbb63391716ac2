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


def test_the_dashboard_stops_the_office_s_clock_when_the_signing_is_scheduled(owner, officer):
    """The days until the signing day the owner chose are the owner's, as a card waiting for pickup."""
    import datetime

    from django.utils import timezone

    from perizinan.constants import Status
    from perizinan.models import PermohonanIzin, RiwayatPermohonanIzin
    from perizinan.services import permohonan_izin_reject
    from tests.factories.perizinan import permohonan_izin_advance

    signed = permohonan_izin_advance(
        permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner),
        officer=officer,
    )
    # Scheduled ten days ago, signed and issued today, well after the SLA date.
    ten_days_ago = timezone.now() - datetime.timedelta(days=10)
    RiwayatPermohonanIzin.objects.filter(permohonan=signed, to_status=Status.DIJADWALKAN).update(
        created_at=ten_days_ago
    )
    PermohonanIzin.objects.filter(pk=signed.pk).update(sla_due=timezone.localdate(ten_days_ago))
    rejected = permohonan_izin_advance(
        permohonan_izin_submit(
            permohonan=permohonan_izin_complete_draft(applicant=owner, nama_usaha="UD Dua"), actor=owner
        ),
        officer=officer,
        to=Status.DIJADWALKAN,
    )
    permohonan_izin_reject(permohonan=rejected, actor=officer, note="Pemilik tidak datang dan membatalkan.")
    cases = list(permohonan_izin_dashboard_cases())
    done = [c for c in cases if c.completed is not None]
    assert len(done) == 1 and done[0].completed == timezone.localdate(ten_days_ago)
    assert done[0].completed <= done[0].due  # within its SLA
    (closed,) = [c for c in cases if c.completed is None]
    assert closed.closed


def test_tracking_a_licence_sent_back_names_what_to_correct(owner, officer):
    from perizinan.services import permohonan_izin_revision_request

    draft = permohonan_izin_complete_draft(applicant=owner)
    permohonan = permohonan_izin_submit(permohonan=draft, actor=owner)
    factors = {"npwp4": NPWP[-4:]}
    assert permohonan_izin_track(reference=permohonan.reference, factors=factors)["corrections"] == []
    permohonan_izin_revision_request(
        permohonan=permohonan, actor=officer, note="Alamat kurang", fields=["alamat_usaha"]
    )
    found = permohonan_izin_track(reference=permohonan.reference, factors=factors)
    assert [str(label) for label in found["corrections"]] == ["Alamat usaha"]
