from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoordinasiConfig(AppConfig):
    name = "koordinasi"
    verbose_name = _("Koordinasi antarinstansi")

    def ready(self):
        from portal.accounts.models import User
        from portal.cache import version_watch
        from portal.wilayah.models import Instansi

        from .selectors import NAMES_VERSION

        version_watch(NAMES_VERSION, Instansi)
        # Saves of users of no agency (citizens signing in, mostly) leave the kept fragments be. An
        # officer taken out of an agency is such a save too: until the fragments expire, a memo's
        # head may show them as they were and their old colleagues may be offered them, whom the
        # disposisi form refuses when posted.
        version_watch(NAMES_VERSION, User, ignore=lambda user: user.instansi_id is None)

    def seed_demo(self):
        """Create the sample memos of `manage.py seed_demo`."""
        from .demo import naskah_demo_create

        naskah_demo_create()
