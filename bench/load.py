"""
The benchmark behind `bench/run` (see README, "Benchmark").

Starts gunicorn with production settings on the seeded PostgreSQL database (one node, or --nodes N)
behind deploy/'s nginx (Debian's package, plain HTTP on --port, as production's TLS front except for
the TLS itself), signs in one session per role (officers with their TOTP second factor), then with
wrk, through nginx:

1. each page alone (16 connections), `/healthz/live` first as the baseline;
2. the realistic mix of all pages at once (16 connections), the issue's target;
3. the officers' queue pages alone at 8 connections.

It also measures the first-load weight of every citizen page as nginx sends it (HTML, CSS, JS,
images, fonts), prints a table per run and writes everything to bench/results/<time>.json.
"""

import argparse
import contextlib
import datetime
import json
import os
import shutil
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    BASE_DIR,
    RESULTS,
    VENV_BIN,
    Browser,
    Gunicorn,
    form_fields,
    production_env,
)
from bench.weight import page_weight  # noqa: E402
from deploy.render import Nginx, standalone  # noqa: E402

DEMO = "@demo.tulungagung.go.id"
# Share of each page in the mix (per cent): citizens dominate, officers work their queues.
MIX = {
    "healthz": 4,
    "home": 14,
    "standar": 8,
    "form_get": 6,
    "form_post": 4,
    "permohonan_saya": 9,
    "lacak": 6,
    "verifikasi": 5,
    "transparansi": 8,
    "ktp_queue": 10,
    "ktp_change": 6,
    "izin_queue": 6,
    "memo_inbox": 9,
    "memo": 5,
}
QUEUES = ["ktp_queue", "izin_queue", "memo_inbox"]
CITIZEN_PAGES = ["home", "standar", "ktp_index", "form_get", "permohonan_saya", "lacak_page", "verifikasi",
                 "transparansi", "perizinan", "data_saya"]  # fmt: skip
# The mix is judged against the health probe measured in the same run (mix_of_healthz), so that a
# slower or busier machine does not read as slower code; mix_rps applies when no probe was run.
TARGETS = {
    "mix_of_healthz": 0.12,
    "mix_rps": 235,
    "mix_p95_ms": 300,
    "queue_rps": 100,
    "queue_p95_ms": 150,
    "page_kb": 60,
}


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scale"),
        help="PostgreSQL database filled by `python -m bench.seed`.",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        help="Redis for the cache, sessions and broker of the server under test.",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("BENCH_PORT", "8099")),
        help="nginx's port; the gunicorn nodes listen on the next ones.",
    )
    parser.add_argument("--duration", type=int, default=15, help="Seconds per single-page run.")
    parser.add_argument("--mix-duration", type=int, default=60, help="Seconds of the mixed run.")
    parser.add_argument("--connections", type=int, default=16, help="Connections of the mixed run.")
    parser.add_argument(
        "--workers",
        type=int,
        help="gunicorn worker processes per node (default: portal/gunicorn.conf.py's, 2).",
    )
    parser.add_argument(
        "--nodes", type=int, default=1, help="gunicorn nodes behind nginx, all on this machine (default 1)."
    )
    parser.add_argument("--only", choices=["single", "mix", "queues", "weight"], action="append")
    parser.add_argument("--quick", action="store_true", help="3-second runs: checks the benchmark works.")
    parser.add_argument(
        "--seed",
        nargs=argparse.REMAINDER,
        help="Instead of measuring: migrate the (empty) database and fill it with `python -m bench.seed "
        "--i-know`; arguments after --seed go to bench.seed.",
    )
    parser.add_argument("--surge", action="store_true", help="Also run bench/surge.py (200 submissions).")
    return parser.parse_args()


# ------------------------------------------------------------------------------
# Sessions and pages
# ------------------------------------------------------------------------------


