"""A mail server down loses no notification: the message is kept and a periodic sweep sends it later."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from portal.notifications.models import Notification
from portal.notifications.selectors import notifications_to_retry
from portal.notifications.services import notification_send
from portal.notifications.tasks import notification_retry_sweep_task
from portal.wilayah.models import Kecamatan

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_down(settings):
    # A real SMTP connection to a port where nothing listens: refused at once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    return settings


def _send(target, name="Siti"):
    return notification_send(
        event="portal.ping", target=target, recipient="siti@contoh.id", context={"name": name}
    )


def _later(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_failed_send_keeps_its_message_and_the_sweep_sends_it_once_the_server_is_back(smtp_down):
    kecamatan = Kecamatan.objects.get(code="35.04.02")
    with pytest.raises(OSError):
        _send(kecamatan)
    failed = Notification.objects.get()
    assert failed.status == Notification.Status.FAILED and failed.attempts == 1
    assert failed.subject and failed.body_text and "Connection refused" in failed.error
    assert notifications_to_retry() == []  # not before NOTIFICATION_RETRY_MINUTES
    assert notifications_to_retry(now=_later(11)) == [failed.pk]

    notification_retry_sweep_task()  # still down: tried again, still kept
    smtp_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Notification.objects.update(attempted_at=_later(-11))
    notification_retry_sweep_task()

    sent = Notification.objects.get()
    assert sent.status == Notification.Status.SENT and sent.attempts == 2 and sent.error == ""
    assert [(m.subject, m.to) for m in mail.outbox] == [(failed.subject, ["siti@contoh.id"])]
    notification_retry_sweep_task()
    assert len(mail.outbox) == 1  # sent once


def test_retries_stop_at_the_limit_and_a_sweep_stops_at_the_first_failure(smtp_down):
    smtp_down.NOTIFICATION_MAX_ATTEMPTS = 3
    for code in ("35.04.01", "35.04.02"):
        with pytest.raises(OSError):
            _send(Kecamatan.objects.get(code=code))
    Notification.objects.update(attempted_at=_later(-11))
    notification_retry_sweep_task()
    assert sorted(Notification.objects.values_list("attempts", flat=True)) == [1, 2]  # stopped after one
    Notification.objects.update(attempts=3, attempted_at=_later(-11))
    assert notifications_to_retry() == []
