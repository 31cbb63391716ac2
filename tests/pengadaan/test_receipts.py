"""The tender's PDFs are dated by the event each records, not by when the PDF was rendered."""

import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import formats, timezone
from pypdf import PdfReader

from pengadaan.models import Penawaran
from pengadaan.receipts import bahp_generate, pembukaan_record_generate, penawaran_receipt_generate
from portal.verification.models import IssuedDocument
from tests.pengadaan.journey import whole_tender

pytestmark = pytest.mark.django_db


def _text(document) -> str:
    with document.file.open("rb") as handle:
        pages = PdfReader(io.BytesIO(handle.read())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _day(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


@pytest.fixture
def documents():
    """A whole tender's receipt, opening record and BAHP, rendered now, weeks after their events."""
    tender, _vendors = whole_tender()
    penawaran = Penawaran.objects.filter(paket=tender).first()
    made = [
        (penawaran_receipt_generate(penawaran_id=penawaran.pk), penawaran.diterima_at),
        (pembukaan_record_generate(paket_id=tender.pk), tender.dibuka_at),
        (bahp_generate(paket_id=tender.pk), tender.penetapan.created_at),
    ]
    rendered = timezone.now()
    assert all(timezone.localdate(event) < timezone.localdate(rendered) for _document, event in made)
    return made, rendered


def test_each_pdf_states_the_date_of_its_event_and_the_receipt_its_time_in_wib(documents):
    (receipt, received), *records = documents[0]
    rendered = documents[1]
    time = formats.date_format(timezone.localtime(received), "H:i:s")
    assert f"Tulungagung, {_day(received)}, {time} WIB" in _text(receipt)
    for document, event in records:
        assert f"Tulungagung, {_day(event)}" in _text(document), document.service
    for document, _event in documents[0]:
        assert _day(rendered) not in _text(document), document.service


def test_the_verification_page_dates_each_document_by_its_event(client, documents):
    made, rendered = documents
    for document, event in made:
        assert document.document_date == timezone.localdate(event)
        page = client.get(reverse("verification:verify", args=[document.token])).content.decode()
        assert _day(event) in page and _day(rendered) not in page, document.service


def test_the_migration_dates_the_documents_issued_before_by_their_event(documents):
    made, _rendered = documents
    IssuedDocument.objects.filter(pk__in=[d.pk for d, _event in made]).update(document_date=None)
    importlib.import_module("pengadaan.migrations.0008_issued_documents_event_dates").dates_set(apps, None)
    for document, event in made:
        document.refresh_from_db()
        assert document.document_date == timezone.localdate(event), document.service
