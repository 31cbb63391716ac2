import os
import signal
import subprocess
import sys
import uuid

import pytest
from django.db import transaction

from ktp.receipts import permohonan_receipt
from ktp.services import permohonan_submit
from portal.verification.models import IssuedDocument
from tests.conftest import BASE_DIR, REDIS_URL, _celery_forget_connections, _database_url
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft
from tests.utils import wait_for


def _worker(queue, name, settings, log_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "DJANGO_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "EMAIL_URL": "memorymail://",
    }
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portal",
        "worker",
        "-P",
        "solo",
        "-Q",
        queue,
        "-n",
        f"{name}@%h",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "info",
    ]
    log = open(log_path, "w")  # noqa: SIM115
    return subprocess.Popen(
        cmd, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_has_the_receipt_redelivered_and_made_once(settings):
    from ktp.tasks import permohonan_receipt_task
    from portal.celery import app

    queue = f"test-{uuid.uuid4().hex[:12]}"
    with transaction.atomic():
        warga = UserFactory()
        draft = permohonan_complete_draft(applicant=warga)
    permohonan = permohonan_submit(permohonan=draft, actor=warga)  # eager: makes the receipt now
    for made in IssuedDocument.objects.all():  # start again without one, as if never made
        made.file.delete()
        made.delete()

    log_a, log_b = BASE_DIR / "var" / f"{queue}-a.log", BASE_DIR / "var" / f"{queue}-b.log"
    first = _worker(queue, f"{queue}-a", settings, log_a)
    second = None
    try:
        assert wait_for(lambda: " ready." in log_a.read_text(), timeout=60), log_a.read_text()[-2000:]
        old = (app.conf.task_always_eager, app.conf.broker_url)
        app.conf.task_always_eager, app.conf.broker_url = False, REDIS_URL
        _celery_forget_connections(app)
        try:
            permohonan_receipt_task.apply_async((permohonan.pk,), queue=queue)
        finally:
            app.conf.task_always_eager, app.conf.broker_url = old
            _celery_forget_connections(app)
        assert wait_for(lambda: "permohonan_receipt_task[" in log_a.read_text(), timeout=30, interval=0.005)
        os.killpg(first.pid, signal.SIGKILL)  # mid-task: a cold worker spends ~0.5 s importing WeasyPrint
        first.wait()
        assert permohonan_receipt(permohonan=permohonan) is None, "worker A finished before it was killed"

        second = _worker(queue, f"{queue}-b", settings, log_b)
        receipt = wait_for(lambda: permohonan_receipt(permohonan=permohonan), timeout=90)
        assert receipt is not None, log_b.read_text()[-2000:]
        assert "permohonan_receipt_task[" in log_b.read_text()
        assert IssuedDocument.objects.count() == 1
        assert len(list((settings.PRIVATE_MEDIA_ROOT / "terbit").rglob("*.pdf"))) == 1
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