def citizen_draft(citizen):
    """Return the path of the citizen's KTP draft at the biodata step, making it if needed."""
    from ktp.constants import Status
    from ktp.models import Penduduk, PermohonanKTP

    draft = (
        PermohonanKTP.objects.filter(applicant__email=f"warga.a{DEMO}", status=Status.DRAF)
        .exclude(nik_hash="")
        .order_by("pk")
        .first()
    )
    if draft is None:
        response = citizen.submit("/ktp/ajukan/", overrides={"jenis": "baru"})
        path = response.url.replace(citizen.base, "")
        used = PermohonanKTP.objects.values("nik_hash")
        penduduk = Penduduk.objects.exclude(nik_hash__in=used).order_by("pk").first()
        citizen.submit(path, overrides={"nik": penduduk.nik, "no_kk": penduduk.no_kk})
        draft = PermohonanKTP.objects.filter(applicant__email=f"warga.a{DEMO}", status=Status.DRAF).latest(
            "pk"
        )
    return f"/ktp/permohonan/{draft.pk}/biodata/"


def discover(port):
    """Sign in each role and return the pages of the benchmark: name -> request."""
    import django

    django.setup()
    from koordinasi.selectors import naskah_inbox
    from ktp.constants import Status
    from ktp.models import PermohonanKTP
    from portal.accounts.models import User
    from portal.verification.models import IssuedDocument

    anonymous = Browser(port)
    citizen = Browser(port).login(f"warga.a{DEMO}")
    kecamatan = Browser(port).login(f"petugas.boyolangu{DEMO}")
    perizinan = Browser(port).login(f"petugas.perizinan{DEMO}")
    pegawai = Browser(port).login(f"pegawai.dpmptsp{DEMO}")

    draft_path = citizen_draft(citizen)
    form = dict(form_fields(citizen.get(draft_path).text))
    check = citizen.post(draft_path, form, follow=False)
    if check.status_code != 302:
        raise RuntimeError(f"the biodata form does not validate ({check.status_code}); see {draft_path}")
    tracked = (
        PermohonanKTP.objects.exclude(status=Status.DRAF).exclude(tanggal_lahir=None).order_by("-pk").first()
    )
    lacak = dict(form_fields(anonymous.get("/lacak/").text))
    lacak.update(reference=tracked.reference, tanggal_lahir=tracked.tanggal_lahir.isoformat())
    queue_item = (
        PermohonanKTP.objects.filter(kecamatan__code="35.04.02", status=Status.DIAJUKAN)
        .order_by("-pk")
        .first()
    )
    memo = naskah_inbox(user=User.objects.get(email=f"pegawai.dpmptsp{DEMO}")).first()
    token = IssuedDocument.objects.order_by("-pk").values_list("token", flat=True).first()

    def get(path, who):
        return {"method": "GET", "path": path, "browser": who, "ok": [200]}

    def post(path, who, data, ok):
        return {"method": "POST", "path": path, "browser": who, "body": urlencode(data), "ok": ok}

    return {
        "healthz": get("/healthz/live", anonymous),
        "home": get("/", anonymous),
        "standar": get("/ktp/standar-pelayanan/", anonymous),
        "ktp_index": get("/ktp/", anonymous),
        "perizinan": get("/perizinan/", anonymous),
        "form_get": get(draft_path, citizen),
        "form_post": post(draft_path, citizen, form, [302]),
        "permohonan_saya": get("/ktp/permohonan/", citizen),
        "data_saya": get("/akun/data-saya/", citizen),
        "lacak_page": get("/lacak/", anonymous),
        "lacak": post("/lacak/", anonymous, lacak, [200]),
        "verifikasi": get(f"/verifikasi/{token}/", anonymous),
        "transparansi": get("/transparansi/", anonymous),
        "ktp_queue": get("/admin/ktp/permohonanktp/?status__exact=diajukan", kecamatan),
        "ktp_change": get(f"/admin/ktp/permohonanktp/{queue_item.pk}/change/", kecamatan),
        "izin_queue": get("/admin/perizinan/permohonanizin/?status__exact=diajukan", perizinan),
        "memo_inbox": get("/koordinasi/", pegawai),
        "memo": get(f"/koordinasi/naskah/{memo.pk}/", pegawai),
    }


