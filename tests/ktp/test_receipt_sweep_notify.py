"""The receipt sweep also sends the submission email that was lost with the receipt's task."""

import datetime

import pytest
from django.db.models import F

from ktp.models import PermohonanKTP
from ktp.services import permohonan_submit
from ktp.tasks import permohonan_receipt_sweep_task
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db


def test_a_submission_whose_tasks_were_lost_gets_its_email_from_the_sweep_once(mailoutbox):
    warga = UserFactory(role=Role.WARGA)
    # Submitted without running the on-commit callbacks: the broker was down, both tasks lost.
    permohonan = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    PermohonanKTP.objects.filter(pk=permohonan.pk).update(
        submitted_at=F("submitted_at") - datetime.timedelta(minutes=5)
    )
    assert not Notification.objects.exists()

    permohonan_receipt_sweep_task.delay()
    assert [m.to for m in mailoutbox] == [[warga.email]]
    assert Notification.objects.get().status == Notification.Status.SENT

    # Once the receipt exists the sweep leaves the application alone; an email is never sent twice.
    permohonan_receipt_sweep_task.delay()
    assert len(mailoutbox) == 1
