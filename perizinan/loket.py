"""
Front-desk filing: a licensing officer files a new licence application for an owner who came in person.

The officer finds the owner by full NIK (through the keyed hash) or records them; the application
belongs to the owner's own account and names the officer as `assisted_by`, never the officer's account.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.accounts.claims import citizen_find, desk_applicant
from portal.accounts.roles import Role
from portal.crypto import personal_digest

from .constants import Status
from .models import PermohonanIzin, Usaha
from .services import permohonan_izin_draft_create, permohonan_izin_update


def loket_owner_find(*, nik):
    """Return the owner's account for this NIK: recorded with it, or holding a business in that name."""
    if user := citizen_find(nik=nik):
        return user
    usaha = (
        Usaha.objects.filter(penanggung_jawab_nik_hash=personal_digest(nik), owner__is_active=True)
        .select_related("owner")
        .order_by("-updated_at")
        .first()
    )
    return usaha.owner if usaha else None


@transaction.atomic
def permohonan_izin_loket_create(
    *, officer, jenis_izin, nik, no_kk, name="", phone="", email=None, confirmed=""
) -> PermohonanIzin:
    """Start a new-licence draft for the owner at the desk, in their own account, recording them when new."""
    if not officer.has_role(Role.PETUGAS_PERIZINAN):
        raise ValidationError(_("Hanya petugas perizinan yang bisa mengajukan di loket."))
    owner = desk_applicant(
        found=loket_owner_find(nik=nik),
        officer=officer,
        nik=nik,
        no_kk=no_kk,
        name=name,
        phone=phone,
        email=email,
        confirmed=confirmed,
    )
    draft = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis_izin, assisted_by=officer)
    if not draft.penanggung_jawab_nik:
        draft = permohonan_izin_update(
            permohonan=draft, data={"penanggung_jawab": owner.name, "penanggung_jawab_nik": nik}
        )
    return draft


def permohonan_izin_loket_drafts(*, officer) -> list:
    """Return the officer's unfinished desk drafts, newest first, so a filing interrupted can go on."""
    return list(
        PermohonanIzin.objects.filter(assisted_by=officer, status=Status.DRAF)
        .order_by("-created_at")
        .values("pk", "nama_usaha", "penanggung_jawab", "jenis_izin__code", "created_at")[:20]
    )


def permohonan_izin_owner_move(*, unclaimed, user, **kwargs) -> int:
    """Move the applications and businesses of an account recorded at the desk to its claimant."""
    Usaha.objects.filter(owner=unclaimed).update(owner=user)
    return PermohonanIzin.objects.filter(applicant=unclaimed).update(applicant=user)
