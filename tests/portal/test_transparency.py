import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.public import dashboard
from portal.public.dashboard import Case, dashboard_compute, dashboard_refresh

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def fixture_cases(monkeypatch):
    """Hand-built: 3 completed in March in Boyolangu, 2 within the SLA; 1 open and overdue; 1 rejected."""
    cases = [
        Case("KTP-el", "Boyolangu", D(2026, 3, 2), D(2026, 3, 10), D(2026, 3, 20), 6),
        Case("KTP-el", "Boyolangu", D(2026, 3, 3), D(2026, 3, 12), D(2026, 3, 20), 7),
        Case("KTP-el", "Boyolangu", D(2026, 3, 4), D(2026, 3, 31), D(2026, 3, 20), 19),
        Case("KTP-el", "Boyolangu", D(2026, 3, 5), None, D(2026, 3, 25), None),
        Case("KTP-el", "Boyolangu", D(2026, 3, 6), None, D(2026, 3, 26), None, closed=True),
        Case("KTP-el", "Kedungwaru", D(2026, 4, 1), None, D(2026, 12, 31), None),
    ]
    monkeypatch.setattr(dashboard, "PROVIDERS", {"ktp": lambda: cases})
    cache.delete(dashboard.CACHE_KEY)
    yield cases
    cache.delete(dashboard.CACHE_KEY)


def test_numbers_match_a_hand_built_fixture(fixture_cases):
    rows = {(r.kecamatan, r.month): r for r in dashboard_compute(today=D(2026, 4, 15))}
    march = rows[("Boyolangu", "2026-03")]
    assert (march.received, march.completed, march.open, march.overdue) == (5, 3, 1, 1)
    assert march.median_days == 7 and march.within_sla_pct == 66.7
    april = rows[("Kedungwaru", "2026-04")]
    assert (april.received, april.completed, april.open, april.overdue) == (1, 0, 1, 0)
    assert april.within_sla_pct is None


def test_the_regency_rows_count_every_kecamatan(fixture_cases):
    rows = {(r.kecamatan, r.month): r for r in dashboard_compute(today=D(2026, 4, 15))}
    march, april = rows[(dashboard.REGENCY, "2026-03")], rows[(dashboard.REGENCY, "2026-04")]
    assert (march.received, march.completed, march.median_days, march.within_sla_pct) == (5, 3, 7, 66.7)
    assert (april.received, april.open) == (1, 1)


def test_the_page_shows_the_regency_by_default_and_each_kecamatan_on_request(client, fixture_cases):
    dashboard_refresh()
    kecamatan_cells = lambda response: {row[1] for row in _table_rows(response.content.decode())}  # noqa: E731
    assert kecamatan_cells(client.get(reverse("public:transparency"))) == {"Seluruh kabupaten"}
    # Every median with its one decimal, a whole one (7 of 6, 7, 19) as the others: "7,0", not "7".
    assert '<td class="text-end">7,0</td>' in client.get(reverse("public:transparency")).content.decode()
    every = client.get(reverse("public:transparency"), {"kecamatan": "semua"})
    assert kecamatan_cells(every) == {"Boyolangu", "Kedungwaru"}
    one = client.get(reverse("public:transparency"), {"kecamatan": "Kedungwaru"})
    assert kecamatan_cells(one) == {"Kedungwaru"}
    data = client.get(reverse("public:transparency_csv"), {"kecamatan": "semua"}).content.decode()
    assert "Boyolangu" in data and "Kedungwaru" in data and "Seluruh kabupaten" not in data


def test_the_csv_equals_the_table(client, fixture_cases):
    dashboard_refresh()
    page = client.get(reverse("public:transparency"))
    assert (
        page.status_code == 200 and "<svg" in page.content.decode() and "<script" not in page.content.decode()
    )
    table = [
        # The page writes Indonesian decimals (66,7); the CSV keeps a dot for machines.
        [cell.strip().replace(" %", "").replace("–", "").replace(",", ".") for cell in row]
        for row in _table_rows(page.content.decode())
    ]
    data = list(csv.reader(io.StringIO(client.get(reverse("public:transparency_csv")).content.decode())))
    # The open data's header is a published contract: a field added to the page's rows must not move it.
    assert data[0] == [
        "service",
        "kecamatan",
        "month",
        "received",
        "completed",
        "median_days",
        "within_sla_pct",
        "open",
        "overdue",
    ]
    assert data[1:] == table


