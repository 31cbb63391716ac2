import pytest
from django.core.management import call_command

from pengadaan.constants import PenyediaStatus, Status
from pengadaan.models import Paket, Penyedia

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_vendors_and_three_packages_in_different_stages(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    assert Penyedia.objects.filter(status=PenyediaStatus.TERVERIFIKASI).count() == 2
    assert sorted(Paket.objects.values_list("status", flat=True)) == sorted(
        [Status.DIUMUMKAN, Status.EVALUASI, Status.KONTRAK]
    )
