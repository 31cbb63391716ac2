"""
The notification interface: one record per (channel, recipient, event, object, key), so a
message goes out once however often the task runs, and a failure is saved and retried.
The fixture event is the real, tiny "portal.ping" (templates/emails/portal/ping/).
"""

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import TemplateDoesNotExist
from django.urls import reverse
from django.utils import translation

from portal.crypto import recipient_mask
from portal.notifications.channels import EmailChannel, channel_get
from portal.notifications.models import Notification
from portal.notifications.services import notification_send
from portal.wilayah.models import Kecamatan
from tests.factories import UserFactory

EVENT = "portal.ping"
RECIPIENT = "siti@contoh.id"
SUBJECT = "Layanan Publik Tulungagung: pesan uji"


@pytest.fixture
def kecamatan(db):
    return Kecamatan.objects.get(code="35.04.02")


def ping(target, **kwargs):
    return notification_send(
        event=EVENT,
        target=target,
        recipient=kwargs.pop("recipient", RECIPIENT),
        context=kwargs.pop("context", {}),
        **kwargs,
    )


class BrokenSmtp(Exception):
    pass


@pytest.fixture
def broken_email(monkeypatch):
    def refuse(self, **kwargs):
        raise BrokenSmtp("SMTP 451: coba lagi nanti")

    monkeypatch.setattr(EmailChannel, "send", refuse)
    return monkeypatch


def test_sending_records_the_row_and_sends_one_email_with_text_and_html(kecamatan):
    notification = ping(kecamatan)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.sent_at is not None and notification.attempts == 1 and notification.error == ""
    assert (notification.channel, notification.recipient, notification.event, notification.key) == (
        "email",
        RECIPIENT,
        EVENT,
        "",
    )
    assert notification.target == kecamatan
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [RECIPIENT] and email.from_email == settings.DEFAULT_FROM_EMAIL
    assert email.subject == SUBJECT
    assert "Pesan uji dari Layanan Publik Tulungagung." in email.body
    assert "Surel ini dikirim otomatis; jangan dibalas." in email.body
    assert settings.SITE_URL in email.body
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert "Pemerintah Kabupaten Tulungagung · Layanan Publik Tulungagung" in html
    assert "Pesan uji dari Layanan Publik Tulungagung." in html
    assert "Surel ini dikirim otomatis; jangan dibalas." in html


def test_sending_the_same_notification_twice_sends_one_email_and_returns_the_same_row(kecamatan):
    first = ping(kecamatan)
    second = ping(kecamatan)

    assert second.pk == first.pk
    assert second.attempts == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_a_different_key_or_recipient_or_target_sends_again(kecamatan):
    other = Kecamatan.objects.exclude(pk=kecamatan.pk).first()
    ping(kecamatan)
    ping(kecamatan, key="30")
    ping(kecamatan, recipient="budi@contoh.id")
    ping(other)

    assert len(mail.outbox) == 4
    assert Notification.objects.filter(status=Notification.Status.SENT).count() == 4


def test_any_model_instance_can_be_the_target(db):
    user = UserFactory()
    notification = ping(user, recipient=user.email)

    notification.refresh_from_db()
    assert notification.target == user


def test_a_failing_channel_records_the_failure_and_reraises(kecamatan, broken_email):
    with pytest.raises(BrokenSmtp):
        ping(kecamatan)

    notification = Notification.objects.get()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 1
    assert notification.sent_at is None
    assert "SMTP 451" in notification.error and "BrokenSmtp" in notification.error
    assert mail.outbox == []


def test_a_retry_after_a_failure_sends_and_marks_the_same_row_sent(kecamatan, broken_email):
    with pytest.raises(BrokenSmtp):
        ping(kecamatan)
    with pytest.raises(BrokenSmtp):
        ping(kecamatan)
    broken_email.undo()

    notification = ping(kecamatan)

    assert Notification.objects.get().pk == notification.pk
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 3 and notification.sent_at is not None
    assert len(mail.outbox) == 1


def test_a_missing_template_is_recorded_as_a_failure(kecamatan):
    with pytest.raises(TemplateDoesNotExist, match="emails/portal/tidak_ada/subject.txt"):
        notification_send(event="portal.tidak_ada", target=kecamatan, recipient=RECIPIENT, context={})

    assert Notification.objects.get().status == Notification.Status.FAILED
    assert mail.outbox == []


def test_templates_render_in_indonesian_while_english_is_active(kecamatan):
    with translation.override("en"):
        # The control: the portal's own English catalogue does translate this header.
        assert translation.gettext("Layanan Publik Tulungagung") == "Tulungagung Public Services"
        ping(kecamatan, context={"date": datetime.date(2026, 5, 10)})
        assert translation.get_language() == "en"

    email = mail.outbox[0]
    html = email.alternatives[0][0]
    assert email.subject == SUBJECT
    assert "Tanggal: Minggu, 10 Mei 2026" in email.body
    assert "Minggu, 10 Mei 2026" in html
    assert "Layanan Publik Tulungagung" in html and "Tulungagung Public Services" not in html


