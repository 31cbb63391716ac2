"""Which licence application documents are past retention: those of applications closed earlier."""

from django.db.models import OuterRef, Subquery

from portal.documents.retention import ExpiredDocument

from .constants import Status
from .models import DokumenPermohonanIzin, RiwayatPermohonanIzin

# Final statuses: no transition leaves them, so the time of reaching one is the time of closing.
CLOSED_STATUSES = [Status.DITERBITKAN, Status.DITOLAK, Status.DIBATALKAN]


def permohonan_izin_documents_expired(*, closed_before):
    """
    Yield the documents of applications issued, rejected or withdrawn before `closed_before`.
    An issued licence (Izin) and its PDF are not documents of the application and stay.
    """
    closed_at = (
        RiwayatPermohonanIzin.objects.filter(permohonan=OuterRef("permohonan"), to_status__in=CLOSED_STATUSES)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    documents = (
        DokumenPermohonanIzin.objects.filter(permohonan__status__in=CLOSED_STATUSES)
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
