from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WilayahConfig(AppConfig):
    name = "portal.wilayah"
    label = "wilayah"
    verbose_name = _("Wilayah dan instansi")

    def ready(self):
        from portal.cache import version_watch

        from .models import Desa, Kecamatan
        from .selectors import WILAYAH_VERSION

        version_watch(WILAYAH_VERSION, Kecamatan, Desa)
