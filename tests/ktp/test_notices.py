"""KTP-el rules and notices that fit the case: checks at the first step they can be known, per-kind
receipts and emails, reschedules as their own event, the card's pickup, the blanko serial's format."""


import pytest
from django.urls import reverse
from django.utils import timezone

from ktp.constants import Jenis
from ktp.models import PermohonanKTP
from portal.accounts.roles import Role
from tests.factories import UserFactory

from .test_views import KK, NIK, _biodata_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return user


def _at_biodata(client, jenis):
    client.post(reverse("ktp:start"), {"jenis": jenis})
    permohonan = PermohonanKTP.objects.latest("pk")
    url = reverse("ktp:biodata", args=[permohonan.pk])
    client.post(url, {"nik": NIK, "no_kk": KK})
    return permohonan, url


def test_a_first_card_for_an_unmarried_16_year_old_is_refused_at_the_biodata_step(client, warga):
    permohonan, url = _at_biodata(client, Jenis.BARU)
    born = timezone.localdate().replace(year=timezone.localdate().year - 16)
    response = client.post(
        url,
        _biodata_post(
            tanggal_lahir=born.isoformat(), status_perkawinan="belum_kawin", nik_mismatch_confirmed="on"
        ),
    )
    assert response.status_code == 200  # the form again, before any document was asked for
    assert "hanya untuk yang berumur 17 tahun" in response.content.decode()
    married = client.post(
        url,
        _biodata_post(tanggal_lahir=born.isoformat(), status_perkawinan="kawin", nik_mismatch_confirmed="on"),
    )
    assert married.status_code == 302


def test_an_extension_for_a_citizen_is_refused_at_the_biodata_step(client, warga):
    permohonan, url = _at_biodata(client, Jenis.PERPANJANGAN_WNA)
    response = client.post(url, _biodata_post(kewarganegaraan="WNI"))
    assert response.status_code == 200
    assert "hanya untuk WNA pemegang KITAP" in response.content.decode()
