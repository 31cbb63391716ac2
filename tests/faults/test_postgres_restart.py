"""
PostgreSQL restarts while citizens submit: every submission the node accepted is saved, errors are
only answers during the restart, and the node serves again without being restarted itself.
"""

import contextlib
import threading
import time
from urllib.parse import urlsplit

import pytest
from django.db import connections

from ktp.constants import Status
from ktp.models import PermohonanKTP
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD
from tests.factories.ktp import permohonan_complete_draft
from tests.faults.conftest import accepted, elapsed, figures, submit_over_http
from tests.utils import wait_for

pytestmark = [pytest.mark.faults]

N = 20


@contextlib.contextmanager
def _orm_on(url, django_db_blocker):
    """Point this process's ORM at another database (the private cluster) while inside."""
    connection = connections["default"]
    parts = urlsplit(url)
    keys = ("NAME", "USER", "PASSWORD", "HOST", "PORT")
    old = {key: connection.settings_dict[key] for key in keys}
    with django_db_blocker.unblock():
        connection.close()
        connection.settings_dict.update(
            NAME=parts.path.lstrip("/"), USER=parts.username, PASSWORD="", HOST=parts.hostname
        )
        connection.settings_dict["PORT"] = parts.port
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.update(old)


def test_postgres_restarted_under_submissions_loses_no_accepted_one(
    stack, redis_server, postgres_cluster, django_db_blocker
):
    start = time.monotonic()
    cache, broker = redis_server("cache"), redis_server("broker")
    database_url = postgres_cluster.url("portal")
    services = stack.services(cache_url=cache.url(), broker_url=broker.url(), database_url=database_url)
    with _orm_on(database_url, django_db_blocker):
        citizens = []
        for i in range(N):
            warga = UserFactory(email=f"restart{i}@contoh.id", role=Role.WARGA)
            draft = permohonan_complete_draft(applicant=warga, nik=f"35040250059{100 + i:05d}")
            citizens.append((warga, draft))
        node = stack.node(services)
        browsers = [node.browser().login(warga.email, PASSWORD) for warga, _draft in citizens]

        answers = {}

        def submit_all():
            for index, (browser, (_warga, draft)) in enumerate(zip(browsers, citizens, strict=True)):
                try:
                    answers[index] = submit_over_http(browser, draft)
                except OSError as exc:  # no answer at all: not accepted either
                    answers[index] = exc
                time.sleep(0.05)

        citizens_thread = threading.Thread(target=submit_all)
        citizens_thread.start()
        assert wait_for(lambda: len(answers) >= 3, timeout=60, interval=0.02)
        restart_began = time.monotonic()
        postgres_cluster.restart()
        restart_took = time.monotonic() - restart_began
        submitted_during = len(answers)
        citizens_thread.join(timeout=120)
        assert not citizens_thread.is_alive()
        connections["default"].close()  # this process's connection died with the restart

        def status(answer):
            return answer.status_code if hasattr(answer, "status_code") else type(answer).__name__

        taken = [i for i, answer in answers.items() if not isinstance(answer, Exception) and accepted(answer)]
        refused = {i: status(answer) for i, answer in answers.items() if i not in taken}
        saved = {
            p.pk
            for p in PermohonanKTP.objects.filter(status=Status.DIAJUKAN).exclude(reference="")
            if p.pk in {draft.pk for _warga, draft in citizens}
        }
        accepted_and_saved = sum(citizens[i][1].pk in saved for i in taken)
        # The node serves again, unrestarted: pages, and the citizens whose answer was an error try again.
        after = node.browser().get("/")
        retried = [submit_over_http(browsers[i], citizens[i][1]) for i in refused]
        saved_in_the_end = PermohonanKTP.objects.filter(
            pk__in=[draft.pk for _warga, draft in citizens], status=Status.DIAJUKAN
        ).count()
        figures(
            "postgres-restart",
            submitted=N,
            accepted=len(taken),
            accepted_and_saved=accepted_and_saved,
            not_accepted=len(refused),
            not_accepted_answers="/".join(map(str, refused.values())) or "none",
            saved=len(saved),
            saved_after_retrying_the_refused=saved_in_the_end,
            tasks_queued=broker.llen(),
            restart=f"{restart_took:.1f} s after {submitted_during} answers",
            took=elapsed(start),
        )
        assert accepted_and_saved == len(taken), "a submission the node accepted was not saved"
        assert after.status_code == 200
        assert all(accepted(r) or r.status_code == 200 for r in retried), [r.status_code for r in retried]
        assert saved_in_the_end == N
