"""Run the deadline surge of sealed bids (see bench/surge_bids/__init__.py)."""

import argparse
import datetime
import json
import os
import shutil
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
from pathlib import Path

import bench.surge_bids
from bench.common import (
    BASE_DIR,
    RESULTS,
    VENV_BIN,
    Gunicorn,
    database_recreate,
    production_env,
)
from bench.surge_bids import (
    DATABASE_URL,
    LEAD,
    PORT,
    REAL_LOGINS,
    REDIS_URL,
    SMALL_BYTES,
    TARGETS,
    TECHNICAL_BYTES,
    WINDOW,
)
from bench.surge_bids.checks import late_check, receipts_wait, stored_files, verify
from bench.surge_bids.machine import cpu_seconds, cpu_used, git_head, load_average, worker_nice
from bench.surge_bids.traffic import bid_documents, late_bids, summary, surge
from bench.surge_bids.world import prepare, set_deadline, sign_in
from deploy.render import Nginx, standalone


def parse_args():
    parser = argparse.ArgumentParser(
        prog="python -m bench.surge_bids",
        description=bench.surge_bids.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--vendors", type=int, default=300, help="Vendors bidding in the surge (300).")
    parser.add_argument("--seed", type=int, default=2026, help="Seed of the arrival times.")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, 2).")
    parser.add_argument("--note", default="", help="A word for the results file name, e.g. run1.")
    return parser.parse_args()


