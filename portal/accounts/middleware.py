import time

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# The sliding expiry is pushed forward at most this often, so a busy officer's pages do not each
# write the session row.
STAFF_SESSION_REFRESH_SECONDS = 60


class StaffTwoFactorMiddleware:
    """Keep the admin closed to a staff account until it has set up two-factor authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return self.get_response(request)
        # A shorter, sliding session for officers: an unattended office PC logs itself out. The
        # expiry moves, and the second factor is checked again, at most once a minute.
        now = int(time.time())
        if now - request.session.get("staff_seen", 0) >= STAFF_SESSION_REFRESH_SECONDS:
            request.session["staff_seen"] = now
            request.session.set_expiry(settings.STAFF_SESSION_SECONDS)
            request.session["staff_totp"] = _has_totp(user)
        if request.path.startswith("/admin/") and not request.session.get("staff_totp"):
            if _has_totp(user):  # set up within the last minute
                request.session["staff_totp"] = True
            else:
                messages.warning(
                    request,
                    _(
                        "Akun petugas wajib memakai verifikasi dua langkah. "
                        "Aktifkan dulu dengan aplikasi autentikator."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
