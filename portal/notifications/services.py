"""
Send a notification once: record it, render its templates in its recipient's language, hand it to a channel.

The row keyed on (channel, recipient, event, object, key) is what makes a second send a no-op:
it is locked while the message goes out, so a duplicate task waits and then finds it sent.
Templates live in `templates/emails/<event, dots as slashes>/`: `subject.txt`, `body.txt` and
`body.html` (which extends `emails/base.html`).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.template import Context, Engine
from django.urls import reverse
from django.utils import timezone, translation

from portal.network import site_url

from .channels import Channel, RecipientRefused, channel_get
from .models import Notification
from .sms import sms_enabled


def notification_language(*, channel: str, recipient: str) -> str:
    """
    Return the language chosen on the account an email address belongs to; the portal's own for a
    phone number (shared in families: a sender who knows the person passes their language instead).
    """
    from portal.accounts.models import User

    if channel != "email":
        return settings.LANGUAGE_CODE
    chosen = User.objects.filter(email=recipient.lower()).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def notification_render(*, event: str, context: dict, channel: str = "email", language: str = "") -> dict:
    """
    Render the subject, plain text and HTML of `event` in `language`, whatever language is active;
    for an SMS, the text is the event's short sms.txt and there is no HTML.
    """
    engine, folder = Engine.get_default(), "emails/" + event.replace(".", "/")

    def render(name, *, autoescape=False):
        # Plain text is not HTML: escaping it would turn "Sri's" into "Sri&#x27;s" in the mail.
        return engine.get_template(f"{folder}/{name}").render(Context(context, autoescape=autoescape))

    with translation.override(language or settings.LANGUAGE_CODE):
        if channel == "sms":
            return {"subject": event, "text": " ".join(render("sms.txt").split()), "html": ""}
        subject, text, html = render("subject.txt"), render("body.txt"), render("body.html", autoescape=True)
    return {"subject": " ".join(subject.split()), "text": text, "html": html}


def notification_record(*, channel: str, recipient: str, event: str, target, key: str) -> Notification:
    """Return the row-locked record of this notification, created as queued when new."""
    fields = {
        "channel": channel,
        "recipient": recipient,
        "event": event,
        "key": key,
        "content_type": ContentType.objects.get_for_model(target),
        "object_id": target.pk,
    }
    Notification(**fields).full_clean(
        exclude=["content_type"], validate_unique=False, validate_constraints=False
    )
    # A concurrent insert of the same row makes ours wait, then fail with IntegrityError;
    # get_or_create then re-reads it, and select_for_update waits for the other worker's commit.
    notification, _created = Notification.objects.select_for_update().get_or_create(**fields)
    return notification


MESSAGE_FIELDS = ["subject", "body_text", "body_html"]
# Sending again changes nothing: delivered, or refused by the recipient's server for good.
DONE = (Notification.Status.SENT, Notification.Status.REFUSED)


def notification_deliver(
    *, notification: Notification, sender: Channel, context: dict | None, language: str = ""
) -> Exception | None:
    """
    Send a locked notification and save the outcome; return the error, if any. The message is
    rendered from `context` the first time and kept, so that every retry sends the same message.
    A recipient refused for good is saved as refused, and no error is returned: nothing to retry.
    """
    notification.attempts += 1
    notification.attempted_at = timezone.now()
    tried = ["status", "error", "attempts", "attempted_at"]
    try:
        if not notification.subject:
            # A savepoint, so a query that fails while rendering leaves the row lock's transaction usable.
            channel, recipient = notification.channel, notification.recipient
            with transaction.atomic():
                message = notification_render(
                    event=notification.event,
                    context=context,
                    channel=channel,
                    language=language or notification_language(channel=channel, recipient=recipient),
                )
            notification.subject, notification.body_text = message["subject"], message["text"]
            notification.body_html = message["html"]
            tried += MESSAGE_FIELDS
        sender.send(
            recipient=notification.recipient,
            subject=notification.subject,
            text=notification.body_text,
            html=notification.body_html,
        )
    except RecipientRefused as exc:
        notification.status, notification.error = Notification.Status.REFUSED, str(exc)
        notification.save(update_fields=tried)
        return None
    except Exception as exc:  # whatever broke is recorded; the caller re-raises it for a retry
        notification.status, notification.error = Notification.Status.FAILED, repr(exc)
        notification.save(update_fields=tried)
        return exc
    notification.status, notification.sent_at = Notification.Status.SENT, timezone.now()
    notification.error = ""
    notification.save(update_fields=[*tried, "sent_at"])
    return None


def notification_send(
    *,
    event: str,
    target,
    recipient: str,
    context: dict,
    key: str = "",
    channel: str = "email",
    language: str = "",
) -> Notification:
    """
    Send the `event` message about `target` to `recipient` unless it was already sent.

    A failed delivery is saved as failed and its exception re-raised, so a Celery task retries;
    the retry finds the failed row and tries again. A recipient refused for good is saved as
    refused, raises nothing and is not tried again.
    """
    sender = channel_get(channel)
    context = {**context, "target": target, "recipient": recipient, "SITE_URL": settings.SITE_URL}
    with transaction.atomic():
        notification = notification_record(
            channel=channel, recipient=recipient, event=event, target=target, key=key
        )
        if notification.status in DONE:
            return notification
        error = notification_deliver(
            notification=notification, sender=sender, context=context, language=language
        )
    # Raised only now: raising inside the atomic block would roll back the saved failure.
    if error is not None:
        raise error
    return notification


class notifications_each:
    """
    Send to many in one task: `with notifications_each() as send:`, then `send(**notification_send
    arguments)` per recipient or channel. A failed delivery does not stop the ones after it: each is
    saved (failed) for the retry sweep, `send` returns None for it, and the first failure is raised
    when the block ends, so the task is retried as well.
    """

    def __init__(self):
        self.error = None

    def __enter__(self):
        return self

    def __call__(self, **kwargs) -> Notification | None:
        try:
            return notification_send(**kwargs)
        except Exception as error:
            self.error = self.error or error
            return None

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is None and self.error is not None:
            raise self.error


def notification_messages_clear(*, now=None) -> int:
    """
    Clear the kept message of every notification recorded more than NOTIFICATION_BODY_RETENTION_DAYS
    ago, sent or given up on (its retries end long before); return how many were cleared.
    """
    days = settings.NOTIFICATION_BODY_RETENTION_DAYS
    if days < 1:
        raise ImproperlyConfigured(f"NOTIFICATION_BODY_RETENTION_DAYS must be at least 1, not {days}.")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    kept = Notification.objects.filter(created_at__lt=cutoff).exclude(subject="", body_text="", body_html="")
    return kept.update(subject="", body_text="", body_html="")


def notification_retry(*, notification_id: int) -> Notification | None:
    """
    Send again a notification that failed, from its kept message; return it, or None when it is
    gone, already sent or refused, or was never rendered (its service's own task retries that one).
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status in DONE or not notification.subject:
            return None
        notification_deliver(
            notification=notification, sender=channel_get(notification.channel), context=None
        )
    return notification


def notification_send_to_person(*, person, event: str, target, key: str, context: dict) -> list:
    """
    Send `event` to a person (an account) in the language they chose: by email where they have an
    address and by SMS to their phone where SMS is set up (SMS_BACKEND); return the notifications sent.
    """
    ways = [("email", person.email), ("sms", person.phone if sms_enabled() else "")]
    with notifications_each() as send:  # a mail server down still leaves the SMS to go
        sent = [
            send(
                event=event,
                target=target,
                recipient=to,
                key=key,
                context=context,
                channel=channel,
                language=person.language,
            )
            for channel, to in ways
            if to
        ]
    return sent


def desk_receipt_send(*, permohonan, event: str, detail_path: str) -> list:
    """
    Send the receipt of an application filed at a front desk to its citizen: by email, with the
    link to take over an account the desk recorded, and by SMS where SMS is set up; return the
    notifications sent.
    """
    from portal.accounts.claims import account_claim_url, account_is_unclaimed

    citizen = permohonan.applicant
    context = {
        "permohonan": permohonan,
        "officer_name": permohonan.assisted_by.get_full_name(),
        "claim_url": account_claim_url(user=citizen) if account_is_unclaimed(citizen) else "",
        "url": site_url(detail_path),
        "track_url": site_url(reverse("public:track")),
    }
    return notification_send_to_person(
        person=citizen,
        event=event,
        target=permohonan,
        key=permohonan.reference,
        context=context,
    )
