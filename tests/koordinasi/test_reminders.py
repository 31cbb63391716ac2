import datetime

import pytest
from django.core import mail
from django.utils import timezone

from koordinasi.constants import Klasifikasi, Sifat
from koordinasi.notifications import naskah_reminder_send
from koordinasi.services import naskah_open
from koordinasi.tasks import naskah_reminder_send_task
from portal.notifications.models import Notification
from tests.factories.koordinasi import naskah_sent

pytestmark = pytest.mark.django_db

HOURS = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def _wednesday_morning(clock):
    """Hold the clock on a working day (weekends and holidays: test_deadlines)."""
    clock.now = timezone.make_aware(datetime.datetime(2030, 3, 6, 9))


def reminders():
    return sorted(
        Notification.objects.filter(event="koordinasi.pengingat").values_list("recipient", flat=True)
    )


def test_unread_sangat_segera_memo_gets_one_reminder_after_four_hours(clock, a, b, b2, c):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], to_officers=[c], sifat=Sifat.SANGAT_SEGERA)
    mail.outbox.clear()
    clock.now = naskah.sent_at + 3 * HOURS
    assert naskah_reminder_send() == 0

    naskah_open(naskah=naskah, user=c)
    clock.now = naskah.sent_at + 4 * HOURS
    assert naskah_reminder_send() == 2
    assert reminders() == sorted([b.email, b2.email])
    assert all("Pengingat" in m.subject for m in mail.outbox)

    clock.now = naskah.sent_at + 5 * HOURS
    assert naskah_reminder_send() == 0
    assert len(mail.outbox) == 2


def test_an_agency_whose_officer_read_it_is_not_reminded(a, b, b2):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], sifat=Sifat.SANGAT_SEGERA)
    naskah_open(naskah=naskah, user=b2)
    assert naskah_reminder_send(now=naskah.sent_at + 5 * HOURS) == 0


@pytest.mark.parametrize("sifat", [Sifat.BIASA, Sifat.SEGERA])
def test_only_sangat_segera_memos_are_chased(a, b, sifat):
    naskah = naskah_sent(sender=a, to_officers=[b], sifat=sifat)
    assert naskah_reminder_send(now=naskah.sent_at + 5 * HOURS) == 0


def test_restricted_memo_reminds_only_its_named_officer(a, b, b2):
    naskah = naskah_sent(
        sender=a, to_officers=[b], sifat=Sifat.SANGAT_SEGERA, klasifikasi=Klasifikasi.RAHASIA
    )
    naskah_reminder_send(now=naskah.sent_at + 5 * HOURS)
    assert reminders() == [b.email]


def test_beat_task_runs_the_service(a, b):
    naskah = naskah_sent(sender=a, to_officers=[b], sifat=Sifat.SANGAT_SEGERA)
    naskah.__class__.objects.filter(pk=naskah.pk).update(sent_at=timezone.now() - 5 * HOURS)
    naskah_reminder_send_task.delay()
    naskah_reminder_send_task.delay()
    assert reminders() == [b.email]


def test_schedule_is_created_by_the_migration():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="koordinasi.tasks.naskah_reminder_send_task")
    assert (task.interval.every, task.interval.period) == (15, "minutes")
