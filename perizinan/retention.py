"""Which licence application documents are past retention: those of applications closed earlier."""

from portal.documents.retention import documents_closed_before

from .constants import CLOSED_STATUSES
from .models import DokumenPermohonanIzin, RiwayatPermohonanIzin


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
