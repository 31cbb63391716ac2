"""Red flags: each is raised by the data that should raise it, and not by a clean tender."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from pengadaan.constants import Status, Tahap
from pengadaan.models import Jadwal, Penyedia
from pengadaan.redflags import DEFINITIONS, paket_flags
from pengadaan.services import jadwal_amend, jadwal_draw, sanggah_answer, sanggah_file
from tests.factories.pengadaan import (
    bid,
    clock,
    decided,
    during,
    evaluated,
    members,
    opened,
    paket,
    stage,
    vendor,
    working_end,
)
from tests.pengadaan.journey import whole_tender

pytestmark = pytest.mark.django_db


def codes(tender):
    tender.refresh_from_db()
    return {f.definisi.code for f in paket_flags(paket=tender)}


def test_a_clean_tender_raises_no_flag():
    tender, _vendors = whole_tender()
    assert codes(tender) == set()


def test_single_bidder():
    tender, _vendors = whole_tender(prices=(850_000_000,))
    assert "penawar-tunggal" in codes(tender)


def test_short_submission_period_against_the_methods_stage_lengths():
    # One-day stages: four days from the announcement to the deadline, against the rule's 24.
    short = paket(now_in=Tahap.PENGUMUMAN)
    assert "masa-penawaran-pendek" in codes(short)
    flag = next(f for f in paket_flags(paket=short) if f.definisi.code == "masa-penawaran-pendek")
    assert "aturan metode Tender 24 hari" in flag.explanation
    assert "masa-penawaran-pendek" not in codes(paket())


def test_winning_price_within_one_percent_of_the_hps():
    close, _vendors = whole_tender(prices=(895_000_000, 899_000_000))
    assert "harga-dekat-hps" in codes(close)
    far, _vendors = whole_tender(prices=(880_000_000, 899_000_000))  # 2.2 % below
    assert "harga-dekat-hps" not in codes(far)


def test_schedule_amended_while_bids_were_being_submitted():
    tender = paket(now_in=Tahap.PENAWARAN)
    later = stage(tender, Tahap.EVALUASI)
    with clock(during(tender, Tahap.PENAWARAN, seconds=600)):
        jadwal_amend(
            paket=tender,
            tahap=Tahap.EVALUASI,
            actor=members(tender)[0],
            mulai=later.mulai + datetime.timedelta(hours=1),
            selesai=working_end(later.selesai + datetime.timedelta(hours=1)),
            alasan="Anggota Pokja bertugas luar.",
        )
    assert "jadwal-diubah-saat-penawaran" in codes(tender)
    # The whole tender's amendment came during the announcement, before any bid could be made.
    clean, _vendors = whole_tender()
    assert clean.jadwal_set.filter(perubahan_set__isnull=False).exists()
    assert "jadwal-diubah-saat-penawaran" not in codes(clean)


def test_repeated_wins_from_the_same_agency_in_a_year():
    first, vendors = whole_tender()
    assert "menang-berulang" not in codes(first)
    second, _same = whole_tender(vendors=vendors)
    assert "menang-berulang" in codes(second) and "menang-berulang" in codes(first)
    flag = next(f for f in paket_flags(paket=second) if f.definisi.code == "menang-berulang")
    assert vendors[0].nama_usaha in flag.explanation and "2 paket" in flag.explanation
    # A later, unverified change of the winner's name does not reach the published flag.
    Penyedia.objects.filter(pk=vendors[0].pk).update(nama_usaha="=HYPERLINK(0)")
    second = type(second).objects.get(pk=second.pk)
    flag = next(f for f in paket_flags(paket=second) if f.definisi.code == "menang-berulang")
    assert "HYPERLINK" not in flag.explanation


def test_sanggah_upheld():
    tender = paket(mulai=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=40))
    winner, loser = vendor(), vendor()
    bid(tender, winner, 850_000_000)
    bid(tender, loser, 870_000_000)
    tender = opened(tender)
    evaluated(tender)
    decided(tender)
    tender.refresh_from_db()
    with clock(during(tender, Tahap.EVALUASI, seconds=3600)):
        filed = sanggah_file(paket=tender, penyedia=loser, alasan="Pemenang tidak punya pengalaman sejenis.")
        sanggah_answer(
            sanggah=filed, actor=members(tender)[0], jawaban="Benar, evaluasi keliru.", diterima=True
        )
    tender.refresh_from_db()
    assert tender.status == Status.GAGAL
    assert "sanggah-diterima" in codes(tender)


def test_flags_show_on_the_package_page_with_the_disclaimer_and_link_to_definitions(client):
    tender, _vendors = whole_tender(prices=(899_000_000,))
    body = client.get(reverse("pengadaan:paket", args=[tender.pk])).content.decode()
    assert "bukan tuduhan" in body
    assert reverse("pengadaan:tanda_definisi") + "#penawar-tunggal" in body
    assert reverse("pengadaan:tanda_definisi") + "#harga-dekat-hps" in body
    assert "Hanya satu penawaran masuk pada metode Tender." in body
    definitions = client.get(reverse("pengadaan:tanda_definisi")).content.decode()
    for definisi in DEFINITIONS:
        assert f'id="{definisi.code}"' in definitions
    assert "bukan tuduhan" in definitions


def test_agency_summary_counts_each_flag(client):
    tender, _vendors = whole_tender(prices=(899_000_000,))
    url = reverse("pengadaan:tanda_instansi", args=[tender.instansi_id])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200 and tender.reference in body and "bukan tuduhan" in body
    assert "Hanya satu penawaran masuk" in body
    assert tender.reference not in client.get(url, {"tahun": 2030}).content.decode()
    assert client.get(url, {"tahun": "abc"}).status_code == 200
    assert client.get(reverse("pengadaan:tanda_instansi", args=[987654])).status_code == 404


def test_short_period_counts_from_publication_when_the_schedule_starts_earlier():
    # As the form once allowed: registered now with a schedule drawn from 22 days ago.
    tender = paket()
    drawn = jadwal_draw(metode=tender.metode, mulai=tender.created_at - datetime.timedelta(days=22))
    for tahap, start, end in drawn:
        Jadwal.objects.filter(paket=tender, tahap=tahap).update(mulai=start, selesai=end)
    assert "masa-penawaran-pendek" in codes(tender)


def _explanation(tender, code):
    tender.refresh_from_db()
    return next(f.explanation for f in paket_flags(paket=tender) if f.definisi.code == code)


def test_short_period_days_are_written_as_the_language_writes_numbers():
    short = paket(now_in=Tahap.PENGUMUMAN)
    with translation.override("id"):
        assert "hanya 4,0 hari" in _explanation(short, "masa-penawaran-pendek")
    with translation.override("en"):
        assert "4.0" in _explanation(short, "masa-penawaran-pendek")


def test_amendment_time_is_local_time_as_the_schedule_shows_it():
    tender = paket(now_in=Tahap.PENAWARAN)
    later = stage(tender, Tahap.EVALUASI)
    with clock(during(tender, Tahap.PENAWARAN, seconds=600)):
        change = jadwal_amend(
            paket=tender,
            tahap=Tahap.EVALUASI,
            actor=members(tender)[0],
            mulai=later.mulai + datetime.timedelta(hours=1),
            selesai=working_end(later.selesai + datetime.timedelta(hours=1)),
            alasan="Anggota Pokja bertugas luar.",
        )
    for language in ("id", "en"):
        with translation.override(language):
            local = formats.date_format(timezone.localtime(change.created_at), "j M Y H:i")
            assert local in _explanation(tender, "jadwal-diubah-saat-penawaran")


def test_prices_near_the_hps_are_grouped_as_the_language_writes_them():
    close, _vendors = whole_tender(prices=(895_000_000, 899_000_000))
    with translation.override("id"):
        text = _explanation(close, "harga-dekat-hps")
        assert "Rp895.000.000" in text and "0,56 %" in text and "Rp900.000.000" in text
    with translation.override("en"):
        text = _explanation(close, "harga-dekat-hps")
        assert "Rp895,000,000" in text and "0.56 %" in text and "Rp900,000,000" in text
