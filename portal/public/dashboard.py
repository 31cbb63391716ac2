"""
The public transparency dashboard: per service, kecamatan and month, computed from each
service's status history by providers that service apps register in their AppConfig.ready().
A task computes a snapshot and saves it in the database (DashboardSnapshot), then in the cache; a
visitor's request reads the cache, else the database, and never computes it (before the first
snapshot, the page says the numbers are being prepared and one refresh is queued).

A service app may add a section of its own to the page (transparency_section_register): its rows
are computed and kept the same way, each section in a snapshot row of its own.
"""

import logging
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

from django.core.cache import cache
from django.utils import timezone

from portal.holidays.selectors import holidays_between, working_days_between

from .models import DashboardSnapshot

logger = logging.getLogger(__name__)

PROVIDERS = {}
SECTIONS = {}
CACHE_KEY = "public:dashboard:v2"
# What the page needs on every visit (time, filter choices), apart from the thousands of rows.
META_KEY = "public:dashboard:v2:meta"
# The kecamatan of the rows that count the whole regency.
REGENCY = ""
# Held while a refresh is queued or running: one at a time, whoever asks.
REFRESH_LOCK = "public:dashboard:refreshing"
REFRESH_LOCK_SECONDS = 10 * 60
# The DashboardSnapshot row of this dashboard.
SNAPSHOT_NAME = "transparansi"


@dataclass(frozen=True)
class Case:
    """One submitted application, as a provider reports it."""

    service: str
    kecamatan: str
    submitted: object  # date
    completed: object = None  # date the office finished its work, not a later step of the citizen (pickup)
    due: object = None  # date
    processing_days: int | None = None  # working days from submission to completion
    closed: bool = False  # ended without completion (rejected, withdrawn): neither open nor completed
    waiting: bool = False  # open and waiting for its applicant (a correction asked): never overdue


@dataclass
class MonthRow:
    service: str
    kecamatan: str
    month: str  # YYYY-MM
    received: int = 0
    completed: int = 0
    median_days: float | None = None
    within_sla_pct: float | None = None
    open: int = 0
    overdue: int = 0


def dashboard_provider_register(*, service: str, cases):
    """Register `cases()`, returning an iterable of Case, under a service name."""
    PROVIDERS[service] = cases


def cases_of(rows, *, closed_statuses, waiting_statuses=()):
    """
    Yield the Case of each (service, kecamatan, submitted_at, due, status, finished_at) row: the
    office's work is done at finished_at, in working days from the submission; an application in
    one of `waiting_statuses` waits for its applicant, so the office is not late with it.
    """
    rows = list(rows)
    if not rows:
        return
    holidays = holidays_between(start=min(timezone.localdate(r[2]) for r in rows), end=timezone.localdate())
    for service, kecamatan, submitted_at, due, status, finished_at in rows:
        submitted = timezone.localdate(submitted_at)
        completed = timezone.localdate(finished_at) if finished_at else None
        yield Case(
            service=service,
            kecamatan=kecamatan,
            submitted=submitted,
            completed=completed,
            due=due,
            processing_days=working_days_between(start=submitted, end=completed, holidays=holidays)
            if completed
            else None,
            closed=status in closed_statuses,
            waiting=status in waiting_statuses,
        )


@dataclass(frozen=True)
class Section:
    """An extra section of the transparency page, provided by a service app."""

    name: str  # a slug: its CSV is /transparansi/<name>.csv
    template: str  # included in the page with `section` (this) and `view` (what view() returned)
    compute: Callable  # compute() -> list of JSON-ready dicts; run by the refresh, never by a visitor
    view: Callable  # view(*, rows, query) -> dict for the template; rows is None before the first
    csv: Callable  # csv(*, rows, query) -> (filename, header, rows)


def transparency_section_register(*, name: str, template: str, compute, view, csv):
    """Register a section of the transparency page (see Section)."""
    SECTIONS[name] = Section(name=name, template=template, compute=compute, view=view, csv=csv)


def dashboard_compute(*, today=None) -> list[MonthRow]:
    """
    Return the month rows of every service and kecamatan, and of every service in the whole
    regency (kecamatan REGENCY), oldest month first.
    """
    today = today or timezone.localdate()
    rows, durations, within = {}, {}, {}
    for cases in PROVIDERS.values():
        for one in cases():
            for case in (one, replace(one, kecamatan=REGENCY)):
                _count(case, today, rows, durations, within)
    for key, row in rows.items():
        if key in durations:
            row.median_days = round(float(statistics.median(durations[key])), 1)  # one way to write 0 and 2.5
            row.within_sla_pct = round(100 * sum(within[key]) / len(within[key]), 1)
    return sorted(rows.values(), key=lambda r: (r.month, r.service, r.kecamatan))


