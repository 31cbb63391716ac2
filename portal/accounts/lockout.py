from django.conf import settings
from django.shortcuts import render


def login_username(request, credentials):
    """Return the email a login attempt names, lower-cased so `A@x.id` and `a@x.id` count as one."""
    value = (credentials or {}).get("email") or request.POST.get("login") or request.POST.get("email")
    return (value or "").strip().lower() or None


def lockout_response(request, original_response=None, credentials=None):
    """Render the Indonesian lockout page (HTTP 429) that names the wait in minutes."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "portal/lockout.html", context, status=429)
