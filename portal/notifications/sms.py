"""
Short messages to a phone, through a backend chosen by SMS_BACKEND, as Django chooses its email
backend: the console (development), memory (tests), or an HTTP gateway that the regency contracts
(HttpSmsBackend: a JSON POST of {"to", "text"} with a bearer token). Without SMS_BACKEND, nothing is
sent by SMS and notifications go by email only.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# What LocmemSmsBackend has sent, as Django's mail.outbox: [(to, text)].
outbox = []


def sms_backend():
    """Return the configured backend, or None when SMS is not set up."""
    path = getattr(settings, "SMS_BACKEND", "")
    return import_string(path)() if path else None


def sms_enabled() -> bool:
    return bool(getattr(settings, "SMS_BACKEND", ""))


class ConsoleSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to, text)


class LocmemSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        outbox.append((to, text))


class HttpSmsBackend:
    """POST {"to", "text"} as JSON to SMS_GATEWAY_URL with SMS_GATEWAY_TOKEN; raise unless it answers 2xx."""

    def send(self, *, to: str, text: str) -> None:
        request = urllib.request.Request(  # noqa: S310 (the gateway's URL is the operator's setting)
            settings.SMS_GATEWAY_URL,
            data=json.dumps({"to": to, "text": text}).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
            },
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT) as response:  # nosec B310
            if not 200 <= response.status < 300:
                raise OSError(f"SMS gateway answered {response.status}")