def test_plain_text_is_not_html_escaped_but_html_is(kecamatan):
    ping(kecamatan, context={"note": "Sri's <kopi> & teh"})

    email = mail.outbox[0]
    assert "Catatan: Sri's <kopi> & teh" in email.body
    assert "Sri&#x27;s &lt;kopi&gt; &amp; teh" in email.alternatives[0][0]


def test_the_subject_is_one_line(kecamatan):
    ping(kecamatan)

    assert "\n" not in mail.outbox[0].subject


def test_an_unknown_channel_or_a_malformed_event_records_nothing(kecamatan):
    with pytest.raises(ValueError, match="whatsapp"):
        ping(kecamatan, channel="whatsapp")
    with pytest.raises(ValidationError):
        notification_send(event="../rahasia", target=kecamatan, recipient=RECIPIENT, context={})

    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_channel_get_returns_the_email_channel():
    assert isinstance(channel_get("email"), EmailChannel)


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("siti@contoh.id", "si***@contoh.id"),
        ("a@contoh.id", "a***@contoh.id"),
        ("081234567890", "0812***90"),
        ("12345", "***"),
    ],
)
def test_recipient_mask(value, masked):
    assert recipient_mask(value) == masked


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_list_masks_the_address(superuser_client, kecamatan):
    ping(kecamatan)

    response = superuser_client.get(reverse("admin:notifications_notification_changelist"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "si***@contoh.id" in content
    assert RECIPIENT not in content


def test_the_admin_refuses_add_change_and_delete(superuser_client, kecamatan):
    notification = ping(kecamatan)

    add = superuser_client.get(reverse("admin:notifications_notification_add"))
    delete = superuser_client.post(
        reverse("admin:notifications_notification_delete", args=[notification.pk]), {"post": "yes"}
    )
    change = superuser_client.post(
        reverse("admin:notifications_notification_change", args=[notification.pk]), {"status": "queued"}
    )

    assert add.status_code == 403
    assert delete.status_code == 403
    assert change.status_code == 403
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT


def test_the_admin_detail_is_read_only(superuser_client, kecamatan):
    notification = ping(kecamatan)

    response = superuser_client.get(
        reverse("admin:notifications_notification_change", args=[notification.pk])
    )

    assert response.status_code == 200
    assert kecamatan.name in response.content.decode()
    assert not response.context["has_change_permission"]


def send_twice_at_once(target):
    """Run two workers sending the same ping, released together; return what each got."""
    barrier = threading.Barrier(2, timeout=30)
    results = [None, None]

    def worker(index):
        try:
            barrier.wait()
            results[index] = ping(target)
        except Exception as exc:  # the test inspects what each worker got
            results[index] = exc
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


@pytest.fixture
def slow_email(monkeypatch):
    send = EmailChannel.send

    def slow_send(self, **kwargs):
        time.sleep(0.3)  # long enough for the other worker to arrive while this one sends
        send(self, **kwargs)

    monkeypatch.setattr(EmailChannel, "send", slow_send)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_creating_the_same_notification_at_once_send_one_email(slow_email):
    results = send_twice_at_once(Kecamatan.objects.get(code="35.04.02"))

    assert all(isinstance(result, Notification) for result in results), results
    assert results[0].pk == results[1].pk
    assert len(mail.outbox) == 1
    assert Notification.objects.get().attempts == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_retrying_a_failed_notification_at_once_send_one_email(slow_email):
    """The row exists already, so no unique index holds the second worker back: only the row lock."""
    target = Kecamatan.objects.get(code="35.04.02")
    Notification.objects.create(
        recipient=RECIPIENT,
        event=EVENT,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        status=Notification.Status.FAILED,
        attempts=1,
        error="BrokenSmtp('SMTP 451')",
    )

    results = send_twice_at_once(target)

    assert all(isinstance(result, Notification) for result in results), results
    assert len(mail.outbox) == 1
    assert Notification.objects.get().attempts == 2


def test_one_recipient_failing_stops_none_after_it_and_each_is_kept_for_the_sweep(kecamatan, monkeypatch):
    from portal.notifications.services import notifications_each

    real_send = EmailChannel.send

    def first_fails(self, **kwargs):
        if kwargs["recipient"] == "a@contoh.id":
            raise BrokenSmtp("SMTP 452: kotak surat penuh")
        return real_send(self, **kwargs)

    monkeypatch.setattr(EmailChannel, "send", first_fails)
    with pytest.raises(BrokenSmtp), notifications_each() as send:  # raised once all were tried
        sent = [
            send(event=EVENT, target=kecamatan, recipient=to, context={})
            for to in ("a@contoh.id", "b@contoh.id")
        ]
    assert sent[0] is None and sent[1].status == Notification.Status.SENT
    assert [m.to for m in mail.outbox] == [["b@contoh.id"]]
    failed = Notification.objects.get(status=Notification.Status.FAILED)
    assert "kotak surat penuh" in failed.error  # the retry sweep's to send again
