"""
The tender module's issued PDFs, each verifiable by its QR code: receipt, opening record, BAHP.

Each is dated by the event it records (the bid received, the bids opened, the winner named), on
the PDF and on its verification page, however long after it the PDF was rendered.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.verification.models import IssuedDocument
from portal.verification.services import issued_document_for, issued_document_render

from .models import Paket, Penawaran, Penetapan
from .ranking import paket_ranking
from .selectors import penawaran_opened

RECEIPT = IssuedDocument.Kind.BUKTI_PENERIMAAN
RECORD = IssuedDocument.Kind.BERITA_ACARA
OFFICE = _("Unit Kerja Pengadaan Barang/Jasa (UKPBJ) Kabupaten Tulungagung")


def penawaran_receipt_generate(*, penawaran_id) -> IssuedDocument:
    """Render a bid's receipt once: time received and the SHA-256 of the bid as stored."""
    penawaran = Penawaran.objects.select_related("paket", "penyedia").get(pk=penawaran_id)
    with translation.override("id"):  # stored text, shown on the public verification page
        service = _("Pengadaan: bukti penerimaan penawaran")
    return issued_document_render(
        target=penawaran,
        kind=RECEIPT,
        reference=penawaran.paket.reference,
        service=service,
        office=str(OFFICE),
        template="pdf/pengadaan/bukti_penawaran.html",
        context={"penawaran": penawaran, "paket": penawaran.paket},
        document_date=timezone.localdate(penawaran.diterima_at),
    )


def penawaran_receipt(*, penawaran):
    return issued_document_for(target=penawaran, kind=RECEIPT)


def pembukaan_record_generate(*, paket_id) -> IssuedDocument:
    """Render the opening record (berita acara pembukaan penawaran) once."""
    paket = Paket.objects.select_related("instansi").get(pk=paket_id)
    bids = penawaran_opened(paket=paket)
    with translation.override("id"):  # stored text, shown on the public verification page
        service = _("Pengadaan: berita acara pembukaan penawaran")
    return issued_document_render(
        target=paket,
        kind=RECORD,
        reference=paket.reference,
        service=service,
        office=str(OFFICE),
        template="pdf/pengadaan/berita_acara_pembukaan.html",
        context={"paket": paket, "bids": bids},
        document_date=timezone.localdate(paket.dibuka_at),
    )


def pembukaan_record(*, paket):
    return issued_document_for(target=paket, kind=RECORD)


def bahp_generate(*, paket_id) -> IssuedDocument:
    """Render the evaluation report (berita acara hasil pemilihan) once the winner is named."""
    penetapan = Penetapan.objects.select_related("paket__metode_evaluasi", "pemenang__penyedia").get(
        paket_id=paket_id
    )
    with translation.override("id"):  # stored text, shown on the public verification page
        service = _("Pengadaan: berita acara hasil pemilihan")
    return issued_document_render(
        target=penetapan,
        kind=RECORD,
        reference=penetapan.paket.reference,
        service=service,
        office=str(OFFICE),
        template="pdf/pengadaan/bahp.html",
        context={
            "paket": penetapan.paket,
            "penetapan": penetapan,
            "ranking": paket_ranking(paket=penetapan.paket),
        },
        document_date=timezone.localdate(penetapan.created_at),
    )


def bahp(*, penetapan):
    return issued_document_for(target=penetapan, kind=RECORD)
