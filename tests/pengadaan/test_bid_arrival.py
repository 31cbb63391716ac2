"""A bid is dated when the portal received it (the front proxy's stamp), not when a worker got to it."""

import datetime

import pytest
from django.urls import reverse

from pengadaan.constants import Tahap
from pengadaan.models import Penawaran
from tests.factories.pengadaan import bid_parts, clock, during, paket, stage, vendor

pytestmark = pytest.mark.django_db

PROXY_KEY = "HTTP_X_REQUEST_START"


@pytest.fixture
def tender_and_vendor(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia = vendor()
    client.force_login(penyedia.user)
    with clock(during(tender, Tahap.PENAWARAN)):
        client.post(reverse("pengadaan:daftar", args=[tender.pk]))
    return tender, penyedia


def _send(client, tender, *, handled_at, stamp=None):
    headers = {"HTTP_X_REQUEST_START": f"t={stamp.timestamp():.3f}"} if stamp else {}
    with clock(handled_at):
        return client.post(
            reverse("pengadaan:penawaran", args=[tender.pk]), {"harga": "850000000", **bid_parts()}, **headers
        )


def test_a_bid_received_before_the_deadline_is_in_time_though_handled_after_it(
    client, settings, tender_and_vendor
):
    settings.REQUEST_START_META_KEY = PROXY_KEY
    tender, penyedia = tender_and_vendor
    deadline = stage(tender, Tahap.PENAWARAN).selesai
    received = deadline - datetime.timedelta(seconds=2)
    response = _send(client, tender, handled_at=deadline + datetime.timedelta(seconds=3), stamp=received)
    assert response.status_code == 302
    stored = Penawaran.objects.get(paket=tender, penyedia=penyedia)
    assert abs((stored.diterima_at - received).total_seconds()) < 0.001


def test_a_bid_received_after_the_deadline_is_refused_and_nothing_stored(client, settings, tender_and_vendor):
    settings.REQUEST_START_META_KEY = PROXY_KEY
    tender, _penyedia = tender_and_vendor
    deadline = stage(tender, Tahap.PENAWARAN).selesai
    response = _send(
        client,
        tender,
        handled_at=deadline + datetime.timedelta(seconds=2),
        stamp=deadline + datetime.timedelta(seconds=1),
    )
    assert response.status_code == 400
    assert "Batas penawaran sudah lewat" in response.content.decode()
    assert not Penawaran.objects.exists()


@pytest.mark.parametrize(
    "configured, age_seconds",
    [
        (False, 2),  # without REQUEST_START_META_KEY a stamp (the client's own) counts for nothing
        (True, 61),  # older than REQUEST_START_MAX_AGE_SECONDS: not a wait in the queue
    ],
)
def test_a_stamp_not_trusted_leaves_the_late_bid_refused(
    client, settings, tender_and_vendor, configured, age_seconds
):
    if configured:
        settings.REQUEST_START_META_KEY = PROXY_KEY
    tender, _penyedia = tender_and_vendor
    deadline = stage(tender, Tahap.PENAWARAN).selesai
    handled = deadline + datetime.timedelta(seconds=age_seconds - 1)
    response = _send(
        client, tender, handled_at=handled, stamp=handled - datetime.timedelta(seconds=age_seconds)
    )
    assert response.status_code == 400
    assert not Penawaran.objects.exists()
