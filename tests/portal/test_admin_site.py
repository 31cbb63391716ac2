import pytest
from django.contrib import admin
from django.urls import reverse

from portal.accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    return client


def test_the_desk_lists_the_officers_models(officer_client):
    page = officer_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:ktp_permohonanktp_changelist") in page
    app = officer_client.get(reverse("admin:app_list", args=["ktp"]))
    assert app.status_code == 200 and reverse("admin:ktp_permohonanktp_changelist") in app.content.decode()
    assert officer_client.get(reverse("admin:app_list", args=["koordinasi"])).status_code == 404


def test_other_admin_pages_do_not_build_the_app_list(officer_client, monkeypatch):
    built = []
    real = admin.site._build_app_dict
    monkeypatch.setattr(admin.site, "_build_app_dict", lambda *a, **k: built.append(1) or real(*a, **k))
    page = officer_client.get(reverse("admin:ktp_permohonanktp_changelist"))
    assert page.status_code == 200 and 'id="nav-sidebar"' not in page.content.decode()
    assert built == []
    officer_client.get(reverse("admin:index"))
    assert built == [1]
