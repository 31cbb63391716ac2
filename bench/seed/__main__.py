"""
`python -m bench.seed [options]`: fill the benchmark's empty database (`bench/run --seed` calls it).

It runs with the settings and personal-data keys the benchmark's server uses (bench/common.py), so
the server can read what is written here. Options: `python -m bench.seed --help`.
"""

import argparse
import os
import sys

import django

from bench.common import BASE_DIR, production_env


def main(argv):
    where = _where()
    known, _rest = where.parse_known_args(argv)
    os.environ.update(
        production_env(
            database_url=known.database_url,
            redis_url=known.redis_url,
            port=8099,
            static_root=BASE_DIR / "var" / "bench-static",
        )
    )
    django.setup()
    from bench.seed.run import Refused
    from bench.seed.run import main as seed_main

    try:
        seed_main(argv, parents=[where])
    except Refused as refusal:
        sys.exit(str(refusal))


def _where():
    """Return the options the settings depend on, read before Django (and the generators) load."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scale"),
        help="PostgreSQL database to fill (default: BENCH_DATABASE_URL, or the benchmark's `scale`).",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        help="Redis of the benchmark's server, whose cached pages the new data makes stale.",
    )
    return parser


if __name__ == "__main__":
    main(sys.argv[1:])
