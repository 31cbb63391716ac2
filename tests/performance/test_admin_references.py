"""
An application's admin page takes its reference rows (kecamatan, desa, job; licence kind, SIUP class,
location and nuisance indexes) from the process's copy (QueueAdmin.change_reference_related,
portal.cache.reference_rows) instead of joining them (issue #9). The copy must never show a stale
name: a saved or deleted row makes it stale at once, and it is read again after KEPT_SECONDS.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ktp.models import Pekerjaan, PermohonanKTP
from perizinan.models import PermohonanIzin
from portal import cache as portal_cache
from portal.accounts.roles import Role
from portal.wilayah.models import Desa, Kecamatan
from tests.factories.accounts import UserFactory
from tests.performance.test_list_queries import ktp_applications, licences

pytestmark = pytest.mark.django_db

REFERENCE_TABLES = [
    *["wilayah_desa", "wilayah_kecamatan", "ktp_pekerjaan", "perizinan_jenisizin", "perizinan_kelassiup"],
    *["perizinan_indekslokasi", "perizinan_indeksgangguan"],
]


@pytest.fixture
def application(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(officer)
    ktp_applications(UserFactory(), officer=officer)(1)
    permohonan = PermohonanKTP.objects.get()
    permohonan.pekerjaan = Pekerjaan.objects.get(code="88")
    permohonan.save()
    return reverse("admin:ktp_permohonanktp_change", args=[permohonan.pk]), permohonan


def reference_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    return body, [q["sql"] for q in queries if any(f'"{t}"' in q["sql"] for t in REFERENCE_TABLES)]


def test_the_application_page_shows_its_references_without_reading_them_again(client, application):
    url, permohonan = application
    client.get(url)
    body, read = reference_queries(client, url)
    assert read == []
    assert str(permohonan.desa) in body and permohonan.desa.kecamatan.name in body
    assert permohonan.pekerjaan.name in body and permohonan.kecamatan.name in body


def test_a_saved_desa_or_kecamatan_shows_on_the_next_view(client, application):
    url, permohonan = application
    client.get(url)
    desa = Desa.objects.get(pk=permohonan.desa_id)
    desa.name = "Sukamaju Baru"
    desa.save()
    assert "Sukamaju Baru" in client.get(url).content.decode()
    kecamatan = Kecamatan.objects.get(pk=desa.kecamatan_id)
    kecamatan.name = "Kecamatan Berganti"
    kecamatan.save()
    assert "Kecamatan Berganti" in client.get(url).content.decode()


def test_a_job_changed_without_signals_shows_once_the_copy_is_too_old(client, application, monkeypatch):
    url, permohonan = application
    client.get(url)
    Pekerjaan.objects.filter(pk=permohonan.pekerjaan_id).update(name="Pekerjaan Diperbarui")
    assert "Pekerjaan Diperbarui" not in client.get(url).content.decode()  # the copy holds
    monkeypatch.setattr(portal_cache, "KEPT_SECONDS", -1)
    assert "Pekerjaan Diperbarui" in client.get(url).content.decode()


def test_a_row_newer_than_the_copy_is_read_when_shown(client, application):
    url, permohonan = application
    client.get(url)
    [job] = Pekerjaan.objects.bulk_create([Pekerjaan(code="99", name="Pekerjaan Baru Sekali")])  # no signal
    PermohonanKTP.objects.filter(pk=permohonan.pk).update(pekerjaan=job)
    assert "Pekerjaan Baru Sekali" in client.get(url).content.decode()


def test_the_licence_page_shows_its_references_without_reading_them_again(client):
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    licences(UserFactory(), officer=officer)(1)
    permohonan = PermohonanIzin.objects.get()
    url = reverse("admin:perizinan_permohonanizin_change", args=[permohonan.pk])
    client.get(url)
    body, read = reference_queries(client, url)
    assert read == []
    assert permohonan.jenis_izin.name in body and str(permohonan.desa) in body
