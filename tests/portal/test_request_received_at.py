"""request_received_at: the front proxy's arrival stamp, trusted only when set up and plausible."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from portal.network import request_received_at

NOW = datetime.datetime(2026, 12, 4, 16, 59, 59, 500000, tzinfo=datetime.UTC)


def _request(value=None):
    headers = {} if value is None else {"HTTP_X_REQUEST_START": value}
    return RequestFactory().post("/", **headers)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def proxy(settings):
    settings.REQUEST_START_META_KEY = "HTTP_X_REQUEST_START"
    settings.REQUEST_START_MAX_AGE_SECONDS = 60


@pytest.mark.parametrize("value", [f"t={NOW.timestamp() - 3.25:.3f}", f"{NOW.timestamp() - 3.25:.3f}"])
def test_the_proxys_stamp_is_the_arrival_time(frozen, proxy, value):
    assert request_received_at(_request(value)) == NOW - datetime.timedelta(seconds=3.25)


def test_without_the_setting_the_header_is_ignored(frozen, settings):
    settings.REQUEST_START_META_KEY = ""
    assert request_received_at(_request(f"t={NOW.timestamp() - 5}")) == NOW


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "t=",
        "t=abc",
        "t=nan",
        "t=inf",
        "t=-inf",
        "t=1e30",
        "t=-1e30",
        f"t={NOW.timestamp() + 1}",  # ahead of the server's clock
        f"t={NOW.timestamp() - 61}",  # older than REQUEST_START_MAX_AGE_SECONDS
    ],
)
def test_a_missing_malformed_future_or_stale_stamp_gives_the_servers_clock(frozen, proxy, value):
    assert request_received_at(_request(value)) == NOW
