"""The inbox's boxes, unread counts and pages, and what a memo's page shows after a change."""

import re

import pytest
from django.urls import reverse

from koordinasi import views
from koordinasi.constants import Klasifikasi
from koordinasi.services import disposisi_complete, disposisi_give, naskah_open, naskah_reply
from tests.factories.koordinasi import naskah_sent

pytestmark = pytest.mark.django_db

INBOX = reverse("koordinasi:index")
NEEDS_ACTION = '<span class="badge text-bg-info">'


def inbox(client, **params):
    response = client.get(INBOX, params)
    return [n.pk for n in response.context["naskah_list"]], response.context["counts"]


def page(client, naskah):
    return client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()


def test_each_box_holds_its_memos_newest_first_and_counts_the_unread(client, a, b):
    to_agency = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    to_me = naskah_sent(sender=a, to_officers=[b])
    naskah_sent(sender=b, to_agencies=["DPMPTSP"])  # sent by b: in the sent box, not the inbox
    client.force_login(b)
    assert inbox(client) == ([to_me.pk, to_agency.pk], {"semua": 2, "saya": 1, "instansi": 1})
    assert inbox(client, kotak="saya")[0] == [to_me.pk]
    assert inbox(client, kotak="instansi")[0] == [to_agency.pk]


def test_what_reaches_the_officer_or_their_agency_shows_at_the_next_request(client, a, b, b2):
    client.force_login(b)
    assert inbox(client) == ([], {"semua": 0, "saya": 0, "instansi": 0})  # drawn and kept
    to_agency = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    assert inbox(client) == ([to_agency.pk], {"semua": 1, "saya": 0, "instansi": 1})
    to_me = naskah_sent(sender=a, to_officers=[b])
    assert inbox(client) == ([to_me.pk, to_agency.pk], {"semua": 2, "saya": 1, "instansi": 1})
    naskah_sent(sender=a, to_officers=[b2], klasifikasi=Klasifikasi.RAHASIA)  # not for b
    assert inbox(client)[0] == [to_me.pk, to_agency.pk]


def test_opening_a_memo_updates_the_unread_counts(client, a, b):
    naskah = naskah_sent(sender=a, to_officers=[b])
    client.force_login(b)
    assert inbox(client)[1] == {"semua": 1, "saya": 1, "instansi": 0}
    client.get(reverse("koordinasi:detail", args=[naskah.pk]))
    assert inbox(client)[1] == {"semua": 0, "saya": 0, "instansi": 0}
    assert 'class="fw-bold"' not in client.get(INBOX).content.decode()


def test_a_disposisi_puts_the_memo_in_the_receivers_own_box(client, a, b, b2):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b2)
    assert inbox(client) == ([naskah.pk], {"semua": 1, "saya": 0, "instansi": 1})
    disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    assert inbox(client) == ([naskah.pk], {"semua": 1, "saya": 1, "instansi": 1})
    assert inbox(client, perlu_tindakan="on")[0] == [naskah.pk]


def test_a_restricted_memo_reaches_only_its_named_officer(client, a, b, b2):
    rahasia = naskah_sent(sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA)
    client.force_login(b2)
    assert inbox(client) == ([], {"semua": 0, "saya": 0, "instansi": 0})
    client.force_login(b)
    assert inbox(client)[0] == [rahasia.pk]


def test_the_inbox_and_the_sent_box_come_in_pages(client, a, b, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    memos = [naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"]) for _ in range(3)]
    client.force_login(b)
    assert inbox(client)[0] == [memos[2].pk, memos[1].pk]
    assert inbox(client, halaman=2)[0] == [memos[0].pk]
    assert inbox(client, halaman="tidak-ada")[0] == [memos[2].pk, memos[1].pk]
    body = client.get(INBOX, {"kotak": "instansi"}).content.decode()
    assert "?kotak=instansi&amp;halaman=2" in body  # the next page keeps the filters
    client.force_login(a)
    sent = client.get(reverse("koordinasi:sent"), {"halaman": 2}).context["naskah_list"]
    assert [n.pk for n in sent] == [memos[0].pk]


def test_a_disposisi_shows_on_the_memo_page_and_in_the_inbox(client, a, b, b2):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b2)
    naskah_open(naskah=naskah, user=b2)
    assert 'id="disposisi"' not in page(client, naskah)
    assert NEEDS_ACTION not in client.get(INBOX).content.decode()

    disposisi = disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    assert 'id="disposisi"' in page(client, naskah) and "Tandai tindak lanjut selesai" in page(client, naskah)
    assert NEEDS_ACTION in client.get(INBOX).content.decode()

    disposisi_complete(disposisi=disposisi, actor=b2, catatan="Sudah")
    assert "Tandai tindak lanjut selesai" not in page(client, naskah)
    assert NEEDS_ACTION not in client.get(INBOX).content.decode()


def test_the_disposisi_chain_shows_only_to_its_members(client, a, b, b2, c):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM", "DISPENDUKCAPIL"])
    disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="tindak_lanjuti", catatan="Catatan internal")
    for user, shown in ((b, True), (b2, True), (a, False), (c, False)):
        client.force_login(user)
        assert ("Catatan internal" in page(client, naskah)) is shown, user.email


def test_a_reply_shows_the_thread_on_the_first_memos_page(client, a, b):
    naskah = naskah_sent(sender=a, to_officers=[b])
    client.force_login(a)
    assert "Utas" not in page(client, naskah)
    balasan = naskah_reply(naskah=naskah, actor=b, isi="Siap")
    assert balasan.nomor in page(client, naskah)


def test_inbox_and_sent_box_fit_a_phone_in_two_columns(client, a, b):
    # At 360 px five columns broke each memo's number and sender letter by letter.
    naskah = naskah_sent(sender=a, to_officers=[b])
    for user, url in ((b, INBOX), (a, reverse("koordinasi:sent"))):
        client.force_login(user)
        body = client.get(url).content.decode()
        head = re.search(r"<thead>(.*?)</thead>", body, re.S).group(1)
        assert head.count('scope="col"') == 2 and naskah.nomor in body and naskah.perihal in body
