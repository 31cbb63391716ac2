"""
Receipts per minute with 2 Celery worker processes, for 200 submissions.

    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \
    .venv/bin/python bench/receipts.py [N]

Creates (and drops first) the bench database, submits N applications while the broker is
unreachable (so no receipt is made then), starts `celery worker -c 2` on a private queue, queues
the N receipt tasks and prints how long the workers took to render all of them.
"""

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
BROKER = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
MEDIA = tempfile.mkdtemp(prefix="bench-receipts-")
QUEUE = f"bench-{uuid.uuid4().hex[:8]}"

os.environ.update(
    DJANGO_SETTINGS_MODULE="portal.settings.dev",
    DATABASE_URL=DATABASE_URL,
    DJANGO_PRIVATE_MEDIA_ROOT=f"{MEDIA}/private",
    DJANGO_MEDIA_ROOT=f"{MEDIA}/media",
    CELERY_BROKER_URL="redis://127.0.0.1:1/0",  # closed: submissions queue nothing
    CELERY_TASK_ALWAYS_EAGER="false",
    DJANGO_LOG_LEVEL="ERROR",
)
sys.path.insert(0, str(BASE_DIR))

from bench.common import database_recreate  # noqa: E402


def submit_applications():
    from ktp.models import LayananKecamatan
    from ktp.services import permohonan_submit
    from portal.accounts.models import User
    from tests.factories.ktp import permohonan_complete_draft

    LayananKecamatan.objects.update(daily_capacity=500)
    ids = []
    for i in range(N):
        user = User.objects.create_user(email=f"bench{i}@contoh.id", password=None)
        kecamatan = ["35.04.02", "35.04.03"][i % 2]
        nik = f"{kecamatan.replace('.', '')}1005{90 + i // 10000:02d}{i % 10000:04d}"
        draft = permohonan_complete_draft(
            applicant=user, kecamatan_code=kecamatan, nik=nik, jenis_kelamin="L", nik_mismatch_confirmed=True
        )
        ids.append(permohonan_submit(permohonan=draft, actor=user).pk)
    return ids


def main():
    import django

    database_recreate(DATABASE_URL)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    t0 = time.monotonic()
    ids = submit_applications()
    print(f"{N} applications submitted in {time.monotonic() - t0:.1f} s (broker down: no receipts yet)")

    from portal.verification.models import IssuedDocument

    assert not IssuedDocument.objects.exclude(file="").exists()
    env = {**os.environ, "CELERY_BROKER_URL": BROKER}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "-c",
            "2",
            "-Q",
            QUEUE,
            "-l",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"{QUEUE}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        from kombu import Connection

        from ktp.tasks import permohonan_receipt_task

        time.sleep(3)  # let both worker processes import Django and WeasyPrint's first use warm up in-task
        start = time.monotonic()
        with Connection(BROKER) as conn:
            for pk in ids:
                permohonan_receipt_task.apply_async((pk,), queue=QUEUE, connection=conn)
        done = 0
        while done < N and time.monotonic() - start < 900:
            time.sleep(0.5)
            done = IssuedDocument.objects.exclude(file="").count()
        elapsed = time.monotonic() - start
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    sizes = [p.stat().st_size for p in Path(MEDIA).rglob("*.pdf")]
    print(f"{done}/{N} receipts rendered by 2 worker processes in {elapsed:.1f} s")
    per_receipt_ms = elapsed / max(done, 1) * 1000
    print(f"throughput: {done / elapsed * 60:.0f} receipts per minute ({per_receipt_ms:.0f} ms each)")
    print(f"PDF size: mean {sum(sizes) / max(len(sizes), 1) / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
