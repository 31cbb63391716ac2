"""
The admin links only what its reader may open: on every change page an officer can open (the first
object of each model), no link to another admin page answers 403 ("Related objects are linked only
for an officer who may open their page").
"""

import re
from html import unescape
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.test import Client, RequestFactory
from django.urls import reverse

from pengadaan.constants import Tahap
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories import pengadaan as tender
from tests.security.conftest import INSTANSI_Q

pytestmark = pytest.mark.django_db

OFFICERS = ["kec_x", "dispendukcapil", "perizinan", "admin_role", "ukpbj", "admin"]


@pytest.fixture(scope="module")
def officers(world, django_db_blocker):
    """The world's admin officers with the roles it lacks, and a tender whose bids were opened."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    with django_db_blocker.unblock():
        users = SimpleNamespace(
            **vars(world.users),
            dispendukcapil=UserFactory(role=Role.PETUGAS_DISPENDUKCAPIL, role__instansi=INSTANSI_Q),
            admin_role=UserFactory(role=Role.ADMIN),
            ukpbj=tender.ukpbj(),
        )
        paket = tender.paket(now_in=Tahap.PENAWARAN, actor=users.ukpbj)
        tender.bid(paket, tender.vendor(officer=users.ukpbj), 850_000_000)
        tender.opened(paket)
        crontab = CrontabSchedule.objects.create(minute="0", hour="6")
        PeriodicTask.objects.create(name="uji-tautan", task="portal.tasks.uji", crontab=crontab)
    return users


def change_pages(user):
    """Return the change page of an object of every model whose admin `user` may open."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        objects = model_admin.get_queryset(request).order_by("pk")
        # Preferably one with each of its relations set, so that each shows on its page.
        related = {f"{f.name}__isnull": False for f in model._meta.fields if f.is_relation}
        obj = objects.filter(**related).first() or objects.first()
        if obj is not None:
            info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            pages.append(reverse(f"{info}_change", args=[quote(obj.pk)]))
    return pages


def admin_links(url, page):
    """Return the admin URLs a page links to (relative ones resolved), without their fragments."""
    hrefs = (unescape(href) for href in re.findall(r'href="([^"]+)"', page.content.decode()))
    links = (urljoin(url, href).split("#", 1)[0] for href in hrefs)
    return {link for link in links if urlsplit(link).path.startswith("/admin/") and link != url}


@pytest.mark.parametrize("actor", OFFICERS)
def test_no_admin_page_links_an_officer_to_a_page_refused_to_them(actor, world, officers):
    user = getattr(officers, actor)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    pages = change_pages(user)
    if actor == "admin_role":  # a superuser's account, which the Admin role may only read
        pages.append(reverse("admin:accounts_user_change", args=[officers.admin.pk]))
    assert pages, f"{actor} opens no change page"
    answers, problems = {}, []
    for url in pages:
        page = client.get(url)
        if page.status_code != 200:
            problems.append(f"{url}: {page.status_code}")
            continue
        for link in sorted(admin_links(url, page)):
            if link not in answers:
                answers[link] = client.get(link).status_code
            if answers[link] == 403:
                problems.append(f"{url} links {link}: 403")
    assert not problems, f"{actor}, {len(answers)} links:\n" + "\n".join(problems)


def test_the_procurement_unit_reads_a_packages_officers_and_an_agencys_kecamatan_by_name(world, officers):
    from pengadaan.models import Paket
    from portal.wilayah.models import Instansi

    client = Client()
    client.force_login(officers.ukpbj)
    paket = Paket.objects.select_related("ppk").get()
    page = client.get(reverse("admin:pengadaan_paket_change", args=[paket.pk])).content.decode()
    assert paket.ppk.name in page and "/admin/accounts/user/" not in page
    instansi = Instansi.objects.filter(kecamatan__isnull=False).select_related("kecamatan").first()
    page = client.get(reverse("admin:wilayah_instansi_change", args=[instansi.pk])).content.decode()
    assert instansi.kecamatan.name in page and "/admin/wilayah/kecamatan/" not in page
