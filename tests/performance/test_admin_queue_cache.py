"""
The officers' queue pages are kept in the shared cache (portal.admin_queue, issue #9) until an
application the queue can show changes: what an officer or a citizen does shows on the next page
load, one kecamatan never gets another's page, and drafts do not clear the cache.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ktp.models import PermohonanKTP
from ktp.services import permohonan_submit
from perizinan.models import JenisIzin, PermohonanIzin
from portal.accounts.roles import Role
from portal.admin_queue import _RenderedRows, _version_key, queue_cache_seconds
from portal.wilayah.models import Kecamatan
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft
from tests.performance.test_list_queries import ktp_applications, licences

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:ktp_permohonanktp_changelist")


@pytest.fixture(autouse=True)
def queue_cache(settings):
    # The test settings use a per-process cache, where the queue cache is off unless asked for.
    settings.ADMIN_QUEUE_CACHE_SECONDS = 300


@pytest.fixture
def officer(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", name="Petugas Boyolangu")
    client.force_login(officer)
    return officer


def page(client, url=QUEUE, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return response


def without_token(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def cached(response):
    return isinstance(response.context["cl"].result_list, _RenderedRows)


def test_the_cache_is_off_with_a_per_process_cache_unless_asked_for(settings):
    del settings.ADMIN_QUEUE_CACHE_SECONDS
    assert queue_cache_seconds() == 0
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://x"}}
    assert queue_cache_seconds() > 0


def test_a_cached_page_skips_the_count_and_the_rows_and_shows_the_same(client, officer):
    ktp_applications(UserFactory())(35)
    first = page(client, status__exact="diajukan")
    with CaptureQueriesContext(connection) as queries:
        second = page(client, status__exact="diajukan")
    assert not cached(first) and cached(second)
    assert not any("COUNT(" in q["sql"] or "ktp_permohonanktp" in q["sql"] for q in queries.captured_queries)
    assert without_token(second) == without_token(first)
    cl = second.context["cl"]
    assert cl.result_count == 35 and len(cl.result_list) == 30 and cl.multi_page
    assert "?p=2&amp;status__exact=diajukan" in second.content.decode()


def test_a_workflow_button_shows_on_the_next_page_load(client, officer):
    ktp_applications(UserFactory())(2)
    permohonan = PermohonanKTP.objects.order_by("pk").first()
    page(client, status__exact="diajukan")
    assert cached(page(client, status__exact="diajukan"))
    client.post(reverse("admin:ktp_aksi", args=[permohonan.pk, "verifikasi"]), {"status_seen": "diajukan"})
    after = page(client, status__exact="diajukan")
    assert not cached(after)
    assert after.context["cl"].result_count == 1 and permohonan.reference not in after.content.decode()
    assert permohonan.reference in page(client, status__exact="diverifikasi").content.decode()


def test_assigning_shows_on_the_next_page_load(client, officer):
    ktp_applications(UserFactory())(1)
    permohonan = PermohonanKTP.objects.get()
    assert "Petugas Boyolangu" not in page(client).content.decode()
    client.post(reverse("admin:ktp_tugaskan", args=[permohonan.pk]), {"officer": "me"})
    assert "Petugas Boyolangu" in page(client).content.decode()


def test_a_citizens_submission_shows_and_a_draft_does_not_clear_the_cache(client, officer):
    citizen = UserFactory()
    draft = permohonan_complete_draft(applicant=citizen)
    page(client)
    version = cache.get(_version_key(PermohonanKTP))
    draft.nama = "Nama Baru"
    draft.save()
    assert cache.get(_version_key(PermohonanKTP)) == version and cached(page(client))
    submitted = permohonan_submit(permohonan=draft, actor=citizen)
    assert submitted.reference in page(client).content.decode()


def test_a_change_is_cleared_again_once_committed(officer, django_capture_on_commit_callbacks):
    ktp_applications(UserFactory())(1)
    permohonan = PermohonanKTP.objects.get()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        permohonan.nama = "Nama Lain"
        permohonan.save()
        during = cache.get(_version_key(PermohonanKTP))
    assert callbacks and cache.get(_version_key(PermohonanKTP)) != during


def test_another_kecamatans_officer_never_gets_the_cached_page(client, officer):
    ktp_applications(UserFactory())(2)
    ktp_applications(UserFactory(), kecamatan_code="35.04.03")(1)
    mine = page(client, status__exact="diajukan")
    assert mine.context["cl"].result_count == 2
    other = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.03")
    client.force_login(other)
    theirs = page(client, status__exact="diajukan")
    assert not cached(theirs) and theirs.context["cl"].result_count == 1
    references = set(
        PermohonanKTP.objects.filter(kecamatan__code="35.04.02").values_list("reference", flat=True)
    )
    assert not any(reference in theirs.content.decode() for reference in references)


def test_an_officer_moved_to_another_kecamatan_gets_its_queue_at_once(client, officer, settings):
    # With the user snapshot on, the officer's compiled scope is kept as long as the snapshot.
    settings.USER_SNAPSHOT_SECONDS = 300
    cache.clear()
    ktp_applications(UserFactory())(2)
    ktp_applications(UserFactory(), kecamatan_code="35.04.03")(1)
    page(client, status__exact="diajukan")
    assert cached(page(client, status__exact="diajukan"))
    officer.kecamatan = Kecamatan.objects.get(code="35.04.03")
    officer.save()
    moved = page(client, status__exact="diajukan")
    assert not cached(moved) and moved.context["cl"].result_count == 1


def test_renaming_a_licence_type_shows_in_the_licence_queue(client):
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    licences(UserFactory(), officer=officer)(1)
    url = reverse("admin:perizinan_permohonanizin_changelist")
    page(client, url)
    assert cached(page(client, url))
    jenis = PermohonanIzin.objects.get().jenis_izin
    jenis.name = "Surat Izin Usaha Baru"
    jenis.save()
    assert JenisIzin.objects.get(pk=jenis.pk).name in page(client, url).content.decode()
