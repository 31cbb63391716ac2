"""
The broker Redis is down while citizens submit: every submission is saved and answered; once the
broker is back, a real worker and the receipt sweep make every receipt, and the status email.
"""

import datetime
import time

import pytest
from django.db.models import F

from ktp.constants import Status
from ktp.models import PermohonanKTP
from ktp.receipts import permohonan_receipt
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD
from tests.factories.ktp import permohonan_complete_draft
from tests.faults.conftest import accepted, celery_to, elapsed, figures, submit_over_http
from tests.utils import wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

N = 5


def test_broker_down_at_submission_everything_saved_and_the_sweep_makes_the_receipts(
    stack, redis_server, smtp_server
):
    from ktp.tasks import permohonan_receipt_sweep_task

    start = time.monotonic()
    cache, broker = redis_server("cache"), redis_server("broker")
    services = stack.services(cache_url=cache.url(), broker_url=broker.url(), email_url=smtp_server.url)
    citizens = []
    for i in range(N):
        warga = UserFactory(email=f"warga{i}@contoh.id", role=Role.WARGA)
        citizens.append((warga, permohonan_complete_draft(applicant=warga, nik=f"35040250059{i:05d}")))
    node = stack.node(services)
    browsers = [node.browser().login(warga.email, PASSWORD) for warga, _draft in citizens]

    broker.stop()
    answers, waits = [], []
    for browser, (_warga, draft) in zip(browsers, citizens, strict=True):
        began = time.monotonic()
        answers.append(submit_over_http(browser, draft))
        waits.append(time.monotonic() - began)
    saved = PermohonanKTP.objects.filter(status=Status.DIAJUKAN).exclude(reference="")
    assert saved.count() == N, [(r.status_code, r.headers.get("Location")) for r in answers]
    pages = [
        browser.get(r.headers["Location"])
        for browser, r in zip(browsers, answers, strict=True)
        if accepted(r)
    ]

    broker.start()
    stack.worker(services)
    # The sweep takes submissions older than two minutes (a task may still be on its way).
    saved.update(submitted_at=F("submitted_at") - datetime.timedelta(minutes=5))
    with celery_to(broker.url()):
        permohonan_receipt_sweep_task.delay()
    rows = list(saved)
    made = wait_for(lambda: all(permohonan_receipt(permohonan=p) for p in rows), timeout=60)
    emailed = wait_for(
        lambda: Notification.objects.filter(status=Notification.Status.SENT).count() >= N, timeout=30
    )
    received = smtp_server.received()
    figures(
        "broker-down",
        submitted=N,
        accepted=sum(accepted(r) for r in answers),
        saved=saved.count(),
        receipts=sum(bool(permohonan_receipt(permohonan=p)) for p in rows),
        notifications_sent=Notification.objects.filter(status=Notification.Status.SENT).count(),
        emails_received=sum(received.values()),
        **{"5xx": sum(r.status_code >= 500 for r in answers + pages)},
        slowest_submission=f"{max(waits):.2f} s",
        took=elapsed(start),
    )
    assert all(accepted(r) for r in answers)
    assert all(page.status_code == 200 and "sedang disiapkan" in page.text for page in pages)
    assert made, "not every receipt was made after the broker came back"
    assert emailed, "the status emails of submissions made while the broker was down were lost"
    assert received == {warga.email: 1 for warga, _draft in citizens}
