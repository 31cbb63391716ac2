from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PengadaanConfig(AppConfig):
    name = "pengadaan"
    verbose_name = _("Pengadaan barang/jasa")

    def ready(self):
        from portal.audit.exports import personal_data_register
        from portal.sealing import sealed_register

        from .dashboard import pengadaan_dashboard_register
        from .models import Penawaran
        from .selectors import penawaran_sealed, penyedia_personal_data

        personal_data_register(
            name="pengadaan", provider=penyedia_personal_data, title=_("Pengadaan barang/jasa")
        )
        pengadaan_dashboard_register()
        sealed_register(model=Penawaran, sealed=penawaran_sealed)

    def seed_demo(self):
        """Create the sample Pokja, vendors and packages of `manage.py seed_demo`."""
        from .demo import pengadaan_demo_create

        pengadaan_demo_create()
