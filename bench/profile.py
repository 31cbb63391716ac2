"""
Profile one page of the benchmark with pyinstrument, in-process, on the benchmark's database.

    .venv/bin/python bench/profile.py PATH [DEMO_USER] [--repeat 50] [--html out.html]

DEMO_USER is the local part of a demo account (e.g. petugas.boyolangu, warga.a); without it the
page is fetched anonymously. The settings are the benchmark's (production, bench keys, Redis 14).
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BASE_DIR, production_env  # noqa: E402


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path")
    parser.add_argument("user", nargs="?", default="")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--html", help="Also write pyinstrument's HTML report here.")
    parser.add_argument("--flat", action="store_true", help="Print self time per function, heaviest first.")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scale"),
    )
    args = parser.parse_args()
    os.environ.update(
        production_env(
            database_url=args.database_url,
            redis_url=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
            port=8099,
            static_root=BASE_DIR / "var" / "bench-static",
        )
    )
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import Client
    from pyinstrument import Profiler

    from portal.accounts.models import User

    # Signed in through the test client, then served by the WSGI handler gunicorn runs: the test
    # client's own bookkeeping (it copies every template context) would otherwise be half the profile.
    client = Client()
    if args.user:
        client.force_login(User.objects.get(email=f"{args.user}@demo.tulungagung.go.id"))
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    path, _sep, query = args.path.partition("?")
    environ = client._base_environ(
        PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD="GET", HTTP_COOKIE=cookies,
        HTTP_X_FORWARDED_PROTO="https", SERVER_NAME="127.0.0.1", HTTP_ACCEPT_LANGUAGE="id",
    )  # fmt: skip
    handler, statuses = WSGIHandler(), []

    def get():
        body = handler(dict(environ), lambda status, headers, exc_info=None: statuses.append(status))
        b"".join(body)
        body.close()

    get()  # warm-up: imports, templates, connections
    if not statuses[-1].startswith("200"):
        sys.exit(f"{args.path} answered {statuses[-1]}")
    start = time.perf_counter()
    for _ in range(args.repeat):
        get()
    plain = (time.perf_counter() - start) / args.repeat * 1000
    print(f"{args.path}: {plain:.1f} ms per request in-process without the profiler")
    profiler = Profiler(interval=0.0005)
    start = time.perf_counter()
    with profiler:
        for _ in range(args.repeat):
            get()
    elapsed = (time.perf_counter() - start) / args.repeat * 1000
    print(f"{args.path}: {elapsed:.1f} ms per request in-process under the profiler ({args.repeat} requests)")
    if args.flat:
        from pyinstrument.renderers import ConsoleRenderer

        print(profiler.output(ConsoleRenderer(unicode=True, color=False, flat=True, show_all=True))[:6000])
    else:
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
