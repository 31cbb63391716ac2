"""The transparency page's procurement section on a 360 px phone without JavaScript, checked by axe."""

import pytest
from playwright.sync_api import expect

from portal.public.dashboard import dashboard_refresh
from portal.wilayah.models import Instansi
from tests.e2e.helpers import screenshot
from tests.pengadaan.journey import whole_tender

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_procurement_figures_on_a_phone_with_the_year_filter_and_csv(open_page):
    whole_tender()
    whole_tender(prices=(850_000_000,), instansi=Instansi.objects.get(code="DPMPTSP"), tahun_anggaran=2025)
    dashboard_refresh()
    page = open_page(js=False, phone=True)
    page.goto("/transparansi/#pengadaan")
    section = page.locator("#pengadaan")
    expect(section.get_by_role("heading", name="Pengadaan barang/jasa")).to_be_visible()
    figures = section.get_by_role("table", name="Paket pengadaan per instansi, tahun anggaran 2026")
    expect(figures).to_contain_text("Bagian Umum Sekretariat Daerah")
    expect(figures).to_contain_text("Seluruh kabupaten")
    expect(section).to_contain_text("bukan tuduhan")
    screenshot(page, "transparansi-pengadaan")
    section.get_by_label("Tahun anggaran").select_option("2025")
    section.get_by_role("button", name="Tampilkan").click()
    expect(
        section.get_by_role("table", name="Paket pengadaan per instansi, tahun anggaran 2025")
    ).to_contain_text("Dinas Penanaman Modal")
    with page.expect_download() as download:
        section.get_by_role("link", name="Unduh data pengadaan (CSV)").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith("tahun_anggaran,instansi,") and "2025,Dinas Penanaman Modal" in text
