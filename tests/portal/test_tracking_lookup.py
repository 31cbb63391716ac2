"""Tracking a KTP-el application (ktp.selectors.permohonan_track) read in one query."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ktp.constants import Status
from ktp.models import PermohonanKTP, RiwayatStatus
from ktp.selectors import permohonan_track
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft, permohonan_verified

pytestmark = pytest.mark.django_db

BORN = datetime.date(1990, 5, 10)  # the factories' birth date


@pytest.fixture
def verified():
    return permohonan_verified()


def test_the_result_shows_the_public_status_and_the_timeline_in_order(verified, django_assert_num_queries):
    with django_assert_num_queries(1):
        result = permohonan_track(reference=verified.reference, factors={"tanggal_lahir": BORN})
    assert result == {
        "reference": verified.reference,
        "service": f"Layanan KTP-el: {verified.get_jenis_display()}",
        "status": verified.get_status_display(),
        "office": f"Kantor Kecamatan {verified.kecamatan.name}",
        "submitted": verified.submitted_at,
        "due": verified.sla_due,
        "timeline": [(h.created_at, h.to_status_label) for h in verified.riwayat_set.all()],
        "corrections": [],  # none asked for
    }
    assert [label for _when, label in result["timeline"]] == ["Diajukan", "Terverifikasi"]


def test_the_timeline_is_ordered_by_time_then_by_entry(verified):
    earlier = verified.riwayat_set.first().created_at - datetime.timedelta(days=1)
    RiwayatStatus.objects.create(
        permohonan=verified, from_status="", to_status=Status.DRAF, created_at=earlier
    )
    result = permohonan_track(reference=verified.reference, factors={"tanggal_lahir": BORN})
    assert [label for _when, label in result["timeline"]] == ["Draf", "Diajukan", "Terverifikasi"]


def test_an_application_without_status_history_is_found_with_an_empty_timeline(client):
    p = permohonan_complete_draft(applicant=UserFactory(role=Role.WARGA))
    PermohonanKTP.objects.filter(pk=p.pk).update(
        status=Status.DIAJUKAN, reference="KTP-2026-000555", submitted_at=timezone.now()
    )
    result = permohonan_track(reference="KTP-2026-000555", factors={"tanggal_lahir": BORN})
    assert result["status"] == "Diajukan" and result["timeline"] == []
    response = client.post(
        reverse("public:track"), {"reference": "KTP-2026-000555", "tanggal_lahir": "1990-05-10"}
    )
    assert (
        "KTP-2026-000555" in response.content.decode() and "tidak ditemukan" not in response.content.decode()
    )


def test_a_draft_is_never_found_and_a_wrong_or_missing_birth_date_finds_nothing(verified):
    draft = permohonan_complete_draft(applicant=verified.applicant)
    PermohonanKTP.objects.filter(pk=draft.pk).update(reference="KTP-2026-000556")
    assert permohonan_track(reference="KTP-2026-000556", factors={"tanggal_lahir": BORN}) is None
    assert (
        permohonan_track(reference=verified.reference, factors={"tanggal_lahir": BORN.replace(day=11)})
        is None
    )
    assert permohonan_track(reference=verified.reference, factors={"tanggal_lahir": None}) is None
    assert permohonan_track(reference=verified.reference, factors={}) is None
