"""The published information a visitor reads: the demo's regional profile, as a chart and a table."""

import pytest
from playwright.sync_api import expect

from portal.public.demo import informasi_demo_create
from tests.e2e.helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Profil daerah: penduduk per kecamatan"


def test_the_regional_profile_shows_its_chart_table_and_csv(citizen_page):
    informasi_demo_create()
    page = citizen_page
    page.goto("/informasi/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("note")).to_contain_text("bukan data resmi")
    chart = page.get_by_role("img", name=TITLE)
    expect(chart).to_be_visible()
    if page.viewport_size["width"] < 576:
        # On a phone the 19 kecamatan keep legible labels: the chart is drawn at least at its own
        # scale, scrolling sideways in its region (the audit checks the page itself does not).
        scale = chart.evaluate("svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width")
        assert scale >= 1, scale
    expect(page.get_by_role("rowheader", name="Tanggunggunung")).to_be_visible()
    expect(page.get_by_role("link", name="Unduh data (CSV)")).to_be_visible()
    screenshot(page, "profil-daerah")
