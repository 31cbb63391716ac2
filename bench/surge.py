"""
Surge: 200 citizens press "Ajukan" at the same moment.

    .venv/bin/python bench/surge.py [N]      (bench/run --surge runs it too)

Creates (and drops first) the PostgreSQL database `bench_surge` (BENCH_SURGE_DATABASE_URL), makes
N citizens with complete KTP-el drafts and a signed-in session each, starts gunicorn with
production settings and one Celery worker with 2 processes (as bench/receipts.py does), then sends
the N submissions at once through HTTP. It checks: no error response, N distinct references, and N
receipts (PDF with QR) rendered by the 2 worker processes; it prints how long each part took and
exits non-zero when a check fails.
"""

import concurrent.futures
import os
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    BASE_DIR,
    RESULTS,
    VENV_BIN,
    Browser,
    Gunicorn,
    database_recreate,
    production_env,
)

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200
DATABASE_URL = os.environ.get("BENCH_SURGE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_surge")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
PORT = int(os.environ.get("BENCH_SURGE_PORT", "8098"))
CSRF_SECRET = "S" * 32  # the cookie's secret; Django also accepts it unmasked in the form


def prepare(n):
    """Make n citizens with complete drafts; return (draft id, session key) pairs."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from ktp.models import LayananKecamatan
    from portal.accounts.models import User
    from tests.factories.ktp import permohonan_complete_draft

    LayananKecamatan.objects.update(daily_capacity=1000)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    pairs = []
    for i in range(n):
        user = User.objects.create_user(email=f"surge{i}@contoh.id", password=None)
        kecamatan = ["35.04.02", "35.04.03"][i % 2]
        nik = f"{kecamatan.replace('.', '')}1005{90 + i // 10000:02d}{i % 10000:04d}"
        draft = permohonan_complete_draft(
            applicant=user, kecamatan_code=kecamatan, nik=nik, jenis_kelamin="L", nik_mismatch_confirmed=True
        )
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "portal.accounts.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        pairs.append((draft.pk, session.session_key))
    return pairs


def submit_all(pairs):
    """POST every submission at the same moment; return (seconds, statuses)."""
    barrier = threading.Barrier(len(pairs))

    def submit(pair):
        pk, session_key = pair
        browser = Browser(PORT)
        browser.cookies = {"sessionid": session_key, "csrftoken": CSRF_SECRET}
        browser.timeout = 900  # the last of 200 waits for the 199 before it on 2 workers
        barrier.wait()
        started = time.monotonic()
        response = browser.post(
            f"/ktp/permohonan/{pk}/periksa/", {"csrfmiddlewaretoken": CSRF_SECRET}, follow=False
        )
        return response.status_code, response.headers.get("Location", ""), time.monotonic() - started

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(pairs)) as pool:
        results = list(pool.map(submit, pairs))
    return time.monotonic() - start, results


def main():
    import django

    media = tempfile.mkdtemp(prefix="bench-surge-")
    env = production_env(
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        port=PORT,
        static_root=BASE_DIR / "var" / "bench-static",
        extra={"DJANGO_PRIVATE_MEDIA_ROOT": f"{media}/private", "DJANGO_MEDIA_ROOT": f"{media}/media"},
    )
    database_recreate(DATABASE_URL)
    os.environ.update(env)
    python = str(VENV_BIN / "python")
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=BASE_DIR, env=env, check=True)  # nosec B603
    collect = [python, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(collect, cwd=BASE_DIR, env=env, check=True)  # nosec B603
    django.setup()
    from portal.celery import app

    app.control.purge()  # leftovers of an earlier run in the benchmark's Redis database
    t0 = time.monotonic()
    pairs = prepare(N)
    print(f"{N} citizens with complete drafts and sessions ready in {time.monotonic() - t0:.1f} s")
    RESULTS.mkdir(parents=True, exist_ok=True)
    worker_log = open(RESULTS / "surge-worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(  # nosec B603
        [python, "-m", "celery", "-A", "portal", "worker", "-c", "2", "-l", "warning", "--without-gossip",
         "--without-mingle", "-n", f"surge-{os.getpid()}@%h"],
        cwd=BASE_DIR, env=env, stdout=worker_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    failures = []
    try:
        with Gunicorn(env, RESULTS / "surge-gunicorn.log"):
            surge_start = time.monotonic()
            seconds, results = submit_all(pairs)
            from ktp.models import PermohonanKTP
            from portal.verification.models import IssuedDocument

            bad = [r for r in results if r[0] != 302 or "konfirmasi" not in r[1]]
            latencies = sorted(r[2] * 1000 for r in results)
            p50, top = latencies[len(latencies) // 2], latencies[-1]
            print(
                f"{N} simultaneous submissions in {seconds:.1f} s: {N - len(bad)} accepted, "
                f"{len(bad)} errors; latency p50 {p50:.0f} ms, max {top:.0f} ms"
            )
            if bad:
                failures.append(f"{len(bad)} submissions failed, e.g. {bad[:3]}")
            ids = [pk for pk, _session in pairs]
            references = set(PermohonanKTP.objects.filter(pk__in=ids).values_list("reference", flat=True))
            references.discard(None)
            print(f"distinct references: {len(references)}")
            if len(references) != N:
                failures.append(f"{len(references)} distinct references, not {N}")
            done, deadline = 0, time.monotonic() + 900
            while done < N and time.monotonic() < deadline:
                time.sleep(0.5)
                done = IssuedDocument.objects.filter(object_id__in=ids).exclude(file="").count()
            print(
                f"receipts rendered by 2 worker processes: {done}/{N}, "
                f"{time.monotonic() - surge_start:.1f} s after the surge began"
            )
            if done != N:
                failures.append(f"{done} receipts, not {N}")
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        worker_log.close()
    if failures:
        sys.exit("SURGE FAILED: " + "; ".join(failures))
    print("surge: no errors, distinct references, every receipt made")


if __name__ == "__main__":
    main()
