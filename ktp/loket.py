"""
Front-desk filing: a kecamatan officer files a KTP-el application for a citizen who came in person.

The officer finds the citizen by full NIK (through the keyed hash) or records them; the application
belongs to the citizen's own account and names the officer as `assisted_by`. The receipt prints at
once at the desk and, where the citizen has an email, is also sent there with the link that lets
them take over the account.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.accounts.claims import citizen_find, desk_applicant
from portal.accounts.roles import Role

from .constants import Jenis, Status
from .models import PermohonanKTP
from .selectors import permohonan_latest_for_nik, permohonan_untouched_draft
from .services import permohonan_biodata_update, permohonan_identity_set


def loket_citizen_find(*, nik):
    """
    Return the citizen's account for this NIK and the KK hash that ties it to the NIK: recorded with
    it (the account's own KK), or the one whose online application with it an officer verified
    (that application's KK).
    """
    if user := citizen_find(nik=nik):
        return user, user.no_kk_hash
    latest = permohonan_latest_for_nik(nik=nik)
    if latest is not None and latest.assisted_by_id is None and latest.applicant.is_active:
        return latest.applicant, latest.no_kk_hash
    return None, ""


@transaction.atomic
def permohonan_loket_create(
    *, officer, jenis, nik, no_kk, name="", phone="", email=None, confirmed=""
) -> PermohonanKTP:
    """Start a draft for the citizen at the desk, in their own account, recording them when new."""
    if not officer.has_role(Role.PETUGAS_KECAMATAN):
        raise ValidationError(_("Hanya petugas kecamatan yang bisa mengajukan di loket."))
    found, found_kk_hash = loket_citizen_find(nik=nik)
    citizen = desk_applicant(
        found=found,
        found_kk_hash=found_kk_hash,
        officer=officer,
        nik=nik,
        no_kk=no_kk,
        name=name,
        phone=phone,
        email=email,
        confirmed=confirmed,
    )
    draft = permohonan_untouched_draft(applicant=citizen, jenis=jenis)
    if draft is None or draft.assisted_by_id != officer.pk:
        draft = PermohonanKTP(applicant=citizen, jenis=Jenis(jenis), assisted_by=officer)
        draft.full_clean(exclude=["nik"])
        draft.save()
    draft = permohonan_identity_set(permohonan=draft, nik=nik, no_kk=no_kk)
    if not draft.nama and citizen.name:
        draft = permohonan_biodata_update(permohonan=draft, data={"nama": citizen.name})
    return draft


def permohonan_loket_drafts(*, officer) -> list:
    """Return the officer's unfinished desk drafts, newest first, so a filing interrupted can go on."""
    return list(
        PermohonanKTP.objects.filter(assisted_by=officer, status=Status.DRAF)
        .order_by("-created_at")
        .values("pk", "nama", "jenis", "created_at")[:20]
    )


def permohonan_applicant_move(*, unclaimed, user, **kwargs) -> int:
    """Move the applications of an account recorded at the desk to the account that claimed it."""
    return PermohonanKTP.objects.filter(applicant=unclaimed).update(applicant=user)
