"""Separation of duties in the workflow engine: whoever filed an application cannot decide on it."""

import pytest
from django.apps import apps

from ktp.constants import Status as KtpStatus
from ktp.services import (
    permohonan_issue,
    permohonan_record,
    permohonan_reject,
    permohonan_submit,
    permohonan_verify,
)
from perizinan.constants import Status as IzinStatus
from perizinan.services import permohonan_izin_submit, permohonan_izin_verify
from portal.accounts.roles import Role
from portal.workflow import TransitionError, workflow_allowed, workflow_barred
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft
from tests.factories.perizinan import permohonan_izin_advance, permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db


def _engine_models():
    return [m for m in apps.get_models() if hasattr(m, "TRANSITIONS") and hasattr(m, "HISTORY_MODEL")]


def test_every_application_filed_for_someone_names_its_filers_and_barred_decisions():
    filed_for_someone = [m for m in _engine_models() if any(f.name == "assisted_by" for f in m._meta.fields)]
    assert {m._meta.label for m in filed_for_someone} >= {"ktp.PermohonanKTP", "perizinan.PermohonanIzin"}
    for model in filed_for_someone:
        assert set(model.FILED_BY) == {"applicant", "assisted_by"}, model
        assert {"diverifikasi", "ditolak", "diterbitkan"} <= set(model.FILER_BARRED), model


@pytest.fixture
def loket():
    return UserFactory(name="Rina Wulandari", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")


def test_the_kecamatan_officer_who_filed_a_ktp_application_cannot_verify_or_reject_it(loket):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=loket), actor=loket)
    with pytest.raises(TransitionError, match="Minta petugas lain"):
        permohonan_verify(permohonan=p, actor=loket)
    with pytest.raises(TransitionError, match="Minta petugas lain"):
        permohonan_reject(permohonan=p, actor=loket, note="salah isi")
    assert not workflow_allowed(instance=p, actor=loket) & {KtpStatus.DIVERIFIKASI, KtpStatus.DITOLAK}
    p.refresh_from_db()
    assert p.status == KtpStatus.DIAJUKAN


def test_another_officer_verifies_and_the_filer_still_cannot_issue(loket):
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=loket), actor=loket)
    other = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    p = permohonan_verify(permohonan=p, actor=other)
    p = permohonan_record(permohonan=p, actor=loket)  # recording biometrics is no decision
    with pytest.raises(TransitionError):
        permohonan_issue(permohonan=p, actor=loket, blanko_serial="B-1")
    assert permohonan_issue(permohonan=p, actor=other, blanko_serial="B-1").status == KtpStatus.DITERBITKAN


def test_the_licensing_officer_who_filed_a_licence_cannot_verify_or_issue_it(officer_izin):
    p = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=officer_izin), actor=officer_izin
    )
    with pytest.raises(TransitionError, match="Minta petugas lain"):
        permohonan_izin_verify(permohonan=p, actor=officer_izin)
    other = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    p = permohonan_izin_advance(p, officer=other, to=IzinStatus.DITANDATANGANI)
    assert IzinStatus.DITERBITKAN not in workflow_allowed(instance=p, actor=officer_izin)
    with pytest.raises(TransitionError):
        permohonan_izin_advance(p, officer=officer_izin, to=IzinStatus.DITERBITKAN)


def test_an_owner_cannot_verify_their_own_application_even_as_an_officer():
    owner_officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    p = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner_officer), actor=owner_officer
    )
    assert workflow_barred(instance=p, to=IzinStatus.DIVERIFIKASI, actor=owner_officer)
    assert not workflow_barred(instance=p, to=IzinStatus.DIVERIFIKASI, actor=None)  # the system itself


def test_the_admin_hides_the_verify_button_from_the_filer(client, loket):
    from ktp.workflow_admin import ACTIONS

    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=loket), actor=loket)
    assert not ACTIONS["verifikasi"].allowed(p, loket)
    other = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    assert ACTIONS["verifikasi"].allowed(p, other)


@pytest.fixture
def officer_izin():
    return UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
