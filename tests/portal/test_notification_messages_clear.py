"""A sent message names its citizen: its kept text goes after some days, the record of the send stays."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from portal.celery import app
from portal.notifications.models import Notification
from portal.notifications.services import notification_messages_clear, notification_retry, notification_send
from portal.notifications.tasks import notification_messages_clear_task
from portal.wilayah.models import Kecamatan

pytestmark = pytest.mark.django_db


def _sent(days_ago, key, **fields):
    notification = notification_send(
        event="portal.ping",
        target=Kecamatan.objects.first(),
        recipient="siti@contoh.id",
        key=key,
        context={},
    )
    created = timezone.now() - datetime.timedelta(days=days_ago)
    Notification.objects.filter(pk=notification.pk).update(created_at=created, **fields)
    notification.refresh_from_db()
    return notification


def test_messages_older_than_the_setting_are_cleared_and_the_record_stays(settings):
    settings.NOTIFICATION_BODY_RETENTION_DAYS = 90
    old, recent = _sent(91, "a"), _sent(89, "b")
    failed_old = _sent(120, "c", status=Notification.Status.FAILED, sent_at=None)
    assert old.subject and old.body_text and old.body_html

    assert notification_messages_clear() == 2

    for cleared in (old, failed_old):
        cleared.refresh_from_db()
        assert (cleared.subject, cleared.body_text, cleared.body_html) == ("", "", "")
        assert cleared.recipient == "siti@contoh.id" and cleared.event == "portal.ping"
    old.refresh_from_db()
    assert old.status == Notification.Status.SENT and old.sent_at is not None
    recent.refresh_from_db()
    assert recent.subject and recent.body_text
    # A message given up on is not sent again empty; a second run clears nothing more.
    assert notification_retry(notification_id=failed_old.pk) is None
    assert notification_messages_clear() == 0
    # The same notice asked for again is still known as sent.
    again = notification_send(
        event="portal.ping", target=Kecamatan.objects.first(), recipient="siti@contoh.id", key="a", context={}
    )
    assert again.pk == old.pk and again.status == Notification.Status.SENT


def test_the_days_come_from_the_setting(settings):
    _sent(40, "a")
    settings.NOTIFICATION_BODY_RETENTION_DAYS = 60
    assert notification_messages_clear() == 0
    settings.NOTIFICATION_BODY_RETENTION_DAYS = 30
    assert notification_messages_clear() == 1
    settings.NOTIFICATION_BODY_RETENTION_DAYS = 0
    with pytest.raises(ImproperlyConfigured):
        notification_messages_clear()


def test_a_nightly_beat_schedule_runs_the_registered_task():
    task = PeriodicTask.objects.get(task="portal.notifications.tasks.notification_messages_clear_task")
    assert task.enabled and task.crontab.hour == "2" and task.crontab.minute == "45"
    assert task.task in app.tasks
    old = _sent(365, "a")
    notification_messages_clear_task.delay()
    old.refresh_from_db()
    assert old.body_text == ""
