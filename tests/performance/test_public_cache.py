"""The dashboard's chart and table are rendered once per snapshot, not on every visit."""

import pytest
from django.core.cache import cache

from portal.public import views
from portal.public.dashboard import dashboard_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def chart_calls(monkeypatch):
    calls = []
    real = views.bar_chart_svg

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(views, "bar_chart_svg", counting)
    cache.clear()
    return calls


def test_second_visit_reuses_the_rendered_chart_and_table(client, chart_calls):
    first = client.get("/transparansi/")
    second = client.get("/transparansi/")
    assert first.status_code == second.status_code == 200
    assert len(chart_calls) == 1
    assert "<svg" in second.content.decode() and "<table" in second.content.decode()


def test_a_new_snapshot_is_rendered_afresh(client, chart_calls):
    client.get("/transparansi/")
    dashboard_refresh()
    client.get("/transparansi/")
    assert len(chart_calls) == 2


def test_unknown_filters_share_one_empty_fragment(client, chart_calls):
    client.get("/transparansi/")
    client.get("/transparansi/?zzz=1")  # not a filter: the unfiltered fragment
    assert len(chart_calls) == 1
    for junk in ("tidak-ada", "lain-lagi", "x" * 50):
        response = client.get(f"/transparansi/?layanan={junk}")
        assert "Belum ada data" in response.content.decode()
    assert len(chart_calls) == 2
