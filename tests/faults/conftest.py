"""
The fault suite's own services, which its tests stop and start: Redis servers, a PostgreSQL
cluster and an SMTP server, each private (a free port, a temporary directory) and always stopped at
teardown, so the machine's shared PostgreSQL and Redis are never touched. A gunicorn node with
production settings and real Celery workers run against them as subprocesses.

Rows the nodes read are made by the test process in the test database (transactional tests, so
the nodes see them); the PostgreSQL-restart test makes its rows in the private cluster instead.
"""

import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from email import message_from_bytes
from pathlib import Path

import pytest

from bench.common import (
    BENCH_PERSONAL_DATA_HASH_KEY,
    BENCH_PERSONAL_DATA_KEYS,
    Browser,
    form_fields,
    production_env,
)
from tests.conftest import _celery_forget_connections, _database_url
from tests.utils import wait_for

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _pg_bin():
    """Debian's newest PostgreSQL server programs (initdb, pg_ctl), or FAULTS_PG_BIN."""
    if "FAULTS_PG_BIN" in os.environ:
        return Path(os.environ["FAULTS_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("faults"):
            # The nodes share the test database with the test process: SQLite in memory cannot be.
            item.add_marker(pytest.mark.postgres)


def _faults_missing():
    if not Path(REDIS_SERVER).exists():
        return f"redis-server not found at {REDIS_SERVER} (apt-get install redis-server)"
    if not (PG_BIN / "initdb").exists():
        return f"PostgreSQL's initdb not found in {PG_BIN} (apt-get install postgresql; FAULTS_PG_BIN)"
    if importlib.util.find_spec("aiosmtpd") is None:
        return "aiosmtpd is not installed (pip install -r requirements-dev.txt)"
    return None


def pytest_runtest_setup(item):
    if item.get_closest_marker("faults") and (reason := _faults_missing()):
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
        pytest.skip(reason)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc, sig=signal.SIGTERM, timeout=15):
    """Stop a subprocess started in its own session, and everything it started."""
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


class RedisServer:
    """A private redis-server (no persistence) on a free port; stop() and start() at will."""

    def __init__(self, directory):
        self.directory, self.port, self.proc = directory, free_port(), None
        directory.mkdir(parents=True, exist_ok=True)

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        cmd = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(self.directory), "--logfile", "redis.log"]  # fmt: skip
        self.proc = subprocess.Popen(cmd, cwd=self.directory, start_new_session=True)
        if not wait_for(self.ping, timeout=10, interval=0.05):
            raise RuntimeError(f"redis-server on port {self.port} did not answer")
        return self

    def stop(self):
        _stop(self.proc)
        self.proc = None

    def llen(self, key="celery"):
        import redis

        return redis.Redis.from_url(self.url()).llen(key)


@pytest.fixture
def redis_server(tmp_path_factory):
    """Start private Redis servers: `redis_server("cache")`; every one is stopped at teardown."""
    servers = []

    def start(name):
        server = RedisServer(tmp_path_factory.mktemp(f"redis-{name}")).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


class PostgresCluster:
    """A private PostgreSQL cluster (trust authentication) in a temporary directory, on a free port."""

    def __init__(self, directory):
        self.directory, self.port = directory, free_port()
        self.data, self.log = directory / "data", directory / "postgres.log"
        # initdb refuses to run as root: as root (CI), run the cluster as the postgres user.
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args, check=True):
        done = subprocess.run([*self.as_owner, *args], capture_output=True, text=True, cwd=self.directory)
        if check and done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        return done

    def url(self, name="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def init(self):
        if self.as_owner:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        return self

    def _ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w",
                  *extra, action)  # fmt: skip

    def start(self):
        self._ctl("start")
        return self

    def restart(self):
        self._ctl("restart", "-m", "fast")

    def stop(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def create_database(self, name):
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres")
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        conn.close()


@pytest.fixture(scope="session")
def postgres_cluster():
    """A private cluster with a migrated database `portal`, once per session; stopped at the end."""
    # Outside pytest's temporary directories, which the postgres user may not enter.
    directory = Path(tempfile.mkdtemp(prefix="faults-postgres-"))
    cluster = PostgresCluster(directory)
    try:
        cluster.init()
        cluster.start()
        cluster.create_database("portal")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": cluster.url("portal"),
        }
        migrate = [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"]
        subprocess.run(migrate, cwd=BASE_DIR, env=env, check=True)
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


class SmtpServer:
    """
    A private SMTP server (aiosmtpd, in this process) that keeps every message it accepts; stop()
    and start() again on the same port.
    """

    def __init__(self):
        self.port, self.controller = free_port(), None
        self.messages, self._lock = [], threading.Lock()

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def received(self):
        """Return how many messages each recipient received."""
        with self._lock:
            counts = {}
            for recipients, _message in self.messages:
                for recipient in recipients:
                    counts[recipient] = counts.get(recipient, 0) + 1
            return counts


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def shared_keys(settings):
    """Make rows the way the nodes and workers read them: their personal-data keys and password hash."""
    settings.PERSONAL_DATA_KEYS = [BENCH_PERSONAL_DATA_KEYS]
    settings.PERSONAL_DATA_HASH_KEY = BENCH_PERSONAL_DATA_HASH_KEY
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    # Argon2 or PBKDF2 at full strength would make every factory user slow; one iteration still
    # makes a hash production's PBKDF2 hasher checks.
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    original = PBKDF2PasswordHasher.iterations
    PBKDF2PasswordHasher.iterations = 1
    yield
    PBKDF2PasswordHasher.iterations = original


class Services:
    """What a node or a worker is connected to."""

    def __init__(self, directory, *, database_url, cache_url, broker_url, email_url="dummymail://", **extra):
        self.directory, self.database_url = directory, database_url
        self.cache_url, self.broker_url, self.email_url, self.extra = cache_url, broker_url, email_url, extra

    def env(self, port=None):
        port = port or free_port()
        return production_env(
            database_url=self.database_url,
            redis_url=self.cache_url,
            port=port,
            static_root=self.directory / "static",
            extra={
                "CELERY_BROKER_URL": self.broker_url,
                "EMAIL_URL": self.email_url,
                # No collected static files: pages name them without a manifest.
                "DJANGO_STATIC_MANIFEST": "false",
                "DJANGO_PRIVATE_MEDIA_ROOT": str(self.directory / "private"),
                "DJANGO_MEDIA_ROOT": str(self.directory / "media"),
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                **self.extra,
            },
        )


class Node:
    """A gunicorn node (2 sync workers, production settings) as a subprocess."""

    def __init__(self, services, log_path):
        self.port = free_port()
        self.env = services.env(self.port)
        self.env["GUNICORN_WORKERS"] = "2"
        self.log_path, self.proc = log_path, None

    def browser(self):
        browser = Browser(self.port)
        browser.timeout = 30
        return browser

    def start(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "portal/gunicorn.conf.py", "portal.wsgi"],
            cwd=BASE_DIR, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

        def live():
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_text()}")
            try:
                return self.browser().get("/healthz/live", follow=False).status_code == 200
            except OSError:
                return False

        if not wait_for(live, timeout=60, interval=0.2):
            raise RuntimeError(f"gunicorn did not answer:\n{self.log_text()}")
        return self

    def stop(self):
        _stop(self.proc, timeout=30)
        self.log.close()

    def log_text(self):
        return self.log_path.read_text(errors="replace")[-12000:]


