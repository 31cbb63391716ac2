from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoordinasiConfig(AppConfig):
    name = "koordinasi"
    verbose_name = _("Koordinasi antarinstansi")

    def ready(self):
        from . import inbox_cache  # noqa: F401 - connects the signals that keep the inbox cache fresh

    def seed_demo(self):
        """Create the sample memos of `manage.py seed_demo`."""
        from .demo import naskah_demo_create

        naskah_demo_create()
