import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.accounts.claims import desk_claim_code
from portal.network import site_url
from portal.verification.models import IssuedDocument
from portal.verification.services import issued_document_for, issued_document_render, receipts_missing

from .models import Izin, PermohonanIzin

RECEIPT = IssuedDocument.Kind.BUKTI_PENDAFTARAN
LICENCE = IssuedDocument.Kind.IZIN
OFFICE = "DPMPTSP Kabupaten Tulungagung"


def permohonan_izin_receipt_generate(*, permohonan_id, renew=False) -> IssuedDocument:
    """
    Render the application's receipt (bukti pendaftaran) once; later calls return it. `renew` renders
    it again, same token, once a corrected application is submitted again.
    """
    permohonan = PermohonanIzin.objects.select_related("jenis_izin", "desa", "kelas_siup", "applicant").get(
        pk=permohonan_id
    )
    with translation.override("id"):  # stored text, shown on the public verification page
        service = _("Perizinan: %(jenis)s (%(kind)s)") % {
            "jenis": permohonan.jenis_izin.name,
            "kind": permohonan.get_jenis_display(),
        }
    return issued_document_render(
        target=permohonan,
        kind=RECEIPT,
        reference=permohonan.reference,
        service=service,
        office=OFFICE,
        template="pdf/perizinan/bukti_pendaftaran.html",
        context={
            "permohonan": permohonan,
            "documents": permohonan.dokumen_set.all(),
            "claim_code": desk_claim_code(permohonan.applicant),
            "track_url": site_url(reverse("public:track")),  # for a citizen with no account
        },
        document_date=timezone.localdate(permohonan.submitted_at) if permohonan.submitted_at else None,
        subject=permohonan.nama_usaha,
        renew=renew,
    )


def permohonan_izin_receipt(*, permohonan):
    """Return the application's receipt when its PDF is ready, else None."""
    return issued_document_for(target=permohonan, kind=RECEIPT)


def izin_pdf_generate(*, izin_id) -> IssuedDocument:
    """Render the licence PDF once, QR-verifiable; later calls return it."""
    izin = Izin.objects.select_related(
        "jenis_izin", "usaha__desa__kecamatan", "kelas_siup", "permohonan__izin_lama"
    ).get(pk=izin_id)
    return issued_document_render(
        target=izin,
        kind=LICENCE,
        reference=izin.nomor,
        service=izin.jenis_izin.name,
        office=OFFICE,
        template="pdf/perizinan/izin.html",
        context={"izin": izin, "usaha": izin.usaha, "jenis_izin": izin.jenis_izin},
        document_date=izin.tanggal_terbit,
        valid_until=izin.berlaku_hingga,
        subject=izin.usaha.nama_usaha,
    )


def izin_pdf(*, izin):
    """Return the licence PDF when it is ready, else None."""
    return issued_document_for(target=izin, kind=LICENCE)


def _licence_pdfs_ready():
    return IssuedDocument.objects.filter(
        kind=LICENCE, content_type=ContentType.objects.get_for_model(Izin)
    ).exclude(file="")


def izin_pdf_ready_ids(*, izin_list) -> set:
    """Return the ids of the licences whose PDF is ready, in one query for the whole list."""
    ready = _licence_pdfs_ready().filter(object_id__in=[izin.pk for izin in izin_list])
    return set(ready.values_list("object_id", flat=True))


def permohonan_izin_without_receipt(*, older_than) -> list:
    """Return ids of submitted applications whose receipt was not made, oldest first."""
    return receipts_missing(model=PermohonanIzin, older_than=older_than)


def izin_without_pdf() -> list:
    """
    Return ids of licences issued in the last 7 days whose PDF was not made. Making it twice
    is harmless (it is made once), so one being made right now may be listed.
    """
    return list(
        Izin.objects.filter(tanggal_terbit__gte=timezone.localdate() - datetime.timedelta(days=7))
        .exclude(pk__in=_licence_pdfs_ready().values("object_id"))
        .order_by("tanggal_terbit", "pk")
        .values_list("pk", flat=True)[:500]
    )