def _lua(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(_lua(v) for v in value) + "}"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"'


def _wrk_page(name, page, weight):
    browser = page["browser"]
    headers = browser.headers({"Accept-Language": "id", "Accept-Encoding": "gzip"})
    headers.pop("Host", None)
    body = page.get("body", "")
    if page["method"] == "POST":
        headers.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": browser.origin,
                "Referer": browser.origin + page["path"],
            }
        )
    return {"name": name, "method": page["method"], "path": page["path"], "headers": headers, "body": body,
            "weight": weight}  # fmt: skip


# ------------------------------------------------------------------------------
# Running wrk and reading its figures
# ------------------------------------------------------------------------------


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def run_wrk(port, pages, weights, *, connections, duration):
    """Run wrk on `pages` with `weights`; return the per-page and total figures."""
    config = {"seed": 2026, "pages": [_wrk_page(n, pages[n], w) for n, w in weights.items()]}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        config_path, out_path = Path(tmp) / "pages.lua", Path(tmp) / "out.json"
        config_path.write_text("return " + _lua(config))
        script = str(BASE_DIR / "bench" / "mix.lua")
        command = [shutil.which("wrk"), f"-t{connections}", f"-c{connections}", f"-d{duration}s"]
        command += ["--timeout", "10s", "-s", script, f"http://127.0.0.1:{port}", "--", str(config_path)]
        command.append(str(out_path))
        subprocess.run(command, check=True, capture_output=True, text=True)  # nosec B603
        raw = json.loads(out_path.read_text())
    seconds = raw["duration_us"] / 1e6
    names = list(weights)
    by_page = {name: ([], {}) for name in names}
    for index, latency, count in raw["latency"]:
        by_page[names[int(index) - 1]][0].extend([latency] * int(count))
    for index, status, count in raw["statuses"]:
        statuses = by_page[names[int(index) - 1]][1]
        statuses[str(status)] = statuses.get(str(status), 0) + int(count)
    rows = {}
    for name in names:
        latencies, statuses = by_page[name]
        latencies.sort()
        ok = pages[name]["ok"]
        bad = sum(count for status, count in statuses.items() if int(status) not in ok)
        rows[name] = {
            "path": pages[name]["path"],
            "requests": len(latencies),
            "rps": round(len(latencies) / seconds, 1),
            "p50_ms": _round(percentile(latencies, 50)),
            "p95_ms": _round(percentile(latencies, 95)),
            "p99_ms": _round(percentile(latencies, 99)),
            "mean_ms": _round(sum(latencies) / len(latencies)) if latencies else None,
            "errors": bad,
            "statuses": statuses,
        }
    socket_errors = sum(raw["errors"].values()) - raw["errors"]["status"]
    if len(names) == 1:  # a single-page run: its socket errors and timeouts are that page's
        rows[names[0]]["errors"] += socket_errors
        rows[names[0]]["socket_errors"] = raw["errors"]
    every = sorted(v for latencies, _statuses in by_page.values() for v in latencies)
    total = {
        "requests": len(every),
        "rps": round(len(every) / seconds, 1),
        "p50_ms": _round(percentile(every, 50)),
        "p95_ms": _round(percentile(every, 95)),
        "p99_ms": _round(percentile(every, 99)),
        "errors": sum(r["errors"] for r in rows.values()) + (socket_errors if len(names) > 1 else 0),
        "socket_errors": raw["errors"],
        "seconds": round(seconds, 1),
        "connections": connections,
    }
    return {"pages": rows, "total": total}


def _round(value):
    return None if value is None else round(value, 1)


# ------------------------------------------------------------------------------
# Reporting
# ------------------------------------------------------------------------------


