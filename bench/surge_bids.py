"""
Deadline surge: 300 vendors upload a 2 MB sealed bid each in the last 60 seconds before a deadline.

    .venv/bin/python bench/surge_bids.py [--vendors N]      (bench/run --surge-bids runs it too)

Creates (and drops first) the PostgreSQL database `bench_bids` (BENCH_BIDS_DATABASE_URL), one
announced package whose bid submission stage is open, and N+1 verified vendors registered to it
(the first ones signed in through the real sign-in page, as many as allauth's per-address limit
lets one address in a minute; the others with a session made as bench/surge.py makes it). It starts
gunicorn with production settings and portal/gunicorn.conf.py behind deploy/'s nginx (which stamps
each request's arrival, REQUEST_START_META_KEY as in deploy/portal.env), and one Celery worker with
2 processes at the Nice= of deploy/systemd/portal-worker.service, then sets the deadline T0 to about
75 s ahead. In the last 60 s before T0 each vendor opens the bid form (CSRF) and sends its bid:
a 2 MiB PDF (a scan: one page, one image) and two 64 KiB PDFs plus the price; arrivals are spread
over the minute with half of them in the last 15 s, the last 0.5 s before T0.

It prints the upload response times (p50/p95/p99/max: from sending the POST to its answer, the
redirect not followed), the throughput and the CPU seconds of each part, then checks in the database:
N bids stored, each encrypted (the stored file is not the upload and holds none of it, another
package's key does not open it, bid_unseal() refuses before the opening), each digest the SHA-256
of the stored file, the plaintext under the package's key exactly the vendor's documents and price,
and a receipt PDF per bid that prints that digest. One second after T0 a vendor who has not bid
and one who has each send a bid: both must be refused with the deadline message, nothing stored.
The figures go to bench/results/surge-bids-<time>.json; it exits non-zero when a target is missed.
"""

import argparse
import concurrent.futures
import datetime
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess  # nosec B404
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    BASE_DIR,
    DEMO_PASSWORD,
    RESULTS,
    VENV_BIN,
    Browser,
    Gunicorn,
    database_recreate,
    form_fields,
    production_env,
)
from deploy.render import Nginx, standalone  # noqa: E402

DATABASE_URL = os.environ.get("BENCH_BIDS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_bids")
REDIS_URL = os.environ.get("BENCH_BIDS_REDIS_URL", "redis://127.0.0.1:6379/11")
PORT = int(os.environ.get("BENCH_BIDS_PORT", "8093"))  # nginx; gunicorn listens on the next port
# The benchmark's own master key for sealing bids. Never use it for real tenders.
BENCH_BID_KEYS = "YmVuY2gtb25seS10ZW5kZXItYmlkLXNlYWwta2V5LTE="
TECHNICAL_BYTES = 2 * 1024 * 1024
SMALL_BYTES = 64 * 1024
WINDOW = 60.0  # seconds before T0 in which every vendor sends its bid
LEAD = 75.0  # T0 is this far ahead when the deadline is set
REAL_LOGINS = 25  # allauth lets 30 sign-ins a minute from one address ("login": "30/m/ip")
TARGETS = {"errors": 0, "upload_p95_ms": 5000}
# The text of a form's error (crispy's invalid-feedback) or of a message (alert).
FORM_ERROR = re.compile(r"(?:invalid-feedback|alert)[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)<")


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--vendors", type=int, default=300, help="Vendors bidding in the surge (300).")
    parser.add_argument("--seed", type=int, default=2026, help="Seed of the arrival times.")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, 2).")
    parser.add_argument("--note", default="", help="A word for the results file name, e.g. run1.")
    return parser.parse_args()


# ------------------------------------------------------------------------------
# Documents and arrival times
# ------------------------------------------------------------------------------


