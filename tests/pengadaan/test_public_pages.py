"""The public tender pages: anyone, signed in or not, follows a package from announcement to contract."""

import csv
import io

import pytest
from django.urls import reverse

from pengadaan.constants import Status, Tahap
from pengadaan.models import Kategori, Penyedia
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.pengadaan import bid, paket, vendor
from tests.pengadaan.journey import STAFF, whole_tender

pytestmark = pytest.mark.django_db


def _text(response):
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_anyone_follows_a_whole_tender_on_its_page(client):
    tender, vendors = whole_tender()
    body = _text(client.get(reverse("pengadaan:paket", args=[tender.pk])))
    for shown in (
        tender.instansi.name,
        "1.000.000.000",  # pagu
        "900.000.000",  # HPS
        "Libur daerah mendadak.",  # the amendment's reason
        "Dokumen pemilihan",
        "Apakah boleh subkontrak?",
        "Tidak boleh.",
        vendors[0].nama_usaha,
        "850.000.000",
        vendors[1].nama_usaha,
        "870.000.000",
        "Hasil evaluasi",
        "Harga pemenang tidak wajar.",
        "Harga wajar menurut HPS.",
        "Sanggah ditolak",
        "027/2/KONTRAK/2026",
        "027/1/SPPBJ/2026",
    ):
        assert shown in body, shown
    assert "Peserta terdaftar" in body
    # The published document downloads without an account.
    doc = tender.dokumen_set.first()
    response = client.get(reverse("pengadaan:dokumen", args=[tender.pk, doc.pk]))
    assert response.status_code == 200


