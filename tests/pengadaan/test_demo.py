import pytest
from django.core.management import call_command

from pengadaan.constants import PenyediaStatus, Status
from pengadaan.models import Paket, Penyedia

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_vendors_three_tenders_and_two_direct_procurements(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    assert Penyedia.objects.filter(status=PenyediaStatus.TERVERIFIKASI).count() == 2
    assert sorted(Paket.objects.values_list("status", flat=True)) == sorted(
        [Status.DIUMUMKAN, Status.EVALUASI, Status.KONTRAK, Status.KONTRAK, Status.PENAWARAN]
    )
    direct = Paket.objects.filter(metode__ocds_method="direct")
    assert sorted(direct.values_list("status", flat=True)) == [Status.KONTRAK, Status.PENAWARAN]
