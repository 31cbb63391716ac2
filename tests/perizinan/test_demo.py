import datetime

import pytest
from django.utils import timezone

from perizinan.constants import Status, StatusIzin
from perizinan.demo import demo_samples
from perizinan.models import Izin, PermohonanIzin, RiwayatPermohonanIzin, Usaha
from portal.accounts.demo import DEMO_DOMAIN
from tests.utils import demo_seeded_twice, kept_for_module

pytestmark = pytest.mark.django_db


def _counts():
    return {m.__name__: m.objects.count() for m in (PermohonanIzin, RiwayatPermohonanIzin, Usaha, Izin)}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo seeded twice, once for this module's tests (seeding takes seconds)."""
    with kept_for_module(django_db_blocker):
        yield demo_seeded_twice(_counts)


def test_seed_demo_covers_every_status_and_is_idempotent(seeded):
    assert _counts() == seeded
    assert seeded["PermohonanIzin"] == len(demo_samples())
    assert set(PermohonanIzin.objects.values_list("status", flat=True)) == set(Status.values)
    owners = set(Usaha.objects.values_list("owner__email", flat=True))
    assert owners == {f"warga.a@{DEMO_DOMAIN}", f"warga.b@{DEMO_DOMAIN}"}


def test_demo_has_licences_near_expiry_and_one_expired_in_grace(seeded):
    today = timezone.localdate()
    soon = Izin.objects.filter(
        status=StatusIzin.AKTIF, berlaku_hingga__lte=today + datetime.timedelta(days=90)
    )
    assert soon.count() >= 3
    expired = Izin.objects.get(status=StatusIzin.KEDALUWARSA)
    assert today - expired.berlaku_hingga < datetime.timedelta(days=expired.jenis_izin.grace_days)
    for permohonan in PermohonanIzin.objects.exclude(status=Status.DRAF):
        assert permohonan.reference and permohonan.biaya is not None, permohonan.nama_usaha
        assert permohonan.riwayat_set.last().to_status == permohonan.status
