"""The procurement section of the transparency page: its figures, its table, its CSV and its year."""

import csv
import datetime
import gzip
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from pengadaan.constants import Tahap
from pengadaan.dashboard import FIGURES, pengadaan_dashboard_compute
from pengadaan.redflags import DEFINITIONS
from pengadaan.services import konflik_declare, paket_fail, paket_retender
from portal.public import dashboard
from portal.public.dashboard import dashboard_refresh
from portal.wilayah.models import Instansi
from tests.factories.pengadaan import bid, members, opened, paket, ukpbj, vendor
from tests.factories.pengadaan_langsung import whole_langsung
from tests.pengadaan.journey import whole_tender

pytestmark = pytest.mark.django_db
CSV_URL = reverse("public:transparency_section_csv", args=["pengadaan"])
PAGE_URL = reverse("public:transparency")
UMUM, DPMPTSP = "Bagian Umum Sekretariat Daerah Kabupaten Tulungagung", "DPMPTSP"


@pytest.fixture
def world():
    """
    Bagian Umum, 2026: a contracted tender (2 bids); an ordered direct procurement; a tender
    that failed after its 3 bids were opened, and its re-tender; a tender whose 2 bids are still
    sealed. DPMPTSP, 2026: a contracted tender with a single bid. Bagian Umum, 2025: a sealed bid.
    """
    cache.clear()
    dpmptsp = Instansi.objects.get(code="DPMPTSP")
    whole_tender()
    whole_langsung()  # pagu 180 jt, ordered for 160 jt: its method's procurementMethod is "direct"
    failed = paket(mulai=timezone.now() - datetime.timedelta(days=60))
    for price in (800_000_000, 810_000_000, 820_000_000):
        bid(failed, vendor(), price)
    failed = opened(failed)
    konflik_declare(paket=failed, actor=members(failed)[0], ada_konflik=False)
    failed = paket_fail(paket=failed, actor=members(failed)[0], alasan="Semua penawaran tidak lulus.")
    paket_retender(paket=failed, actor=ukpbj(), mulai=timezone.now())
    sealed = paket(now_in=Tahap.PENAWARAN)
    bid(sealed, vendor(), 850_000_000)
    bid(sealed, vendor(), 860_000_000)
    whole_tender(prices=(850_000_000,), instansi=dpmptsp)
    last_year = paket(now_in=Tahap.PENAWARAN, tahun_anggaran=2025)
    bid(last_year, vendor(), 850_000_000)
    dashboard_refresh()
    yield
    cache.clear()


def _by_name(rows, year):
    return {(r["instansi"] or "regency"): r for r in rows if r["tahun"] == year}


def test_figures_per_agency_and_for_the_regency(world):
    rows = pengadaan_dashboard_compute()
    assert [r["tahun"] for r in rows] == [2026, 2026, 2026, 2025, 2025]  # newest first, regency last
    y2026 = _by_name(rows, 2026)
    umum = y2026[UMUM]
    assert (umum["jumlah_paket"], umum["paket_gagal"], umum["jumlah_kontrak"]) == (5, 1, 2)
    # The failed package's pagu is counted once, in its re-tender.
    assert umum["total_pagu"] == 3_180_000_000 and umum["nilai_kontrak"] == 1_010_000_000
    # 4 of 5 competitive: the direct procurement is not.
    assert (umum["paket_kompetitif"], umum["persen_kompetitif"]) == (4, 80.0)
    # Opened competitive tenders: the contracted one (2 bids) and the failed one (3); the sealed
    # bids are not counted.
    assert (umum["tender_dibuka"], umum["jumlah_penawaran"], umum["rata_rata_penawar"]) == (2, 5, 2.5)
    assert umum["tanda"]["masa-penawaran-pendek"] == 1 and umum["tanda"]["penawar-tunggal"] == 0
    other = next(r for name, r in y2026.items() if name.startswith("Dinas Penanaman Modal"))
    assert (other["jumlah_paket"], other["rata_rata_penawar"], other["persen_kompetitif"]) == (1, 1.0, 100.0)
    assert other["tanda"]["penawar-tunggal"] == 1
    regency = y2026["regency"]
    assert regency["instansi_id"] is None
    assert (regency["jumlah_paket"], regency["total_pagu"], regency["nilai_kontrak"]) == (
        6,
        4_180_000_000,
        1_860_000_000,
    )
    assert (regency["persen_kompetitif"], regency["tender_dibuka"], regency["rata_rata_penawar"]) == (
        83.3,
        3,
        2.0,
    )
    assert regency["tanda"] == {
        **dict.fromkeys(regency["tanda"], 0),
        "masa-penawaran-pendek": 1,
        "penawar-tunggal": 1,
    }
    # A year whose only bid is still sealed: no count of it anywhere, no average.
    sealed_year = _by_name(rows, 2025)["regency"]
    assert (sealed_year["jumlah_penawaran"], sealed_year["tender_dibuka"]) == (0, 0)
    assert sealed_year["rata_rata_penawar"] is None