def main():
    args = parse_args()
    n = args.vendors
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": git_head(),
        "machine": {"cpus": os.cpu_count(), "uptime_at_start": load_average()},
        "targets": TARGETS,
        "front": "nginx (deploy/nginx/portal.conf, plain HTTP, 1 worker process)",
        "gunicorn_workers": args.workers or 2,
        "celery": f"1 worker, 2 processes {' '.join(worker_nice()) or 'at normal priority'}",
        "bid": f"teknis {TECHNICAL_BYTES} B PDF + administrasi and pernyataan {SMALL_BYTES} B PDFs + price",
    }
    print(f"machine: {report['machine']['uptime_at_start']}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-bids-"))
    static_root = BASE_DIR / "var" / "bench-static"
    gunicorn_port = PORT + 1
    extra = {
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp / "private"),
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "DOCUMENT_SERVE_METHOD": "x-accel",
        "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
        "REQUEST_START_META_KEY": "HTTP_X_REQUEST_START",
        "GUNICORN_BIND": f"127.0.0.1:{gunicorn_port}",
    }
    if args.workers:
        extra["GUNICORN_WORKERS"] = str(args.workers)
    env = production_env(
        database_url=DATABASE_URL, redis_url=REDIS_URL, port=PORT, static_root=static_root, extra=extra
    )
    (tmp / "private").mkdir(parents=True)
    started = time.monotonic()
    database_recreate(DATABASE_URL)
    python = str(VENV_BIN / "python")
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=BASE_DIR, env=env, check=True)  # nosec B603
    collect = [python, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(collect, cwd=BASE_DIR, env=env, check=True)  # nosec B603
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # cache, rate limits and queue of an earlier run
    os.environ.update(env)
    import django

    django.setup()
    print(f"database {DATABASE_URL.rsplit('/', 1)[-1]} migrated in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    tender, vendors = prepare(n + 1)
    bidders, late_vendor = vendors[:n], vendors[n]
    redis.Redis.from_url(REDIS_URL).flushdb()  # the verification notices queued while preparing
    print(f"{tender.reference}, {n + 1} verified vendors registered: {time.monotonic() - started:.0f} s")
    path = f"/pengadaan/paket/{tender.pk}/penawaran/"
    failures = []
    worker_log = open(RESULTS / "surge-bids-worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(  # nosec B603
        [*worker_nice(), python, "-m", "celery", "-A", "portal", "worker", "-c", "2", "-l", "warning",
         "--without-gossip", "--without-mingle", "-n", f"surge-bids-{os.getpid()}@%h"],
        cwd=BASE_DIR, env=env, stdout=worker_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    nginx_dir = tmp / "nginx"
    conf = standalone(
        nginx_dir, port=PORT, upstreams=[f"127.0.0.1:{gunicorn_port}"], static_root=static_root,
        private_root=tmp / "private",
    )  # fmt: skip
    try:
        with Gunicorn(env, RESULTS / "surge-bids-gunicorn.log") as server, Nginx(conf, PORT) as front:
            processes = {"gunicorn": server.process.pid, "celery": worker.pid, "nginx": front.process.pid}
            started = time.monotonic()
            browsers = sign_in(vendors, PORT)
            print(
                f"{REAL_LOGINS} vendors signed in through /akun/login/, {n + 1 - REAL_LOGINS} given a "
                f"session, in {time.monotonic() - started:.0f} s"
            )
            # A warm server, as at any deadline: each worker has shown the form once.
            for browser in browsers[:4]:
                if browser.get(path).status_code != 200:
                    raise RuntimeError(f"{path} does not answer a signed-in vendor")
            documents = [bid_documents(i) for i in range(n)]  # made before, as vendors do
            t0 = set_deadline(tender, LEAD)
            t0_wall = t0.timestamp()
            report["t0"] = t0.isoformat()
            report["uptime_at_surge"] = load_average()
            print(f"deadline T0 = {t0.isoformat()}; surge of {n} bids in the 60 s before it")
            print(f"machine: {report['uptime_at_surge']}")
            time.sleep(max(0.0, t0_wall - WINDOW - 1 - time.time()))
            late_thread_result = {}

            def late_runner():
                time.sleep(max(0.0, t0_wall - 10 - time.time()))
                late_thread_result["late"] = late_bids(browsers[n], late_vendor, browsers[0], path, t0_wall)

            late_thread = threading.Thread(target=late_runner)
            late_thread.start()
            window_started = t0_wall - WINDOW
            cpu_before = cpu_seconds(processes)
            rows = surge(browsers[:n], bidders, documents, path, t0_wall, args.seed)
            surge_done = time.time()
            report["cpu_seconds_during_surge"] = cpu_used(cpu_before, cpu_seconds(processes))
            late_thread.join()
            report["uptime_after_surge"] = load_average()
            figures = summary(rows, t0_wall, window_started)
            figures["last_response_after_t0_s"] = round(surge_done - t0_wall, 2)
            report["surge"] = figures
            u = figures["upload_ms"]
            print(
                f"\n{n} bids of {figures['bid_bytes'] / 1048576:.2f} MiB in the {WINDOW:.0f} s before T0: "
                f"{figures['accepted']} accepted, {figures['errors']} errors"
            )
            print(
                f"upload response ms: p50 {u['p50']}, p95 {u['p95']}, p99 {u['p99']}, max {u['max']}; "
                f"form GET p50 {figures['form_get_ms']['p50']} ms, p95 {figures['form_get_ms']['p95']} ms"
            )
            print(
                f"throughput: {figures['uploads_per_s_window']} bids/s over the minute, "
                f"{figures['uploads_per_s_last_15s']} bids/s in the last 15 s "
                f"({figures['megabytes_received']} MB received); last bid sent "
                f"{figures['last_sent_before_t0_s']} s before T0, last answer "
                f"{figures['last_response_after_t0_s']} s after"
            )
            print(f"machine: {report['uptime_after_surge']}")
            cpu = report["cpu_seconds_during_surge"]
            print(
                f"CPU seconds, window start to last answer ({surge_done - window_started:.0f} s on 2 cores): "
                + ", ".join(f"{k} {v}" for k, v in cpu.items())
            )
            if figures["errors"]:
                failures.append(f"{figures['errors']} bids failed, e.g. {figures['error_examples'][:3]}")
            if (u["p95"] or 1e9) > TARGETS["upload_p95_ms"]:
                failures.append(f"upload p95 {u['p95']} ms > {TARGETS['upload_p95_ms']} ms")
            from pengadaan.models import Penawaran

            ids = list(Penawaran.objects.filter(paket=tender).values_list("pk", flat=True))
            done, _waited = receipts_wait(ids, timeout=600)
            report["receipts_done_after_t0_s"] = round(time.time() - t0_wall, 1)
            print(f"receipts: {done}/{len(ids)}, all made {report['receipts_done_after_t0_s']} s after T0")
            late_figures, late_failures = late_check(
                late_thread_result["late"], tender, late_vendor, bidders[0], t0, stored_files()
            )
            report["late"] = late_figures
            failures += late_failures
            for result in late_figures["results"]:
                print(
                    f"bid {result['sent_after_t0_s']} s after T0: {result['status']}, deadline message: "
                    f"{result['message_shown']}"
                )
            print(f"  message: {late_figures['expected_message']}")
            print(
                f"  nothing stored: late vendor has no bid {late_figures['late_vendor_has_no_bid']}, "
                f"replacing vendor kept its bid {late_figures['replacing_vendor_kept_its_bid']}, "
                "bid files {} -> {}".format(*late_figures["bid_files_before_after"])
            )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        worker_log.close()
    started = time.monotonic()
    checks, check_failures = verify(tender, rows, t0)
    report["checks"] = checks
    failures += check_failures
    print(
        f"stored: {checks['bids_stored']} bids ({checks['bids_active']} active); encrypted, digest = "
        f"SHA-256 of the stored file, documents and price as sent; failed: {checks['bid_checks_failed']}; "
        f"receipts {checks['receipts']}, printing the digest {checks['receipts_printing_the_digest']} "
        f"(checked in {time.monotonic() - started:.0f} s)"
    )
    report["failures"] = failures
    kept = ("before_t0_s", "sent_at_before_t0_s", "get_s", "post_s", "status", "error")
    report["rows"] = [{k: row[k] for k in kept if k in row} for row in rows]
    shutil.rmtree(tmp, ignore_errors=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"surge-bids-{stamp}{'-' + args.note if args.note else ''}.json"
    out.write_text(json.dumps(report, indent=1, default=str))
    print(f"written: {out.relative_to(BASE_DIR)}")
    if failures:
        sys.exit("SURGE OF BIDS FAILED: " + "; ".join(failures))
    print(
        f"surge of bids: targets met (0 errors, upload p95 <= {TARGETS['upload_p95_ms']} ms, every bid "
        "sealed with its digest and receipt, late bids refused)"
    )


if __name__ == "__main__":
    main()
