from allauth.account import views as allauth_views
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from portal.accounts import allauth_forms
from portal.accounts.services import user_language_set

admin.site.site_header = _("Layanan Publik Tulungagung: Petugas")
admin.site.site_title = _("Layanan Publik Tulungagung")
admin.site.index_title = _("Meja kerja petugas")


def admin_login(request):
    """Send officers through the portal's login, which asks for the second factor."""
    if request.user.is_authenticated and not request.user.is_staff:  # the login would send them back here
        raise PermissionDenied
    target = request.GET.get("next") or reverse("admin:index")
    return redirect_to_login(target, login_url=reverse("account_login"))


def language_set(request):
    """Django's language switch, which also keeps a signed-in user's choice for their notifications."""
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


urlpatterns = [
    path("admin/login/", admin_login),
    path("", include("portal.public.urls")),
    path("akun/data-saya/", include("portal.audit.urls")),
    # allauth's re-authentication by code takes its forms from no setting: these give its fields a
    # label and a help text, as every field of the portal has.
    path(
        "akun/reauthenticate/code/",
        allauth_views.RequestReauthenticationCodeView.as_view(
            form_class=allauth_forms.RequestReauthenticationCodeForm
        ),
        name="account_request_reauthentication_code",
    ),
    path(
        "akun/reauthenticate/code/confirm/",
        allauth_views.ConfirmReauthenticationCodeView.as_view(
            form_class=allauth_forms.ConfirmReauthenticationCodeForm
        ),
        name="account_confirm_reauthentication_code",
    ),
    path("akun/", include("allauth.urls")),
    path("ktp/", include("ktp.urls")),
    path("perizinan/", include("perizinan.urls")),
    path("koordinasi/", include("koordinasi.urls")),
    path("pengadaan/", include("pengadaan.urls")),
    path("admin/", admin.site.urls),
    path("healthz/", include("portal.health.urls")),
    path("verifikasi/", include("portal.verification.urls")),
    path("i18n/setlang/", language_set, name="set_language"),
]
