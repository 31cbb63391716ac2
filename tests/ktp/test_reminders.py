import datetime

import pytest
from django.core import mail
from django_celery_beat.models import PeriodicTask

from ktp.models import KTP, Penduduk, PermohonanKTP
from ktp.reminders import ktp_kitap_expiry_remind
from portal.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def _card(nik, *, wna=True, until=TODAY + datetime.timedelta(days=30), status="aktif"):
    penduduk = Penduduk.objects.create(nik=nik, nama="Kenji Sato", kewarganegaraan="WNA" if wna else "WNI")
    PermohonanKTP.objects.create(applicant=UserFactory(), jenis="perpanjangan_wna", nik=nik, status="selesai")
    return KTP.objects.create(
        penduduk=penduduk,
        blanko_serial=f"B-{nik}",
        tanggal_terbit="2024-01-01",
        berlaku_hingga=until,
        status=status,
    )


def test_foreign_residents_get_one_reminder_even_when_the_job_runs_twice():
    _card("3504021005900001")
    assert ktp_kitap_expiry_remind(today=TODAY) == 1
    assert ktp_kitap_expiry_remind(today=TODAY) == 1  # the same, already-sent notification
    assert len(mail.outbox) == 1
    assert "KITAP" in mail.outbox[0].subject and "Pasal 63" in mail.outbox[0].body
    ktp_kitap_expiry_remind(today=TODAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1


def test_the_reminder_comes_the_lead_days_before_the_deadline_30_days_before_the_kitap_ends(settings):
    settings.KTP_KITAP_REMINDER_LEAD_DAYS = 30
    _card("3504021005900008", until=TODAY + datetime.timedelta(days=60))  # deadline: 30 days away
    _card("3504021005900009", until=TODAY + datetime.timedelta(days=61))
    assert ktp_kitap_expiry_remind(today=TODAY) == 1
    assert "60 hari lagi" in mail.outbox[0].body

    settings.KTP_KITAP_REMINDER_LEAD_DAYS = 14
    _card("3504021005900010", until=TODAY + datetime.timedelta(days=44))
    _card("3504021005900011", until=TODAY + datetime.timedelta(days=45))
    assert ktp_kitap_expiry_remind(today=TODAY) == 1
    assert len(mail.outbox) == 2 and "44 hari lagi" in mail.outbox[1].body


def test_no_reminder_for_citizens_replaced_cards_or_far_expiry():
    _card("3504021005900002", wna=False)
    _card("3504021005900003", status="diganti")
    _card("3504021005900004", until=TODAY + datetime.timedelta(days=90))
    ktp_kitap_expiry_remind(today=TODAY)
    assert mail.outbox == []


def test_schedules_are_created_by_migrations_and_editable_in_the_admin():
    tasks = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {"ktp.tasks.permohonan_receipt_sweep_task", "ktp.tasks.ktp_kitap_expiry_remind_task"} <= tasks


def test_a_resident_without_email_does_not_stop_the_other_reminders():
    ktp = _card("3504021005900005", until=TODAY + datetime.timedelta(days=10))
    applicant = PermohonanKTP.objects.get(nik_hash=ktp.penduduk.nik_hash).applicant
    User.objects.filter(pk=applicant.pk).update(email=None)  # recorded at the desk without email
    _card("3504021005900006")
    assert ktp_kitap_expiry_remind(today=TODAY) == 1
    assert len(mail.outbox) == 1


def test_no_reminder_to_apply_while_the_extension_is_already_being_processed():
    ktp = _card("3504021005900007")
    applicant = PermohonanKTP.objects.get(nik_hash=ktp.penduduk.nik_hash).applicant
    PermohonanKTP.objects.create(
        applicant=applicant, jenis="perpanjangan_wna", nik=ktp.penduduk.nik, status="diajukan"
    )
    assert ktp_kitap_expiry_remind(today=TODAY) == 0 and mail.outbox == []
