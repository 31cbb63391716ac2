import pytest
from playwright.sync_api import expect

from ktp.services import permohonan_submit
from portal.public.dashboard import dashboard_refresh
from portal.verification.models import IssuedDocument
from tests.e2e.helpers import screenshot
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tracking_the_qr_verify_page_then_the_transparency_dashboard(citizen_page):
    warga = UserFactory()
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    dashboard_refresh()
    page = citizen_page
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Lacak permohonan").click()
    page.get_by_label("Nomor pendaftaran").fill(p.reference)
    page.get_by_label("Tanggal lahir pemohon (untuk KTP-el)").fill("1990-05-11")
    page.get_by_role("button", name="Lacak").click()
    expect(page.get_by_role("alert")).to_contain_text("tidak ditemukan")
    page.get_by_label("Tanggal lahir pemohon (untuk KTP-el)").fill("1990-05-10")
    page.get_by_role("button", name="Lacak").click()
    expect(page.get_by_role("heading", name=p.reference)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(p.nik)
    screenshot(page, "lacak")

    # The QR code on the receipt leads here: genuine, with no personal data.
    receipt = IssuedDocument.objects.get(reference=p.reference)
    page.goto(receipt.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Verifikasi dokumen")
    screenshot(page, "verifikasi-qr")
    expect(page.locator("main")).to_contain_text(p.reference)
    expect(page.locator("main")).not_to_contain_text(p.nik)
    expect(page.locator("main")).not_to_contain_text(p.nama)
    assert page.goto("/verifikasi/token-yang-tidak-ada/").status == 404
    expect(page.locator("main")).not_to_contain_text(p.reference)

    page.goto("/transparansi/")
    expect(page.get_by_role("img", name="Permohonan diterima dan selesai per bulan")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Seluruh kabupaten")
    screenshot(page, "transparansi")
    page.get_by_label("Kecamatan", exact=True).select_option("Boyolangu")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("table")).to_contain_text("Boyolangu")
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh data (CSV)").click()
    assert "Boyolangu" in download.value.path().read_text(encoding="utf-8")
