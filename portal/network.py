import datetime

from django.conf import settings
from django.utils import timezone
from django_ratelimit.core import get_usage


def client_ip(request) -> str | None:
    """Return the visitor's address: the proxy's header when RATELIMIT_IP_META_KEY names one."""
    ip = request.META.get(settings.RATELIMIT_IP_META_KEY) or request.META.get("REMOTE_ADDR")
    return (ip or "").split(",")[0].strip() or None


def request_received_at(request) -> datetime.datetime:
    """
    Return when the portal received the request: the front proxy's stamp (REQUEST_START_META_KEY,
    "t=<seconds since the epoch>") when configured and plausible, else the server's clock now.

    Behind nginx a request waits, read in full, until a worker is free; at a deadline that wait
    must not make a bid late. The stamp is trusted only within REQUEST_START_MAX_AGE_SECONDS before
    now and never ahead of it, so a stamp a client managed to send gains it little.
    """
    now = timezone.now()
    key = settings.REQUEST_START_META_KEY
    raw = request.META.get(key, "") if key else ""
    try:
        seconds = float(raw.strip().removeprefix("t="))
        received = datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
    except (ValueError, OverflowError, OSError):  # not a number, NaN, infinite, out of range
        received = None
    max_age = datetime.timedelta(seconds=settings.REQUEST_START_MAX_AGE_SECONDS)
    return received if received is not None and now - max_age <= received <= now else now


def site_url(path) -> str:
    """Return `path` as an absolute link on the portal's public address (SITE_URL), for emails and PDFs."""
    return settings.SITE_URL.rstrip("/") + path


def attempt_counted(request, *, group, key, rate) -> str:
    """
    Count one attempt (django-ratelimit, in the cache); return "ok", "limited", or "unavailable"
    when the counter cannot count because the cache failed: the caller decides whether to stop.
    """
    usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return "ok"
    # django-ratelimit's answer when the cache failed: no limit it could read, no time left.
    return "unavailable" if usage["limit"] == 0 and usage["time_left"] == -1 else "limited"
