"""
Deadline surge: 300 vendors upload a 2 MB sealed bid each in the last 60 seconds before a deadline.

    .venv/bin/python -m bench.surge_bids [--vendors N]      (bench/run --surge-bids runs it too)

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

import os
import re

DATABASE_URL = os.environ.get("BENCH_BIDS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_bids")
REDIS_URL = os.environ.get("BENCH_BIDS_REDIS_URL", "redis://127.0.0.1:6379/11")
PORT = int(os.environ.get("BENCH_BIDS_PORT", "8093"))  # nginx; gunicorn listens on the next port
TECHNICAL_BYTES = 2 * 1024 * 1024
SMALL_BYTES = 64 * 1024
WINDOW = 60.0  # seconds before T0 in which every vendor sends its bid
LEAD = 75.0  # T0 is this far ahead when the deadline is set
REAL_LOGINS = 25  # allauth lets 30 sign-ins a minute from one address ("login": "30/m/ip")
TARGETS = {"errors": 0, "upload_p95_ms": 5000}
# The text of a form's error (crispy's invalid-feedback) or of a message (alert).
FORM_ERROR = re.compile(r"(?:invalid-feedback|alert)[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)<")