def print_table(title, result, *, baseline_rps=None, baseline_mean=None):
    print(f"\n{title}")
    head = ["req/s", "p50 ms", "p95 ms", "p99 ms"]
    print(f"{'page':<17} {'path':<44} " + " ".join(f"{h:>8}" for h in head) + f" {'errors':>7} {'rel.':>6}")
    for name, row in result["pages"].items():
        rel = ""
        if baseline_rps and row["rps"]:
            rel = f"{row['rps'] / baseline_rps:.3f}"
        elif baseline_mean and row["mean_ms"]:
            rel = f"{baseline_mean / row['mean_ms']:.3f}"
        row["relative_to_baseline"] = float(rel) if rel else None
        print(
            f"{name:<17} {row['path'][:44]:<44} {row['rps']:>8} {_fmt(row['p50_ms'])} {_fmt(row['p95_ms'])} "
            f"{_fmt(row['p99_ms'])} {row['errors']:>7} {rel:>6}"
        )
    t = result["total"]
    label = f"{t['connections']} connections, {t['seconds']} s"
    print(
        f"{'TOTAL':<17} {label:<44} {t['rps']:>8} "
        f"{_fmt(t['p50_ms'])} {_fmt(t['p95_ms'])} {_fmt(t['p99_ms'])} {t['errors']:>7}"
    )


def _fmt(value):
    return f"{value:>8}" if value is not None else f"{'-':>8}"


def _throughput_met(figures, rps, p95_ms):
    """Return whether a run's figures reach `rps` with p95 within `p95_ms` and no error."""
    return figures["rps"] >= rps and (figures["p95_ms"] or 1e9) <= p95_ms and not figures["errors"]


