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


def test_the_service_standard_is_read_once_and_shows_a_change_at_once(
    client, settings, django_assert_num_queries
):
    from ktp.constants import Jenis
    from ktp.models import LayananKecamatan, SLAKecamatan

    cache.clear()
    url = "/ktp/standar-pelayanan/"
    layanan = LayananKecamatan.objects.select_related("kecamatan").order_by("pk").first()
    assert layanan.office_hours in client.get(url).content.decode()
    with django_assert_num_queries(0):
        assert layanan.office_hours in client.get(url).content.decode()
    layanan.office_hours = "Senin-Jumat 07.30-15.00 (jam baru)"
    layanan.save()
    assert "(jam baru)" in client.get(url).content.decode()
    SLAKecamatan.objects.create(layanan=layanan, jenis=Jenis.BARU, working_days=4)
    assert "4 hari kerja" in client.get(url).content.decode()
    # One cached body per language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert "Requirements" in english and "Persyaratan" not in english
