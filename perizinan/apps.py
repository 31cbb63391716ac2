from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerizinanConfig(AppConfig):
    name = "perizinan"
    verbose_name = _("Perizinan usaha")
