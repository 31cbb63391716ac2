"""The officers' queues in the admin (portal.admin_queue.QueueAdmin): alike for KTP-el and licences."""

import re
from html import unescape
from types import SimpleNamespace
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from portal.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _ktp_queue():
    from ktp.services import permohonan_submit
    from tests.factories.ktp import permohonan_complete_draft

    citizen = UserFactory(role=Role.WARGA)
    permohonan = permohonan_submit(permohonan=permohonan_complete_draft(applicant=citizen), actor=citizen)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    return permohonan, officer, {"status__exact": "diajukan", "jadwal": "7_hari"}


def _izin_queue():
    from perizinan.services import permohonan_izin_submit
    from tests.factories.perizinan import permohonan_izin_complete_draft

    owner = UserFactory(role=Role.WARGA)
    permohonan = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner
    )
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    return permohonan, officer, {"status__exact": "diajukan", "tanda_tangan": "7_hari"}


@pytest.fixture(params=["ktp", "perizinan"])
def queue(request, client):
    """Return a submitted application of the queue, its officer signed in, and a status and day filter."""
    permohonan, officer, filters = {"ktp": _ktp_queue, "perizinan": _izin_queue}[request.param]()
    client.force_login(officer)
    info = f"admin:{permohonan._meta.app_label}_{permohonan._meta.model_name}"
    return SimpleNamespace(
        client=client,
        permohonan=permohonan,
        officer=officer,
        filters=filters,
        prefix=request.param,
        changelist=reverse(f"{info}_changelist"),
        change=reverse(f"{info}_change", args=[permohonan.pk]),
    )


def _links(page):
    return [unescape(href) for href in re.findall(r'(?:href|action)="([^"]+)"', page.content.decode())]


def _same_url(url, path, query):
    parts = urlsplit(url)
    return parts.path == path and parse_qs(parts.query) == {k: [v] for k, v in query.items()}


def test_a_workflow_step_and_an_assignment_keep_the_officers_filters_for_the_way_back(queue):
    preserved = {"_changelist_filters": urlencode(queue.filters)}
    change = f"{queue.change}?{urlencode(preserved)}"
    page = queue.client.get(change)
    verify = reverse(f"admin:{queue.prefix}_aksi", args=[queue.permohonan.pk, "verifikasi"])
    assign = reverse(f"admin:{queue.prefix}_tugaskan", args=[queue.permohonan.pk])
    for url in (verify, assign):
        assert any(_same_url(link, url, preserved) for link in _links(page)), url
    step = queue.client.post(f"{verify}?{urlencode(preserved)}", {"status_seen": "diajukan"})
    assert _same_url(step["Location"], queue.change, preserved)
    taken = queue.client.post(f"{assign}?{urlencode(preserved)}", {"officer": "me", "assigned_seen": ""})
    assert _same_url(taken["Location"], queue.change, preserved)
    queue.permohonan.refresh_from_db()
    assert queue.permohonan.status != "diajukan" and queue.permohonan.assigned_to == queue.officer
    # Back on the application: the breadcrumb and the link under it lead to the list as it was filtered.
    back = [
        link
        for link in _links(queue.client.get(step["Location"]))
        if _same_url(link, queue.changelist, queue.filters)
    ]
    assert len(back) == 2


def test_a_hand_made_save_of_the_read_only_application_is_refused_and_changes_nothing(queue):
    permohonan = queue.permohonan
    permohonan.refresh_from_db()
    before = {f.attname: getattr(permohonan, f.attname) for f in permohonan._meta.concrete_fields}
    rows = permohonan.riwayat_set.count()
    posted = {"status": "ditolak", "nama": "Orang Lain", "nama_usaha": "Usaha Lain", "_save": "Simpan"}
    response = queue.client.post(queue.change, posted)
    assert response.status_code == 403
    permohonan.refresh_from_db()
    assert {f.attname: getattr(permohonan, f.attname) for f in permohonan._meta.concrete_fields} == before
    assert permohonan.riwayat_set.count() == rows
    assert not LogEntry.objects.filter(object_id=str(permohonan.pk)).exists()


def _refused_links(client, pages):
    """Return the admin links on `pages` that answer the signed-in officer 403, with the page showing each."""
    refused = {}
    for page in pages:
        for link in _links(client.get(page)):
            followed = link.startswith("/admin/") and "logout" not in link
            if followed and link not in refused and client.get(link).status_code == 403:
                refused[link] = page
    return refused


def test_the_kecamatan_officers_pages_link_only_to_what_the_officer_can_open(client):
    from ktp.models import KTP, Penduduk, PermohonanKTP
    from portal.workflow import workflow_assign

    permohonan, officer, _ = _ktp_queue()
    desk = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    PermohonanKTP.objects.filter(pk=permohonan.pk).update(assisted_by=desk)
    workflow_assign(instance=permohonan, officer=officer)
    penduduk = Penduduk.objects.create(
        nik=permohonan.nik, nama=permohonan.nama, desa=permohonan.desa, pekerjaan=permohonan.pekerjaan
    )
    kartu = KTP.objects.create(penduduk=penduduk, blanko_serial="B-0001", tanggal_terbit="2026-01-05")
    pages = [
        reverse("admin:ktp_permohonanktp_changelist"),
        reverse("admin:ktp_permohonanktp_change", args=[permohonan.pk]),
        reverse("admin:ktp_penduduk_change", args=[penduduk.pk]),
        reverse("admin:ktp_ktp_change", args=[kartu.pk]),
    ]
    client.force_login(officer)
    assert _refused_links(client, pages) == {}
    page = client.get(pages[1]).content.decode()
    assert permohonan.applicant.name in page and desk.name in page and permohonan.pekerjaan.name in page
    # Dispendukcapil keeps the link to the job list, which it keeps.
    client.force_login(UserFactory(role=Role.PETUGAS_DISPENDUKCAPIL))
    pekerjaan = reverse("admin:ktp_pekerjaan_change", args=[permohonan.pekerjaan_id])
    assert pekerjaan in _links(client.get(pages[1]))
    assert _refused_links(client, pages) == {}


def test_the_licensing_officers_pages_link_only_to_what_the_officer_can_open(client):
    from perizinan.services import permohonan_izin_submit
    from tests.factories.perizinan import izin_issued, permohonan_izin_complete_draft

    owner = UserFactory(role=Role.WARGA)
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    five_years_ago = timezone.localdate().replace(year=timezone.localdate().year - 5)
    izin = izin_issued(applicant=owner, officer=officer, tanggal_terbit=five_years_ago)
    renewal = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(
            applicant=owner, jenis_permohonan="perpanjangan", izin_lama=izin
        ),
        actor=owner,
    )
    pages = [
        reverse("admin:perizinan_permohonanizin_changelist"),
        reverse("admin:perizinan_permohonanizin_change", args=[izin.permohonan_id]),
        reverse("admin:perizinan_permohonanizin_change", args=[renewal.pk]),
        reverse("admin:perizinan_izin_changelist"),
        reverse("admin:perizinan_izin_change", args=[izin.pk]),
        reverse("admin:perizinan_usaha_changelist"),
        reverse("admin:perizinan_usaha_change", args=[izin.usaha_id]),
    ]
    client.force_login(officer)
    assert _refused_links(client, pages) == {}
    renewal_page = _links(client.get(pages[2]))
    # What the officer can open stays a link: the licence renewed and the business.
    assert reverse("admin:perizinan_izin_change", args=[izin.pk]) in renewal_page
    assert reverse("admin:perizinan_usaha_change", args=[izin.usaha_id]) in renewal_page
