import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# An officer's last use is noted, and the account's roles and second factor read again, at most this
# often, so a busy officer's pages do not each write the session row.
OFFICER_SESSION_REFRESH_SECONDS = 60
# What an officer without a second factor may still open: the account pages where it is set up.
OPEN_WITHOUT_SECOND_FACTOR = ("/akun/", "/i18n/", "/healthz/")


class OfficerTwoFactorMiddleware:
    """
    Keep the portal closed to an officer account (staff, or any role that reads other people's data
    or sealed bids) until it has set up two-factor authentication, and give officers a session that
    ends with the browser or after STAFF_SESSION_SECONDS unused: an unattended office PC logs itself out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        now = int(time.time())
        seen = request.session.get("officer_seen", 0)
        if request.session.get("officer") and now - seen > settings.STAFF_SESSION_SECONDS:
            logout(request)
            messages.info(request, _("Sesi petugas berakhir karena lama tidak dipakai. Silakan masuk lagi."))
            return self.get_response(request)
        if now - seen >= OFFICER_SESSION_REFRESH_SECONDS:
            request.session["officer_seen"] = now
            request.session["officer"] = user.is_officer()
            if request.session["officer"]:
                # The cookie ends with the browser, whatever "Ingat saya" said: an office PC is shared.
                request.session.set_expiry(0)
                request.session["officer_totp"] = _has_totp(user)
        if (
            request.session.get("officer")
            and not request.session.get("officer_totp")
            and not request.path_info.startswith(OPEN_WITHOUT_SECOND_FACTOR)  # under any path prefix
        ):
            if _has_totp(user):  # set up within the last minute
                request.session["officer_totp"] = True
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
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
