"""
The inbox and a memo's page cost the same number of queries with 1 memo and with 30, both when
drawn afresh and when served from the cache (cold and warm).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinasi.inbox_cache import versions_bump
from koordinasi.services import disposisi_give, naskah_open, naskah_reply
from tests.factories.koordinasi import naskah_sent, officer, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["warm", "cold"])
def cold(request):
    return request.param == "cold"


def count(client, url, cold):
    client.get(url)  # warm up: session, first receipt
    if cold:  # memo sheets and inbox rows drawn again, as after a change
        versions_bump(names=True)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def inbox_with(n, a, b):
    for _ in range(n):
        naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], cc_officers=[b], files=[pdf_upload()])


def test_inbox_queries_do_not_grow_with_memos(client, a, b, b2, cold):
    client.force_login(b)
    inbox_with(1, a, b)
    one = count(client, reverse("koordinasi:index"), cold)
    inbox_with(29, a, b)
    assert len(client.get(reverse("koordinasi:index")).context["naskah_list"]) == 30
    assert count(client, reverse("koordinasi:index"), cold) == one


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
def test_detail_queries_do_not_grow_with_the_thread(client, a, b, b2, viewer, cold):
    user = {"a": a, "b": b}[viewer]
    client.force_login(user)
    small = thread_with(2, a, b, b2)
    two = count(client, reverse("koordinasi:detail", args=[small.pk]), cold)
    big = thread_with(30, a, b, b2)
    assert count(client, reverse("koordinasi:detail", args=[big.pk]), cold) == two
    lone = thread_with(1, a, b, b2)  # no thread to look up: one query fewer
    assert count(client, reverse("koordinasi:detail", args=[lone.pk]), cold) == two - 1


def test_detail_queries_do_not_grow_with_named_addressees(client, a, b, cold):
    client.force_login(a)
    few = naskah_sent(sender=a, to_officers=[b])
    one = count(client, reverse("koordinasi:detail", args=[few.pk]), cold)
    others = [officer(code) for code in ("BAGIAN-UMUM", "DISPENDUKCAPIL") for _ in range(5)]
    many = naskah_sent(sender=a, to_officers=[b, *others])
    assert count(client, reverse("koordinasi:detail", args=[many.pk]), cold) == one
