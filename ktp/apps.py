from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KtpConfig(AppConfig):
    name = "ktp"
    verbose_name = _("Layanan KTP-el")

    def ready(self):
        from portal.accounts.claims import account_claimed
        from portal.accounts.services import nik_released
        from portal.audit.exports import personal_data_register
        from portal.cache import version_watch
        from portal.documents.drafts import draft_provider_register
        from portal.documents.retention import retention_provider_register
        from portal.public.dashboard import dashboard_provider_register
        from portal.public.tracking import tracker_register
        from portal.wilayah.models import Kecamatan

        from .constants import STANDAR_VERSION
        from .loket import permohonan_applicant_move
        from .models import LayananKecamatan, Pekerjaan, SLAKecamatan
        from .retention import permohonan_documents_expired, permohonan_draft_path, permohonan_drafts
        from .selectors import (
            PEKERJAAN_VERSION,
            permohonan_dashboard_cases,
            permohonan_personal_data,
            permohonan_track,
        )
        from .services import permohonan_nik_released

        version_watch(STANDAR_VERSION, LayananKecamatan, SLAKecamatan, Kecamatan)
        version_watch(PEKERJAAN_VERSION, Pekerjaan)
        tracker_register(prefix="KTP-", track=permohonan_track)
        dashboard_provider_register(service="ktp", cases=permohonan_dashboard_cases)
        personal_data_register(name="permohonan_ktp", provider=permohonan_personal_data)
        retention_provider_register(service="ktp", expired_documents=permohonan_documents_expired)
        draft_provider_register(
            service="ktp",
            drafts=permohonan_drafts,
            documents="dokumen_set",
            label=_("permohonan KTP-el"),
            continue_path=permohonan_draft_path,
        )
        account_claimed.connect(permohonan_applicant_move, dispatch_uid="ktp.applicant_move", weak=False)
        nik_released.connect(permohonan_nik_released, dispatch_uid="ktp.nik_released", weak=False)

    def seed_demo(self):
        """Create the sample KTP-el applications of `manage.py seed_demo`."""
        from .demo import permohonan_demo_create

        permohonan_demo_create()