def _count(case, today, rows, durations, within):
    key = (case.service, case.kecamatan, case.submitted.strftime("%Y-%m"))
    row = rows.setdefault(key, MonthRow(*key))
    row.received += 1
    if case.completed is None:
        if not case.closed:
            row.open += 1
            row.overdue += bool(case.due and case.due < today and not case.waiting)
        return
    done_key = (case.service, case.kecamatan, case.completed.strftime("%Y-%m"))
    rows.setdefault(done_key, MonthRow(*done_key)).completed += 1
    durations.setdefault(done_key, []).append(case.processing_days)
    within.setdefault(done_key, []).append(case.due is None or case.completed <= case.due)


def _keep(snapshot) -> dict:
    """Put `snapshot` and its meta in the cache; return the meta."""
    meta = {
        "computed_at": snapshot["computed_at"],
        "services": sorted({r["service"] for r in snapshot["rows"]}),
        "kecamatan": sorted({r["kecamatan"] for r in snapshot["rows"]} - {REGENCY}),
    }
    cache.set_many({CACHE_KEY: snapshot, META_KEY: meta}, timeout=None)
    return meta


def _section_names(name) -> tuple[str, str]:
    """Return the snapshot row name and the cache key of section `name`."""
    return f"{SNAPSHOT_NAME}:{name}", f"{CACHE_KEY}:section:{name}"


def dashboard_refresh() -> dict:
    """Compute the dashboard, save it and keep it in the cache for the page; return the snapshot."""
    now = timezone.now()
    snapshot = {"computed_at": now, "rows": [asdict(r) for r in dashboard_compute()]}
    sections = _sections_compute(now)
    DashboardSnapshot.objects.update_or_create(
        name=SNAPSHOT_NAME, defaults={"computed_at": snapshot["computed_at"], "rows": snapshot["rows"]}
    )
    for name, saved in sections.items():
        DashboardSnapshot.objects.update_or_create(name=_section_names(name)[0], defaults=saved)
    _keep(snapshot)
    cache.set_many({_section_names(name)[1]: saved for name, saved in sections.items()}, timeout=None)
    cache.delete(REFRESH_LOCK)
    return snapshot


def _sections_compute(now) -> dict:
    """
    Return {name: snapshot} of every section that computed; one that fails keeps its last snapshot
    and stops neither the others nor the service figures.
    """
    sections = {}
    for name, section in SECTIONS.items():
        try:
            sections[name] = {"computed_at": now, "rows": section.compute()}
        except Exception:
            logger.exception("Transparency section %s failed to compute; its last snapshot stays.", name)
    return sections


def _saved(name=SNAPSHOT_NAME) -> dict | None:
    """Return the snapshot saved in the database, or None before the first one."""
    saved = DashboardSnapshot.objects.filter(name=name).first()
    return None if saved is None else {"computed_at": saved.computed_at, "rows": saved.rows}


def _refresh_soon():
    """
    Queue one refresh, unless one is queued or running. At full scale a refresh is long: after the
    cache was emptied, visitors' requests computing it themselves held every worker at once.
    """
    if cache.add(REFRESH_LOCK, True, REFRESH_LOCK_SECONDS):
        from .tasks import dashboard_refresh_task

        dashboard_refresh_task.delay()  # runs at once where tasks run eagerly (development, tests)


def dashboard_meta() -> dict | None:
    """
    Return the snapshot's time and the services and kecamatan it has, without its rows; None while
    the first snapshot is being computed.
    """
    meta = cache.get(META_KEY)
    if meta is not None:
        return meta
    snapshot = _saved()
    if snapshot is not None:
        return _keep(snapshot)
    _refresh_soon()
    return cache.get(META_KEY)


def dashboard_rows() -> list[dict]:
    """Return the snapshot's rows ([] while the first one is being computed)."""
    snapshot = cache.get(CACHE_KEY)
    if snapshot is None:
        snapshot = _saved()
        if snapshot is None:
            _refresh_soon()
            snapshot = cache.get(CACHE_KEY) or {"rows": []}
        else:
            _keep(snapshot)
    return snapshot["rows"]


def dashboard_section(name) -> dict | None:
    """Return the snapshot of section `name` ({"computed_at", "rows"}); None before the first one."""
    snapshot_name, key = _section_names(name)
    snapshot = cache.get(key)
    if snapshot is None:
        snapshot = _saved(snapshot_name)
        if snapshot is None:
            _refresh_soon()
            return cache.get(key)
        cache.set(key, snapshot, timeout=None)
    return snapshot
