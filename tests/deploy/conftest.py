"""
The production stack on this machine: deploy/'s nginx (unprivileged, plain HTTP on a free port,
setting X-Forwarded-Proto: https as production's TLS front does) in front of two gunicorn nodes with
production settings, sharing the test's PostgreSQL database, one Redis database and one document
directory. The test process makes rows in that database; the nodes see them at once.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.common import (
    BENCH_PERSONAL_DATA_HASH_KEY,
    BENCH_PERSONAL_DATA_KEYS,
    Browser,
    Gunicorn,
    production_env,
)
from deploy.render import Nginx, free_port, nginx_binary, standalone

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# A Redis database of its own: flushed before and after, so nothing else may use it.
REDIS_URL = os.environ.get("DEPLOY_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")
DOCUMENT_MAX_BYTES = 1024 * 1024


def pytest_collection_modifyitems(items):
    for item in items:
        if "stack" in getattr(item, "fixturenames", ()):
            # The stack needs both: a missing one skips, or fails under REQUIRE_SERVICES=1.
            item.add_marker(pytest.mark.postgres)
            item.add_marker(pytest.mark.redis)


def pytest_runtest_setup(item):
    if item.get_closest_marker("nginx") and nginx_binary() is None:
        reason = "nginx not found (apt-get install --no-install-recommends nginx)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
        pytest.skip(reason)


def _database_url():
    from django.db import connection

    db = connection.settings_dict
    user = db["USER"] or ""
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _redis_flush():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


class Stack:
    """What the tests use: the nginx port, the nodes' ports, the shared directories."""

    def __init__(self, directory):
        self.directory = directory
        self.nginx_port, self.port_a, self.port_b = free_port(), free_port(), free_port()
        self.static_root = directory / "static"
        self.private_root = directory / "private"
        self.media_root = directory / "media"
        self.nginx = None

    def browser(self, node=None):
        """A client of nginx (node=None) or of node "a" or "b" directly, as behind the TLS proxy."""
        return Browser({None: self.nginx_port, "a": self.port_a, "b": self.port_b}[node])

    def node_env(self, port, database_url):
        return production_env(
            database_url=database_url,
            redis_url=REDIS_URL,
            port=self.nginx_port,
            static_root=self.static_root,
            extra={
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_WORKERS": "1",
                "DJANGO_MEDIA_ROOT": str(self.media_root),
                "DJANGO_PRIVATE_MEDIA_ROOT": str(self.private_root),
                "DOCUMENT_MAX_BYTES": str(DOCUMENT_MAX_BYTES),
                "DOCUMENT_SERVE_METHOD": "x-accel",
                # No origin trusted by name: a form posted through nginx passes Django's CSRF check
                # only if nginx hands on the Host the browser sent, port included.
                "DJANGO_CSRF_TRUSTED_ORIGINS": "",
                "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
            },
        )


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker, tmp_path_factory):
    """Start nginx and the two nodes once for the module (nginx-marked tests only); yield the Stack."""
    directory = tmp_path_factory.mktemp("deploy")
    s = Stack(directory)
    for path in (s.private_root, s.media_root):
        path.mkdir()
    database_url = _database_url()
    env_a, env_b = s.node_env(s.port_a, database_url), s.node_env(s.port_b, database_url)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env_a,
        check=True,
    )
    _redis_flush()
    conf = standalone(
        directory / "nginx",
        port=s.nginx_port,
        upstreams=[f"127.0.0.1:{s.port_a}", f"127.0.0.1:{s.port_b}"],
        static_root=s.static_root,
        private_root=s.private_root,
        document_max_bytes=DOCUMENT_MAX_BYTES,
    )
    try:
        with (
            Gunicorn(env_a, directory / "node-a.log"),
            Gunicorn(env_b, directory / "node-b.log"),
            Nginx(conf, s.nginx_port) as nginx,
        ):
            s.nginx = nginx
            yield s
    finally:
        _redis_flush()


@pytest.fixture
def shared_keys(settings):
    """Make rows the way the nodes read them: their personal-data keys, a password hash they check."""
    settings.PERSONAL_DATA_KEYS = [BENCH_PERSONAL_DATA_KEYS]
    settings.PERSONAL_DATA_HASH_KEY = BENCH_PERSONAL_DATA_HASH_KEY
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and item.get_closest_marker("nginx"):
        stack = item.funcargs.get("stack")
        if stack is not None:
            # What the nodes and nginx said: the temporary directory is gone by the time anyone looks.
            for name in ("node-a.log", "node-b.log", "nginx/error.log"):
                path = stack.directory / name
                if path.exists():
                    report.sections.append((f"deploy {name}", path.read_text()[-6000:]))


@pytest.fixture(autouse=True)
def _empty_cache(request):
    """Empty the nodes' Redis with the database: used one-time codes, versions, sessions of ids reused."""
    if request.node.get_closest_marker("nginx"):
        _redis_flush()
