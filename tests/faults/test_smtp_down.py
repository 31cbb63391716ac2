"""
The mail server is down: citizens' submissions still succeed, their status emails fail and are
kept with their message; once the server is back the retry sweep delivers each exactly once.
"""

import time

import pytest

from ktp.constants import Status
from ktp.models import PermohonanKTP
from portal.accounts.roles import Role
from portal.notifications.models import Notification
from portal.notifications.tasks import notification_retry_sweep_task
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD
from tests.factories.ktp import permohonan_complete_draft
from tests.faults.conftest import accepted, celery_to, elapsed, figures, submit_over_http
from tests.utils import wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

N = 5


def test_smtp_down_notifications_kept_and_sent_once_by_the_retry_sweep(stack, redis_server, smtp_server):
    start = time.monotonic()
    cache, broker = redis_server("cache"), redis_server("broker")
    # The sweep takes every failed notification at once, not NOTIFICATION_RETRY_MINUTES later.
    services = stack.services(
        cache_url=cache.url(),
        broker_url=broker.url(),
        email_url=smtp_server.url,
        NOTIFICATION_RETRY_MINUTES="0",
    )
    citizens = []
    for i in range(N):
        warga = UserFactory(email=f"warga{i}@contoh.id", role=Role.WARGA)
        citizens.append((warga, permohonan_complete_draft(applicant=warga, nik=f"35040250059{i:05d}")))
    node = stack.node(services)
    stack.worker(services)
    browsers = [node.browser().login(warga.email, PASSWORD) for warga, _draft in citizens]

    smtp_server.stop()
    answers = [
        submit_over_http(browser, draft) for browser, (_warga, draft) in zip(browsers, citizens, strict=True)
    ]
    failed = Notification.objects.filter(status=Notification.Status.FAILED).exclude(subject="")
    kept = wait_for(lambda: failed.count() == N, timeout=60)
    failed_count = failed.count()
    assert kept, list(Notification.objects.values_list("status", "error"))
    assert all(n.body_text and n.error for n in failed)

    smtp_server.start()
    with celery_to(broker.url()):
        notification_retry_sweep_task.delay()
    sent = Notification.objects.filter(status=Notification.Status.SENT)
    delivered = wait_for(lambda: sent.count() == N, timeout=60)
    time.sleep(1)  # a task retrying on its own meanwhile must find the email sent, not send it again
    received = smtp_server.received()
    figures(
        "smtp-down",
        submitted=N,
        accepted=sum(accepted(r) for r in answers),
        saved=PermohonanKTP.objects.filter(status=Status.DIAJUKAN).count(),
        notifications_failed_and_kept=failed_count,
        notifications_sent_after=sent.count(),
        emails_received=sum(received.values()),
        took=elapsed(start),
    )
    assert all(accepted(r) for r in answers)
    assert delivered, list(Notification.objects.values_list("status", "attempts", "error"))
    assert received == {warga.email: 1 for warga, _draft in citizens}
