"""Concurrent sends of one agency: distinct and consecutive numbers. PostgreSQL only."""

import threading

import pytest
from django.db import connection

from koordinasi.models import Naskah
from koordinasi.services import naskah_send
from tests.factories.koordinasi import naskah_draft, officer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


def run_at_once(target, args_list):
    """Run target(barrier, *args) in one thread each, released together; return results or exceptions."""
    barrier = threading.Barrier(len(args_list), timeout=30)
    results = [None] * len(args_list)

    def worker(index, args):
        try:
            results[index] = target(barrier, *args)
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, args)) for i, args in enumerate(args_list)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def send(barrier, pk, actor):
    draft = Naskah.objects.get(pk=pk)
    barrier.wait()
    return naskah_send(naskah=draft, actor=actor)


def test_concurrent_sends_in_one_agency_get_distinct_consecutive_numbers():
    receiver = officer("BAGIAN-UMUM")
    senders = [officer("DPMPTSP") for _ in range(THREADS)]
    other = officer("DISPENDUKCAPIL")
    drafts = [naskah_draft(sender=s, to_officers=[receiver]) for s in senders]
    other_draft = naskah_draft(sender=other, to_officers=[receiver])

    results = run_at_once(
        send, [(d.pk, s) for d, s in zip(drafts, senders, strict=True)] + [(other_draft.pk, other)]
    )

    assert all(isinstance(r, Naskah) for r in results), results
    serials = sorted(r.nomor_urut for r in results[:THREADS])
    assert serials == list(range(1, THREADS + 1))
    assert len({r.nomor for r in results}) == THREADS + 1
    assert results[-1].nomor_urut == 1  # another agency counts on its own


def test_double_click_on_send_numbers_once():
    receiver = officer("BAGIAN-UMUM")
    sender = officer("DPMPTSP")
    draft = naskah_draft(sender=sender, to_officers=[receiver])
    results = run_at_once(send, [(draft.pk, sender), (draft.pk, sender)])
    assert sum(isinstance(r, Naskah) for r in results) == 1, results
    later = naskah_send(naskah=naskah_draft(sender=sender, to_officers=[receiver]), actor=sender)
    assert later.nomor_urut == 2  # the refused second click left no gap
