"""
Every admin changelist an officer can open, with every stock feature of the admin: the facet counts
("Show counts"), sorting by each sortable column both ways, a search, each filter choice, the date
drill-down, the second page, and the first row's change page and history. None may answer 5xx, and a
kecamatan officer never sees another kecamatan's application, resident or card, whatever the query.
"""

import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, totp_code
from tests.factories.ktp import permohonan_complete_draft
from tests.security.conftest import INSTANSI_Q, KEC_X, KEC_Y

pytestmark = pytest.mark.django_db

OFFICERS = ["kec_x", "kec_y", "dispendukcapil", "perizinan", "admin_role", "admin"]
# What each kecamatan officer must never see: the other kecamatan's world objects.
HIDDEN = {
    "kec_x": ["ktp_b", "penduduk_b", "kartu_b"],
    "kec_y": ["ktp_a", "penduduk_a", "kartu_a"],
}


@pytest.fixture(scope="module")
def officers(world, django_db_blocker):
    """The world's officers, with the roles it lacks, and a second page of X's KTP queue."""
    with django_db_blocker.unblock():
        users = SimpleNamespace(
            **vars(world.users),
            dispendukcapil=UserFactory(
                role=Role.PETUGAS_DISPENDUKCAPIL, role__instansi=INSTANSI_Q, email="dukcapil@contoh.id"
            ),
            admin_role=UserFactory(role=Role.ADMIN, email="admin.peran@contoh.id"),
        )
        for serial in range(100, 130):
            ktp_submitted(kecamatan_code=KEC_X, nik=f"350402100590{serial:04d}")
        ktp_submitted(kecamatan_code=KEC_Y, nik="3504031005900100")
    return users


def ktp_submitted(*, kecamatan_code, nik):
    citizen = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(
        applicant=citizen, kecamatan_code=kecamatan_code, nik=nik, jenis_kelamin="L"
    )
    return permohonan_submit(permohonan=draft, actor=citizen)


def sign_in(user):
    """Return a client signed in as `user` with their password, then their second factor if an officer."""
    client = Client(raise_request_exception=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    if user.is_officer():
        client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert client.session.get("_auth_user_id") == str(user.pk), f"{user.email} is not signed in"
    return client


def changelists(user):
    """Return the changelist URL of every model admin `user` may view."""
    request = RequestFactory().get("/admin/")
    request.user = user
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_view_or_change_permission(request)
    ]


def query_strings(cl, terms):
    """Return every query string of a changelist's stock features, read from the changelist itself."""
    queries = {"", "?_facets=True", "?p=2"}
    for index, name in enumerate(cl.list_display):
        if cl.get_ordering_field(name) is not None:
            queries |= {f"?o={index}", f"?o=-{index}"}
    if cl.search_fields:
        queries |= {"?" + urlencode({"q": term}) for term in terms}
    for facets in (False, True):
        cl.add_facets = facets
        queries |= {choice["query_string"] for spec in cl.filter_specs for choice in spec.choices(cl)}
    if cl.date_hierarchy:
        today, field = timezone.localdate(), cl.date_hierarchy
        queries |= {
            f"?{field}__year={today.year}",
            f"?{field}__year={today.year}&{field}__month={today.month}",
            f"?{field}__year={today.year}&{field}__month={today.month}&{field}__day={today.day}",
        }
    return sorted(queries)


def _marker(obj):
    """Return the text that shows `obj` in a list: its reference, masked NIK or card serial."""
    return getattr(obj, "reference", None) or getattr(obj, "blanko_serial", None) or obj.nik_masked


def _results(response):
    """Return the table of results of a changelist page (the search box repeats the term searched)."""
    body = response.content.decode()
    return body.split('id="result_list"', 1)[1].split("</table>", 1)[0] if 'id="result_list"' in body else ""


def _facet_counts(response):
    return [int(count) for count in re.findall(r"\((\d+)\)</a>", response.content.decode())]


def check(response, url, actor, world):
    """Return what is wrong with one changelist response, as a list of lines."""
    if response.status_code >= 500:
        return [f"{url}: {response.status_code}"]
    if response.status_code == 302:
        # The stock answer to a page past the last one.
        return [] if "?p=2" in url and response["Location"].endswith("?e=1") else [f"{url}: 302"]
    if response.status_code != 200:
        return [f"{url}: {response.status_code}"]
    results, cl = _results(response), response.context["cl"]
    problems = []
    for name in HIDDEN.get(actor, ()):
        obj = world.objects[name]
        if _marker(obj) in results or (cl.model is type(obj) and cl.queryset.filter(pk=obj.pk).exists()):
            problems.append(f"{url}: shows {name} to {actor}")
    if (
        actor in HIDDEN
        and cl.add_facets
        and any(n > cl.root_queryset.count() for n in _facet_counts(response))
    ):
        problems.append(f"{url}: a facet counts rows outside {actor}'s scope")
    return problems


def object_pages(client, cl):
    """Return the first row's change page and history URLs and responses."""
    if not cl.result_count:
        return []
    obj = cl.queryset.first()
    info = f"admin:{cl.opts.app_label}_{cl.opts.model_name}"
    urls = [reverse(f"{info}_change", args=[quote(obj.pk)]), reverse(f"{info}_history", args=[quote(obj.pk)])]
    return [(url, client.get(url)) for url in urls]


@pytest.mark.parametrize("actor", OFFICERS)
def test_every_changelist_answers_every_stock_feature_within_the_officers_scope(actor, world, officers):
    user = getattr(officers, actor)
    client = sign_in(user)
    other = world.objects["ktp_a" if actor == "kec_y" else "ktp_b"]
    terms = [other.reference, other.nik, "a"]
    urls = changelists(user)
    assert urls, f"{actor} opens no changelist"
    problems, requests = [], 0
    for url in urls:
        first = client.get(url)
        if first.status_code != 200:
            problems.append(f"{url}: {first.status_code}")
            continue
        for query in query_strings(first.context["cl"], terms):
            problems += check(client.get(url + query), url + query, actor, world)
            requests += 1
        for page_url, response in object_pages(client, first.context["cl"]):
            if response.status_code != 200:
                problems.append(f"{page_url}: {response.status_code}")
    assert not problems, f"{actor}, {requests} requests:\n" + "\n".join(problems)


def test_the_kecamatan_queue_has_a_second_page_of_its_own_applications(world, officers):
    client = sign_in(officers.kec_x)
    response = client.get(reverse("admin:ktp_permohonanktp_changelist") + "?p=2")
    assert response.status_code == 200
    cl = response.context["cl"]
    assert cl.multi_page and len(cl.result_list) == cl.result_count - cl.list_per_page
    assert {permohonan.kecamatan.code for permohonan in cl.queryset} == {KEC_X}


def test_an_agency_officer_opens_no_changelist(world):
    client = sign_in(world.users.instansi_q)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url, {"_facets": "True"})
        assert response.status_code == 302 and "/login/" in response["Location"], url
