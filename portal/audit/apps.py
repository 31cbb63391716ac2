from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "portal.audit"
    label = "audit"
    verbose_name = _("Log akses data pribadi")

    def ready(self):
        from portal.accounts.claims import account_claimed

        from .services import akses_data_claim_copy

        account_claimed.connect(akses_data_claim_copy, dispatch_uid="audit.claim_copy", weak=False)
