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


def test_history_notes_the_portal_writes_are_in_indonesian_whatever_language_the_officer_reads(
    owner, officer
):
    from django.utils import translation

    draft = permohonan_izin_complete_draft(applicant=owner)
    permohonan = permohonan_izin_submit(permohonan=draft, actor=owner)
    with translation.override("en"):  # the officer's admin in English
        signed = permohonan_izin_advance(permohonan, officer=officer, to=Status.DITANDATANGANI)
    notes = list(signed.riwayat_set.exclude(note="").values_list("note", flat=True))
    # Read by the owner in the Indonesian emails ("Catatan petugas") and on their pages.
    assert len(notes) == 2 and notes[0].startswith("Jadwal tanda tangan ")
    assert notes[0].endswith("Biaya: tanpa biaya.") and notes[1] == "Tanda tangan dan pembayaran Rp0 dicatat."


def test_an_owner_with_a_phone_gets_the_signing_day_by_sms_too(owner, officer):
    from portal.notifications import sms

    owner.phone = "081234567890"
    owner.save()
    draft = permohonan_izin_complete_draft(applicant=owner)
    permohonan = permohonan_izin_submit(permohonan=draft, actor=owner)
    scheduled = permohonan_izin_advance(permohonan, officer=officer, to=Status.DIJADWALKAN)
    sms.outbox.clear()
    permohonan_izin_notify(permohonan_id=scheduled.pk, status=Status.DIJADWALKAN)
    ((to, text),) = sms.outbox
    assert to == "081234567890" and scheduled.reference in text and "Jadwal tanda tangan:" in text
    assert scheduled.appointment_place in text and "/lacak/" in text and len(text) <= 320
    assert len(mail.outbox) >= 1 and mail.outbox[-1].to == [owner.email]
