"""Pengadaan langsung in the open data and the red flags: valid OCDS `direct`, no misfiring flag."""

import pytest
from django.urls import reverse

from pengadaan.redflags import paket_flags
from pengadaan.services import langsung_cancel
from tests.factories.pengadaan_langsung import negotiated, offered, undangan, whole_langsung
from tests.pengadaan.journey import STAFF, staffed_vendor, whole_tender
from tests.pengadaan.test_ocds import PACKAGE, _get, _valid_package, _valid_release

pytestmark = pytest.mark.django_db


def _all_valid(client, paket):
    releases = _get(client, "pengadaan:ocds_paket_releases", paket.pk)
    _valid_package(releases)
    record = _get(client, "pengadaan:ocds_paket_record", paket.pk)
    (rec,) = record["records"]
    _valid_release(rec["compiledRelease"])
    for release in rec["releases"]:
        _valid_release(release)
    return releases, rec


def test_every_output_of_a_whole_direct_procurement_validates(client):
    paket = whole_langsung(penyedia=staffed_vendor("CV Langsung Data"))
    releases, rec = _all_valid(client, paket)
    assert [r["tag"][0] for r in releases["releases"]] == ["planning", "tender", "award", "contract"]
    tender, _ = whole_tender()  # the all-processes package holds tenders and direct ones alike
    everything = _get(client, "pengadaan:ocds_releases")
    _valid_package(everything)
    assert {r["tender"]["procurementMethod"] for r in everything["releases"]} == {"open", "direct"}
    compiled = rec["compiledRelease"]
    t = compiled["tender"]
    assert t["procurementMethod"] == "direct" and t["procurementMethodDetails"] == "Pengadaan Langsung"
    assert t["status"] == "complete" and t["numberOfTenderers"] == 1 and t["awardCriteria"] == "priceOnly"
    assert t["tenderers"] == [{"id": f"penyedia-{paket.langsung.penyedia_id}", "name": "CV Langsung Data"}]
    assert (
        t["value"]["amount"] == 170_000_000
        and compiled["planning"]["budget"]["amount"]["amount"] == 180_000_000
    )
    (award,) = compiled["awards"]
    assert award["status"] == "active" and award["value"]["amount"] == 160_000_000
    assert award["suppliers"][0]["name"] == "CV Langsung Data"
    (contract,) = compiled["contracts"]
    assert contract["title"] == "027/SPK/PL/2026" and contract["value"]["amount"] == 160_000_000
    assert contract["awardID"] == award["id"]
    assert compiled["bids"]["details"][0]["value"]["amount"] == 165_000_000
    roles = {p["name"]: p["roles"] for p in compiled["parties"]}
    assert roles["CV Langsung Data"] == ["tenderer", "supplier"]
    # The validator does refuse what the standard does not allow.
    releases["releases"][0]["tender"]["procurementMethod"] = "langsung"
    assert list(PACKAGE.iter_errors(releases))
    profile = paket.langsung.penyedia
    for name in ("pengadaan:ocds_paket_record", "pengadaan:ocds_paket_releases", "pengadaan:ocds_releases"):
        body = client.get(reverse(name, args=[paket.pk] if "paket" in name else [])).content.decode()
        for secret in (profile.user.name, profile.user.email, profile.npwp, profile.alamat, STAFF["phone"]):
            assert secret not in body


def test_releases_before_the_order_publish_no_vendor_or_price(client):
    paket = negotiated(offered(undangan(penyedia=staffed_vendor("CV Belum Dipesan")), harga=166_123_456))
    releases, rec = _all_valid(client, paket)
    body = client.get(reverse("pengadaan:ocds_paket_record", args=[paket.pk])).content.decode()
    assert "CV Belum Dipesan" not in body and "166123456" not in body
    assert rec["compiledRelease"]["tender"]["status"] == "active"
    assert "awards" not in rec["compiledRelease"] and "bids" not in rec["compiledRelease"]
    period = rec["compiledRelease"]["tender"]["tenderPeriod"]
    assert period["endDate"].startswith(str(paket.langsung.batas_penawaran.year))


def test_the_earlier_releases_stay_as_they_were_once_ordered(client):
    paket = negotiated(offered(undangan()))
    before = _get(client, "pengadaan:ocds_paket_releases", paket.pk)["releases"]
    from tests.factories.pengadaan_langsung import ordered

    ordered(paket)
    after = _get(client, "pengadaan:ocds_paket_releases", paket.pk)["releases"]
    assert after[: len(before)] == before and len(after) == len(before) + 2


def test_a_cancelled_direct_procurement_validates(client):
    paket = offered(undangan(kategori="jasa-konsultansi", pagu=90_000_000, hps=85_000_000), harga=80_000_000)
    langsung_cancel(paket=paket, actor=paket.langsung.pejabat, alasan="Kebutuhan ditiadakan.")
    releases, rec = _all_valid(client, paket)
    last = releases["releases"][-1]
    assert last["tag"] == ["tenderCancellation"] and last["tender"]["status"] == "cancelled"
    assert last["tender"]["additionalProcurementCategories"] == ["consultingServices"]
    assert "tenderers" not in last["tender"]


def _codes(paket):
    paket.refresh_from_db()
    return {f.definisi.code for f in paket_flags(paket=paket)}


def test_red_flags_do_not_misfire_on_a_direct_procurement():
    # One offer is the method's design, not a single bidder; the price near the HPS and the short
    # offer period are likewise how pengadaan langsung works.
    done = whole_langsung(hps=170_000_000)
    assert _codes(done) == set()
    for step in (undangan(), offered(undangan()), negotiated(offered(undangan()))):
        assert _codes(step) == set()
    # Repeated direct orders to one vendor are not counted as tender wins either.
    again = whole_langsung(penyedia=done.langsung.penyedia)
    assert "menang-berulang" not in _codes(again)


def test_the_single_bidder_flag_still_fires_on_a_tender():
    tender, _vendors = whole_tender(prices=(850_000_000,))
    assert "penawar-tunggal" in _codes(tender)
