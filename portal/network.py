from django.conf import settings


def client_ip(request) -> str | None:
    """Return the visitor's address: the proxy's header when RATELIMIT_IP_META_KEY names one."""
    ip = request.META.get(settings.RATELIMIT_IP_META_KEY) or request.META.get("REMOTE_ADDR")
    return (ip or "").split(",")[0].strip() or None
