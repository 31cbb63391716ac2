"""
Fixtures for the whole suite, and the service markers: a test marked redis, celery_worker or
browser skips with a reason when its service is missing, and fails instead under REQUIRE_SERVICES=1.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.utils import wait_for

# Playwright's sync API runs an event loop in the test thread; the ORM beside it is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _redis_missing():
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return None
    except OSError as exc:
        return f"Redis at {REDIS_URL} is not answering ({exc})"
    return f"Redis at {REDIS_URL} did not answer PING"


def _chromium_missing():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


def _postgres_missing():
    from django.db import connection

    if connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    return None


SERVICE_CHECKS = {
    "redis": _redis_missing,
    "celery_worker": _redis_missing,
    "browser": _chromium_missing,
    "postgres": _postgres_missing,
}


def pytest_runtest_setup(item):
    for marker, check in SERVICE_CHECKS.items():
        if item.get_closest_marker(marker) is None:
            continue
        reason = check()
        if reason is None:
            continue
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _database_url():
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or ""
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _celery_forget_connections(app):
    """Drop Celery's cached queues, router and producer pool so changed settings take effect."""
    for name in ("queues", "default_queue", "router"):
        app.amqp.__dict__.pop(name, None)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker_queue(transactional_db, settings):
    """Start a real Celery worker (a subprocess) on a private queue; yield the queue name."""
    from portal.celery import app

    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "EMAIL_URL": "memorymail://",
    }
    log_path = BASE_DIR / "var" / f"{queue}.log"
    log = open(log_path, "w")  # noqa: SIM115
    cmd = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portal",
        "worker",
        "-P",
        "solo",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "info",
    ]
    proc = subprocess.Popen(
        cmd, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    old = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue)
    # Every .delay() of the test goes to this worker's private queue.
    app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue = False, REDIS_URL, queue
    _celery_forget_connections(app)
    settings.CELERY_BROKER_URL = REDIS_URL
    try:
        if not wait_for(lambda: proc.poll() is not None or " ready." in log_path.read_text(), timeout=60) or (
            proc.poll() is not None
        ):
            pytest.fail(f"The Celery worker did not start:\n{log_path.read_text()[-3000:]}")
        yield queue
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue = old
        _celery_forget_connections(app)
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.fixture(autouse=True)
def _default_language():
    """
    Start and end each test in the site's language.

    Django keeps the active language per thread: a request through LocaleMiddleware or a test's
    translation.activate() would otherwise leave English on for whatever test runs next.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Start each test with an empty cache, so allauth's rate limits do not leak between tests."""
    from django.core.cache import cache

    from portal import cache as portal_cache

    cache.clear()
    # A test that made a Redis cache fail must not leave the next one's server resting.
    portal_cache._resting_until[0] = 0.0


_service_outcomes = {}


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        for marker in SERVICE_CHECKS:
            if marker in report.keywords:
                counts = _service_outcomes.setdefault(marker, {})
                counts[report.outcome] = counts.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter):
    """Say how the service-marked tests went, so CI shows they really ran."""
    if not _service_outcomes:
        return
    terminalreporter.section("service-marked tests")
    for marker, counts in sorted(_service_outcomes.items()):
        terminalreporter.write_line(f"{marker}: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))


class _SchemaEditor:
    """Just enough of a schema editor for the project's data migrations to run again."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params=()):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params or None)


def reference_data_reload():
    """Recreate what migrate leaves in a new database: post_migrate rows and the data migrations'."""
    import importlib

    from django.apps import apps
    from django.core.management.sql import emit_post_migrate_signal
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    local = {
        config.label
        for config in apps.get_app_configs()
        if config.path.startswith(str(BASE_DIR)) and "site-packages" not in config.path
    }
    graph = MigrationLoader(connection).graph
    plan = []
    for leaf in graph.leaf_nodes():
        plan += [node for node in graph.forwards_plan(leaf) if node not in plan]
    for app_label, name in plan:
        if app_label not in local:
            continue
        migration = importlib.import_module(f"{apps.get_app_config(app_label).name}.migrations.{name}")
        for operation in migration.Migration.operations:
            if isinstance(operation, RunPython):
                operation.code(apps, _SchemaEditor(connection))


def _transactional(item_or_request) -> bool:
    marker = getattr(item_or_request, "node", item_or_request).get_closest_marker("django_db")
    names = item_or_request.fixturenames
    return bool(marker is not None and marker.kwargs.get("transaction")) or (
        "transactional_db" in names or "live_server" in names
    )


@pytest.fixture(autouse=True)
def _reference_data(request):
    """
    Give every transactional test the rows a fresh database has.

    Django's flush after a transactional test empties every table, and serialized_rollback
    cannot restore them once Playwright has run: its event loop gives the test another
    connection object, one without the serialized copy.
    """
    if not _transactional(request):
        return
    request.getfixturevalue("transactional_db")
    _reference_data_ensure()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """
    Put the rows a fresh database has back as soon as a transactional test's flush emptied it: run
    in parallel (pytest-xdist), a worker may take a plain database test of another file next, and
    that test sees only what is committed.
    """
    yield
    # After a worker's last test its test database is gone: nothing to put back.
    if nextitem is None or not hasattr(item, "fixturenames") or not _transactional(item):
        return
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        _reference_data_ensure()


def _reference_data_ensure():
    """Reload the rows a fresh database has when a flush emptied them."""
    from portal.wilayah.models import Kecamatan

    if not Kecamatan.objects.exists():
        reference_data_reload()
