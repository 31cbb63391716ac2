from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from portal.accounts.roles import Role
from portal.accounts.services import user_assign_role
from portal.workflow import workflow_transition

from ..constants import PENYEDIA_FIELDS, PenyediaStatus
from ..models import Penyedia, RiwayatPenyedia
from ..selectors import penyedia_versi
from .common import after_commit


def _changed_note() -> str:
    # Stored, so in the portal's language as every history note is, not in the vendor's of the moment.
    with translation.override(settings.LANGUAGE_CODE):
        return _("Profil diubah; diperiksa ulang.")


@transaction.atomic
def penyedia_register(*, user, **fields) -> Penyedia:
    """Create or update the user's vendor profile; a changed profile waits for verification again."""
    if user.is_staff:
        raise ValidationError(_("Akun petugas tidak dapat didaftarkan sebagai penyedia."))
    penyedia = Penyedia.objects.select_for_update().filter(user=user).first() or Penyedia(user=user)
    was_verified = penyedia.pk is not None and penyedia.status != PenyediaStatus.DIAJUKAN
    verified = penyedia_versi(penyedia) if penyedia.status == PenyediaStatus.TERVERIFIKASI else None
    for name in PENYEDIA_FIELDS:
        setattr(penyedia, name, fields[name])
    if verified is not None and penyedia_versi(penyedia) == verified:
        return penyedia  # a verified profile saved again unchanged (or twice) stays verified
    previous = penyedia.status if penyedia.pk else ""
    penyedia.status = PenyediaStatus.DIAJUKAN
    penyedia.full_clean()
    penyedia.save()
    if previous != PenyediaStatus.DIAJUKAN:
        RiwayatPenyedia.objects.create(
            penyedia=penyedia,
            from_status=previous,
            to_status=PenyediaStatus.DIAJUKAN,
            actor=user,
            note=_changed_note() if was_verified else "",
        )
    user_assign_role(user=user, role=Role.PENYEDIA)
    return penyedia


@transaction.atomic
def penyedia_verify(*, penyedia, actor, approve: bool, note="", versi=None) -> Penyedia:
    """
    Record an officer's verification (or refusal, with a reason) of a vendor profile; with `versi`
    (penyedia_versi of the profile the officer read), only if the profile still reads so.
    """
    current = Penyedia.objects.select_for_update().get(pk=penyedia.pk)
    if versi is not None and versi != penyedia_versi(current):
        raise ValidationError(
            _("Penyedia mengubah profilnya sesudah halaman ini dibuka; periksa lagi data terbarunya.")
        )
    if not approve and not note.strip():
        raise ValidationError({"note": _("Tuliskan alasan penolakan agar penyedia dapat memperbaikinya.")})
    if actor.pk == penyedia.user_id:
        raise ValidationError(_("Penyedia tidak dapat memverifikasi dirinya sendiri."))
    to = PenyediaStatus.TERVERIFIKASI if approve else PenyediaStatus.DITOLAK
    penyedia = workflow_transition(
        instance=penyedia, to=to, actor=actor, note=note, expected_from=PenyediaStatus.DIAJUKAN
    )
    from ..tasks import penyedia_notify_task

    after_commit(penyedia_notify_task, penyedia.pk, penyedia.riwayat_set.last().pk)
    return penyedia
