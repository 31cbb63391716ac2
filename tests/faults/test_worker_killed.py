"""
A Celery worker is killed with SIGKILL while rendering receipts: a second worker gets the tasks the
first took but never acknowledged, and every receipt is made exactly once.
"""

import re
import time

import pytest

from ktp.receipts import permohonan_receipt
from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from portal.verification.models import IssuedDocument
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft
from tests.faults.conftest import celery_to, elapsed, figures
from tests.utils import wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

N = 6
RECEIPT_TASK = r"Task ktp\.tasks\.permohonan_receipt_task\[([0-9a-f-]+)\]"


def test_a_worker_killed_mid_receipts_loses_none_and_makes_each_once(
    stack, redis_server, smtp_server, settings
):
    start = time.monotonic()
    cache, broker = redis_server("cache"), redis_server("broker")
    # Unacknowledged tasks of a dead worker go back to the queue after 2 s.
    services = stack.services(
        cache_url=cache.url(),
        broker_url=broker.url(),
        email_url=smtp_server.url,
        CELERY_VISIBILITY_TIMEOUT="2",
    )
    citizens = []
    for i in range(N):
        warga = UserFactory(email=f"warga{i}@contoh.id", role=Role.WARGA)
        citizens.append((warga, permohonan_complete_draft(applicant=warga, nik=f"35040250059{i:05d}")))
    first = stack.worker(services, name="worker-a")
    with celery_to(broker.url()):
        rows = [permohonan_submit(permohonan=draft, actor=warga) for warga, draft in citizens]

    # Killed once it has made a receipt, while it renders the next one (received, not yet done).
    def rendering():
        text = first.log_text()
        received, done = (
            set(re.findall(RECEIPT_TASK + state, text)) for state in (" received", " succeeded")
        )
        return done and (received - done)

    in_hand = wait_for(rendering, timeout=60, interval=0.01)
    first.kill()
    assert in_hand, first.log_text()[-3000:]
    made_by_first = IssuedDocument.objects.count()
    assert made_by_first < N, "worker A finished every receipt before it was killed"

    second = stack.worker(services, name="worker-b")
    made = wait_for(lambda: all(permohonan_receipt(permohonan=p) for p in rows), timeout=90)
    emailed = wait_for(
        lambda: Notification.objects.filter(status=Notification.Status.SENT).count() >= N, timeout=30
    )
    receipts = IssuedDocument.objects.count()
    files = len(list((settings.PRIVATE_MEDIA_ROOT / "terbit").rglob("*.pdf")))
    received = smtp_server.received()
    figures(
        "worker-killed",
        submitted=N,
        saved=len(rows),
        receipts_before_the_kill=made_by_first,
        receipts_being_rendered_at_the_kill=len(in_hand),
        receipts=receipts,
        receipt_files=files,
        notifications_sent=Notification.objects.filter(status=Notification.Status.SENT).count(),
        emails_received=sum(received.values()),
        took=elapsed(start),
    )
    assert made, "a receipt was lost with the killed worker"
    assert receipts == N and files == N, "a receipt was made twice"
    redone = set(re.findall(RECEIPT_TASK + " succeeded", second.log_text()))
    assert in_hand <= redone, "the task killed mid-render was not redelivered to the second worker"
    assert emailed and set(received) == {warga.email for warga, _draft in citizens}
