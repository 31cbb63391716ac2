"""
The ways a notification reaches a person, all behind one `send()`.

A channel takes a rendered message and delivers it, raising on failure; it knows nothing about
events, templates or the record. A phone channel (SMS, a future WhatsApp) sends `text` alone, the
event's `sms.txt`; a new channel is registered in `CHANNELS` and `Notification.Channel` together.
A channel raises RecipientRefused when the recipient itself is refused for good, so the message is
not sent again; any other error is taken as passing (a server down) and the message is retried.
"""

import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .sms import sms_backend


class RecipientRefused(Exception):
    """The recipient cannot receive this message, however often it is sent (SMTP 5xx, a malformed address)."""


class Channel:
    """Deliver one rendered message to one recipient; raise when it cannot."""

    def send(self, *, recipient: str, subject: str, text: str, html: str) -> None:
        raise NotImplementedError


class EmailChannel(Channel):
    """Send a plain-text email with an HTML alternative, from DEFAULT_FROM_EMAIL."""

    def send(self, *, recipient: str, subject: str, text: str, html: str) -> None:
        try:
            validate_email(recipient)
        except ValidationError:
            raise RecipientRefused(
                _("Alamat surel tidak sah: %(address)s") % {"address": recipient}
            ) from None
        message = EmailMultiAlternatives(
            subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient]
        )
        if html:
            message.attach_alternative(html, "text/html")
        try:
            message.send()
        except smtplib.SMTPRecipientsRefused as exc:
            # 4xx (mailbox busy, greylisting) may pass; 5xx (no such user, domain) will not.
            replies = exc.recipients.values()
            if all(code >= 500 for code, _reply in replies):
                raise RecipientRefused(
                    "; ".join(f"SMTP {code} {reply.decode(errors='replace')}" for code, reply in replies)
                ) from exc
            raise


class SmsChannel(Channel):
    """Send the plain text (a short message rendered from the event's sms.txt) to a phone number."""

    def send(self, *, recipient: str, subject: str, text: str, html: str) -> None:
        backend = sms_backend()
        if backend is None:
            raise RuntimeError("SMS_BACKEND is not set: no SMS can be sent.")
        backend.send(to=recipient, text=text)


CHANNELS: dict[str, Channel] = {"email": EmailChannel(), "sms": SmsChannel()}


def channel_get(name: str) -> Channel:
    """Return the channel registered as `name`."""
    try:
        return CHANNELS[name]
    except KeyError:
        raise ValueError(f"Unknown notification channel {name!r}; known: {sorted(CHANNELS)}") from None
