"""
A queue page built afresh (nothing kept in the cache) costs the same number of queries with 1 row
and with 30, for every feature of the list: no query per row, whatever the queue's size.
"""

import pytest

from portal.accounts.roles import Role
from tests.factories.accounts import UserFactory
from tests.performance.test_list_queries import assert_constant, ktp_applications, licences, result_count

pytestmark = pytest.mark.django_db
# Every query lists every row made below: sorted by the officer column, filtered, with the counts.
# `scope` widens the queue's default (open applications) where the rows made are closed ones.
FEATURES = [
    "?{scope}",
    "?{scope}&_facets=True",
    "?{scope}&o=-{officer}",
    "?o={officer}&_facets=True&status__exact={status}",
]


def queries(*, officer, status, scope=""):
    return [query.format(officer=officer, status=status, scope=scope) for query in FEATURES]


@pytest.fixture(autouse=True)
def nothing_kept(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.mark.parametrize("query", queries(officer=8, status="diajukan"))
def test_kecamatan_queue(client, query):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(officer)
    ktp_applications(UserFactory(), kecamatan_code="35.04.03")(5)
    add = ktp_applications(UserFactory(), officer=officer)
    assert_constant(client, f"/admin/ktp/permohonanktp/{query}", add=add, rows=result_count)


@pytest.mark.parametrize("query", queries(officer=9, status="diterbitkan", scope="selesai=semua"))
def test_licence_queue(client, query):
    officer = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    client.force_login(officer)
    add = licences(UserFactory(), officer=officer)
    assert_constant(client, f"/admin/perizinan/permohonanizin/{query}", add=add, rows=result_count)