def _section(html):
    return html[html.index('id="pengadaan"') :]


def _cells(html, caption):
    """Return the rows (header cell and data cells) of the section's table with this caption."""
    table = re.search(rf"<caption>{caption}.*?</table>", html, re.S).group(0)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    ]


def test_the_page_shows_the_latest_year_with_links_and_the_csv_matches(client, world):
    response = client.get(PAGE_URL)
    assert response.status_code == 200
    html = _section(response.content.decode())
    assert "Pengadaan barang/jasa" in html and "bukan tuduhan" in html and "<script" not in html
    figures = _cells(html, "Paket pengadaan per instansi, tahun anggaran 2026")
    assert figures[0][:3] == [UMUM, "5", "1"] and figures[-1][:2] == ["Seluruh kabupaten", "6"]
    # In millions on the page, to fit a phone: 4.180 juta and 1.860 juta.
    assert figures[-1][3:] == ["4.180", "1.860", "83,3 %", "2,0"]
    flags = _cells(html, "Tanda bahaya per instansi")
    assert flags[0] == [UMUM, "Masa penawaran pendek: 1"]
    assert flags[-1] == ["Seluruh kabupaten", "Penawar tunggal: 1 · Masa penawaran pendek: 1"]
    umum = Instansi.objects.get(code="BAGIAN-UMUM")
    assert f'href="{reverse("pengadaan:tanda_instansi", args=[umum.pk])}?tahun=2026"' in html
    assert f'href="{reverse("pengadaan:tanda_definisi")}#penawar-tunggal"' in html
    assert f'href="{reverse("pengadaan:index")}?tahun=2026"' in html
    assert 'scope="col"' in html and '<div class="table-responsive">' in html

    download = client.get(CSV_URL)
    assert download.status_code == 200 and download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="pengadaan.csv"'
    data = list(csv.DictReader(io.StringIO(download.content.decode())))
    assert [r["instansi"] for r in data][-1] == "Seluruh kabupaten" and len(data) == 3
    total = data[-1]
    assert (total["tahun_anggaran"], total["jumlah_paket"], total["total_pagu"]) == (
        "2026",
        "6",
        "4180000000",
    )
    assert (total["persen_kompetitif"], total["rata_rata_penawar"]) == ("83.3", "2.0")
    assert total["tanda_penawar-tunggal"] == "1" and total["tanda_masa-penawaran-pendek"] == "1"


def test_the_year_filter_applies_to_page_and_csv(client, world):
    page = client.get(PAGE_URL, {"tahun": "2025", "kecamatan": "semua"}).content.decode()
    # The service filters keep the year, and the year's filter keeps theirs.
    assert '<input type="hidden" name="tahun" value="2025">' in page[: page.index('id="pengadaan"')]
    html = _section(page)
    figures = _cells(html, "Paket pengadaan per instansi, tahun anggaran 2025")
    assert figures[-1][:2] == ["Seluruh kabupaten", "1"] and figures[-1][-1] == "–"
    assert '<option value="2025" selected>' in html
    assert '<input type="hidden" name="kecamatan" value="semua">' in html  # the other filters stay
    assert f'href="{CSV_URL}?tahun=2025"' in html
    data = list(csv.DictReader(io.StringIO(client.get(CSV_URL, {"tahun": "2025"}).content.decode())))
    assert {r["tahun_anggaran"] for r in data} == {"2025"} and data[-1]["jumlah_penawaran"] == "0"
    assert data[-1]["rata_rata_penawar"] == ""


