import pytest
from django.core import mail

from perizinan.constants import Status
from perizinan.notifications import permohonan_izin_notify
from perizinan.services import permohonan_izin_submit
from tests.factories.perizinan import permohonan_izin_advance, permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db


def test_the_scheduling_email_gives_the_signing_day_even_when_sent_after_the_signing(owner, officer):
    draft = permohonan_izin_complete_draft(applicant=owner)
    permohonan = permohonan_izin_submit(permohonan=draft, actor=owner)
    signed = permohonan_izin_advance(permohonan, officer=officer, to=Status.DITANDATANGANI)
    # The scheduling email's task runs late (a busy worker): the application has moved on since.
    permohonan_izin_notify(permohonan_id=signed.pk, status=Status.DIJADWALKAN)
    body = mail.outbox[-1].body
    assert "Dijadwalkan tanda tangan" in mail.outbox[-1].subject
    assert "Jadwal tanda tangan:" in body and "Yang harus dibawa:" in body


def test_the_scheduling_email_of_a_free_licence_says_tanpa_biaya(owner, officer):
    draft = permohonan_izin_complete_draft(applicant=owner)
    permohonan = permohonan_izin_submit(permohonan=draft, actor=owner)
    scheduled = permohonan_izin_advance(permohonan, officer=officer, to=Status.DIJADWALKAN)
    permohonan_izin_notify(permohonan_id=scheduled.pk, status=Status.DIJADWALKAN)
    message = mail.outbox[-1]
    assert "Dijadwalkan tanda tangan" in message.subject
    assert "Biaya: tanpa biaya" in message.body and "Rp0" not in message.body
    assert "Rp0" not in message.alternatives[0][0]