class Worker:
    """A Celery worker (solo pool, production settings) as a subprocess."""

    def __init__(self, services, log_path, name):
        self.env = services.env()
        self.env["DJANGO_LOG_LEVEL"] = "INFO"  # each task received and done, in the log
        self.log_path, self.name, self.proc = log_path, name, None

    def start(self, wait=True):
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        cmd = [sys.executable, "-m", "celery", "-A", "portal", "worker", "-P", "solo",
               "-n", f"{self.name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
               "-l", "info"]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, cwd=BASE_DIR, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        if wait and not wait_for(lambda: self.proc.poll() is not None or " ready." in self.log_text(), 60):
            raise RuntimeError(f"Celery worker {self.name} did not start:\n{self.log_text()}")
        if self.proc.poll() is not None:
            raise RuntimeError(f"Celery worker {self.name} exited:\n{self.log_text()}")
        return self

    def kill(self):
        _stop(self.proc, sig=signal.SIGKILL)

    def stop(self):
        _stop(self.proc)
        self.log.close()

    def log_text(self):
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def stack(request, tmp_path, settings, shared_keys):
    """
    Start nodes and workers: `stack.node(services)`, `stack.worker(services)`; `stack.services(...)`
    builds what they connect to, in this test's directories. All are stopped at teardown; their
    logs stay in var/faults/<test>/.
    """
    logs = BASE_DIR / "var" / "faults" / request.node.name[:80]
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)

    class Stack:
        def __init__(self):
            self.started = []

        def services(self, **kwargs):
            kwargs.setdefault("database_url", _database_url())
            services = Services(tmp_path, **kwargs)
            # The test process stores documents where the nodes and workers read them.
            settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
            settings.MEDIA_ROOT = tmp_path / "media"
            return services

        def node(self, services):
            node = Node(services, logs / f"node-{len(self.started)}.log")
            self.started.append(node)
            return node.start()

        def worker(self, services, name="worker", wait=True):
            worker = Worker(services, logs / f"{name}.log", name)
            self.started.append(worker)
            return worker.start(wait=wait)

    s = Stack()
    yield s
    for started in reversed(s.started):
        started.stop()


@contextlib.contextmanager
def celery_to(broker_url):
    """Send this process's tasks to a real broker (not run in-process) while inside."""
    from portal.celery import app

    old = (app.conf.task_always_eager, app.conf.broker_url, os.environ.get("CELERY_BROKER_URL"))
    # Celery reads CELERY_BROKER_URL from the environment before its own setting.
    os.environ["CELERY_BROKER_URL"] = broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, broker_url
    _celery_forget_connections(app)
    try:
        assert app.conf.broker_url == broker_url
        yield app
    finally:
        app.conf.task_always_eager, app.conf.broker_url = old[:2]
        if old[2] is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = old[2]
        _celery_forget_connections(app)


def submit_over_http(browser, permohonan):
    """POST the check-answers step of a complete draft as its signed-in citizen; return the response."""
    path = f"/ktp/permohonan/{permohonan.pk}/periksa/"
    page = browser.get(path)
    try:
        fields = dict(form_fields(page.text))
    except LookupError:  # no form to post: an error page (its status says which)
        return page
    return browser.post(path, fields, follow=False)


def accepted(response):
    """A submission was accepted when the node redirected to the confirmation page."""
    return response.status_code in (302, 303) and "/konfirmasi/" in response.headers.get("Location", "")


def figures(name, **counts):
    line = f"FAULT {name}: " + ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in counts.items())
    print("\n" + line)
    return line


def elapsed(start):
    return f"{time.monotonic() - start:.1f} s"