@pytest.mark.parametrize("year", ["1999", "abc", "2026'--", "x" * 300, "", "2026.0", "%00"])
def test_wrong_years_show_nothing_and_never_fail(client, year):
    whole_tender(sanggah=False, amend=False)
    dashboard_refresh()
    response = client.get(PAGE_URL, {"tahun": year})
    assert response.status_code == 200
    if year:
        assert "Belum ada data." in _section(response.content.decode())
    download = client.get(CSV_URL, {"tahun": year})
    assert download.status_code == 200
    assert len(download.content.decode().splitlines()) == (3 if not year else 1)


def test_the_page_and_csv_answer_from_the_saved_snapshot_with_the_cache_down(client, world, settings):
    cache.clear()
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    response = client.get(PAGE_URL)
    assert response.status_code == 200 and "Seluruh kabupaten" in _section(response.content.decode())
    download = client.get(CSV_URL)
    assert download.status_code == 200 and "4180000000" in download.content.decode()


def test_before_the_first_refresh_the_section_waits_for_one(client, monkeypatch):
    from portal.public import tasks

    dashboard_refresh()
    name, key = dashboard._section_names("pengadaan")
    dashboard.DashboardSnapshot.objects.filter(name=name).delete()
    cache.delete_many([key, dashboard.REFRESH_LOCK])
    queued = []
    monkeypatch.setattr(tasks.dashboard_refresh_task, "delay", lambda: queued.append(1))
    html = _section(client.get(PAGE_URL).content.decode())
    assert "Angka pengadaan sedang dihitung" in html
    assert client.get(CSV_URL).status_code == 503
    assert queued == [1]


def test_an_unknown_section_is_not_found(client):
    assert client.get(reverse("public:transparency_section_csv", args=["tidak-ada"])).status_code == 404


def test_sixty_agencies_raising_every_flag_keep_the_first_load_under_60_kb(client, settings):
    """The page, gzipped as nginx sends it, with its stylesheets: at most 60 KB on a first load."""
    dashboard_refresh()
    name = "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Tulungagung"
    figures = dict.fromkeys(FIGURES, 123_456_789_012)
    rates = {"persen_kompetitif": 81.3, "rata_rata_penawar": 4.4, "tanda": {d.code: 12 for d in DEFINITIONS}}
    agencies = [Instansi.objects.create(code=f"UJI-{i}", name=f"{name} {i}") for i in range(60)]
    rows = [{"tahun": 2026, "instansi_id": a.pk, "instansi": a.name, **figures, **rates} for a in agencies]
    rows.append({**rows[-1], "instansi_id": None, "instansi": ""})
    snapshot_name, _key = dashboard._section_names("pengadaan")
    dashboard.DashboardSnapshot.objects.filter(name=snapshot_name).update(rows=rows)
    cache.clear()
    body = client.get(PAGE_URL).content
    assert body.count(b'<th scope="row">') == 2 * 61
    static = settings.BASE_DIR / "static"
    stylesheets = [static / "vendor" / "bootstrap" / "bootstrap.min.css", static / "css" / "portal.css"]
    weight = sum(
        len(gzip.compress(b, compresslevel=6)) for b in [body, *(p.read_bytes() for p in stylesheets)]
    )
    assert weight <= 60 * 1024, weight


def test_without_packages_the_section_only_says_so(client):
    dashboard_refresh()
    html = client.get(PAGE_URL).content.decode()
    assert "Belum ada paket pengadaan." in _section(html) and html.count("<table") == 1
    assert client.get(CSV_URL).content.decode().count("\n") == 1  # the header alone


def test_counting_flags_reads_no_direct_procurement():
    """Direct procurements, the many small ones, cost the flag count nothing: no flag reads them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pengadaan.dashboard import _flag_counts

    whole_tender()
    whole_langsung()
    with CaptureQueriesContext(connection) as one:
        counted = _flag_counts()
    for _ in range(3):
        whole_langsung()
    with CaptureQueriesContext(connection) as four:
        assert _flag_counts() == counted
    assert len(four) == len(one)
