from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoordinasiConfig(AppConfig):
    name = "koordinasi"
    verbose_name = _("Koordinasi antarinstansi")

    def seed_demo(self):
        """Create the sample memos of `manage.py seed_demo`."""
        from .demo import naskah_demo_create

        naskah_demo_create()
