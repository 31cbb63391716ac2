"""A memo as a QR-verifiable PDF, for filing into the official records system (SRIKANDI)."""

from django.utils import translation
from django.utils.translation import gettext as _

from portal.verification.models import IssuedDocument
from portal.verification.services import issued_document_render

from .markup import isi_html
from .selectors import read_receipts


def naskah_export(*, naskah) -> IssuedDocument:
    """
    Return the memo's issued PDF, rendering it on the first export; `naskah` as naskah_detail()
    returns it to the exporting officer.

    The PDF is issued once, like every verifiable document: later exports return the same file,
    whose read log is the one at the first export.
    """
    with translation.override("id"):  # stored text, shown on the public verification page
        service = _("Koordinasi antarinstansi: %(jenis)s") % {"jenis": naskah.get_jenis_display()}
    return issued_document_render(
        target=naskah,
        kind=IssuedDocument.Kind.NASKAH_DINAS,
        reference=naskah.nomor,
        service=service,
        office=naskah.instansi.name,
        template="pdf/koordinasi/naskah.html",
        context={
            "naskah": naskah,
            "isi": isi_html(isi=naskah.isi, format=naskah.format),
            "receipts": read_receipts(naskah=naskah),
            "lampiran": naskah.lampiran_list,
        },
    )
