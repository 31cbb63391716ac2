from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.accounts.claims import desk_claim_code
from portal.network import site_url
from portal.verification.models import IssuedDocument
from portal.verification.services import issued_document_for, issued_document_render, receipts_missing

from .models import LayananKecamatan, PermohonanKTP

RECEIPT = IssuedDocument.Kind.BUKTI_PENDAFTARAN


def permohonan_receipt_generate(*, permohonan_id, renew=False) -> IssuedDocument:
    """
    Render the application's receipt (bukti pendaftaran) once; later calls return it. `renew` renders
    it again, same token, once the office day it prints has moved.
    """
    permohonan = PermohonanKTP.objects.select_related("kecamatan", "applicant").get(pk=permohonan_id)
    layanan = LayananKecamatan.objects.filter(kecamatan_id=permohonan.kecamatan_id).first()
    with translation.override("id"):  # stored text, shown on the public verification page
        service = _("Layanan KTP-el: %(jenis)s") % {"jenis": permohonan.get_jenis_display()}
        office = _("Kantor Kecamatan %(name)s") % {"name": permohonan.kecamatan.name}
    return issued_document_render(
        target=permohonan,
        kind=RECEIPT,
        reference=permohonan.reference,
        service=service,
        office=office,
        template="pdf/ktp/bukti_pendaftaran.html",
        context={
            "permohonan": permohonan,
            "layanan": layanan,
            "documents": permohonan.dokumen_set.all(),
            "claim_code": desk_claim_code(permohonan.applicant),
            "track_url": site_url(reverse("public:track")),  # for a citizen with no account
        },
        document_date=timezone.localdate(permohonan.submitted_at) if permohonan.submitted_at else None,
        renew=renew,
    )


def permohonan_receipt(*, permohonan):
    """Return the application's receipt when its PDF is ready, else None."""
    return issued_document_for(target=permohonan, kind=RECEIPT)


def permohonan_without_receipt(*, older_than):
    """Return ids of submitted applications whose receipt was not made, oldest first."""
    return receipts_missing(model=PermohonanKTP, older_than=older_than)
