import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from perizinan.constants import Status, StatusIzin
from perizinan.models import Izin, PermohonanIzin
from perizinan.rules import months_add
from portal.accounts.roles import Role
from tests.e2e.helpers import log_in, screenshot, staff_log_in
from tests.factories import UserFactory
from tests.factories.perizinan import PDF, izin_issued

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _officer_issue(officer, reference, *, paid):
    officer.goto("/admin/perizinan/permohonanizin/")
    screenshot(officer, "admin-antrean-izin")
    officer.get_by_role("link", name=reference).click()
    officer.get_by_role("button", name="Verifikasi").click()  # confirms the signing day the owner booked
    expect(officer.locator(".messagelist")).to_contain_text("Berhasil")
    officer.get_by_label("Jumlah dibayar (Rp)").fill(paid)
    officer.get_by_label("Nomor kuitansi/STS").fill("STS-2026-0042")
    officer.get_by_role("button", name="Catat tanda tangan dan pembayaran").click()
    expect(officer.locator(".messagelist")).to_contain_text("Berhasil")
    officer.get_by_role("button", name="Terbitkan izin").click()
    expect(officer.locator(".messagelist")).to_contain_text("Berhasil")


def test_new_siup_from_application_to_issued_licence_then_tdp_renewal(citizen_page, open_page, tmp_path):
    owner = UserFactory(email="pemilik@contoh.id", role=Role.WARGA)
    officer_user = UserFactory(email="izin@contoh.id", role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    page = citizen_page
    log_in(page, owner.email)

    page.goto("/perizinan/")
    page.get_by_role("link", name="Ajukan permohonan").first.click()
    page.get_by_label("Surat Izin Usaha Perdagangan (SIUP)").check()
    page.get_by_role("button", name="Lanjut").click()
    page.get_by_label("Izin baru").check()
    page.get_by_role("button", name="Lanjut").click()
    page.get_by_role("button", name="Mulai mengisi").click()

    page.get_by_label("Nama usaha").fill("CV Sumber Rejeki")
    page.get_by_label("Bentuk usaha").select_option("cv")
    page.get_by_label("NPWP").fill("12345")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    expect(page.locator(".error-summary").get_by_role("link", name=re.compile("^NPWP"))).to_be_visible()
    expect(page.get_by_text("NPWP harus 15 atau 16 angka").first).to_be_visible()
    screenshot(page, "izin-isian-dengan-kesalahan")
    page.get_by_label("NPWP").fill("012345678901234")
    page.get_by_role("button", name="Simpan dan lanjut").click()

    page.get_by_label("Alamat usaha").fill("Jl. Raya Boyolangu 17")
    page.get_by_label("Kecamatan tempat usaha").select_option(label="Boyolangu")
    page.get_by_role("button", name="Pilih kecamatan").click()  # lists Boyolangu's desa, keeps the rest
    expect(page.get_by_label("Alamat usaha")).to_have_value("Jl. Raya Boyolangu 17")
    page.get_by_label("Desa/kelurahan").select_option(label="Desa Boyolangu")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.get_by_label("Nama penanggung jawab").fill("Budi Santoso")
    page.get_by_label("NIK penanggung jawab").fill("3504021005800001")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.get_by_label("Kekayaan bersih (Rp)").fill("-1")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    expect(page.get_by_text("tidak boleh negatif").first).to_be_visible()
    page.get_by_label("Kekayaan bersih (Rp)").fill("500000001")
    page.get_by_role("button", name="Simpan dan lanjut").click()

    pdf = tmp_path / "dokumen.pdf"
    pdf.write_bytes(PDF)
    for label in (
        "Akta pendirian (notaris)",
        "KTP penanggung jawab",
        "NPWP usaha",
        "Neraca (kekayaan bersih)",
    ):
        page.get_by_label(label).set_input_files(str(pdf))
    page.get_by_role("button", name="Simpan dan lanjut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jadwal tanda tangan di kantor")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Simpan jadwal").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa jawaban Anda")
    expect(page.get_by_text("SIUP Menengah")).to_be_visible()
    expect(page.get_by_text("Tanpa biaya", exact=True)).to_be_visible()
    page.get_by_role("button", name="Ajukan permohonan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")
    permohonan = PermohonanIzin.objects.get()
    expect(page.get_by_text(permohonan.reference)).to_be_visible()

    screenshot(page, "izin-konfirmasi")
    officer = open_page()
    staff_log_in(officer, officer_user.email)
    _officer_issue(officer, permohonan.reference, paid="0")
    izin = Izin.objects.get(permohonan=permohonan)
    officer.goto("/admin/perizinan/izin/")
    expect(officer.get_by_role("link", name=izin.nomor)).to_be_visible()

    page.goto(f"/perizinan/permohonan/{permohonan.pk}/")
    expect(page.get_by_text(izin.nomor)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh izin (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF-")
    screenshot(page, "izin-diterbitkan")

    # A TDP issued five years ago less a month: its renewal window is open.
    tdp = izin_issued(
        applicant=owner,
        officer=officer_user,
        code="TDP",
        tanggal_terbit=months_add(timezone.localdate(), -59),
        nama_usaha="UD Gula Kelapa",
        npwp="0123456789012345",
    )
    page.goto("/perizinan/ajukan/")
    page.get_by_label("Tanda Daftar Perusahaan (TDP)").check()
    page.get_by_role("button", name="Lanjut").click()
    page.get_by_label("Perpanjangan/daftar ulang").check()
    page.get_by_role("button", name="Lanjut").click()
    page.get_by_role("button", name=f"Perpanjang {tdp.nomor}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa jawaban Anda")
    expect(page.get_by_text("UD Gula Kelapa").first).to_be_visible()
    page.get_by_role("link", name="Ubah alamat").click()
    page.get_by_label("Alamat usaha").fill("Jl. Pahlawan 9")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.get_by_role("link", name="Ubah dokumen").click()
    for label in ("Izin lama yang diperpanjang", "KTP penanggung jawab", "NPWP usaha"):
        page.get_by_label(label).set_input_files(str(pdf))
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.get_by_role("link", name="Ubah jadwal tanda tangan").click()
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Simpan jadwal").click()
    page.get_by_role("button", name="Ajukan permohonan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")
    renewal = PermohonanIzin.objects.get(izin_lama=tdp)

    _officer_issue(officer, renewal.reference, paid="0")
    renewal.refresh_from_db()
    tdp.refresh_from_db()
    assert renewal.status == Status.DITERBITKAN and tdp.status == StatusIzin.DIPERBARUI
    assert renewal.izin.usaha.alamat_usaha == "Jl. Pahlawan 9"
    page.goto("/perizinan/permohonan/")
    # A TDP renewal keeps its number: the old licence and the renewed one are listed with it.
    assert renewal.izin.nomor == tdp.nomor
    expect(page.locator("td > span.small").filter(has_text=renewal.izin.nomor)).to_have_count(2)
