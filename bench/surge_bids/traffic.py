"""The vendors' bids: their documents, when each arrives, sending them, and the figures."""

import concurrent.futures
import hashlib
import os
import random
import re
import time

from bench.common import form_fields
from bench.surge_bids import (
    FORM_ERROR,
    SMALL_BYTES,
    TECHNICAL_BYTES,
    WINDOW,
)

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
