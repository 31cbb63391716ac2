"""Open contracting data: every output of a whole tender validates against the shipped OCDS schema."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from referencing import Registry, Resource

import pengadaan
from pengadaan.constants import Tahap
from pengadaan.models import Kategori
from pengadaan.services import jadwal_amend, paket_fail, paket_join, pertanyaan_answer, pertanyaan_ask
from tests.factories.pengadaan import bid, clock, members, paket, stage, vendor
from tests.pengadaan.journey import STAFF, whole_tender

pytestmark = pytest.mark.django_db

SCHEMA = Path(pengadaan.__file__).parent / "ocds" / "schema"


def _load(name):
    return json.loads((SCHEMA / name).read_text())


def _package_validator():
    release = _load("release-schema.json")
    registry = Registry().with_resource(release["id"], Resource.from_contents(release))
    return jsonschema.Draft4Validator(
        _load("release-package-schema.json"), registry=registry, format_checker=jsonschema.FormatChecker()
    )


PACKAGE = _package_validator()
RELEASE = jsonschema.Draft4Validator(
    _load("dereferenced-release-schema.json"), format_checker=jsonschema.FormatChecker()
)


def _valid_package(data):
    errors = sorted(PACKAGE.iter_errors(data), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def _valid_release(data):
    errors = sorted(RELEASE.iter_errors(data), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def _get(client, name, *args, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_every_output_of_a_whole_tender_validates(client):
    tender, vendors = whole_tender()
    releases = _get(client, "pengadaan:ocds_paket_releases", tender.pk)
    _valid_package(releases)
    tags = [r["tag"][0] for r in releases["releases"]]
    assert tags[:2] == ["planning", "tender"]
    for tag in ("tenderAmendment", "tenderUpdate", "award", "contract"):
        assert tag in tags
    record = _get(client, "pengadaan:ocds_paket_record", tender.pk)
    (rec,) = record["records"]
    _valid_release(rec["compiledRelease"])
    for release in rec["releases"]:
        _valid_release(release)
    everything = _get(client, "pengadaan:ocds_releases")
    _valid_package(everything)
    # The validator does refuse what the standard does not allow.
    releases["releases"][0]["tender"]["procurementMethod"] = "terbuka"
    assert list(PACKAGE.iter_errors(releases))


def test_compiled_release_tells_the_whole_story(client):
    tender, vendors = whole_tender()
    rec = _get(client, "pengadaan:ocds_paket_record", tender.pk)["records"][0]
    compiled = rec["compiledRelease"]
    assert rec["ocid"] == compiled["ocid"] == f"ocds-xxxxxx-tulungagung-{tender.pk}"
    t = compiled["tender"]
    assert t["procurementMethod"] == "open" and t["procurementMethodDetails"] == "Tender"
    assert t["mainProcurementCategory"] == "works" and t["value"] == {
        "amount": 900_000_000,
        "currency": "IDR",
    }
    assert t["numberOfTenderers"] == 2 and t["status"] == "complete"
    assert t["amendments"][0]["rationale"] == "Libur daerah mendadak."
    assert compiled["planning"]["budget"]["amount"]["amount"] == 1_000_000_000
    (award,) = compiled["awards"]
    assert award["status"] == "active" and award["value"]["amount"] == 850_000_000
    assert award["suppliers"][0]["name"] == vendors[0].nama_usaha
    assert compiled["contracts"][0]["value"]["amount"] == 850_000_000
    prices = sorted(b["value"]["amount"] for b in compiled["bids"]["details"])
    assert prices == [850_000_000, 870_000_000]


def test_releases_are_immutable_snapshots_of_their_moment(client):
    tender, _vendors = whole_tender()
    releases = _get(client, "pengadaan:ocds_paket_releases", tender.pk)["releases"]
    first_tender = next(r for r in releases if r["tag"] == ["tender"])
    # At the announcement nobody had bid, nothing was amended, nothing awarded.
    assert "tenderers" not in first_tender["tender"] and "awards" not in first_tender
    assert "amendments" not in first_tender["tender"]
    award = next(r for r in releases if r["tag"] == ["award"])
    assert award["awards"][0]["status"] == "pending" and "contracts" not in award
    again = _get(client, "pengadaan:ocds_paket_releases", tender.pk)["releases"]
    assert again == releases


def test_no_bidder_or_price_before_the_opening_and_no_staff_data_ever(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    bid(tender, vendor(name="CV Masih Tersegel"), 812_345_678)
    body = client.get(reverse("pengadaan:ocds_paket_record", args=[tender.pk])).content.decode()
    assert "CV Masih Tersegel" not in body and "812345678" not in body
    done, vendors = whole_tender()
    for name in ("pengadaan:ocds_paket_record", "pengadaan:ocds_paket_releases"):
        body = client.get(reverse(name, args=[done.pk])).content.decode()
        for profile in vendors:
            profile.user.refresh_from_db()
            for secret in (
                profile.user.name,
                profile.user.email,
                profile.user.phone,
                profile.npwp,
                profile.alamat,
            ):
                assert secret not in body
        assert STAFF["name"] not in body


def test_a_failed_tender_and_consulting_services_validate(client):
    consult = paket(
        now_in=Tahap.PENGUMUMAN,
        kategori=Kategori.objects.get(code="jasa-konsultansi"),
        metode="seleksi",
        kbli_syarat="",
    )
    paket_fail(paket=consult, actor=members(consult)[0], alasan="Dokumen pemilihan keliru.")
    data = _get(client, "pengadaan:ocds_paket_releases", consult.pk)
    _valid_package(data)
    last = data["releases"][-1]
    assert last["tag"] == ["tenderCancellation"] and last["tender"]["status"] == "unsuccessful"
    assert last["tender"]["procurementMethod"] == "selective"
    assert last["tender"]["additionalProcurementCategories"] == ["consultingServices"]


@override_settings(OCDS_OCID_PREFIX="ocds-abc123")
def test_the_ocid_prefix_is_a_setting(client):
    tender = paket(now_in=Tahap.PENGUMUMAN)
    data = _get(client, "pengadaan:ocds_paket_releases", tender.pk)
    assert {r["ocid"] for r in data["releases"]} == {f"ocds-abc123-{tender.pk}"}


def test_all_processes_page_and_since(client):
    old = paket(now_in=Tahap.PENGUMUMAN)
    from pengadaan.models import DokumenPaket, Paket

    # Registered, with its dokumen pemilihan, long ago.
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Paket.objects.filter(pk=old.pk).update(created_at=long_ago)
    DokumenPaket.objects.filter(paket=old).update(uploaded_at=long_ago)
    for _ in range(21):
        paket(now_in=Tahap.PENGUMUMAN)
    first = _get(client, "pengadaan:ocds_releases")
    _valid_package(first)
    assert "next" in first["links"] and "prev" not in first["links"]
    second = _get(client, "pengadaan:ocds_releases", page=2)
    _valid_package(second)
    assert "prev" in second["links"]
    since = (timezone.now() - datetime.timedelta(days=30)).isoformat()
    recent = _get(client, "pengadaan:ocds_releases", since=since)
    assert all(r["date"] >= since[:10] for r in recent["releases"])
    assert not any(r["ocid"].endswith(f"-{old.pk}") for r in recent["releases"])
    unencoded = client.get(reverse("pengadaan:ocds_releases") + "?since=" + since.replace("+", "%20"))
    assert unencoded.status_code == 200 and unencoded.json()["releases"] == recent["releases"]
    bad = client.get(reverse("pengadaan:ocds_releases"), {"since": "kemarin"})
    assert bad.status_code == 400 and "ISO 8601" in bad.json()["detail"]
    assert client.get(reverse("pengadaan:ocds_releases"), {"page": "99"}).status_code == 404


def test_a_newly_announced_tender_publishes_its_bidding_document(client):
    # As registered: the dokumen pemilihan is stored just after the package row.
    tender = paket(now_in=Tahap.PENGUMUMAN)
    rec = _get(client, "pengadaan:ocds_paket_record", tender.pk)["records"][0]
    (document,) = rec["compiledRelease"]["tender"]["documents"]
    assert document["documentType"] == "biddingDocuments"
    announcement = next(r for r in rec["releases"] if r["tag"] == ["tender"])
    assert [d["id"] for d in announcement["tender"]["documents"]] == [document["id"]]
    assert announcement["date"] >= document["datePublished"]
    _valid_release(rec["compiledRelease"])


def test_open_data_is_in_indonesian_whatever_the_visitors_language(client, settings):
    tender, _vendors = whole_tender()
    indonesian = _get(client, "pengadaan:ocds_paket_record", tender.pk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_visitor = _get(client, "pengadaan:ocds_paket_record", tender.pk)
    assert english_visitor == indonesian
    body = json.dumps(english_visitor, ensure_ascii=False)
    assert "Dokumen pemilihan" in body and "Penyampaian penawaran" in body
    assert "Bidding document" not in body and "Bid submission" not in body
    releases = _get(client, "pengadaan:ocds_paket_releases", tender.pk)["releases"]
    assert releases == indonesian["records"][0]["releases"]


def test_a_vendors_later_profile_change_never_rewrites_its_published_bids_and_award(client):
    from pengadaan.services import penyedia_register

    tender, vendors = whole_tender()
    winner = vendors[0]
    verified_name = winner.nama_usaha
    fields = {n: getattr(winner, n) for n in ("bentuk_usaha", "npwp", "nib", "kbli", "alamat")}
    # Waits for verification; published nowhere meanwhile, and past bids keep the name they were made under.
    penyedia_register(user=winner.user, nama_usaha="PT Nama Belum Diverifikasi", **fields)
    for name in ("pengadaan:ocds_paket_record", "pengadaan:ocds_paket_releases"):
        body = client.get(reverse(name, args=[tender.pk])).content.decode()
        assert "PT Nama Belum Diverifikasi" not in body and verified_name in body
    compiled = _get(client, "pengadaan:ocds_paket_record", tender.pk)["records"][0]["compiledRelease"]
    assert compiled["awards"][0]["suppliers"] == [{"id": f"penyedia-{winner.pk}", "name": verified_name}]
    for path in (reverse("pengadaan:index_csv"), reverse("pengadaan:paket", args=[tender.pk])):
        body = client.get(path).content.decode()
        assert "PT Nama Belum Diverifikasi" not in body and verified_name in body


@pytest.mark.parametrize("since", ["0001-01-01", "0001-01-01T00:00:00+07:00", "9999-12-31T23:00:00-07:00"])
def test_since_at_the_ends_of_the_calendar_is_an_answer_not_an_error(client, since):
    tender = paket(now_in=Tahap.PENGUMUMAN)
    response = client.get(reverse("pengadaan:ocds_releases"), {"since": since})
    if since.startswith("0001"):  # before everything: every release
        assert response.status_code == 200
        assert any(r["ocid"].endswith(f"-{tender.pk}") for r in response.json()["releases"])
    else:  # after everything: none
        assert (
            response.status_code == 404 and response.json()["detail"] == "Tidak ada rilis pada halaman ini."
        )


def test_bids_are_pending_until_the_award_then_valid_or_disqualified(client):
    prices = (850_000_000, 870_000_000, 950_000_000)  # the last above the HPS of 900 million
    tender, _vendors = whole_tender(prices=prices, sanggah=False)
    releases = _get(client, "pengadaan:ocds_paket_releases", tender.pk)["releases"]
    at_opening = next(r for r in releases if "bids" in r)
    assert {b["status"] for b in at_opening["bids"]["details"]} == {"pending"}
    award = next(r for r in releases if r["tag"] == ["award"])
    found = {b["value"]["amount"]: b["status"] for b in award["bids"]["details"]}
    assert found == {850_000_000: "valid", 870_000_000: "valid", 950_000_000: "disqualified"}
    _valid_release(award)


def test_a_question_answered_after_an_amendment_leaves_the_amendment_release_as_it_was(client):
    tender = paket(now_in=Tahap.AANWIJZING)
    penyedia, pokja = vendor(), members(tender)
    paket_join(paket=tender, penyedia=penyedia)
    question = pertanyaan_ask(paket=tender, penyedia=penyedia, pertanyaan="Apakah boleh subkontrak?")

    def amendment():
        releases = _get(client, "pengadaan:ocds_paket_releases", tender.pk)["releases"]
        return next(r for r in releases if r["tag"] == ["tenderAmendment"])

    old = stage(tender, Tahap.PENAWARAN)
    with clock(timezone.now() + datetime.timedelta(minutes=1)):
        jadwal_amend(
            paket=tender,
            tahap=Tahap.PENAWARAN,
            actor=pokja[0],
            mulai=old.mulai + datetime.timedelta(hours=2),
            selesai=old.selesai,
            alasan="Libur daerah mendadak.",
        )
    published = amendment()
    assert published["tender"]["hasEnquiries"] is False  # asked, but not answered by then
    with clock(timezone.now() + datetime.timedelta(minutes=2)):
        pertanyaan_answer(pertanyaan=question, actor=pokja[0], jawaban="Tidak boleh.")
    assert amendment() == published


def test_a_harvest_since_a_moment_is_not_cut_short_by_changes_that_make_no_release(client):
    from pengadaan.models import DokumenPaket, Paket
    from tests.factories.pengadaan_langsung import offered, undangan

    invited = [undangan() for _ in range(21)]  # more than a page of processes
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Paket.objects.filter(pk__in=[p.pk for p in invited]).update(created_at=long_ago)
    DokumenPaket.objects.filter(paket__in=invited).update(uploaded_at=long_ago)
    since = timezone.now()
    for invitation in invited:
        offered(invitation)  # a status change, but no release: offers stay private until the order
    new = paket(now_in=Tahap.PENGUMUMAN)
    first = _get(client, "pengadaan:ocds_releases", since=since.isoformat())
    _valid_package(first)
    assert {r["ocid"] for r in first["releases"]} == {f"ocds-xxxxxx-tulungagung-{new.pk}"}
