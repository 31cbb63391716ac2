import datetime

import pytest
from django.core import mail
from django_celery_beat.models import PeriodicTask

from perizinan.constants import StatusIzin
from perizinan.models import Izin
from perizinan.reminders import izin_expiry_remind, reminder_threshold
from perizinan.services import permohonan_izin_submit
from perizinan.tasks import izin_expire_task, izin_expiry_remind_task
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.perizinan import izin_issued

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def _izin(owner, officer, *, days_left, **kwargs):
    """A TDP whose daftar ulang is due in `days_left` days: it ends the type's lead time later."""
    izin = izin_issued(applicant=owner, officer=officer, code="TDP", **kwargs)
    end = TODAY + datetime.timedelta(days=days_left + izin.jenis_izin.renewal_due_days)
    Izin.objects.filter(pk=izin.pk).update(berlaku_hingga=end)
    izin.refresh_from_db()
    return izin


def test_thresholds():
    assert [reminder_threshold(d) for d in (91, 90, 31, 30, 8, 7, 0)] == [None, 90, 90, 30, 30, 7, 7]


def test_reminders_90_30_7_days_once_each_even_when_run_twice(owner, officer):
    _izin(owner, officer, days_left=90)
    _izin(owner, officer, days_left=30, nama_usaha="UD Dua", npwp="0123456789012345")
    _izin(owner, officer, days_left=7, nama_usaha="UD Tiga", npwp="012345678901239")
    _izin(owner, officer, days_left=91, nama_usaha="UD Jauh", npwp="012345678901238")
    assert izin_expiry_remind(today=TODAY) == 3
    assert izin_expiry_remind(today=TODAY) == 3  # the same, already-sent notifications
    assert len(mail.outbox) == 3
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("daftar ulang dalam 90 hari" in s for s in subjects)
    assert any("daftar ulang dalam 7 hari" in s for s in subjects)
    assert all(m.to == [owner.email] for m in mail.outbox)

    # A day later only the 91-day licence has reached a threshold (its 90-day one).
    assert izin_expiry_remind(today=TODAY + datetime.timedelta(days=1)) == 4
    assert len(mail.outbox) == 4 and "UD Jauh" in mail.outbox[-1].body


def test_each_licence_gets_each_threshold_once_over_its_last_90_days(owner, officer):
    izin = _izin(owner, officer, days_left=95)
    for offset in range(0, 100):
        izin_expiry_remind(today=TODAY + datetime.timedelta(days=offset))
        izin_expiry_remind(today=TODAY + datetime.timedelta(days=offset))
    keys = sorted(Notification.objects.filter(object_id=izin.pk).values_list("key", flat=True))
    end = izin.berlaku_hingga.isoformat()
    assert keys == sorted([f"90-{end}", f"30-{end}", f"7-{end}"])
    assert len(mail.outbox) == 3


def test_renewed_or_revoked_licences_get_no_reminder(owner, officer):
    izin = _izin(owner, officer, days_left=30)
    Izin.objects.filter(pk=izin.pk).update(status=StatusIzin.DIPERBARUI)
    assert izin_expiry_remind(today=TODAY) == 0 and mail.outbox == []


def test_daily_tasks_run_and_are_scheduled_by_a_migration(owner, officer):
    izin = izin_issued(applicant=owner, officer=officer, code="TDP")
    Izin.objects.filter(pk=izin.pk).update(berlaku_hingga=datetime.date(2020, 1, 1))
    izin_expire_task.delay()
    izin_expiry_remind_task.delay()
    izin.refresh_from_db()
    assert izin.status == StatusIzin.KEDALUWARSA
    tasks = dict(PeriodicTask.objects.values_list("task", "crontab__hour"))
    assert tasks["perizinan.tasks.izin_expiry_remind_task"] == "7"
    assert "perizinan.tasks.izin_expire_task" in tasks


