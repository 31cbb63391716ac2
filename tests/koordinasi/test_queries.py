"""
The inbox and a memo's page cost the same number of queries with 1 memo and with 30; the inbox
drawn afresh reads its counts and its page in two queries, and from its cached fragment in none.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinasi.services import disposisi_give, naskah_open, naskah_reply
from tests.factories.koordinasi import naskah_sent, officer, pdf_upload

pytestmark = pytest.mark.django_db


def count(client, url, *, cold=True):
    client.get(url)  # warm up: session, first receipt
    if cold:
        cache.clear()  # the inbox's fragment drawn afresh
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def memo_queries(client, url, *, cold):
    """Return the queries of a GET of url that read memos or their rights to read."""
    client.get(url)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return [q["sql"] for q in queries if "koordinasi_" in q["sql"]]


def inbox_with(n, a, b):
    for _ in range(n):
        naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], cc_officers=[b], files=[pdf_upload()])


def test_inbox_queries_do_not_grow_with_memos(client, a, b, b2):
    client.force_login(b)
    inbox_with(1, a, b)
    one = count(client, reverse("koordinasi:index"))
    inbox_with(29, a, b)
    assert len(client.get(reverse("koordinasi:index")).context["naskah_list"]) == 30
    assert count(client, reverse("koordinasi:index")) == one


@pytest.mark.parametrize("query", ["", "?kotak=saya", "?kotak=instansi", "?belum_dibaca=on", "?q=Koordinasi"])
def test_the_inbox_is_two_queries_afresh_and_none_from_its_fragment(client, a, b, query):
    inbox_with(3, a, b)
    client.force_login(b)
    url = reverse("koordinasi:index") + query
    assert len(memo_queries(client, url, cold=True)) == 2  # the unread counts, the page
    assert memo_queries(client, url, cold=False) == []


def thread_with(n, a, b, b2):
    """Return a memo with n - 1 replies, attachments, receipts and a disposisi chain."""
    root = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM", "DISPENDUKCAPIL"], files=[pdf_upload()])
    disposisi_give(naskah=root, actor=b, kepada=b2, instruksi="tindak_lanjuti")
    naskah_open(naskah=root, user=b2)
    last = root
    for i in range(n - 1):
        last = naskah_reply(naskah=last, actor=b if i % 2 == 0 else a, isi="Balasan", files=[pdf_upload()])
    return root


@pytest.mark.parametrize("viewer", ["a", "b"])
def test_detail_queries_do_not_grow_with_the_thread(client, a, b, b2, viewer):
    user = {"a": a, "b": b}[viewer]
    client.force_login(user)
    small = thread_with(2, a, b, b2)
    two = count(client, reverse("koordinasi:detail", args=[small.pk]))
    big = thread_with(30, a, b, b2)
    assert count(client, reverse("koordinasi:detail", args=[big.pk])) == two
    lone = thread_with(1, a, b, b2)  # no thread to look up: one query fewer
    assert count(client, reverse("koordinasi:detail", args=[lone.pk])) == two - 1


def test_detail_queries_do_not_grow_with_named_addressees(client, a, b):
    client.force_login(a)
    few = naskah_sent(sender=a, to_officers=[b])
    one = count(client, reverse("koordinasi:detail", args=[few.pk]))
    others = [officer(code) for code in ("BAGIAN-UMUM", "DISPENDUKCAPIL") for _ in range(5)]
    many = naskah_sent(sender=a, to_officers=[b, *others])
    assert count(client, reverse("koordinasi:detail", args=[many.pk])) == one
