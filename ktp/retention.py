"""
Which KTP-el documents are past retention (those of applications closed before the cutoff), and
which applications are drafts (deleted once abandoned: portal.documents.drafts).
"""

from django.urls import reverse

from portal.documents.drafts import drafts_of
from portal.documents.retention import documents_closed_before

from .constants import CLOSED_STATUSES
from .models import DokumenPermohonan, PermohonanKTP, RiwayatStatus


def permohonan_documents_expired(*, closed_before):
    """Yield the documents of applications finished, rejected or withdrawn before `closed_before`."""
    return documents_closed_before(
        documents=DokumenPermohonan.objects.all(),
        history=RiwayatStatus,
        closed_statuses=CLOSED_STATUSES,
        closed_before=closed_before,
    )


def permohonan_drafts():
    """Return the KTP-el drafts: applications started and not submitted, or withdrawn before that."""
    return drafts_of(PermohonanKTP)


def permohonan_draft_path(draft) -> str:
    return reverse("ktp:biodata", args=[draft.pk])
