"""The public verification page of a licence: its own dates and business name, no personal data."""

import datetime

import pytest

from perizinan.receipts import izin_pdf_generate
from tests.factories.perizinan import izin_issued

pytestmark = pytest.mark.django_db


def test_a_licence_issued_in_2021_shows_its_own_dates_and_business_name(client, owner, officer):
    izin = izin_issued(
        applicant=owner, officer=officer, code="SIUP", tanggal_terbit=datetime.date(2021, 12, 24)
    )
    document = izin_pdf_generate(izin_id=izin.pk)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "24 Desember 2021" in page and "24 Desember 2026" in page  # issued, and daftar ulang due
    assert izin.usaha.nama_usaha in page
    assert izin.usaha.penanggung_jawab not in page and izin.usaha.penanggung_jawab_nik not in page


def test_a_revoked_licence_is_shown_as_genuine_but_no_longer_in_force(client, owner, officer):
    from perizinan.constants import StatusIzin

    izin = izin_issued(applicant=owner, officer=officer, code="SIUP")
    document = izin_pdf_generate(izin_id=izin.pk)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "alert-success" in page and "tidak berlaku lagi" not in page
    izin.status = StatusIzin.DICABUT
    izin.save()
    page = client.get(document.get_absolute_url()).content.decode()
    assert "alert-success" not in page
    assert "Dokumen ini asli, tetapi tidak berlaku lagi: statusnya kini Dicabut." in page
