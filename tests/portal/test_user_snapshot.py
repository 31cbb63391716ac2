"""
The signed-in user, with groups and permissions, is read from a cached snapshot
(portal.accounts.backends, issue #9): no query for it on a page, yet every change to the account,
its roles or their permissions shows on the next request.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse

from portal.accounts.backends import ModelBackend, snapshot_seconds, user_cached
from portal.accounts.roles import Role
from portal.cache import RedisCache
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def snapshots(settings):
    # The test settings use a per-process cache, where snapshots are off unless asked for.
    settings.USER_SNAPSHOT_SECONDS = 300
    cache.clear()


def load(user):
    return user_cached(ModelBackend(), user.pk)


def test_snapshots_are_off_with_a_per_process_cache_unless_asked_for(settings):
    del settings.USER_SNAPSHOT_SECONDS
    assert snapshot_seconds() == 0
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://x"}}
    assert snapshot_seconds() > 0


def test_the_snapshot_holds_the_user_groups_and_permissions(django_assert_num_queries):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    load(officer)
    with django_assert_num_queries(0):
        user = load(officer)
        assert user == officer
        assert user.has_role(Role.PETUGAS_KECAMATAN)
        assert user.has_perm("ktp.view_permohonanktp")
        assert not user.has_perm("ktp.delete_permohonanktp")


def test_the_snapshot_holds_the_agency_and_a_renamed_agency_shows_at_once(django_assert_num_queries):
    pegawai = UserFactory(role=Role.PETUGAS_INSTANSI, role__instansi="DPMPTSP")
    load(pegawai)
    with django_assert_num_queries(0):
        assert load(pegawai).instansi.code == "DPMPTSP"
    instansi = pegawai.instansi
    instansi.name = "Dinas Penanaman Modal (nama baru)"
    instansi.save()
    assert load(pegawai).instansi.name == "Dinas Penanaman Modal (nama baru)"


def test_without_snapshots_the_user_is_read_each_time(settings, django_assert_num_queries):
    settings.USER_SNAPSHOT_SECONDS = 0
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    load(officer)
    with django_assert_num_queries(1):
        load(officer)


def test_a_saved_user_is_read_again(django_assert_num_queries):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", name="Lama")
    load(officer)
    officer.name = "Baru"
    officer.save()
    assert load(officer).name == "Baru"


def test_a_deactivated_user_is_signed_out_at_the_next_request(client):
    citizen = UserFactory()
    client.force_login(citizen)
    assert client.get(reverse("audit:data_saya")).status_code == 200
    citizen.is_active = False
    citizen.save()
    response = client.get(reverse("audit:data_saya"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_a_changed_password_ends_other_sessions(client):
    citizen = UserFactory()
    client.force_login(citizen)
    assert client.get(reverse("audit:data_saya")).status_code == 200
    citizen.set_password("Sandi-Baru-2026!")
    citizen.save()
    assert client.get(reverse("audit:data_saya")).status_code == 302


def test_a_new_role_shows_at_once():
    user = UserFactory()
    assert not load(user).has_role(Role.PETUGAS_PERIZINAN)
    user.groups.add(Group.objects.get(name=Role.PETUGAS_PERIZINAN))
    assert load(user).has_role(Role.PETUGAS_PERIZINAN)
    Group.objects.get(name=Role.PETUGAS_PERIZINAN).user_set.remove(user)
    assert not load(user).has_role(Role.PETUGAS_PERIZINAN)


def test_a_group_permission_change_shows_at_once():
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    assert not load(officer).has_perm("ktp.delete_permohonanktp")
    group = Group.objects.get(name=Role.PETUGAS_KECAMATAN)
    group.permissions.add(Permission.objects.get(codename="delete_permohonanktp"))
    assert load(officer).has_perm("ktp.delete_permohonanktp")


def test_a_user_permission_change_shows_at_once():
    user = UserFactory()
    assert not load(user).has_perm("ktp.view_penduduk")
    user.user_permissions.add(Permission.objects.get(codename="view_penduduk"))
    assert load(user).has_perm("ktp.view_penduduk")


def test_the_redis_cache_keeps_one_client_per_pool():
    client = RedisCache("redis://127.0.0.1:6379/15", {})._cache
    assert client.get_client("a") is client.get_client("b", write=True)
