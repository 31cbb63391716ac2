"""
Which licence application documents are past retention (those of applications closed earlier), and
which applications are drafts (deleted once abandoned: portal.documents.drafts).
"""

from django.urls import reverse

from portal.documents.drafts import drafts_of
from portal.documents.retention import documents_closed_before

from .constants import CLOSED_STATUSES
from .models import DokumenPermohonanIzin, PermohonanIzin, RiwayatPermohonanIzin


def permohonan_izin_documents_expired(*, closed_before):
    """
    Yield the documents of applications issued, rejected or withdrawn before `closed_before`.
    An issued licence (Izin) and its PDF are not documents of the application and stay.
    """
    return documents_closed_before(
        documents=DokumenPermohonanIzin.objects.all(),
        history=RiwayatPermohonanIzin,
        closed_statuses=CLOSED_STATUSES,
        closed_before=closed_before,
    )


def permohonan_izin_drafts():
    """Return the licence drafts: applications started and not submitted, or withdrawn before that."""
    return drafts_of(PermohonanIzin)


def permohonan_izin_draft_path(draft) -> str:
    return reverse("perizinan:periksa", args=[draft.pk])
