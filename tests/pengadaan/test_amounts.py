"""Rupiah amounts in the procurement forms, typed as Indonesians write them; the limits still hold."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pengadaan import forms
from pengadaan.constants import Status, Tahap
from pengadaan.models import Paket, Penawaran
from tests.factories.pengadaan import (
    bid,
    bid_parts,
    decided,
    evaluated,
    opened,
    paket,
    paket_form,
    pdf,
    ukpbj,
    vendor,
)
from tests.factories.pengadaan_langsung import langsung_form, pejabat, ppk, undangan

pytestmark = pytest.mark.django_db

AMOUNT_FIELDS = [
    (forms.PaketForm, "pagu"),
    (forms.PaketForm, "hps"),
    (forms.PenawaranForm, "harga"),
    (forms.KontrakForm, "nilai"),
    (forms.LangsungForm, "pagu"),
    (forms.LangsungForm, "hps"),
    (forms.LangsungPenawaranForm, "harga"),
    (forms.NegosiasiForm, "harga"),
    (forms.PesananForm, "nilai"),
]


@pytest.mark.parametrize(("form_class", "name"), AMOUNT_FIELDS)
def test_every_amount_field_says_how_to_type_it_and_lets_dots_be_typed(form_class, name):
    bound = form_class()[name]
    assert "tanpa titik" not in str(bound.help_text) and "misalnya" in str(bound.help_text)
    assert 'type="number"' not in str(bound) and 'inputmode="numeric"' in str(bound)


@pytest.mark.parametrize(("form_class", "name"), AMOUNT_FIELDS)
@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.000.000", 1_000_000),
        ("Rp 1.000.000", 1_000_000),
        ("Rp1.000.000,-", 1_000_000),
        ("1000000", 1_000_000),
    ],
)
def test_every_amount_field_reads_rupiah_as_written(form_class, name, typed, amount):
    assert form_class.base_fields[name].clean(typed) == amount


@pytest.mark.parametrize(("form_class", "name"), AMOUNT_FIELDS)
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "harus lebih dari nol"),
        ("-1.000", "harus lebih dari nol"),
        ("1.000.000.000.000.000", "paling banyak 15 angka"),
        ("1,5", "tidak memakai koma"),
        ("1.5", "Isi jumlah rupiah dengan angka"),
    ],
)
def test_every_amount_field_keeps_its_limits(form_class, name, typed, message):
    form = form_class(data={name: typed})
    form.is_valid()
    assert any(message in error for error in form.errors[name]), form.errors[name]


def test_the_officer_registers_a_package_with_amounts_written_with_dots(client):
    client.force_login(ukpbj())
    data = paket_form(pagu="Rp 500.000.000", hps="600.000.000")
    response = client.post(reverse("pengadaan:paket_baru"), data)
    assert response.status_code == 400 and "HPS tidak boleh melebihi pagu" in response.content.decode()
    data.update(hps="450.000.000,-", dokumen=pdf())
    assert client.post(reverse("pengadaan:paket_baru"), data).status_code == 302
    created = Paket.objects.get()
    assert (created.pagu, created.hps) == (500_000_000, 450_000_000)


def test_a_bid_written_with_dots_is_sealed_and_read_at_the_opening(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    client.force_login(vendor().user)
    client.post(reverse("pengadaan:daftar", args=[tender.pk]))
    url = reverse("pengadaan:penawaran", args=[tender.pk])
    response = client.post(url, {"harga": "Rp 812.345.678", **bid_parts()})
    assert response.status_code == 302 and response["Location"] == reverse(
        "pengadaan:paket", args=[tender.pk]
    )
    penawaran = Penawaran.objects.get(paket=tender, aktif=True)
    with penawaran.berkas.open("rb") as handle:
        stored = handle.read()
    assert penawaran.harga is None and b"812345678" not in stored and b"812.345.678" not in stored
    page = client.get(reverse("pengadaan:paket", args=[tender.pk])).content.decode()
    assert "812.345.678" not in page and "812345678" not in page
    opened(tender)
    assert Penawaran.objects.get(pk=penawaran.pk).harga == 812_345_678


def test_the_contract_value_is_written_with_dots_and_still_not_above_the_winning_bid(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    bid(tender, vendor(), 800_000_000)
    tender = opened(tender)
    evaluated(tender)
    decided(tender)
    Paket.objects.filter(pk=tender.pk).update(sanggah_selesai=timezone.now() - datetime.timedelta(seconds=1))
    client.force_login(tender.ppk)
    today = timezone.localdate().isoformat()
    data = {
        "nomor_sppbj": "1/SPPBJ",
        "tanggal_sppbj": today,
        "nomor": "1/K",
        "tanggal_mulai": today,
        "tanggal_selesai": today,
    }
    url = reverse("pengadaan:kontrak", args=[tender.pk])
    response = client.post(url, {**data, "nilai": "800.000.001"})
    assert response.status_code == 400 and "melebihi harga penawaran pemenang" in response.content.decode()
    assert client.post(url, {**data, "nilai": "Rp 800.000.000"}).status_code == 302
    tender.refresh_from_db()
    assert tender.status == Status.KONTRAK and tender.kontrak.nilai == 800_000_000


def test_a_direct_procurement_is_written_offered_negotiated_and_ordered_with_dots(client):
    client.force_login(pejabat())
    data = langsung_form(ppk_user=ppk(), penyedia=vendor(), pagu="150.000.000", hps="Rp 140.000.000")
    assert client.post(reverse("pengadaan:langsung_baru"), data).status_code == 302
    created = Paket.objects.get()
    assert (created.pagu, created.hps) == (150_000_000, 140_000_000)

    direct = undangan()
    client.force_login(direct.langsung.penyedia.user)
    offer = reverse("pengadaan:langsung_penawaran", args=[direct.pk])
    assert client.post(offer, {"harga": "165.000.000", "dokumen": pdf("penawaran.pdf")}).status_code == 302
    client.force_login(direct.langsung.pejabat)
    nego = reverse("pengadaan:langsung_negosiasi", args=[direct.pk])
    response = client.post(nego, {"harga": "165.000.001", "catatan": "Terlalu tinggi."})
    assert response.status_code == 400 and "melebihi harga penawaran" in response.content.decode()
    assert client.post(nego, {"harga": "Rp160.000.000,-", "catatan": "Sepakat."}).status_code == 302
    client.force_login(direct.ppk)
    today = timezone.localdate()
    order = {
        "nomor": "027/SPK/PL/2026",
        "tanggal": today.isoformat(),
        "nilai": "160.000.000",
        "tanggal_selesai": (today + datetime.timedelta(days=30)).isoformat(),
    }
    assert client.post(reverse("pengadaan:langsung_pesanan", args=[direct.pk]), order).status_code == 302
    direct.refresh_from_db()
    langsung = direct.langsung
    assert (langsung.harga_penawaran, langsung.harga_negosiasi, langsung.nilai_pesanan) == (
        165_000_000,
        160_000_000,
        160_000_000,
    )
