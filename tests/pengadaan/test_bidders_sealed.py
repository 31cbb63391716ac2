"""
Who bid, and how many, stay hidden from every procurement official until the opening: each page,
admin list, export, open data and count an officer can reach reads the same with no bid in as with
two; from the opening on they show the bidders.
"""

import re

import pytest
from django.urls import reverse

from pengadaan.constants import Tahap
from pengadaan.dashboard import pengadaan_dashboard_compute
from pengadaan.services import paket_join
from tests.factories.pengadaan import bid, clock, during, members, opened, paket, ukpbj, vendor

pytestmark = pytest.mark.django_db

NAMES = ("CV Penawar Rahasia Alfa", "PT Penawar Rahasia Beta")
PRICES = (801_000_000, 802_000_000)


@pytest.fixture
def tender():
    """A package in its bid window, whose two vendors registered (the count of which is public)."""
    tender = paket(now_in=Tahap.PENAWARAN)
    vendors = [vendor(name=name) for name in NAMES]
    with clock(during(tender, Tahap.PENAWARAN)):
        for profile in vendors:
            paket_join(paket=tender, penyedia=profile)
    return tender, vendors


def _officers(tender):
    """Each procurement role with the pages it reaches for the package (admin for the UKPBJ)."""
    public = [
        reverse("pengadaan:paket", args=[tender.pk]),
        reverse("pengadaan:kelola_paket", args=[tender.pk]),
        reverse("pengadaan:index"),
        reverse("pengadaan:index_csv"),
        reverse("pengadaan:ocds_paket_record", args=[tender.pk]),
    ]
    admin = [
        reverse("admin:pengadaan_penawaran_changelist"),
        reverse("admin:pengadaan_paket_change", args=[tender.pk]),
    ]
    return {
        "ukpbj": (ukpbj(), public + admin),
        "pokja": (members(tender)[0], public),
        "ppk": (tender.ppk, public),
    }


def _seen(client, officers):
    """Return what each officer reads on each page, less what differs on every request."""
    seen = {}
    for role, (user, urls) in officers.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
            seen[role, url] = body
    return seen


def test_before_the_opening_no_officer_page_tells_who_bid_or_how_many(client, tender):
    tender, vendors = tender
    officers = _officers(tender)
    none_in = _seen(client, officers)
    dashboard_none_in = pengadaan_dashboard_compute()
    for profile, price in zip(vendors, PRICES, strict=True):
        bid(tender, profile, price)
    two_in = _seen(client, officers)
    for page, body in two_in.items():
        assert not any(name in body for name in NAMES), page
        assert body == none_in[page], page
    assert pengadaan_dashboard_compute() == dashboard_none_in


def test_from_the_opening_the_officers_see_the_bidders(client, tender):
    tender, vendors = tender
    for profile, price in zip(vendors, PRICES, strict=True):
        bid(tender, profile, price)
    tender = opened(tender)
    seen = _seen(client, _officers(tender))
    for (role, url), body in seen.items():
        if url in (reverse("pengadaan:index"), reverse("admin:pengadaan_paket_change", args=[tender.pk])):
            continue  # they never listed bidders
        if url == reverse("pengadaan:index_csv"):
            row = next(line for line in body.splitlines() if tender.reference in line)
            assert ",2,2," in row, row  # registered, bids
        elif "ocds" in url:
            assert '"numberOfTenderers": 2' in body and all(name in body for name in NAMES)
        else:
            assert all(name in body for name in NAMES), (role, url)
    totals = next(r for r in pengadaan_dashboard_compute() if r["instansi_id"] is None)
    assert totals["jumlah_penawaran"] == 2


def test_a_pokja_member_cannot_probe_for_a_sealed_bid_by_its_number(client, tender):
    tender, vendors = tender
    penawaran = bid(tender, vendors[0], PRICES[0])
    client.force_login(members(tender)[0])
    urls = {
        "berkas": (reverse("pengadaan:berkas", args=[penawaran.pk, "teknis"]), "berkas", [10**9, "teknis"]),
        "evaluasi": (reverse("pengadaan:evaluasi", args=[penawaran.pk]), "evaluasi", [10**9]),
    }
    # A sealed bid's address answers as one that does not exist.
    for url, name, missing in urls.values():
        assert (
            client.get(url).status_code == client.get(reverse(f"pengadaan:{name}", args=missing)).status_code
        )
        assert client.get(url).status_code == 404
    opened(tender)
    assert client.get(urls["evaluasi"][0]).status_code == 200
    # Opened, its documents wait for the member's declaration of no conflict of interest.
    assert client.get(urls["berkas"][0]).status_code == 302
