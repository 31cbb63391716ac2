"""A mail server down loses no notification: the message is kept and a periodic sweep sends it later."""

import datetime
import smtplib
import socket

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.notifications.models import Notification
from portal.notifications.selectors import notifications_to_retry
from portal.notifications.services import notification_send
from portal.notifications.tasks import notification_retry_sweep_task
from portal.wilayah.models import Kecamatan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_down(settings):
    # A real SMTP connection to a port where nothing listens: refused at once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    return settings


class RefusingSmtp:
    """An SMTP server (aiosmtpd) that refuses hilang@ for good and penuh@ for now, and keeps the rest."""

    REPLIES = {
        "hilang@contoh.id": "550 5.1.1 <hilang@contoh.id>: mailbox tidak ada",
        "penuh@contoh.id": "452 4.2.2 kotak surat penuh, coba lagi nanti",
    }

    def __init__(self):
        self.accepted = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.REPLIES:
            return self.REPLIES[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.accepted += envelope.rcpt_tos
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_refusing(settings):
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = RefusingSmtp()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    yield handler
    controller.stop()


def _send(target, name="Siti", recipient="siti@contoh.id"):
    return notification_send(event="portal.ping", target=target, recipient=recipient, context={"name": name})


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


def test_an_address_refused_for_good_is_kept_as_refused_and_never_sent_again(smtp_refusing):
    kecamatan = Kecamatan.objects.get(code="35.04.02")
    refused = _send(kecamatan, recipient="hilang@contoh.id")  # no error raised: no task retry either
    assert refused.status == Notification.Status.REFUSED and refused.attempts == 1
    assert "550 5.1.1" in refused.error and refused.subject
    assert notifications_to_retry(now=_later(60 * 24)) == []

    _send(kecamatan, recipient="hilang@contoh.id")  # the task that asked for it runs again
    notification_retry_sweep_task()
    assert Notification.objects.get().attempts == 1
    _send(kecamatan, recipient="siti@contoh.id")
    assert smtp_refusing.accepted == ["siti@contoh.id"]


def test_an_address_refused_for_now_is_retried(smtp_refusing):
    kecamatan = Kecamatan.objects.get(code="35.04.02")
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        _send(kecamatan, recipient="penuh@contoh.id")
    failed = Notification.objects.get()
    assert failed.status == Notification.Status.FAILED and "452" in failed.error
    assert notifications_to_retry(now=_later(11)) == [failed.pk]


def test_a_malformed_address_is_refused_without_asking_the_mail_server():
    notification = _send(Kecamatan.objects.get(code="35.04.02"), recipient="siti contoh.id")
    assert notification.status == Notification.Status.REFUSED and "siti contoh.id" in notification.error
    assert mail.outbox == [] and notifications_to_retry(now=_later(11)) == []


def test_the_admin_tells_a_refused_address_from_a_passing_failure(smtp_refusing, client):
    kecamatan = Kecamatan.objects.get(code="35.04.02")
    refused = _send(kecamatan, recipient="hilang@contoh.id")
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        _send(kecamatan, recipient="penuh@contoh.id")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listed = client.get(reverse("admin:notifications_notification_changelist")).content.decode()
    assert "alamat ditolak" in listed and "gagal" in listed
    refused_only = client.get(reverse("admin:notifications_notification_changelist"), {"status": "refused"})
    assert "hi***@contoh.id" in refused_only.content.decode()
    assert "pe***@contoh.id" not in refused_only.content.decode()
    detail = client.get(reverse("admin:notifications_notification_change", args=[refused.pk]))
    assert "550 5.1.1" in detail.content.decode()
