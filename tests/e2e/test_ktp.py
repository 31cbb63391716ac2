import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ktp.constants import Status
from ktp.models import KTP, PermohonanKTP
from portal.accounts.roles import Role
from tests.e2e.helpers import staff_log_in
from tests.factories import UserFactory
from tests.factories.ktp import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_up(page, email):
    page.goto("/akun/signup/")
    page.get_by_label("Nama lengkap").fill("Siti Aminah")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password1").fill("Kopi-Tubruk-Ngunut-7")
    page.locator("#id_password2").fill("Kopi-Tubruk-Ngunut-7")
    page.get_by_role("button", name="Daftar").click()
    link = re.search(r"https?://\S+/akun/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_role("button", name="Konfirmasi").click()


def _file_ktp_baru(page, tmp_path):
    """Go through the five steps of a new KTP-el application and submit it."""
    page.goto("/ktp/")
    page.get_by_role("link", name="Ajukan permohonan").first.click()
    page.get_by_label("KTP-el baru").check()
    page.get_by_role("button", name="Lanjut").click()

    page.get_by_label("NIK").fill("3504025005900001")
    page.get_by_label("Nomor KK").fill("3504021203150002")
    page.get_by_role("button", name="Simpan dan lanjut").click()

    page.get_by_label("Nama", exact=False).first.fill("Siti Aminah")
    page.get_by_label("Tempat lahir").fill("Tulungagung")
    page.get_by_label("Tanggal lahir").fill("1990-05-10")
    page.get_by_label("Perempuan").check()
    page.get_by_label("Golongan darah").select_option("O")
    page.get_by_label("Agama/kepercayaan").select_option("islam")
    page.get_by_label("Status perkawinan").select_option("kawin")
    page.get_by_label("Pekerjaan").select_option(label="Wiraswasta")
    page.get_by_label("Alamat").fill("Jl. Mayor Sujadi 12")
    page.get_by_label("RT").fill("2")
    page.get_by_label("RW").fill("3")
    page.get_by_label("Desa/kelurahan").select_option(label="Desa Boyolangu")
    page.get_by_label("Kecamatan tempat layanan").select_option(label="Boyolangu")
    page.get_by_role("button", name="Simpan dan lanjut").click()

    kk = tmp_path / "kk.pdf"
    kk.write_bytes(PDF)
    page.get_by_label("Kartu Keluarga (KK)").set_input_files(str(kk))
    page.get_by_role("button", name="Simpan dan lanjut").click()

    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Simpan dan lanjut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa jawaban Anda")
    page.get_by_role("button", name="Ajukan permohonan").click()


def test_citizen_from_sign_up_to_confirmation_then_officer_to_selesai(
    no_js_page, browser, live_server, tmp_path
):
    page = no_js_page
    _sign_up(page, "siti@contoh.id")

    _file_ktp_baru(page, tmp_path)

    expect(page.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")
    permohonan = PermohonanKTP.objects.get()
    expect(page.get_by_text(permohonan.reference)).to_be_visible()

    UserFactory(email="petugas@contoh.id", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    officer = browser.new_context(base_url=live_server.url).new_page()
    staff_log_in(officer, "petugas@contoh.id")
    officer.goto("/admin/ktp/permohonanktp/")
    officer.get_by_role("link", name=permohonan.reference).click()
    for button in ("Verifikasi", "Rekam (biometrik selesai)"):
        officer.get_by_role("button", name=button).click()
        expect(officer.locator(".messagelist")).to_contain_text("Berhasil")
    officer.get_by_label("Nomor seri blanko").fill("B-2026-000777")
    officer.get_by_role("button", name="Terbitkan").click()
    for button in ("Siap diambil", "Selesai"):
        officer.get_by_role("button", name=button).click()
        expect(officer.locator(".messagelist")).to_contain_text("Berhasil")

    permohonan.refresh_from_db()
    assert permohonan.status == Status.SELESAI
    assert KTP.objects.get(blanko_serial="B-2026-000777").penduduk.nik == "3504025005900001"
    page.goto(f"/ktp/permohonan/{permohonan.pk}/")
    expect(page.get_by_text("Selesai").first).to_be_visible()


def test_an_officer_files_for_a_citizen_at_the_front_office_and_prints_the_receipt(no_js_page, tmp_path):
    UserFactory(
        email="loket@contoh.id",
        name="Rina Wulandari",
        role=Role.PETUGAS_KECAMATAN,
        role__kecamatan="35.04.02",
    )
    page = no_js_page
    staff_log_in(page, "loket@contoh.id")
    _file_ktp_baru(page, tmp_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")
    permohonan = PermohonanKTP.objects.get()
    assert permohonan.assisted_by.email == "loket@contoh.id"
    assert "Rina Wulandari" in permohonan.riwayat_set.get().note
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh bukti pendaftaran (PDF)").click()
    assert download.value.path().read_bytes()[:5] == b"%PDF-"
