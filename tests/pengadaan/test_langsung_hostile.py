"""Hostile values in the direct procurement forms: refused with a reason or shown as text, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pengadaan.constants import Status
from tests.factories.pengadaan import pdf
from tests.factories.pengadaan_langsung import offered, undangan
from tests.pengadaan.test_hostile_input import HOSTILE, SCRIPT

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", HOSTILE + ["0", "1.5", "1000000000000000"])
def test_offer_price_refuses_anything_but_whole_rupiah(client, value):
    paket = undangan()
    client.force_login(paket.langsung.penyedia.user)
    url = reverse("pengadaan:langsung_penawaran", args=[paket.pk])
    response = client.post(url, {"harga": value, "dokumen": pdf()})
    assert response.status_code == 400
    paket.refresh_from_db()
    assert paket.status == Status.UNDANGAN and not paket.langsung.berkas_penawaran


def test_an_offer_file_that_is_not_a_pdf_is_refused_and_leaves_nothing(client):
    paket = undangan()
    client.force_login(paket.langsung.penyedia.user)
    fake = SimpleUploadedFile("penawaran.pdf", b"<html>" + SCRIPT.encode(), "application/pdf")
    response = client.post(
        reverse("pengadaan:langsung_penawaran", args=[paket.pk]), {"harga": "1000", "dokumen": fake}
    )
    assert response.status_code == 400
    paket.refresh_from_db()
    assert paket.status == Status.UNDANGAN and not paket.langsung.berkas_penawaran


@pytest.mark.parametrize("value", HOSTILE)
def test_negotiation_notes_and_cancel_reason_are_text(client, value):
    paket = offered(undangan())
    client.force_login(paket.langsung.pejabat)
    response = client.post(
        reverse("pengadaan:langsung_negosiasi", args=[paket.pk]), {"harga": value, "catatan": value}
    )
    assert response.status_code == 400
    response = client.post(reverse("pengadaan:langsung_batal", args=[paket.pk]), {"alasan": value})
    assert response.status_code in (302, 400)
    for url in (
        reverse("pengadaan:kelola_paket", args=[paket.pk]),
        reverse("pengadaan:paket", args=[paket.pk]),
    ):
        assert SCRIPT not in client.get(url).content.decode()
