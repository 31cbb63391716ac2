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
        if user.is_authenticated and user.is_staff:
            # A shorter, sliding session for officers: an unattended office PC logs itself out.
            now = int(time.time())
            if now - request.session.get("staff_seen", 0) >= STAFF_SESSION_REFRESH_SECONDS:
                request.session["staff_seen"] = now
                request.session.set_expiry(settings.STAFF_SESSION_SECONDS)
        if request.path.startswith("/admin/") and user.is_authenticated and user.is_staff:
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                messages.warning(
                    request,
                    _(
                        "Akun petugas wajib memakai verifikasi dua langkah. "
                        "Aktifkan dulu dengan aplikasi autentikator."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
