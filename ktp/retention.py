"""Which KTP-el documents are past retention: those of applications closed before the cutoff."""

from django.db.models import OuterRef, Subquery

from portal.documents.retention import ExpiredDocument

from .constants import Status
from .models import DokumenPermohonan, RiwayatStatus

# Final statuses: no transition leaves them, so the time of reaching one is the time of closing.
CLOSED_STATUSES = [Status.SELESAI, Status.DITOLAK, Status.DIBATALKAN]


def permohonan_documents_expired(*, closed_before):
    """Yield the documents of applications finished, rejected or withdrawn before `closed_before`."""
    closed_at = (
        RiwayatStatus.objects.filter(permohonan=OuterRef("permohonan"), to_status__in=CLOSED_STATUSES)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    documents = (
        DokumenPermohonan.objects.filter(permohonan__status__in=CLOSED_STATUSES)
        .annotate(closed_at=Subquery(closed_at))
        .filter(closed_at__lt=closed_before)
        .select_related("permohonan")
        .only("pk", "kind", "file", "content_kind", "size", "permohonan__reference", "permohonan__status")
        .order_by("pk")
    )
    for document in documents.iterator(chunk_size=500):
        yield ExpiredDocument(
            document=document,
            reference=document.permohonan.reference or "",
            status=document.permohonan.status,
            closed_at=document.closed_at,
        )
