import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ktp.constants import Dokumen, Jenis, Status
from ktp.models import KTP, PermohonanKTP
from ktp.rules import required_documents
from portal.accounts.roles import Role
from tests.e2e.helpers import log_in, screenshot, staff_log_in
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


def _file_ktp(page, tmp_path, jenis=Jenis.BARU):
    """Go through the five steps of a KTP-el application of `jenis`, with its documents, and submit it."""
    wna = jenis == Jenis.PERPANJANGAN_WNA
    page.goto("/ktp/")
    page.get_by_role("link", name="Ajukan permohonan").first.click()
    page.get_by_label(str(Jenis(jenis).label), exact=True).check()
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
    if wna:
        page.get_by_label("WNA", exact=True).check()
        page.get_by_label("Kebangsaan (WNA)").fill("JEPANG")
        page.get_by_label("KITAP berlaku hingga").fill(f"{timezone.localdate().year + 3}-01-31")
    page.get_by_label("Alamat").fill("Jl. Mayor Sujadi 12")
    page.get_by_label("RT").fill("2")
    page.get_by_label("RW").fill("3")
    page.get_by_label("Kecamatan tempat tinggal").select_option(label="Boyolangu")
    page.get_by_role("button", name="Pilih kecamatan").click()  # lists Boyolangu's desa, keeps the rest
    expect(page.get_by_label("Nama", exact=False).first).to_have_value("Siti Aminah")
    page.get_by_label("Desa/kelurahan").select_option(label="Desa Boyolangu")
    page.get_by_label("Kecamatan tempat layanan").select_option(label="Boyolangu")
    screenshot(page, "ktp-biodata")
    page.get_by_role("button", name="Simpan dan lanjut").click()

    upload = tmp_path / "dokumen.pdf"
    upload.write_bytes(PDF)
    kinds = required_documents(jenis=jenis, is_wna=wna)
    for kind in kinds:
        page.get_by_label(str(Dokumen(kind).label)).set_input_files(str(upload))
    page.get_by_role("button", name="Simpan dan lanjut").click()

    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Simpan dan lanjut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa jawaban Anda")
    expect(page.locator("main ul").first.get_by_role("listitem")).to_have_count(len(kinds))
    page.get_by_role("button", name="Ajukan permohonan").click()


def _receipt_download(page):
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh bukti pendaftaran (PDF)").click()
    assert download.value.path().read_bytes()[:5] == b"%PDF-"


def test_citizen_from_sign_up_to_confirmation_then_officer_to_selesai(citizen_page, open_page, tmp_path):
    page = citizen_page
    _sign_up(page, "siti@contoh.id")

    _file_ktp(page, tmp_path)

    expect(page.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")
    permohonan = PermohonanKTP.objects.get()
    expect(page.get_by_text(permohonan.reference)).to_be_visible()
    screenshot(page, "ktp-konfirmasi")
    _receipt_download(page)
    page.goto("/ktp/permohonan/")
    expect(page.get_by_role("link", name=permohonan.reference, exact=True)).to_be_visible()
    screenshot(page, "permohonan-saya")

    UserFactory(email="petugas@contoh.id", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    officer = open_page()
    staff_log_in(officer, "petugas@contoh.id")
    officer.goto("/admin/ktp/permohonanktp/")
    expect(officer.get_by_role("link", name=permohonan.reference, exact=True)).to_be_visible()
    screenshot(officer, "admin-antrean-ktp")
    officer.get_by_role("link", name=permohonan.reference, exact=True).click()
    for button in ("Verifikasi", "Kunjungan kantor selesai"):
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


# Each other kind once, alternately with JavaScript on a desktop and without it on a 360 px phone:
# the whole journey above runs both ways; what differs here is each kind's documents.
EACH_JENIS = [(jenis, i % 2 == 0) for i, jenis in enumerate(j for j in Jenis if j != Jenis.BARU)]


@pytest.mark.parametrize(
    ("jenis", "with_js"), EACH_JENIS, ids=[f"{j.value}-{'js' if w else 'no-js'}" for j, w in EACH_JENIS]
)
def test_citizen_applies_for_each_jenis_with_its_documents_to_confirmation_and_receipt(
    open_page, tmp_path, jenis, with_js
):
    UserFactory(email="warga@contoh.id", role=Role.WARGA)
    page = open_page(js=with_js, phone=not with_js)
    log_in(page, "warga@contoh.id")
    _file_ktp(page, tmp_path, jenis)

    expect(page.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")
    permohonan = PermohonanKTP.objects.get()
    assert permohonan.jenis == jenis and permohonan.status == Status.DIAJUKAN
    assert set(permohonan.dokumen_set.values_list("kind", flat=True)) == set(
        required_documents(jenis=jenis, is_wna=jenis == Jenis.PERPANJANGAN_WNA)
    )
    expect(page.get_by_text(permohonan.reference)).to_be_visible()
    _receipt_download(page)
    page.goto("/ktp/permohonan/")
    page.get_by_role("link", name=permohonan.reference, exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(str(Jenis(jenis).label))
