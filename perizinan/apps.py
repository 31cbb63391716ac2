from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerizinanConfig(AppConfig):
    name = "perizinan"
    verbose_name = _("Perizinan usaha")

    def ready(self):
        from portal.accounts.claims import account_claimed
        from portal.audit.exports import personal_data_register
        from portal.documents.drafts import draft_provider_register
        from portal.documents.retention import retention_provider_register
        from portal.public.dashboard import dashboard_provider_register
        from portal.public.tracking import tracker_register

        from .loket import permohonan_izin_owner_move
        from .public import perizinan_personal_data, permohonan_izin_dashboard_cases, permohonan_izin_track
        from .retention import (
            permohonan_izin_documents_expired,
            permohonan_izin_draft_path,
            permohonan_izin_drafts,
        )

        tracker_register(prefix="IZN-", track=permohonan_izin_track)
        dashboard_provider_register(service="perizinan", cases=permohonan_izin_dashboard_cases)
        personal_data_register(name="perizinan", provider=perizinan_personal_data)
        retention_provider_register(service="perizinan", expired_documents=permohonan_izin_documents_expired)
        draft_provider_register(
            service="perizinan",
            drafts=permohonan_izin_drafts,
            documents="dokumen_set",
            label=_("permohonan izin usaha"),
            continue_path=permohonan_izin_draft_path,
        )
        account_claimed.connect(permohonan_izin_owner_move, dispatch_uid="perizinan.owner_move", weak=False)

    def seed_demo(self):
        """Create the sample businesses, applications and licences of `manage.py seed_demo`."""
        from .demo import permohonan_izin_demo_create

        permohonan_izin_demo_create()
