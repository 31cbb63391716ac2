"""
The cache Redis dies under a production node: every page still answers, submissions are saved,
sessions keep working and readiness says "degraded"; a cache is a speed-up, never a dependency.
"""

import time

import pytest

from ktp.constants import Status
from ktp.models import PermohonanKTP
from portal.accounts.roles import Role
from portal.public.dashboard import dashboard_refresh
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, TOTP_SECRET
from tests.factories.ktp import permohonan_complete_draft
from tests.faults.conftest import accepted, elapsed, figures, submit_over_http

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

N = 5
PAGES = ["/", "/ktp/standar-pelayanan/", "/transparansi/", "/lacak/", "/ktp/"]
QUEUE = "/admin/ktp/permohonanktp/"


def _citizen(index):
    warga = UserFactory(email=f"warga{index}@contoh.id", role=Role.WARGA)
    nik = f"35040250059{index:05d}"
    return warga, permohonan_complete_draft(applicant=warga, nik=nik)


def test_cache_down_pages_submissions_sessions_and_readiness(stack, redis_server):
    start = time.monotonic()
    cache, broker = redis_server("cache"), redis_server("broker")
    services = stack.services(cache_url=cache.url(), broker_url=broker.url())
    dashboard_refresh()  # the transparency snapshot, computed before the outage
    citizens = [_citizen(i) for i in range(N)]
    officer = UserFactory(email="petugas@contoh.id", role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    node = stack.node(services)

    # Signed in while the cache is up: these sessions must outlive it.
    browsers = [node.browser().login(warga.email, PASSWORD) for warga, _draft in citizens]
    desk = node.browser().login(officer.email, PASSWORD, totp_secret=TOTP_SECRET)
    assert desk.get(QUEUE, follow=False).status_code == 200
    assert node.browser().get("/healthz/ready").json()["status"] == "ok"

    cache.stop()
    statuses = {}
    visitor = node.browser()
    for path in PAGES * 2:  # twice: each gunicorn worker meets the dead server
        statuses.setdefault(path, []).append(visitor.get(path).status_code)
    ready = node.browser().get("/healthz/ready")
    assert ready.status_code == 200 and ready.json()["status"] == "degraded", ready.text

    assert all(b.get("/ktp/permohonan/", follow=False).status_code == 200 for b in browsers)
    answers = [
        submit_over_http(browser, draft) for browser, (_warga, draft) in zip(browsers, citizens, strict=True)
    ]
    queue = desk.get(QUEUE, follow=False)
    # A new sign-in during the outage, a citizen's and an officer's (password, then TOTP).
    new_citizen = node.browser().submit(
        "/akun/login/", overrides={"login": citizens[0][0].email, "password": PASSWORD}, follow=False
    )
    new_officer = node.browser().submit(
        "/akun/login/", overrides={"login": officer.email, "password": PASSWORD}, follow=False
    )
    statuses["new sign-in"] = [new_citizen.status_code, new_officer.status_code]

    saved = PermohonanKTP.objects.filter(status=Status.DIAJUKAN).exclude(reference="").count()
    codes = [r.status_code for r in answers] + [queue.status_code] + sum(statuses.values(), [])
    server_errors = sum(code >= 500 for code in codes)
    figures(
        "cache-down",
        submitted=N,
        accepted=sum(accepted(r) for r in answers),
        saved=saved,
        receipt_tasks_queued=broker.llen(),
        **{"5xx": server_errors},
        new_sign_in_answers="/".join(map(str, statuses["new sign-in"])),
        took=elapsed(start),
    )
    print("  pages: " + ", ".join(f"{p} {s}" for p, s in statuses.items()) + f"; queue {queue.status_code}")
    submissions = [r.status_code for r in answers]
    assert server_errors == 0, (statuses, submissions, queue.status_code, node.log_text())
    assert all(accepted(r) for r in answers), [(r.status_code, r.headers.get("Location")) for r in answers]
    assert saved == N
    references = PermohonanKTP.objects.exclude(reference="").values_list("reference", flat=True)
    assert queue.status_code == 200 and all(ref in queue.text for ref in references)