def test_bidders_and_prices_stay_hidden_until_the_opening(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia = vendor(name="CV Belum Dibuka")
    bid(tender, penyedia, 812_345_678)
    body = _text(client.get(reverse("pengadaan:paket", args=[tender.pk])))
    assert "CV Belum Dibuka" not in body and "812.345.678" not in body
    # Not even how many sealed bids came in: the number of rivals is itself worth knowing to a bidder.
    assert "diumumkan saat pembukaan" in body and "1 penawaran" not in body
    listed = _text(client.get(reverse("pengadaan:index")))
    assert "disegel" in listed
    rows = list(csv.DictReader(io.StringIO(_text(client.get(reverse("pengadaan:index_csv"))))))
    assert [r["jumlah_penawaran"] for r in rows if r["kode_paket"] == tender.reference] == [""]
    rows = list(csv.reader(io.StringIO(_text(client.get(reverse("pengadaan:index_csv"))))))
    assert "CV Belum Dibuka" not in str(rows) and "812345678" not in str(rows)


def test_personal_data_of_vendor_staff_never_appears(client):
    tender, vendors = whole_tender()
    urls = [
        reverse("pengadaan:index"),
        reverse("pengadaan:index_csv"),
        reverse("pengadaan:paket", args=[tender.pk]),
    ]
    secrets = []
    for profile in Penyedia.objects.filter(pk__in=[v.pk for v in vendors]).select_related("user"):
        secrets += [profile.user.name, profile.user.email, profile.user.phone, profile.npwp, profile.alamat]
    assert any(STAFF["name"] in s for s in secrets)
    for url in urls:
        body = _text(client.get(url))
        for secret in secrets:
            assert secret not in body, (url, secret)
        assert STAFF["name"] not in body and "contoh.id" not in body


def test_filters_narrow_the_list_and_the_csv_follows_them(client):
    konstruksi = paket(now_in=Tahap.PENGUMUMAN, nama="Rehabilitasi Jembatan Ngantru")
    barang = paket(
        now_in=Tahap.PENGUMUMAN, nama="Pengadaan Laptop Sekolah", kategori=Kategori.objects.get(code="barang")
    )
    url = reverse("pengadaan:index")
    body = _text(client.get(url, {"q": "jembatan"}))
    assert konstruksi.reference in body and barang.reference not in body
    body = _text(client.get(url, {"kategori": barang.kategori_id}))
    assert barang.reference in body and konstruksi.reference not in body
    body = _text(client.get(url, {"status": Status.KONTRAK}))
    assert barang.reference not in body and konstruksi.reference not in body
    body = _text(
        client.get(url, {"tahun": 2026, "instansi": konstruksi.instansi_id, "metode": konstruksi.metode_id})
    )
    assert barang.reference in body and konstruksi.reference in body
    rows = list(
        csv.DictReader(io.StringIO(_text(client.get(reverse("pengadaan:index_csv"), {"q": "laptop"}))))
    )
    assert [r["kode_paket"] for r in rows] == [barang.reference]


def test_wrong_filter_values_are_ignored_with_a_message_not_an_error(client):
    paket(now_in=Tahap.PENGUMUMAN)
    response = client.get(
        reverse("pengadaan:index"), {"tahun": "dua ribu", "kategori": "999999", "page": "x"}
    )
    assert response.status_code == 200
    assert "Masukkan keseluruhan angka bilangan." in response.content.decode()


def test_the_list_pages_and_keeps_its_filters(client):
    for _ in range(26):
        paket(now_in=Tahap.PENGUMUMAN, nama="Paket Halaman")
    body = _text(client.get(reverse("pengadaan:index"), {"q": "halaman"}))
    assert "q=halaman&amp;page=2" in body


def test_csv_lists_the_winner_and_the_contract(client):
    tender, vendors = whole_tender()
    rows = list(csv.DictReader(io.StringIO(_text(client.get(reverse("pengadaan:index_csv"))))))
    row = next(r for r in rows if r["kode_paket"] == tender.reference)
    assert row["pemenang"] == vendors[0].nama_usaha and row["harga_pemenang"] == "850000000"
    assert row["nilai_kontrak"] == "850000000" and row["jumlah_penawaran"] == "2"


def test_package_page_is_light(client):
    tender, _vendors = whole_tender()
    response = client.get(reverse("pengadaan:paket", args=[tender.pk]))
    assert len(response.content) < 60 * 1024
    assert b"<script" not in response.content.split(b"</header>")[1]


def test_csv_text_that_a_spreadsheet_would_run_opens_as_text(client):
    evil = '=HYPERLINK("http://evil.example/","Klik")'
    tender, _vendors = whole_tender(vendors=[vendor(name=evil), vendor()], nama="@SUM(1+1) Rehabilitasi")
    rows = list(csv.DictReader(io.StringIO(_text(client.get(reverse("pengadaan:index_csv"))))))
    row = next(r for r in rows if r["kode_paket"] == tender.reference)
    assert row["pemenang"] == "'" + evil
    assert row["nama_paket"] == "'@SUM(1+1) Rehabilitasi"
    assert row["harga_pemenang"] == "850000000"


def test_csv_is_in_indonesian_whatever_the_visitors_language(client, settings):
    whole_tender()
    indonesian = _text(client.get(reverse("pengadaan:index_csv")))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _text(client.get(reverse("pengadaan:index_csv"))) == indonesian
    assert ",Kontrak ditandatangani," in indonesian


def _sanggah_section(body):
    start = body.index('<h2 class="h4">Sanggah</h2>')
    return body[start : body.index("<h2", start + 1)]


def test_a_sanggah_keeps_the_objectors_name_as_it_was_when_filed(client):
    from pengadaan.services import penyedia_register, penyedia_verify
    from tests.factories.pengadaan import ukpbj

    tender, vendors = whole_tender()  # vendors[1] objected under its verified name
    objector = vendors[1]
    filed_under = objector.nama_usaha
    fields = {n: getattr(objector, n) for n in ("bentuk_usaha", "npwp", "nib", "kbli", "alamat")}
    changed = penyedia_register(user=objector.user, nama_usaha="CV Nama Sesudah Sanggah", **fields)
    url = reverse("pengadaan:paket", args=[tender.pk])
    assert "CV Nama Sesudah Sanggah" not in _text(client.get(url))  # waiting for verification
    penyedia_verify(penyedia=changed, actor=ukpbj(), approve=True)
    section = _sanggah_section(_text(client.get(url)))
    assert filed_under in section and "CV Nama Sesudah Sanggah" not in section


def test_a_sanggah_filed_while_a_name_change_waits_keeps_the_name_it_bid_under():
    import datetime

    from django.utils import timezone

    from pengadaan.models import Paket
    from pengadaan.services import penyedia_register, sanggah_file
    from tests.factories.pengadaan import decided, evaluated, opened

    tender = paket(now_in=Tahap.PENAWARAN)
    first, second = vendor(name="CV Sanggah Lama"), vendor()
    bid(tender, first, 880_000_000)
    bid(tender, second, 850_000_000)
    decided(evaluated(opened(tender)))
    Paket.objects.filter(pk=tender.pk).update(sanggah_selesai=timezone.now() + datetime.timedelta(days=1))
    tender.refresh_from_db()
    fields = {n: getattr(first, n) for n in ("bentuk_usaha", "npwp", "nib", "kbli", "alamat")}
    pending = penyedia_register(user=first.user, nama_usaha="CV Belum Diverifikasi", **fields)
    filed = sanggah_file(paket=tender, penyedia=pending, alasan="Evaluasi teknis keliru.")
    assert filed.nama_penyedia == "CV Sanggah Lama"


def test_the_migration_names_earlier_sanggah_by_the_profiles_present_name():
    import importlib

    from django.apps import apps

    from pengadaan.models import Sanggah

    tender, vendors = whole_tender()
    Sanggah.objects.filter(paket=tender).update(nama_penyedia="")
    importlib.import_module("pengadaan.migrations.0006_sanggah_nama_penyedia").fill(apps, None)
    assert list(Sanggah.objects.filter(paket=tender).values_list("nama_penyedia", flat=True)) == [
        vendors[1].nama_usaha
    ]


def test_the_opening_record_and_result_name_bidders_as_they_bid(client):
    import io

    from pypdf import PdfReader

    from pengadaan.services import penyedia_register

    tender, vendors = whole_tender()
    bid_under = vendors[0].nama_usaha
    fields = {n: getattr(vendors[0], n) for n in ("bentuk_usaha", "npwp", "nib", "kbli", "alamat")}
    penyedia_register(user=vendors[0].user, nama_usaha="PT Nama Belum Diverifikasi", **fields)
    # Made on first request here, as when the task after the opening or the award never ran.
    for name in ("pengadaan:berita_acara", "pengadaan:hasil"):
        response = client.get(reverse(name, args=[tender.pk]))
        pdf = b"".join(response.streaming_content) if response.streaming else response.content
        text = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
        assert bid_under in text and "Belum Diverifikasi" not in text, name


def test_the_verification_page_names_the_tenders_documents_for_what_they_are(client):
    import importlib

    from django.apps import apps

    from pengadaan.models import Penawaran
    from pengadaan.receipts import bahp_generate, pembukaan_record_generate, penawaran_receipt_generate
    from portal.verification.models import IssuedDocument

    tender, _vendors = whole_tender()
    documents = [
        penawaran_receipt_generate(penawaran_id=Penawaran.objects.filter(paket=tender).first().pk),
        pembukaan_record_generate(paket_id=tender.pk),
        bahp_generate(paket_id=tender.pk),
    ]
    expected = ["Bukti penerimaan penawaran", "Berita acara", "Berita acara"]
    for document, label in zip(documents, expected, strict=True):
        page = client.get(reverse("verification:verify", args=[document.token])).content.decode()
        assert label in page and "Bukti pendaftaran" not in page and "Naskah dinas" not in page
    # Those issued before were filed under other services' kinds; the migration moves them.
    IssuedDocument.objects.filter(pk=documents[0].pk).update(kind="bukti_pendaftaran")
    IssuedDocument.objects.filter(pk__in=[d.pk for d in documents[1:]]).update(kind="naskah_dinas")
    importlib.import_module("pengadaan.migrations.0007_issued_documents_tender_kinds").kinds_set(apps, None)
    kinds = list(
        IssuedDocument.objects.filter(pk__in=[d.pk for d in documents])
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["bukti_penerimaan", "berita_acara", "berita_acara"]


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (None, False),
        (Role.WARGA, False),
        (Role.PENYEDIA, False),
        (Role.PETUGAS_KECAMATAN, False),
        (Role.POKJA_PEMILIHAN, True),
        (Role.PPK, True),
        (Role.PEJABAT_PENGADAAN, True),
        (Role.ADMIN_UKPBJ, True),
    ],
)
def test_the_list_links_the_officers_desk_only_to_who_may_open_it(client, role, shown):
    if role is not None:
        kecamatan = "35.04.02" if role == Role.PETUGAS_KECAMATAN else None
        client.force_login(UserFactory(role=role, role__kecamatan=kecamatan))
    desk = reverse("pengadaan:kelola")
    assert (f'href="{desk}"' in _text(client.get(reverse("pengadaan:index")))) is shown
    assert (client.get(desk).status_code == 200) is shown
