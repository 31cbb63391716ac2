import pytest
from django.core import mail
from django.urls import reverse

from ktp.constants import Status
from ktp.models import PermohonanKTP
from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def loket():
    return UserFactory(name="Rina Wulandari", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")


def test_an_application_started_by_a_kecamatan_officer_is_recorded_as_assisted(
    loket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=loket), actor=loket)
    assert p.assisted_by == loket
    assert "Rina Wulandari" in p.riwayat_set.get(to_status=Status.DIAJUKAN).note
    assert mail.outbox == []  # the citizen follows it by tracking; the officer's inbox stays clear


def test_the_officer_prints_the_receipt_from_the_confirmation(
    client, loket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=loket), actor=loket)
    client.force_login(loket)
    page = client.get(reverse("ktp:konfirmasi", args=[p.pk])).content.decode()
    assert reverse("ktp:receipt", args=[p.pk]) in page
    assert client.get(reverse("ktp:receipt", args=[p.pk])).status_code == 200


def test_a_citizen_starting_their_own_is_not_assisted():
    warga = UserFactory(role=Role.WARGA)
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    assert p.assisted_by is None and PermohonanKTP.objects.get().riwayat_set.get().note == ""


def test_kiosk_mode_offers_selesai_which_ends_the_session(client, settings, loket):
    settings.KIOSK_MODE = True
    client.force_login(loket)
    page = client.get("/").content.decode()
    assert ">Selesai</button>" in page
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session
