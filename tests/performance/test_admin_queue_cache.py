"""
The officers' queues keep their table of results in the cache (admin/queue_change_list.html) until
an application the queue can show changes: what an officer or a citizen does shows on the next page
load, one kecamatan never gets another's table, and a citizen saving a draft keeps the tables.

A kept table is told from a built one by a change no signal reports (a queryset update): a kept
table still shows the old value.
"""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ktp.models import PermohonanKTP
from ktp.services import permohonan_submit
from perizinan.models import JenisIzin, PermohonanIzin
from portal.accounts.roles import Role
from portal.admin_queue import queue_version_name
from portal.cache import version
from portal.wilayah.models import Kecamatan
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft
from tests.performance.test_list_queries import ktp_applications, licences

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:ktp_permohonanktp_changelist")


@pytest.fixture
def officer(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", name="Petugas Boyolangu")
    client.force_login(officer)
    return officer


def page(client, url=QUEUE, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def results(html):
    """Return the table of results of a queue page."""
    return html.split('id="result_list"', 1)[1].split("</table>", 1)[0]


def rename_unseen(model=PermohonanKTP, **names):
    """Rename rows without a signal: only a table built after this shows the new names."""
    model.objects.update(**names)


def test_a_kept_table_is_served_until_an_application_changes(client, officer):
    ktp_applications(UserFactory())(35)
    first = page(client, status__exact="diajukan")
    rename_unseen(nama="Nama Tanpa Sinyal")
    second = page(client, status__exact="diajukan")
    assert "Nama Tanpa Sinyal" not in second and "?p=2&amp;status__exact=diajukan" in second
    assert "Nama Tanpa Sinyal" in page(client, status__exact="diajukan", o="3")
    PermohonanKTP.objects.first().save()
    assert "Nama Tanpa Sinyal" in page(client, status__exact="diajukan")
    assert first.count("<tr") == second.count("<tr") == 31


def test_a_workflow_button_shows_on_the_next_page_load(client, officer):
    ktp_applications(UserFactory())(2)
    permohonan = PermohonanKTP.objects.order_by("pk").first()
    assert permohonan.reference in page(client, status__exact="diajukan")
    client.post(reverse("admin:ktp_aksi", args=[permohonan.pk, "verifikasi"]), {"status_seen": "diajukan"})
    assert permohonan.reference not in page(client, status__exact="diajukan")
    assert permohonan.reference in page(client, status__exact="diverifikasi")


def test_assigning_shows_on_the_next_page_load(client, officer):
    ktp_applications(UserFactory())(1)
    permohonan = PermohonanKTP.objects.get()
    assert "Petugas Boyolangu" not in page(client)
    client.post(reverse("admin:ktp_tugaskan", args=[permohonan.pk]), {"officer": "me"})
    assert "Petugas Boyolangu" in page(client)


def test_a_citizens_submission_shows_and_a_draft_keeps_the_tables(client, officer):
    citizen = UserFactory()
    draft = permohonan_complete_draft(applicant=citizen)
    page(client)
    kept = version(queue_version_name(PermohonanKTP))
    draft.nama = "Nama Baru"
    draft.save()
    assert version(queue_version_name(PermohonanKTP)) == kept
    submitted = permohonan_submit(permohonan=draft, actor=citizen)
    assert submitted.reference in page(client)


def test_another_kecamatans_officer_never_gets_the_kept_table(client, officer):
    ktp_applications(UserFactory())(2)
    ktp_applications(UserFactory(), kecamatan_code="35.04.03")(1)
    mine = page(client, status__exact="diajukan")
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.03"))
    theirs = page(client, status__exact="diajukan")
    for permohonan in PermohonanKTP.objects.select_related("kecamatan"):
        here = permohonan.kecamatan.code == "35.04.02"
        assert (permohonan.reference in mine) == here and (permohonan.reference in theirs) != here


def test_an_officer_moved_to_another_kecamatan_gets_its_queue_at_once(client, officer):
    ktp_applications(UserFactory())(2)
    ktp_applications(UserFactory(), kecamatan_code="35.04.03")(1)
    page(client, status__exact="diajukan")
    officer.kecamatan = Kecamatan.objects.get(code="35.04.03")
    officer.save()
    moved = page(client, status__exact="diajukan")
    there = PermohonanKTP.objects.get(kecamatan__code="35.04.03")
    assert there.reference in moved and moved.count("<tr") == 2


def test_a_table_kept_yesterday_is_built_again_today(client, officer, monkeypatch):
    ktp_applications(UserFactory())(1)
    due = PermohonanKTP.objects.get().sla_due
    assert "terlambat" not in results(page(client))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: due + datetime.timedelta(days=1))
    assert "terlambat" in results(page(client))


def test_each_language_gets_its_own_table(client, officer):
    ktp_applications(UserFactory())(1)
    assert "Diajukan" in results(page(client))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Submitted" in results(page(client))


def test_renaming_a_licence_type_shows_in_the_licence_queue(client):
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    licences(UserFactory(), officer=officer)(1)
    url = reverse("admin:perizinan_permohonanizin_changelist")
    page(client, url)
    jenis = PermohonanIzin.objects.get().jenis_izin
    jenis.name = "Surat Izin Usaha Baru"
    jenis.save()
    assert JenisIzin.objects.get(pk=jenis.pk).name in page(client, url)


def test_a_kept_page_reads_no_encrypted_column(client, officer):
    ktp_applications(UserFactory())(3)
    page(client, status__exact="diajukan")
    with CaptureQueriesContext(connection) as kept:
        html = page(client, status__exact="diajukan")
    assert PermohonanKTP.objects.first().reference in results(html)
    assert not any('."nik"' in query["sql"] for query in kept.captured_queries)


def test_officers_alike_share_the_kept_table_and_another_role_does_not(client, officer):
    ktp_applications(UserFactory())(2)
    page(client, status__exact="diajukan")
    rename_unseen(nama="Nama Tanpa Sinyal")
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    assert "Nama Tanpa Sinyal" not in page(client, status__exact="diajukan")
    client.force_login(UserFactory(role=Role.PETUGAS_DISPENDUKCAPIL, role__instansi="DISPENDUKCAPIL"))
    assert "Nama Tanpa Sinyal" in page(client, status__exact="diajukan")
