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
from portal.notifications.models import Notification
from portal.sealing import without_sealed_targets
from portal.verification.models import IssuedDocument
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
    receipts_listed = without_sealed_targets(
        IssuedDocument.objects.filter(kind=IssuedDocument.Kind.BUKTI_PENERIMAAN)
    )
    assert list(receipts_listed) == []
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
    listed = set(without_sealed_targets(IssuedDocument.objects.all()).values_list("pk", flat=True))
    assert shown.pk in listed and kept.pk not in listed
    assert IssuedDocument.objects.filter(pk=kept.pk).exists()  # sealed, not gone: the vendor verifies it
    assert Penawaran.objects.filter(paket=tender).count() == 1


def test_the_emails_acknowledging_bids_are_not_listed_before_the_opening(
    client, tender, django_capture_on_commit_callbacks
):
    """The notification admin would count bids by their acknowledgements, pengadaan.penawaran_diterima."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    changelist = reverse("admin:notifications_notification_changelist")
    pages = [changelist, f"{changelist}?event=pengadaan.penawaran_diterima"]
    with django_capture_on_commit_callbacks(execute=True):
        bids = [bid(tender, vendor(name=name), price) for name, price in (("CV Alfa", 801), ("PT Beta", 802))]
    acknowledged = Notification.objects.filter(event="pengadaan.penawaran_diterima")
    assert acknowledged.count() == 2
    # Listed neither as rows nor as a choice of the event filter; the vendors' registrations are.
    read = _read(client, pages)
    for page in read.values():
        assert 'field-event">pengadaan.penawaran_diterima' not in page
    assert "?event=pengadaan.penawaran_diterima" not in read[changelist]
    assert 'field-event">pengadaan.pendaftaran' in read[changelist]
    for notification in acknowledged:
        change = reverse("admin:notifications_notification_change", args=[notification.pk])
        assert client.get(change).status_code == 302  # as a missing one: back to the admin's index

    opened(tender)
    page = client.get(pages[1]).content.decode()
    assert page.count('field-event">pengadaan.penawaran_diterima') == 2
    assert Penawaran.objects.filter(paket=tender).count() == len(bids)


def test_the_notification_admin_shows_no_message_text(client, tender, django_capture_on_commit_callbacks):
    """The kept text names the citizen and may carry a live link (a password link works for days)."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        penawaran = bid(tender, vendor(), 801)
    opened(tender)
    notification = Notification.objects.get(event="pengadaan.penawaran_diterima", object_id=penawaran.pk)
    assert notification.body_text
    page = client.get(reverse("admin:notifications_notification_change", args=[notification.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert notification.subject in body
    assert notification.body_text.strip().splitlines()[-1] not in body
    assert "field-body_html" not in body and "field-body_text" not in body