def verdicts(report):
    lines = []
    mix = report.get("mix", {}).get("total")
    if mix:
        probe = report.get("single", {}).get("pages", {}).get("healthz", {}).get("rps")
        wanted = round(TARGETS["mix_of_healthz"] * probe, 1) if probe else TARGETS["mix_rps"]
        ok = _throughput_met(mix, wanted, TARGETS["mix_p95_ms"])
        share = f", {mix['rps'] / probe:.3f} of healthz's {probe} req/s" if probe else ""
        lines.append(
            f"mix: {mix['rps']} req/s{share}, p95 {mix['p95_ms']} ms, {mix['errors']} errors "
            f"(target >= {wanted} req/s, p95 <= {TARGETS['mix_p95_ms']} ms, 0 errors): "
            + ("MET" if ok else "NOT MET")
        )
    for name, run in report.get("queues", {}).items():
        row = run["pages"][name]
        ok = _throughput_met(row, TARGETS["queue_rps"], TARGETS["queue_p95_ms"])
        lines.append(
            f"queue {name} at 8 connections: {row['rps']} req/s, p95 {row['p95_ms']} ms "
            f"(target >= {TARGETS['queue_rps']} req/s, p95 <= {TARGETS['queue_p95_ms']} ms): "
            + ("MET" if ok else "NOT MET")
        )
    for name, weight in report.get("page_weight", {}).items():
        kb = weight["bytes"] / 1024
        lines.append(
            f"first load {name}: {kb:.1f} KB compressed (target <= {TARGETS['page_kb']} KB): "
            + ("MET" if kb <= TARGETS["page_kb"] else "NOT MET")
        )
    return lines


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    duration, mix_duration = (3, 5) if args.quick else (args.duration, args.mix_duration)
    only = set(args.only or ["single", "mix", "queues", "weight"])
    static_root = BASE_DIR / "var" / "bench-static"
    private_root = BASE_DIR / "var" / "bench-private"
    node_ports = [args.port + 1 + n for n in range(args.nodes)]
    # As behind production's nginx: documents sent by nginx, the visitor's address from X-Real-IP.
    extra = {
        "DJANGO_PRIVATE_MEDIA_ROOT": str(private_root),
        "DOCUMENT_SERVE_METHOD": "x-accel",
        "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
    }
    if args.workers:
        extra["GUNICORN_WORKERS"] = str(args.workers)
    envs = [
        production_env(
            database_url=args.database_url,
            redis_url=args.redis_url,
            port=args.port,
            static_root=static_root,
            extra={**extra, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        )  # fmt: skip
        for port in node_ports
    ]
    env = envs[0]
    manage = [str(VENV_BIN / "python"), "manage.py"]
    if args.seed is not None:
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=BASE_DIR, env=env, check=True)  # nosec B603
        seed = [str(VENV_BIN / "python"), "-m", "bench.seed", "--i-know", *args.seed]
        seed += ["--database-url", args.database_url, "--redis-url", args.redis_url]
        sys.exit(subprocess.run(seed, cwd=BASE_DIR, env=env).returncode)  # nosec B603
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], cwd=BASE_DIR, env=env, check=True)  # nosec B603
    # The benchmark's own Redis database: nothing cached by an earlier run (or before a reseed, which
    # writes around the signals that expire cached pages) may answer for this one.
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    os.environ.update(env)
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": args.database_url.rsplit("/", 1)[-1],
        "targets": TARGETS,
        "machine": {"cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()},
        "gunicorn_workers": args.workers or 2,
        "nodes": args.nodes,
        "front": "nginx (deploy/nginx/portal.conf, plain HTTP, 1 worker process)",
    }
    private_root.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as running:
        for n, node_env in enumerate(envs):
            log = RESULTS / ("gunicorn.log" if n == 0 else f"gunicorn-{n + 1}.log")
            running.enter_context(Gunicorn(node_env, log))
        nginx_dir = Path(running.enter_context(tempfile.TemporaryDirectory(prefix="bench-nginx-")))
        conf = standalone(
            nginx_dir, port=args.port, upstreams=[f"127.0.0.1:{port}" for port in node_ports],
            static_root=static_root, private_root=private_root,
        )  # fmt: skip
        running.enter_context(Nginx(conf, args.port))
        import django

        django.setup()
        from portal.accounts.models import User

        report["rows"] = {"users": User.objects.count()}
        if report["rows"]["users"] < 1000:
            sys.exit("The database looks empty: run `bench/run --seed` on it first (README, Benchmark).")
        # What the beat task keeps in the cache (emptied above): the dashboard's snapshot.
        from portal.public.dashboard import dashboard_refresh

        dashboard_refresh()
        pages = discover(args.port)
        run_wrk(args.port, pages, MIX, connections=args.connections, duration=3)  # warm-up
        if "single" in only:
            singles = {"pages": {}, "total": None}
            for name in MIX:
                result = run_wrk(args.port, pages, {name: 1}, connections=args.connections, duration=duration)
                singles["pages"][name] = result["pages"][name]
                singles["total"] = result["total"]
            errors = sum(r["errors"] for r in singles["pages"].values())
            singles["total"] = {**singles["total"], "seconds": duration, "rps": "", "errors": errors}
            singles["total"].update(p50_ms=None, p95_ms=None, p99_ms=None)
            print_table(
                f"Each page alone, {args.connections} connections, {duration} s each "
                "(rel. = req/s / healthz)",
                singles,
                baseline_rps=singles["pages"]["healthz"]["rps"],
            )
            report["single"] = singles
        if "mix" in only:
            mix = run_wrk(args.port, pages, MIX, connections=args.connections, duration=mix_duration)
            print_table(
                f"Mixed load, {args.connections} connections, {mix_duration} s "
                "(rel. = mean healthz / mean page)",
                mix,
                baseline_mean=mix["pages"]["healthz"]["mean_ms"],
            )
            report["mix"] = mix
        if "queues" in only:
            report["queues"] = {}
            for name in QUEUES:
                result = run_wrk(args.port, pages, {name: 1}, connections=8, duration=duration)
                print_table(f"Queue page alone, 8 connections, {duration} s", result)
                report["queues"][name] = result
        if "weight" in only:
            report["page_weight"] = {name: page_weight(pages[name]) for name in CITIZEN_PAGES}
            print("\nFirst load of citizen pages (bytes as nginx sends them: HTML, static files)")
            for name, weight in report["page_weight"].items():
                print(f"{name:<17} {pages[name]['path'][:44]:<44} {weight['bytes'] / 1024:>8.1f} KB")
    report["verdicts"] = verdicts(report)
    print("\n" + "\n".join(report["verdicts"]))
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"bench-{stamp}.json"
    path.write_text(json.dumps(report, indent=1, default=str))
    print(f"\nwritten: {path.relative_to(BASE_DIR)}")
    if args.surge:
        subprocess.run([str(VENV_BIN / "python"), "bench/surge.py"], cwd=BASE_DIR, check=True)  # nosec B603


if __name__ == "__main__":
    main()
