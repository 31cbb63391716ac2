"""
Browser journeys of front-desk filing and signing appointments, with JavaScript on and off:
a kecamatan officer files a KTP-el application for a citizen without email, who later signs up with
the same NIK and KK and finds it in Permohonan saya; a business owner books a signing day, moves it,
and the licensing officer sees it in the queue.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ktp.models import PermohonanKTP
from perizinan.models import PermohonanIzin
from perizinan.services import (
    permohonan_izin_document_attach,
    permohonan_izin_draft_create,
    permohonan_izin_update,
)
from portal.accounts.claims import account_claim_code
from portal.accounts.roles import Role
from tests.e2e.helpers import log_in, staff_log_in
from tests.factories import UserFactory
from tests.factories.ktp import PDF
from tests.factories.perizinan import jenis, pdf_upload, usaha_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIK, KK = "3504025005900001", "3504021203150002"


def _desk_biodata(page, tmp_path):
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
    page.get_by_label("Kecamatan tempat tinggal").select_option(label="Boyolangu")
    page.get_by_role("button", name="Pilih kecamatan").click()
    page.get_by_label("Desa/kelurahan").select_option(label="Desa Boyolangu")
    page.get_by_label("Kecamatan tempat layanan").select_option(label="Boyolangu")
    page.get_by_role("button", name="Simpan dan lanjut").click()
    upload = tmp_path / "kk.pdf"
    upload.write_bytes(PDF)
    page.get_by_label("Kartu Keluarga (KK)").set_input_files(str(upload))
    page.get_by_role("button", name="Simpan dan lanjut").click()
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Simpan dan lanjut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa jawaban Anda")
    page.get_by_role("button", name="Ajukan permohonan").click()


def test_desk_filing_for_a_citizen_without_email_who_later_signs_up_with_the_nik_kk_and_receipt_code(
    open_page, js, tmp_path
):
    UserFactory(
        email="loket@contoh.id",
        name="Rina Wulandari",
        role=Role.PETUGAS_KECAMATAN,
        role__kecamatan="35.04.02",
    )
    desk = open_page(js=js)
    staff_log_in(desk, "loket@contoh.id")
    desk.goto("/ktp/ajukan/")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Layani warga di loket")
    desk.locator("#id_nik").fill(NIK)
    desk.locator("#id_no_kk").fill(KK)
    desk.get_by_label("KTP-el baru", exact=True).check()
    desk.get_by_role("button", name="Lanjut mengisi permohonan").click()
    expect(desk.get_by_text("Isi nama lengkapnya").first).to_be_visible()  # a new citizen needs a name
    expect(desk.locator("#id_nik")).to_have_value(NIK)
    desk.get_by_label("Nama lengkap warga").fill("Siti Aminah")
    desk.get_by_label("Nomor HP warga").fill("081234567890")
    desk.get_by_role("button", name="Lanjut mengisi permohonan").click()
    _desk_biodata(desk, tmp_path)
    expect(desk.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")
    expect(desk.get_by_text("Sampaikan kepada warga")).to_be_visible()
    permohonan = PermohonanKTP.objects.get()
    assert permohonan.assisted_by.email == "loket@contoh.id" and permohonan.applicant.email is None
    assert mail.outbox == []  # no email: the citizen keeps the printed receipt

    citizen = open_page(js=js, phone=not js)
    citizen.goto("/akun/signup/")
    citizen.get_by_label("Nama lengkap").fill("Siti Aminah")
    citizen.get_by_label("Email").fill("siti@contoh.id")
    citizen.locator("#id_password1").fill("Kopi-Tubruk-Ngunut-7")
    citizen.locator("#id_password2").fill("Kopi-Tubruk-Ngunut-7")
    citizen.locator("#id_nik").fill(NIK)
    citizen.locator("#id_no_kk").fill(KK)
    citizen.get_by_role("button", name="Daftar").click()
    expect(
        citizen.get_by_text("Isi kode akun yang tercetak di bukti pendaftaran loket").first
    ).to_be_visible()
    citizen.locator("#id_password1").fill("Kopi-Tubruk-Ngunut-7")
    citizen.locator("#id_password2").fill("Kopi-Tubruk-Ngunut-7")
    citizen.get_by_label("Kode akun loket (boleh kosong)").fill(
        account_claim_code(permohonan.applicant).lower()
    )
    citizen.get_by_role("button", name="Daftar").click()
    link = re.search(r"https?://\S+/akun/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    citizen.goto(re.sub(r"^https?://[^/]+", "", link))
    citizen.get_by_role("button", name="Konfirmasi").click()
    citizen.goto("/ktp/permohonan/")
    expect(citizen.get_by_role("link", name=permohonan.reference, exact=True)).to_be_visible()


def test_an_owner_books_and_moves_the_signing_day_and_the_officer_sees_it(open_page, js):
    owner = UserFactory(email="pemilik@contoh.id", role=Role.WARGA)
    UserFactory(email="izin@contoh.id", role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    draft = permohonan_izin_draft_create(applicant=owner, jenis_izin=jenis("TDP"))
    draft = permohonan_izin_update(permohonan=draft, data=usaha_data())
    for kind in draft.jenis_izin.documents_for(draft.jenis, draft.bentuk):
        permohonan_izin_document_attach(permohonan=draft, kind=kind, uploaded_file=pdf_upload())

    page = open_page(js=js, phone=not js)
    log_in(page, owner.email)
    page.goto(f"/perizinan/permohonan/{draft.pk}/periksa/")
    expect(page.get_by_text("Pilih hari tanda tangan di kantor")).to_be_visible()
    page.get_by_role("link", name="Ubah jadwal tanda tangan").click()
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Simpan jadwal").click()
    page.get_by_role("button", name="Ajukan permohonan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim")
    permohonan = PermohonanIzin.objects.get()
    first_day = permohonan.appointment_at

    page.goto(f"/perizinan/permohonan/{permohonan.pk}/")
    page.get_by_role("link", name="Ubah jadwal").first.click()
    page.get_by_role("radio").nth(2).check()
    page.get_by_role("button", name="Simpan jadwal").click()
    expect(page.get_by_text("Jadwal tanda tangan disimpan")).to_be_visible()
    permohonan.refresh_from_db()
    assert permohonan.appointment_at > first_day
    assert "diubah pemohon" in permohonan.riwayat_set.order_by("id").last().note

    officer = open_page()
    staff_log_in(officer, "izin@contoh.id")
    officer.goto("/admin/perizinan/permohonanizin/")
    row = officer.get_by_role("row").filter(has_text=permohonan.reference)
    expect(row).to_be_visible()
    expect(officer.get_by_role("columnheader", name=re.compile("Jadwal tanda tangan", re.I))).to_be_visible()
