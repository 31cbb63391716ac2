"""
A vendor's tender journey in the browser (JavaScript on at desktop width, off on a 360 px phone):
register a business profile, join a package, ask a question, submit and replace a sealed bid, see
the opening record and the result, file a sanggah. The officers' steps between are the services;
the schedule's stages are moved to the real clock directly, as days passing would move them.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pengadaan.constants import Tahap
from pengadaan.models import Jadwal, Penawaran, Penyedia, Pertanyaan
from pengadaan.services import (
    paket_open,
    paket_winner_decide,
    penyedia_verify,
    pertanyaan_answer,
)
from portal.accounts.roles import Role
from portal.documents.samples import sample_pdf_bytes
from tests.e2e.helpers import log_in, screenshot
from tests.factories import UserFactory
from tests.factories.pengadaan import evaluated, members, paket, ukpbj

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _move(tender, tahap, *, mulai=None, selesai=None):
    """Move a stage as the test's clock would; the service refuses to pull a deadline forward."""
    row = Jadwal.objects.get(paket=tender, tahap=tahap)
    Jadwal.objects.filter(pk=row.pk).update(mulai=mulai or row.mulai, selesai=selesai or row.selesai)


def _bid(page, tender, price, pdf):
    page.goto(f"/pengadaan/paket/{tender.pk}/penawaran/")
    page.get_by_label("Harga penawaran (Rp)").fill(price)
    for label in ("Dokumen administrasi", "Dokumen penawaran teknis", "Surat penawaran bertanda tangan"):
        page.get_by_label(label).set_input_files(str(pdf))
    page.get_by_role("button", name="Segel dan kirim").click()
    expect(page.get_by_text(re.compile("WIB dan disegel"))).to_be_visible()


def test_vendor_joins_asks_bids_replaces_sees_opening_and_result_and_objects(citizen_page, tmp_path):
    tender = paket(now_in=Tahap.AANWIJZING)
    user = UserFactory(email="cv.sejahtera@contoh.id", role=Role.WARGA)
    page = citizen_page
    log_in(page, user.email)

    page.goto("/pengadaan/penyedia/")
    page.get_by_label("Nama badan usaha").fill("CV Sejahtera Abadi")
    page.get_by_label("Bentuk usaha").select_option("cv")
    page.get_by_label("NPWP").fill("12.345")
    page.get_by_label("NIB").fill("1234567890123")
    page.get_by_label("KBLI").fill("41011")
    page.get_by_label("Alamat").fill("Jl. Panglima Sudirman 3, Tulungagung")
    page.get_by_role("button", name="Simpan profil").click()
    expect(page.get_by_text("NPWP harus 15 atau 16 angka").first).to_be_visible()
    expect(page.get_by_label("Nama badan usaha")).to_have_value("CV Sejahtera Abadi")
    page.get_by_label("NPWP").fill("012345678901234")
    page.get_by_role("button", name="Simpan profil").click()
    expect(page.get_by_text("Menunggu verifikasi", exact=True)).to_be_visible()
    penyedia_verify(penyedia=Penyedia.objects.get(user=user), actor=ukpbj(), approve=True)

    page.goto("/pengadaan/")
    page.get_by_role("link", name=tender.reference).click()
    page.get_by_role("button", name="Daftar sebagai peserta").click()
    expect(page.get_by_text("Anda terdaftar sebagai peserta").first).to_be_visible()
    page.get_by_label("Pertanyaan").fill("Apakah boleh memakai rangka baja ringan?")
    page.get_by_role("button", name="Kirim pertanyaan").click()
    expect(page.get_by_text("Pertanyaan terkirim")).to_be_visible()
    pertanyaan_answer(pertanyaan=Pertanyaan.objects.get(), actor=members(tender)[0], jawaban="Boleh, SNI.")
    page.reload()
    expect(page.get_by_text("Boleh, SNI.")).to_be_visible()
    screenshot(page, "pengadaan-paket-aanwijzing")

    # The Pokja opens the bid window now.
    _move(tender, Tahap.PENAWARAN, mulai=timezone.now() - datetime.timedelta(minutes=5))
    pdf = tmp_path / "penawaran.pdf"
    pdf.write_bytes(sample_pdf_bytes())
    _bid(page, tender, "850000000", pdf)
    _bid(page, tender, "845000000", pdf)
    current = Penawaran.objects.get(aktif=True)
    assert Penawaran.objects.filter(penyedia__user=user).count() == 2
    expect(page.get_by_text(current.digest).first).to_be_visible()
    expect(page.get_by_text("845.000.000")).to_have_count(0)
    screenshot(page, "pengadaan-penawaran-tersegel")
    response = page.request.get(f"/pengadaan/penawaran/{current.digest}/bukti.pdf")
    assert response.ok and response.body().startswith(b"%PDF-")

    # The deadline passes and the Pokja opens the bids.
    now = timezone.now()
    _move(tender, Tahap.PENAWARAN, selesai=now - datetime.timedelta(seconds=62))
    _move(tender, Tahap.PEMBUKAAN, mulai=now - datetime.timedelta(seconds=61))
    tender = paket_open(paket=tender, actor=members(tender)[0])
    page.reload()
    expect(page.get_by_role("heading", name="Pembukaan penawaran")).to_be_visible()
    # The vendor checks its digest in the opening table against the one its receipt states.
    expect(page.get_by_role("table").get_by_text(current.digest)).to_be_visible()
    expect(page.get_by_text("845.000.000").first).to_be_visible()
    record = page.request.get(f"/pengadaan/paket/{tender.pk}/berita-acara-pembukaan.pdf")
    assert record.ok and record.body().startswith(b"%PDF-")

    evaluated(tender)
    paket_winner_decide(paket=tender, actor=members(tender)[0])
    page.reload()
    expect(page.get_by_role("heading", name="Hasil evaluasi")).to_be_visible()
    expect(page.get_by_text("CV Sejahtera Abadi").first).to_be_visible()
    page.get_by_label("Alasan sanggah").fill("Mohon penjelasan nilai teknis kami.")
    page.get_by_role("button", name="Ajukan sanggah").click()
    expect(page.get_by_text("Sanggah terkirim")).to_be_visible()
    screenshot(page, "pengadaan-hasil-sanggah")
