"""A broker down at submission or at issue loses nothing of a licence: the sweep makes the receipt,
sends the submission email once, and makes the licence PDF."""

import datetime

import pytest
from django.db.models import F

from perizinan.models import Izin, PermohonanIzin
from perizinan.receipts import (
    izin_pdf,
    izin_without_pdf,
    permohonan_izin_receipt,
    permohonan_izin_without_receipt,
)
from perizinan.services import permohonan_izin_submit
from perizinan.tasks import permohonan_izin_receipt_sweep_task
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.perizinan import permohonan_izin_advance, permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db


def test_the_sweep_makes_lost_receipts_emails_and_licence_pdfs_once(mailoutbox):
    owner = UserFactory(role=Role.WARGA)
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    # Submitted and issued without running the on-commit callbacks: the broker was down.
    submitted = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner
    )
    PermohonanIzin.objects.filter(pk=submitted.pk).update(
        submitted_at=F("submitted_at") - datetime.timedelta(minutes=5)
    )
    issued = permohonan_izin_advance(submitted, officer=officer)
    izin = Izin.objects.get(permohonan=issued)
    assert permohonan_izin_without_receipt(older_than=datetime.timedelta(minutes=2)) == [submitted.pk]
    assert izin_without_pdf() == [izin.pk] and izin_pdf(izin=izin) is None

    permohonan_izin_receipt_sweep_task.delay()
    assert permohonan_izin_receipt(permohonan=submitted) is not None and izin_pdf(izin=izin) is not None
    assert [m.to for m in mailoutbox] == [[owner.email]]

    permohonan_izin_receipt_sweep_task.delay()
    assert len(mailoutbox) == 1 and izin_without_pdf() == []
