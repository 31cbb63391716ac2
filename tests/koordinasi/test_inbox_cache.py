"""The inbox's cached boxes and counts: whatever reaches an officer or their agency shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinasi.constants import Klasifikasi
from koordinasi.inbox_cache import _agency_key, _officer_key, versions_bump
from koordinasi.services import disposisi_give, naskah_open
from tests.factories.koordinasi import naskah_sent

pytestmark = pytest.mark.django_db

INBOX = reverse("koordinasi:index")


def inbox(client):
    response = client.get(INBOX)
    return [n.pk for n in response.context["naskah_list"]], response.context["counts"]


def box_computed(client, url=INBOX):
    """Return whether serving url had to find the inbox's memos again (the addressee index was read)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return any("koordinasi_penerima" in q["sql"] for q in queries)


def test_a_memo_sent_after_the_inbox_was_cached_shows_at_the_next_request(client, a, b):
    first = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    assert inbox(client) == ([first.pk], {"semua": 1, "saya": 0, "instansi": 1})
    assert not box_computed(client)  # served from the cache

    to_agency = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    assert inbox(client) == ([to_agency.pk, first.pk], {"semua": 2, "saya": 0, "instansi": 2})
    to_me = naskah_sent(sender=a, to_officers=[b])
    assert inbox(client) == ([to_me.pk, to_agency.pk, first.pk], {"semua": 3, "saya": 1, "instansi": 2})


def test_opening_a_memo_updates_the_unread_counts_at_once(client, a, b):
    naskah = naskah_sent(sender=a, to_officers=[b])
    client.force_login(b)
    assert inbox(client)[1] == {"semua": 1, "saya": 1, "instansi": 0}
    client.get(reverse("koordinasi:detail", args=[naskah.pk]))
    assert inbox(client)[1] == {"semua": 0, "saya": 0, "instansi": 0}
    assert 'class="fw-bold"' not in client.get(INBOX).content.decode()
    assert not box_computed(client)  # a reading changes the counts, not the boxes


def test_another_agencys_memo_leaves_the_cached_inbox_alone(client, a, b, c):
    naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    client.get(INBOX)
    naskah_sent(sender=a, to_agencies=["DISPENDUKCAPIL"], to_officers=[c])
    naskah_open(naskah=naskah_sent(sender=b, to_officers=[c]), user=c)
    assert not box_computed(client)


def test_a_disposisi_puts_the_memo_in_the_receivers_own_box_at_once(client, a, b, b2):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b2)
    assert inbox(client) == ([naskah.pk], {"semua": 1, "saya": 0, "instansi": 1})
    disposisi_give(naskah=naskah, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    assert inbox(client) == ([naskah.pk], {"semua": 1, "saya": 1, "instansi": 1})
    assert client.get(INBOX, {"perlu_tindakan": "on"}).context["naskah_list"][0].pk == naskah.pk


def test_a_restricted_memo_reaches_only_its_named_officer_through_the_cache(client, a, b, b2):
    client.force_login(b2)
    client.get(INBOX)
    rahasia = naskah_sent(sender=a, to_officers=[b], klasifikasi=Klasifikasi.RAHASIA)
    assert inbox(client) == ([], {"semua": 0, "saya": 0, "instansi": 0})
    client.force_login(b)
    assert inbox(client)[0] == [rahasia.pk]


def test_a_lost_version_never_brings_back_boxes_cached_under_it(client, a, b):
    client.force_login(b)
    assert inbox(client)[0] == []
    cache.delete_many([_agency_key(b.instansi_id), _officer_key(b.pk)])  # evicted, say
    naskah = naskah_sent(sender=a, to_officers=[b])
    cache.delete_many([_agency_key(b.instansi_id), _officer_key(b.pk)])
    assert inbox(client)[0] == [naskah.pk]


def test_versions_are_raised_again_after_commit(b, django_capture_on_commit_callbacks):
    key = _officer_key(b.pk)
    with django_capture_on_commit_callbacks(execute=True):
        versions_bump(officers=[b.pk])
        during = cache.get(key)
    assert cache.get(key) == during + 1  # a request that cached rows read before the commit is passed by
