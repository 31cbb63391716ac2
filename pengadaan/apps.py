from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PengadaanConfig(AppConfig):
    name = "pengadaan"
    verbose_name = _("Pengadaan barang/jasa")

    def seed_demo(self):
        """Create the sample Pokja, vendors and packages of `manage.py seed_demo`."""
        from .demo import pengadaan_demo_create

        pengadaan_demo_create()
