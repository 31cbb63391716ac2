from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HolidaysConfig(AppConfig):
    name = "portal.holidays"
    label = "holidays"
    verbose_name = _("Hari libur")
