from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KtpConfig(AppConfig):
    name = "ktp"
    verbose_name = _("Layanan KTP-el")
