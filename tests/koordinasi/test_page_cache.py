"""The cached memo sheets, inbox rows and colleague lists: whatever changes on them shows at once."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koordinasi.constants import Klasifikasi, Peran, Sifat
from koordinasi.inbox_cache import NAMES_KEY, rows_get
from koordinasi.models import Naskah, Penerima
from koordinasi.selectors import naskah_detail, naskah_visible_to
from koordinasi.services import disposisi_complete, disposisi_give, naskah_open, naskah_reply
from tests.factories.koordinasi import naskah_sent, officer

pytestmark = pytest.mark.django_db

INBOX = reverse("koordinasi:index")
NEEDS_ACTION = '<span class="badge text-bg-info">'
OVERDUE = '<span class="badge text-bg-danger">'


def page(client, naskah):
    return client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()


def memo_queries(client, url):
    """Return the queries serving url made of the memos' own table."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if 'FROM "koordinasi_naskah"' in q["sql"]]


def test_a_memo_page_and_the_plain_inbox_are_served_from_the_cache(client, a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    url = reverse("koordinasi:detail", args=[naskah.pk])
    client.get(url), client.get(INBOX)
    assert memo_queries(client, url) == []
    assert memo_queries(client, INBOX) == []
    assert memo_queries(client, INBOX + "?q=Koordinasi") != []  # a search is read live


def test_a_restricted_memos_content_is_never_kept_in_the_cache(client, a, b):
    rahasia = naskah_sent(sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA)
    client.force_login(b)
    url = reverse("koordinasi:detail", args=[rahasia.pk])
    client.get(url)
    assert memo_queries(client, url) != []
    assert cache.get(f"koordinasi:naskah:{rahasia.pk}") is None


def test_a_disposisi_shows_at_once_on_the_memo_page_and_in_the_inbox(client, a, b, b2):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b2)
    naskah_open(naskah=naskah, user=b2)
    assert 'id="disposisi"' not in page(client, naskah)
    assert NEEDS_ACTION not in client.get(INBOX).content.decode()

    disposisi = disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    assert "Tandai tindak lanjut selesai" in page(client, naskah)
    assert NEEDS_ACTION in client.get(INBOX).content.decode()

    disposisi_complete(disposisi=disposisi, actor=b2, catatan="Sudah")
    assert "Tandai tindak lanjut selesai" not in page(client, naskah)
    assert NEEDS_ACTION not in client.get(INBOX).content.decode()


def test_a_disposisi_opens_a_restricted_memo_to_its_receiver_at_once(client, a, b, b2):
    rahasia = naskah_sent(sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA)
    client.force_login(b2)
    assert client.get(reverse("koordinasi:detail", args=[rahasia.pk])).status_code == 404
    disposisi_give(naskah=rahasia, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    assert client.get(reverse("koordinasi:detail", args=[rahasia.pk])).status_code == 200


def test_a_reply_shows_the_thread_on_the_first_memos_page_at_once(client, a, b):
    naskah = naskah_sent(sender=a, to_officers=[b])
    client.force_login(a)
    assert "Utas" not in page(client, naskah)
    balasan = naskah_reply(naskah=naskah, actor=b, isi="Siap")
    assert balasan.nomor in page(client, naskah)


def test_a_renamed_officer_or_agency_shows_at_once(client, a, b, b2):
    naskah = naskah_sent(sender=a, to_officers=[b])
    client.force_login(b)
    assert "Ahmad Pengirim" in page(client, naskah) and "Ahmad Pengirim" in client.get(INBOX).content.decode()
    assert "Bayu Rekan" in page(client, naskah)  # a colleague to pass the memo to

    a.name, b2.name = "Ahmad Baru", "Bayu Baru"
    a.save(), b2.save()
    a.instansi.code = "DPMPTSP-BARU"
    a.instansi.save()
    inbox = client.get(INBOX).content.decode()
    assert "Ahmad Baru" in inbox and "DPMPTSP-BARU" in inbox
    assert "Ahmad Baru" in page(client, naskah) and "Bayu Baru" in page(client, naskah)

    b3 = officer("BAGIAN-UMUM", name="Bintang Baru")
    assert f'value="{b3.pk}"' in page(client, naskah)
    b3.is_active = False
    b3.save()
    assert f'value="{b3.pk}"' not in page(client, naskah)


def test_a_sign_in_leaves_the_names_version_alone(client, a):
    version = cache.get(NAMES_KEY)
    client.force_login(a)  # saves last_login alone
    assert cache.get(NAMES_KEY) == version


def test_inbox_rows_expire_when_an_unread_memo_they_show_passes_its_deadline(client, a, b):
    naskah = naskah_sent(sender=a, to_officers=[b], sifat=Sifat.SEGERA)
    client.force_login(b)
    assert OVERDUE not in client.get(INBOX).content.decode()
    # Its deadline passes (written around the ORM: no signal, as time passing sends none).
    Naskah.objects.filter(pk=naskah.pk).update(due_at=timezone.now() + datetime.timedelta(milliseconds=500))
    cache.set(NAMES_KEY, cache.get(NAMES_KEY) + 1)  # the rows above are drawn again, with the new deadline
    assert OVERDUE not in client.get(INBOX).content.decode()
    Naskah.objects.filter(pk=naskah.pk).update(due_at=timezone.now() - datetime.timedelta(seconds=1))
    assert OVERDUE in client.get(INBOX).content.decode()  # not kept past the deadline


def test_rows_are_kept_no_longer_than_until_they_turn_stale(b):
    calls = []

    def render(stale_in):
        calls.append(stale_in)
        return "<table></table>", timezone.now() + datetime.timedelta(seconds=stale_in)

    rows_get(b, kotak="semua", render=lambda: render(0.5))
    rows_get(b, kotak="semua", render=lambda: render(0.5))
    assert calls == [0.5, 0.5]  # would be stale within a second: not kept
    rows_get(b, kotak="saya", render=lambda: render(300))
    rows_get(b, kotak="saya", render=lambda: render(300))
    assert calls == [0.5, 0.5, 300]


def readable(naskah, user):
    try:
        naskah_detail(user=user, pk=naskah.pk)
    except Naskah.DoesNotExist:
        return False
    return True


def test_the_memo_page_follows_the_same_rule_as_every_list(a, a2, b, b2, c):
    """naskah_readable() (the memo page) agrees with naskah_visible_to() (lists, files) everywhere."""
    memos = [
        naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"]),
        naskah_sent(sender=a, to_officers=[c], cc_agencies=["BAGIAN-UMUM"], klasifikasi=Klasifikasi.TERBATAS),
        naskah_sent(sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA),
        naskah_sent(sender=a, to_officers=[c], klasifikasi=Klasifikasi.SANGAT_RAHASIA),
        naskah_sent(sender=b, to_officers=[c], klasifikasi=Klasifikasi.RAHASIA),
    ]
    # Refused when sending, yet the rule must hold for it: an agency addressed on a restricted memo.
    Penerima.objects.create(naskah=memos[3], instansi=b.instansi, peran=Peran.TEMBUSAN)
    disposisi_give(naskah=memos[2], actor=b, kepada=b2, instruksi="tindak_lanjuti")
    for naskah in memos:
        for user in (a, a2, b, b2, c):
            expected = naskah_visible_to(user=user).filter(pk=naskah.pk).exists()
            assert readable(naskah, user) == expected, (naskah.perihal, naskah.klasifikasi, user.email)
