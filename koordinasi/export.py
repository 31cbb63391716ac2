"""A memo as a QR-verifiable PDF, for filing into the official records system (SRIKANDI)."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.pdf import qr_svg_data_uri, render_to_pdf
from portal.verification.models import IssuedDocument
from portal.verification.services import issued_document_render, issued_document_url

from .markup import isi_html
from .selectors import disposisi_chain

TEMPLATE = "pdf/koordinasi/naskah.html"


def _context(naskah) -> dict:
    return {
        "naskah": naskah,
        "isi": isi_html(isi=naskah.isi, format=naskah.format),
        "lampiran": naskah.lampiran_list,
    }


def naskah_issue(*, naskah) -> IssuedDocument:
    """
    Return the memo's issued PDF, rendering it on the first export; `naskah` as naskah_detail()
    returns it to the exporting officer.

    The PDF is issued once, like every verifiable document: later exports return the same file, to
    every reader. So it holds neither the read receipts (the sender's alone, on the memo page) nor
    the disposisi (each receiving agency's own, added to that agency's export).
    """
    with translation.override("id"):  # stored text, shown on the public verification page
        service = _("Koordinasi antarinstansi: %(jenis)s") % {"jenis": naskah.get_jenis_display()}
    return issued_document_render(
        target=naskah,
        kind=IssuedDocument.Kind.NASKAH_DINAS,
        reference=naskah.nomor,
        service=service,
        office=naskah.instansi.name,
        template=TEMPLATE,
        context=_context(naskah),
        document_date=timezone.localdate(naskah.sent_at),
    )


def naskah_export(*, naskah, user) -> tuple[IssuedDocument, bytes | None]:
    """
    Return the memo's issued document and, when `user` is in a disposisi chain of their agency on
    it, a PDF of the memo followed by that chain (lembar disposisi); None otherwise, when the
    issued file is the export.
    """
    document = naskah_issue(naskah=naskah)
    chain = disposisi_chain(naskah=naskah, user=user)
    if not chain:
        return document, None
    url = issued_document_url(document)
    context = {
        **_context(naskah),
        "chain": chain,
        "chain_printed_at": timezone.now(),
        "document": document,
        "verify_url": url,
        "qr": qr_svg_data_uri(url),
    }
    return document, render_to_pdf(TEMPLATE, context)