def test_filters_apply_to_page_and_csv(client, fixture_cases):
    dashboard_refresh()
    data = client.get(reverse("public:transparency_csv"), {"kecamatan": "Kedungwaru"}).content.decode()
    assert "Kedungwaru" in data and "Boyolangu" not in data


def test_the_page_reads_the_cached_snapshot(client, fixture_cases):
    dashboard_refresh()
    fixture_cases.clear()  # the providers now return nothing: the page must not recompute
    assert "Boyolangu" in client.get(reverse("public:transparency")).content.decode()


def test_ktp_cases_come_from_the_status_history(django_capture_on_commit_callbacks):
    from ktp.selectors import permohonan_dashboard_cases
    from ktp.services import (
        permohonan_complete,
        permohonan_issue,
        permohonan_ready,
        permohonan_record,
        permohonan_submit,
        permohonan_verify,
    )
    from portal.accounts.roles import Role
    from tests.factories import UserFactory
    from tests.factories.ktp import permohonan_complete_draft

    warga = UserFactory()
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    for step in (permohonan_verify, permohonan_record):
        p = step(permohonan=p, actor=officer)
    p = permohonan_issue(permohonan=p, actor=officer, blanko_serial="B-1")
    p = permohonan_complete(permohonan=permohonan_ready(permohonan=p, actor=officer), actor=officer)
    (case,) = list(permohonan_dashboard_cases())
    assert case.kecamatan == "Boyolangu" and case.completed is not None and case.processing_days == 0
    assert case.completed <= case.due


def _table_rows(html):
    import re

    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [
        re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_without_a_snapshot_visitors_wait_for_one_queued_refresh(client, fixture_cases, monkeypatch):
    from portal.public import tasks

    queued = []
    monkeypatch.setattr(tasks.dashboard_refresh_task, "delay", lambda: queued.append(1))
    cache.delete_many([dashboard.CACHE_KEY, dashboard.META_KEY, dashboard.REFRESH_LOCK])
    page, data = reverse("public:transparency"), reverse("public:transparency_csv")
    for url in (page, data, page):
        response = client.get(url)
        assert response.status_code == 503 and response["Retry-After"] == "120"
        assert "sedang dihitung" in response.content.decode()
    assert queued == [1]  # one refresh for every visitor, none computed in their requests
    dashboard_refresh()
    assert client.get(reverse("public:transparency")).status_code == 200
    assert not cache.get(dashboard.REFRESH_LOCK)


def test_the_page_answers_from_the_saved_snapshot_when_the_cache_is_empty_or_down(
    client, fixture_cases, settings
):
    dashboard_refresh()
    cache.clear()
    response = client.get(reverse("public:transparency"))
    assert response.status_code == 200 and "Seluruh kabupaten" in response.content.decode()
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    for url in (reverse("public:transparency"), reverse("public:transparency_csv")):
        assert client.get(url).status_code == 200
    assert "2026-03" in client.get(reverse("public:transparency_csv")).content.decode()


def test_a_failing_section_keeps_its_last_snapshot_and_stops_nothing_else(fixture_cases, monkeypatch, caplog):
    calls = []

    def compute():
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("rusak")
        return [{"n": 1}]

    section = dashboard.Section(name="uji", template="", compute=compute, view=None, csv=None)
    monkeypatch.setattr(dashboard, "SECTIONS", {"uji": section})
    dashboard_refresh()
    fixture_cases.append(Case("KTP-el", "Ngunut", D(2026, 4, 2), None, D(2026, 12, 31), None))
    dashboard_refresh()
    assert "Ngunut" in {r["kecamatan"] for r in dashboard.dashboard_rows()}
    assert dashboard.dashboard_section("uji")["rows"] == [{"n": 1}]
    cache.clear()
    assert dashboard.dashboard_section("uji")["rows"] == [{"n": 1}]  # from the database
    assert "Transparency section uji failed" in caplog.text
