"""After signing in, officers land on their work page; citizens where they were going."""

import pytest
from django.urls import reverse

from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def _sign_in(client, user, next_url=None):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    data = {"login": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(url, data)
    if response["Location"] == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert client.session["_auth_user_id"] == str(user.pk)
    return response["Location"]


KTP_QUEUE = "admin:ktp_permohonanktp_changelist"


@pytest.mark.parametrize(
    ("role", "scope", "work_page"),
    [
        (Role.PETUGAS_KECAMATAN, {"role__kecamatan": "35.04.02"}, KTP_QUEUE),
        (Role.PETUGAS_DISPENDUKCAPIL, {"role__instansi": "DISPENDUKCAPIL"}, KTP_QUEUE),
        (Role.PETUGAS_PERIZINAN, {"role__instansi": "DPMPTSP"}, "admin:perizinan_permohonanizin_changelist"),
        (Role.PETUGAS_INSTANSI, {"role__instansi": "DPMPTSP"}, "koordinasi:index"),
        (Role.ADMIN, {}, "admin:index"),
        (Role.POKJA_PEMILIHAN, {}, "pengadaan:kelola"),
        (Role.PPK, {}, "pengadaan:kelola"),
        (Role.ADMIN_UKPBJ, {}, "pengadaan:kelola"),
    ],
)
def test_an_officer_lands_on_their_work_page(client, role, scope, work_page):
    officer = UserFactory(role=role, **scope)
    landed = _sign_in(client, officer)
    assert landed == reverse(work_page)
    assert client.get(landed).status_code == 200


def test_a_citizen_lands_where_they_were_going(client):
    warga = UserFactory(role=Role.WARGA)
    assert _sign_in(client, warga, next_url=reverse("ktp:start")) == reverse("ktp:start")


def test_a_citizen_without_a_destination_lands_on_the_home_page(client):
    assert _sign_in(client, UserFactory(role=Role.WARGA)) == reverse("public:home")


def test_an_officer_following_a_link_still_lands_on_it(client):
    officer = UserFactory(role=Role.PETUGAS_INSTANSI, role__instansi="DPMPTSP")
    assert _sign_in(client, officer, next_url=reverse("koordinasi:sent")) == reverse("koordinasi:sent")
