from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "portal.public"
    label = "public"
    verbose_name = _("Halaman publik")

    def seed_demo(self):
        """Publish the demo's information pages (regional profile, commodities, investment, schools)."""
        from .demo import informasi_demo_create

        informasi_demo_create()
