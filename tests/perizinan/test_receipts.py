import io

import pytest
from pypdf import PdfReader

from perizinan.receipts import permohonan_izin_receipt
from perizinan.services import (
    permohonan_izin_revision_request,
    permohonan_izin_submit,
    permohonan_izin_update,
)
from portal.verification.models import IssuedDocument
from tests.factories.perizinan import permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db


def _pdf_text(field):
    with field.open("rb") as f:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)


def test_a_corrected_resubmission_renews_the_receipt_and_what_its_qr_page_shows(
    client, owner, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        permohonan = permohonan_izin_submit(
            permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner
        )
    before = permohonan_izin_receipt(permohonan=permohonan)
    permohonan = permohonan_izin_revision_request(
        permohonan=permohonan, actor=officer, note="Nama usaha salah", fields=["nama_usaha"]
    )
    permohonan = permohonan_izin_update(permohonan=permohonan, data={"nama_usaha": "CV Sumber Makmur"})
    with django_capture_on_commit_callbacks(execute=True):
        permohonan_izin_submit(permohonan=permohonan, actor=owner)
    after = permohonan_izin_receipt(permohonan=permohonan)
    assert after.token == before.token and IssuedDocument.objects.count() == 1
    assert "CV Sumber Makmur" in _pdf_text(after.file)
    assert "CV Sumber Makmur" in client.get(f"/verifikasi/{after.token}/").content.decode()


def test_what_the_verification_page_shows_is_stored_in_indonesian_whatever_language_made_it(owner):
    from django.utils import translation

    from perizinan.receipts import permohonan_izin_receipt_generate

    permohonan = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner
    )
    with translation.override("en"):  # an eager task runs in the English request that submitted
        receipt = permohonan_izin_receipt_generate(permohonan_id=permohonan.pk)
    assert receipt.service == "Perizinan: Surat Izin Usaha Perdagangan (Baru)"


def test_a_document_asked_to_be_corrected_must_be_uploaded_again_before_resubmitting(owner, officer):
    from django.core.exceptions import ValidationError

    from perizinan.services import permohonan_izin_document_attach
    from tests.factories.perizinan import pdf_upload

    permohonan = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner
    )
    kind = permohonan.dokumen_set.order_by("kind").first().kind
    permohonan = permohonan_izin_revision_request(
        permohonan=permohonan, actor=officer, note="Dokumen buram", fields=[f"dokumen_{kind}"]
    )
    with pytest.raises(ValidationError) as refused:
        permohonan_izin_submit(permohonan=permohonan, actor=owner)
    assert "petugas meminta perbaikannya" in str(refused.value.message_dict[f"dokumen_{kind}"])
    permohonan_izin_document_attach(permohonan=permohonan, kind=kind, uploaded_file=pdf_upload())
    assert permohonan_izin_submit(permohonan=permohonan, actor=owner).reference == permohonan.reference


def test_a_licence_receipt_names_the_tracking_page_and_promises_news_only_where_it_can_go(
    owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner)
    text = " ".join(_pdf_text(permohonan_izin_receipt(permohonan=sent).file).split())
    assert "/lacak/ dengan nomor pendaftaran dan 4 angka terakhir NPWP" in text
    assert ("kabarnya dikirim" in text) == bool(owner.email or owner.phone)
