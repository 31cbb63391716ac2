import pytest
from django.core import mail

from perizinan.constants import Status
from perizinan.services import permohonan_izin_submit
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.perizinan import permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db


def test_a_licence_application_filed_by_a_licensing_officer_is_recorded_as_assisted(
    django_capture_on_commit_callbacks,
):
    loket = UserFactory(name="Dewi Lestari", role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    with django_capture_on_commit_callbacks(execute=True):
        p = permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=loket), actor=loket)
    assert p.status == Status.DIAJUKAN and p.assisted_by == loket
    assert "Dewi Lestari" in p.riwayat_set.get(to_status=Status.DIAJUKAN).note
    assert mail.outbox == []


def test_an_owner_filing_their_own_is_not_assisted():
    owner = UserFactory(role=Role.WARGA)
    p = permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner)
    assert p.assisted_by is None