def test_a_licence_valid_while_the_business_runs_is_reminded_of_its_daftar_ulang(owner, officer):
    izin = izin_issued(applicant=owner, officer=officer, code="SIUP")  # valid while the business runs
    Izin.objects.filter(pk=izin.pk).update(berlaku_hingga=TODAY + datetime.timedelta(days=30))
    assert izin_expiry_remind(today=TODAY) == 1
    message = mail.outbox[-1]
    assert "daftar ulang dalam 30 hari" in message.subject and "berakhir" not in message.subject
    assert "wajib daftar ulang paling lambat 31 Desember 2026" in message.body
    assert "berlaku sampai" not in message.body


def test_an_owner_without_email_does_not_stop_the_other_reminders(owner, officer):
    desk_owner = UserFactory(role=Role.WARGA)
    _izin(desk_owner, officer, days_left=30)
    User.objects.filter(pk=desk_owner.pk).update(email=None)  # recorded at the desk without email
    _izin(owner, officer, days_left=7, nama_usaha="UD Dua", npwp="0123456789012345")
    assert izin_expiry_remind(today=TODAY) == 1
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_no_reminder_to_apply_while_the_renewal_is_already_being_processed(owner, officer):
    from tests.factories.perizinan import permohonan_izin_complete_draft

    izin = _izin(owner, officer, days_left=30)
    renewal = permohonan_izin_complete_draft(
        applicant=owner, code="TDP", jenis_permohonan="perpanjangan", izin_lama=izin
    )
    permohonan_izin_submit(permohonan=renewal, actor=owner)
    mail.outbox.clear()
    assert izin_expiry_remind(today=TODAY) == 0 and mail.outbox == []


def test_a_tdp_is_reminded_of_its_daftar_ulang_three_months_before_it_ends(owner, officer):
    """A TDP must be re-registered no later than 3 months before it ends: reminders count to that day."""
    izin = _izin(owner, officer, days_left=30)
    assert izin.berlaku_hingga == TODAY + datetime.timedelta(days=120)
    assert izin.renewal_due == TODAY + datetime.timedelta(days=30)
    assert izin_expiry_remind(today=TODAY) == 1
    (message,) = mail.outbox
    assert "daftar ulang dalam 30 hari" in message.subject
    assert (
        "berlaku sampai 31 Maret 2027 dan wajib daftar ulang paling lambat 31 Desember 2026" in message.body
    )

    # The day missed, it can still be renewed until it ends: reminded then of its end, once a threshold.
    mail.outbox.clear()
    assert izin_expiry_remind(today=izin.renewal_due + datetime.timedelta(days=1)) == 0  # 89 days to go
    thirty_before_end = izin.berlaku_hingga - datetime.timedelta(days=30)
    assert izin_expiry_remind(today=thirty_before_end) == 1
    assert izin_expiry_remind(today=thirty_before_end) == 1  # the same one, already sent
    (late,) = mail.outbox
    assert "berakhir dalam 30 hari" in late.subject
    assert "berlaku sampai 31 Maret 2027 (30 hari lagi)" in late.body


def test_a_licence_type_without_a_lead_time_is_reminded_of_its_end(owner, officer):
    from perizinan.models import JenisIzin

    JenisIzin.objects.filter(code="TDP").update(renewal_due_days=0)
    _izin(owner, officer, days_left=7)
    assert izin_expiry_remind(today=TODAY) == 1
    assert "berakhir dalam 7 hari" in mail.outbox[0].subject


def test_a_renewal_window_must_be_open_when_the_first_reminder_goes():
    from django.core.exceptions import ValidationError

    from perizinan.models import JenisIzin

    tdp = JenisIzin.objects.get(code="TDP")
    tdp.full_clean()  # as seeded: opens 180 days before the end, due 90 days before it
    tdp.renewal_window_days = 120
    with pytest.raises(ValidationError) as refused:
        tdp.full_clean()
    assert "paling sedikit 180 hari sebelum berakhir" in str(refused.value)
