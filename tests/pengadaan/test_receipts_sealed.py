"""
The issued-documents admin, a superuser's, lists every PDF the portal issued but a bid's receipt
before its tender's opening: listed, searched or counted, the receipts would tell who bid and how
many. Its page and its "view on site" answer as for a document that does not exist.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from pengadaan.constants import Tahap
from pengadaan.models import Penawaran
from pengadaan.receipts import penawaran_receipt_generate
from portal.verification.models import IssuedDocument
from portal.verification.selectors import issued_document_listed
from tests.factories import UserFactory
from tests.factories.pengadaan import bid, opened, paket, vendor

pytestmark = pytest.mark.django_db

MISSING = 987654321


@pytest.fixture
def tender():
    """A package in its bid window with a memo's PDF already issued, so the list is not empty."""
    tender = paket(now_in=Tahap.PENAWARAN)
    IssuedDocument.objects.create(
        kind=IssuedDocument.Kind.NASKAH_DINAS,
        content_type=ContentType.objects.get_for_model(tender),
        object_id=tender.pk,
        reference="000.8.3/1/2026",
        service="Naskah dinas",
        office="Bagian Umum",
    )
    return tender


def _pages(tender):
    changelist = reverse("admin:verification_issueddocument_changelist")
    return [
        changelist,
        f"{changelist}?q={tender.reference}",
        f"{changelist}?kind={IssuedDocument.Kind.BUKTI_PENERIMAAN}",
        f"{changelist}?q={tender.reference}&kind={IssuedDocument.Kind.BUKTI_PENERIMAAN}&all=",
    ]


def _read(client, urls):
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return pages


def _answer(client, url):
    response = client.get(url)
    return response.status_code, response.get("Location")


def _urls(document):
    content_type = ContentType.objects.get_for_model(IssuedDocument)
    return (
        reverse("admin:verification_issueddocument_change", args=[document]),
        reverse("admin:view_on_site", args=[content_type.pk, document]),
    )


def test_a_bid_receipt_is_neither_listed_counted_nor_reachable_before_the_opening(client, tender):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    none_in = _read(client, _pages(tender))
    bids = [bid(tender, vendor(name=name), price) for name, price in (("CV Alfa", 801), ("PT Beta", 802))]
    receipts = [penawaran_receipt_generate(penawaran_id=penawaran.pk) for penawaran in bids]
    assert _read(client, _pages(tender)) == none_in
    assert list(issued_document_listed().filter(kind=IssuedDocument.Kind.BUKTI_PENERIMAAN)) == []
    # By its number, a receipt answers as a document that does not exist.
    missing_change, missing_site = (_answer(client, url) for url in _urls(MISSING))
    assert missing_change[0] == 302 and missing_site[0] == 404
    for receipt in receipts:
        change, site = _urls(receipt.pk)
        assert _answer(client, change) == missing_change
        assert _answer(client, site) == missing_site

    opened(tender)
    pages = _read(client, _pages(tender))
    for url in _pages(tender)[1:]:
        assert pages[url].count(tender.reference) >= 2, url
    for receipt in receipts:
        change, site = _urls(receipt.pk)
        assert client.get(change).status_code == 200
        assert client.get(site)["Location"].endswith(receipt.get_absolute_url())


def test_only_the_receipts_of_the_unopened_tender_are_sealed(client, tender):
    other = paket(now_in=Tahap.PENAWARAN)
    kept = penawaran_receipt_generate(penawaran_id=bid(tender, vendor(), 801).pk)
    shown = penawaran_receipt_generate(penawaran_id=bid(other, vendor(), 802).pk)
    opened(other)
    listed = set(issued_document_listed().values_list("pk", flat=True))
    assert shown.pk in listed and kept.pk not in listed
    assert IssuedDocument.objects.filter(pk=kept.pk).exists()  # sealed, not gone: the vendor verifies it
    assert Penawaran.objects.filter(paket=tender).count() == 1
