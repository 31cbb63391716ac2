from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Layanan Publik Tulungagung: Petugas")
admin.site.site_title = _("Layanan Publik Tulungagung")
admin.site.index_title = _("Meja kerja petugas")

urlpatterns = [
    path("", include("portal.public.urls")),
    path("akun/data-saya/", include("portal.audit.urls")),
    path("akun/", include("allauth.urls")),
    path("ktp/", include("ktp.urls")),
    path("perizinan/", include("perizinan.urls")),
    path("koordinasi/", include("koordinasi.urls")),
    path("admin/", admin.site.urls),
    path("healthz/", include("portal.health.urls")),
    path("verifikasi/", include("portal.verification.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
