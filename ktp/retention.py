"""Which KTP-el documents are past retention: those of applications closed before the cutoff."""

from portal.documents.retention import documents_closed_before

from .constants import CLOSED_STATUSES
from .models import DokumenPermohonan, RiwayatStatus


def permohonan_documents_expired(*, closed_before):
    """Yield the documents of applications finished, rejected or withdrawn before `closed_before`."""
    return documents_closed_before(
        documents=DokumenPermohonan.objects.all(),
        history=RiwayatStatus,
        closed_statuses=CLOSED_STATUSES,
        closed_before=closed_before,
    )