def scan_pdf(size: int) -> bytes:
    """Return a one-page PDF of exactly `size` bytes: a page showing one (random) JPEG-coded image."""
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length 30 >>\nstream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream",
    ]
    image_head = (
        b"<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %010d >>\nstream\n"
    )

    def build(image: bytes) -> bytes:
        out = bytearray(head)
        offsets = []
        for number, body in enumerate([*objects, image_head % len(image) + image + b"\nendstream"], 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
        return bytes(out)

    image = os.urandom(size - len(build(b"")))
    return build(image[: len(image) - (len(build(image)) - size)])  # startxref's digits


def arrivals(n: int, seed: int) -> list[float]:
    """Seconds before T0 at which each vendor sends: half in [60, 15), half in [15, 0.5]."""
    rng = random.Random(seed)  # nosec B311
    early = n // 2
    times = [rng.uniform(15.0, WINDOW) for _ in range(early)]
    times += [rng.uniform(0.5, 15.0) for _ in range(n - early)]
    return sorted(times, reverse=True)


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def git_head() -> str:
    command = ["git", "rev-parse", "--short", "HEAD"]
    return subprocess.run(command, cwd=BASE_DIR, capture_output=True, text=True).stdout.strip()  # nosec


def worker_nice() -> list[str]:
    """`nice -n N` as deploy/systemd/portal-worker.service runs the Celery worker (its Nice=), or nothing."""
    unit = (BASE_DIR / "deploy" / "systemd" / "portal-worker.service").read_text()
    match = re.search(r"^Nice=(-?[0-9]+)\s*$", unit, re.M)
    return ["nice", "-n", match.group(1)] if match else []


def _children(pid):
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _cpu_of(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def cpu_seconds(processes) -> dict:
    """CPU seconds used so far by each part: gunicorn (master + workers), celery, nginx, this client."""
    figures = {}
    for name, pid in processes.items():
        figures[name] = sum(_cpu_of(p) for p in [pid, *_children(pid)])
    times = os.times()
    figures["bench client"] = times.user + times.system
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    figures["machine busy"] = (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")
    return figures


def cpu_used(before, after) -> dict:
    used = {name: round(after[name] - before[name], 1) for name in before}
    ours = sum(v for k, v in used.items() if k != "machine busy")
    used["others (other engineers' tests, PostgreSQL)"] = round(used["machine busy"] - ours, 1)
    return used


def load_average() -> str:
    """`uptime`'s figures, the time in UTC."""
    one, five, fifteen = os.getloadavg()
    now = datetime.datetime.now(datetime.UTC).strftime("%H:%M:%S UTC")
    return f"{now} load average: {one:.2f}, {five:.2f}, {fifteen:.2f}"


# ------------------------------------------------------------------------------
# The package and its vendors
# ------------------------------------------------------------------------------


def prepare(n: int):
    """Make an announced package open for bids and n verified vendors registered to it."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from pengadaan.constants import TAHAP_ORDER, Tahap
    from pengadaan.models import Jadwal
    from pengadaan.services import paket_join, penyedia_register, penyedia_verify
    from portal.accounts.models import User
    from tests.factories.pengadaan import paket, ukpbj

    officer = ukpbj()
    tender = paket(actor=officer, nama="Pembangunan Gedung Pelayanan Terpadu (uji lonjakan penawaran)")
    # Every stage before the submission is over; the submission is open until set_deadline().
    now = timezone.now()
    submission = TAHAP_ORDER.index(Tahap.PENAWARAN)
    for i, tahap in enumerate(TAHAP_ORDER):
        start = now - datetime.timedelta(hours=1) + datetime.timedelta(days=i - submission)
        Jadwal.objects.filter(paket=tender, tahap=tahap).update(
            mulai=start, selesai=start + datetime.timedelta(days=1)
        )
    password = make_password(DEMO_PASSWORD)  # one Argon2 hash for all: each would cost ~0.1 s
    vendors = []
    for i in range(n):
        email = f"penyedia{i:03d}@bench.contoh.id"
        user = User.objects.create(email=email, name=f"Direktur Penyedia {i:03d}", password=password)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        penyedia = penyedia_register(
            user=user,
            nama_usaha=f"CV Lonjakan Tulungagung {i:03d}",
            bentuk_usaha="cv",
            npwp=f"{990000000000000 + i:015d}",
            nib=f"{9900000000000 + i:013d}",
            kbli="41011, 43211",
            alamat=f"Jl. Pahlawan {i + 1}, Tulungagung",
        )
        penyedia = penyedia_verify(penyedia=penyedia, actor=officer, approve=True)
        paket_join(paket=tender, penyedia=penyedia)
        vendors.append({"index": i, "email": email, "user_id": user.pk, "penyedia_id": penyedia.pk})
    return tender, vendors


def session_for(user_id):
    """A signed-in session as django.contrib.auth.login() leaves it (bench/surge.py's way)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from portal.accounts.models import User

    user = User.objects.get(pk=user_id)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def sign_in(vendors, port):
    """Sign in the first REAL_LOGINS vendors through /akun/login/; give the others a session."""
    browsers = []
    for vendor in vendors:
        browser = Browser(port)
        if vendor["index"] < REAL_LOGINS:
            browser.login(vendor["email"])
        else:
            browser.cookies = {"sessionid": session_for(vendor["user_id"])}
        browsers.append(browser)
    return browsers


def set_deadline(tender, lead: float):
    """Make the submission stage end at a whole second `lead` seconds ahead; return it."""
    from django.utils import timezone

    from pengadaan.constants import TAHAP_ORDER, Tahap
    from pengadaan.models import Jadwal

    t0 = (timezone.now() + datetime.timedelta(seconds=lead)).replace(microsecond=0)
    Jadwal.objects.filter(paket=tender, tahap=Tahap.PENAWARAN).update(selesai=t0)
    after = TAHAP_ORDER[TAHAP_ORDER.index(Tahap.PENAWARAN) + 1 :]
    for i, tahap in enumerate(after):
        start = t0 + datetime.timedelta(hours=1, days=i)
        Jadwal.objects.filter(paket=tender, tahap=tahap).update(
            mulai=start, selesai=start + datetime.timedelta(days=1)
        )
    return t0


# ------------------------------------------------------------------------------
# The surge
# ------------------------------------------------------------------------------


def bid_documents(index):
    """The vendor's three PDFs and price, with the SHA-256 of each."""
    parts = {
        "administrasi": scan_pdf(SMALL_BYTES),
        "teknis": scan_pdf(TECHNICAL_BYTES),
        "pernyataan": scan_pdf(SMALL_BYTES),
    }
    harga = 850_000_000 + index * 1_001
    return parts, harga


def send_bid(browser, path, parts, harga, *, form_page=None):
    """GET the bid form (unless given) and POST the bid; return (GET s, POST s, response)."""
    started = time.monotonic()
    page = form_page or browser.get(path)
    got = time.monotonic() - started
    fields = dict(form_fields(page.text))
    fields["harga"] = str(harga)
    files = {name: (f"{name}.pdf", content, "application/pdf") for name, content in parts.items()}
    started = time.monotonic()
    response = browser.http.request(
        "POST",
        browser.base + path,
        data=fields,
        files=files,
        headers=browser.headers({"Origin": browser.origin, "Referer": browser.origin + path}),
        allow_redirects=False,
        timeout=browser.timeout,
    )
    return got, time.monotonic() - started, response


def surge(browsers, vendors, documents, path, t0_wall, seed):
    """Each vendor opens the form and sends its bid at its time before T0; return one row each."""
    times = arrivals(len(browsers), seed)
    rows = [None] * len(browsers)

    def one(i):
        send_at = t0_wall - times[i]
        # The form is opened a few seconds before sending (inside the window).
        open_at = max(t0_wall - WINDOW, send_at - 5.0)
        parts, harga = documents[i]
        row = {"vendor": vendors[i]["penyedia_id"], "before_t0_s": round(times[i], 3), "harga": harga}
        row["sha256"] = {name: hashlib.sha256(content).hexdigest() for name, content in parts.items()}
        time.sleep(max(0.0, open_at - time.time()))
        try:
            page = browsers[i].get(path)
            row["get_s"] = page.elapsed.total_seconds()
            if page.status_code != 200:
                row.update(status=page.status_code, error=f"form answered {page.status_code}")
                rows[i] = row
                return
            time.sleep(max(0.0, send_at - time.time()))
            row["sent_at_before_t0_s"] = round(t0_wall - time.time(), 3)
            _got, post_s, response = send_bid(browsers[i], path, parts, harga, form_page=page)
            row.update(post_s=post_s, status=response.status_code)
            location = response.headers.get("Location", "/penawaran/")
            if response.status_code != 302 or "/penawaran/" in location:
                messages = re.findall(FORM_ERROR, response.text)
                row["error"] = f"{response.status_code}: {' | '.join(messages)[:300]}"
        except Exception as exc:  # noqa: BLE001 - a failed request is a measured error
            row["error"] = f"{type(exc).__name__}: {exc}"[:300]
        rows[i] = row

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        list(pool.map(one, range(len(browsers))))
    return rows


def late_bids(late_browser, late_vendor, first_browser, path, t0_wall):
    """One second after T0: a vendor without a bid and one with a bid each send one."""
    pages = [late_browser.get(path), first_browser.get(path)]  # forms opened before the deadline
    time.sleep(max(0.0, t0_wall + 1.0 - time.time()))
    results = []
    senders = ((late_browser, pages[0], late_vendor["index"]), (first_browser, pages[1], 0))
    for browser, page, index in senders:
        parts, harga = bid_documents(index + 10_000)
        sent = time.time() - t0_wall
        _got, post_s, response = send_bid(browser, path, parts, harga, form_page=page)
        results.append(
            {"sent_after_t0_s": round(sent, 3), "post_s": round(post_s, 3), "status": response.status_code,
             "text": response.text, "sha256_teknis": hashlib.sha256(parts["teknis"]).hexdigest()}
        )  # fmt: skip
    return results


# ------------------------------------------------------------------------------
# Checks in the database
# ------------------------------------------------------------------------------


def receipts_wait(ids, timeout):
    from django.contrib.contenttypes.models import ContentType

    from pengadaan.models import Penawaran
    from portal.verification.models import IssuedDocument

    kind = ContentType.objects.get_for_model(Penawaran)
    started, done = time.monotonic(), 0
    while time.monotonic() - started < timeout:
        done = IssuedDocument.objects.filter(content_type=kind, object_id__in=ids).exclude(file="").count()
        if done >= len(ids):
            break
        time.sleep(0.5)
    return done, time.monotonic() - started


def verify(tender, rows, t0):
    """Check every stored bid against what its vendor sent; return (figures, failures)."""
    from cryptography.fernet import InvalidToken
    from django.contrib.contenttypes.models import ContentType
    from pypdf import PdfReader

    from pengadaan.models import Paket, Penawaran
    from pengadaan.sealing import SealedError, bid_unseal, package_fernet
    from portal.accounts.models import User
    from portal.verification.models import IssuedDocument

    failures = []
    sent = {row["vendor"]: row for row in rows}
    bids = list(Penawaran.objects.filter(paket=tender).select_related("penyedia"))
    active = [b for b in bids if b.aktif]
    figures = {"bids_stored": len(bids), "bids_active": len(active)}
    if len(bids) != len(rows) or len(active) != len(rows) or {b.penyedia_id for b in active} != set(sent):
        failures.append(f"{len(bids)} bids stored ({len(active)} active) for {len(rows)} vendors")
    fernet = package_fernet(tender)
    other = package_fernet(SimpleNamespace(reference="PBJ-0000-0000"))  # another package's key
    tender = Paket.objects.get(pk=tender.pk)
    reader_actor = User.objects.filter(is_superuser=False).first()
    bad = {"digest": 0, "size": 0, "plaintext_visible": 0, "other_key_opens": 0, "documents": 0,
           "price": 0, "unseal_before_opening": 0, "late": 0}  # fmt: skip
    for bid in active:
        with bid.berkas.open("rb") as handle:
            stored = handle.read()
        row = sent.get(bid.penyedia_id)
        if hashlib.sha256(stored).hexdigest() != bid.digest:
            bad["digest"] += 1
        if len(stored) != bid.size:
            bad["size"] += 1
        if b"%PDF" in stored or b"DCTDecode" in stored or str(row["harga"]).encode() in stored:
            bad["plaintext_visible"] += 1
        if bid.harga is not None:
            bad["price"] += 1
        if bid.diterima_at > t0:
            bad["late"] += 1
        try:
            other.decrypt(stored)
            bad["other_key_opens"] += 1
        except InvalidToken:
            pass
        try:
            bid_unseal(penawaran=bid, actor=reader_actor, purpose="bench")
            bad["unseal_before_opening"] += 1
        except SealedError:
            pass
        with zipfile.ZipFile(io.BytesIO(fernet.decrypt(stored))) as archive:
            got = {name: hashlib.sha256(archive.read(f"{name}.pdf")).hexdigest() for name in row["sha256"]}
            price = json.loads(archive.read("penawaran.json"))["harga"]
        if got != row["sha256"]:
            bad["documents"] += 1
        if price != str(row["harga"]):
            bad["price"] += 1
    figures["bid_checks_failed"] = bad
    for name, count in bad.items():
        if count:
            failures.append(f"{count} bids fail the {name} check")
    kind = ContentType.objects.get_for_model(Penawaran)
    receipts = {
        d.object_id: d
        for d in IssuedDocument.objects.filter(content_type=kind, object_id__in=[b.pk for b in active])
        .exclude(file="")
    }  # fmt: skip
    printed = 0
    for bid in active:
        document = receipts.get(bid.pk)
        if document is None:
            continue
        with document.file.open("rb") as handle:
            text = "".join(page.extract_text() for page in PdfReader(handle).pages)
        printed += bid.digest in re.sub(r"\s+", "", text)
    figures["receipts"] = len(receipts)
    figures["receipts_printing_the_digest"] = printed
    if len(receipts) != len(active) or printed != len(active):
        failures.append(f"{len(receipts)} receipts, {printed} printing their bid's digest, for {len(active)}")
    return figures, failures


def late_check(late, tender, late_vendor, first_vendor, t0, stored_before):
    """Both late bids refused with the deadline message (deadline shown), nothing stored."""
    from django.utils import formats, timezone, translation

    from pengadaan.models import Penawaran

    with translation.override("id"):
        deadline = formats.date_format(timezone.localtime(t0), "j F Y H:i:s")
    expected = f"Batas penawaran sudah lewat ({deadline} WIB): penawaran tidak diterima dan tidak disimpan."
    failures = []
    for who, result in zip(("vendor without a bid", "vendor replacing its bid"), late, strict=True):
        result["message_shown"] = expected in result["text"]
        if result["status"] != 400 or not result["message_shown"]:
            failures.append(f"late bid of a {who}: {result['status']}, message: {result['message_shown']}")
    nothing = not Penawaran.objects.filter(paket=tender, penyedia_id=late_vendor["penyedia_id"]).exists()
    first = Penawaran.objects.filter(paket=tender, penyedia_id=first_vendor["penyedia_id"])
    kept = first.count() == 1 and first.filter(aktif=True).count() == 1
    files_after = _stored_files()
    if not nothing or not kept or files_after != stored_before:
        failures.append(
            f"late bids stored something: late vendor's rows {not nothing}, first vendor kept its one bid "
            f"{kept}, files {stored_before} -> {files_after}"
        )
    figures = {
        "expected_message": expected,
        "results": [{k: v for k, v in r.items() if k != "text"} for r in late],
        "late_vendor_has_no_bid": nothing,
        "replacing_vendor_kept_its_bid": kept,
        "bid_files_before_after": [stored_before, files_after],
    }
    return figures, failures


def _stored_files():
    from django.conf import settings

    from pengadaan.models import Penawaran

    root = Path(settings.PRIVATE_MEDIA_ROOT) / Penawaran.UPLOAD_PREFIX
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0


# ------------------------------------------------------------------------------


def summary(rows, t0_wall, window_started):
    ok = [r for r in rows if "error" not in r]
    uploads = sorted(r["post_s"] * 1000 for r in rows if "post_s" in r)
    gets = sorted(r["get_s"] * 1000 for r in rows if "get_s" in r)
    last15 = [r for r in rows if r["before_t0_s"] <= 15.0]
    body = TECHNICAL_BYTES + 2 * SMALL_BYTES

    def ms(values, p):
        value = percentile(values, p)
        return None if value is None else round(value, 1)

    return {
        "vendors": len(rows),
        "accepted": len(ok),
        "errors": len(rows) - len(ok),
        "error_examples": [r["error"] for r in rows if "error" in r][:5],
        "upload_ms": {
            "p50": ms(uploads, 50),
            "p95": ms(uploads, 95),
            "p99": ms(uploads, 99),
            "max": round(uploads[-1], 1) if uploads else None,
        },  # fmt: skip
        "form_get_ms": {"p50": ms(gets, 50), "p95": ms(gets, 95), "max": round(max(gets or [0]), 1)},
        "window_s": round(t0_wall - window_started, 1),
        "uploads_per_s_window": round(len(ok) / WINDOW, 2),
        "uploads_per_s_last_15s": round(sum(1 for r in last15 if "error" not in r) / 15.0, 2),
        "bid_bytes": body,
        "megabytes_received": round(len(ok) * body / 1e6, 1),
        "last_sent_before_t0_s": min((r.get("sent_at_before_t0_s", 99) for r in rows), default=None),
    }


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
        "PENGADAAN_BID_KEYS": BENCH_BID_KEYS,
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
                late_thread_result["late"], tender, late_vendor, bidders[0], t0, _stored_files()
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
