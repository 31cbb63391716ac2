import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def test_a_staff_account_without_two_factor_cannot_open_the_admin(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", two_factor=False)
    assert not Authenticator.objects.filter(user=officer).exists()
    client.force_login(officer)
    for url in ("/admin/", reverse("admin:ktp_permohonanktp_changelist")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    assert page.status_code == 200 and "dua langkah" in page.content.decode()


def test_with_two_factor_the_admin_opens(client):
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_goes_through_the_portal_login_and_asks_for_the_code(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("account_login"), {"login": officer.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_citizens_need_no_second_factor(client):
    warga = UserFactory(role=Role.WARGA)
    client.post(reverse("account_login"), {"login": warga.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(warga.pk)


def test_an_officers_session_ends_with_the_browser_or_unused_citizens_keep_the_default(client, settings):
    settings.STAFF_SESSION_SECONDS = 600
    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expire_at_browser_close()
    session = client.session
    session["officer_seen"] -= 601
    session.save()
    response = client.get("/admin/", follow=True)
    assert "_auth_user_id" not in client.session
    assert "Sesi petugas berakhir karena lama tidak dipakai" in response.content.decode()

    client.force_login(UserFactory(role=Role.WARGA))
    client.get("/")
    assert not client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_an_officers_use_is_noted_in_the_session_at_most_once_a_minute(client, settings):
    from django.contrib.sessions.models import Session

    client.force_login(UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02"))
    client.get("/")
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date == first

    session = client.session
    session["officer_seen"] -= 61
    session.save()
    second = Session.objects.get(session_key=key).expire_date
    client.get("/")
    assert Session.objects.get(session_key=key).expire_date > second


def test_the_second_factor_is_checked_once_a_minute_and_a_removed_one_closes_the_admin(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(officer)
    assert client.get("/admin/").status_code == 200
    Authenticator.objects.filter(user=officer).delete()
    # Within the minute the session remembers the check...
    assert client.get("/admin/").status_code == 200
    # ...at the next check the admin closes.
    session = client.session
    session["officer_seen"] -= 61
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_an_officer_who_just_set_up_the_second_factor_gets_in_at_once(client):
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", two_factor=False)
    client.force_login(officer)
    assert client.get("/admin/").status_code == 302
    two_factor = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    Authenticator.objects.filter(user=two_factor).update(user=officer)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("role", "scope", "path"),
    [
        (Role.PETUGAS_KECAMATAN, {"role__kecamatan": "35.04.02"}, "/ktp/ajukan/"),
        (Role.PETUGAS_INSTANSI, {"role__instansi": "DPMPTSP"}, "/koordinasi/"),
        (Role.POKJA_PEMILIHAN, {}, "/pengadaan/kelola/"),
        (Role.PPK, {}, "/"),
    ],
)
def test_every_officer_role_needs_the_second_factor_outside_the_admin_too(client, role, scope, path):
    officer = UserFactory(role=role, two_factor=False, **scope)
    client.force_login(officer)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp"), follow=True).status_code == 200


def test_citizens_and_vendors_need_no_second_factor(client):
    for role in (Role.WARGA, Role.PENYEDIA):
        client.force_login(UserFactory(role=role))
        assert client.get("/ktp/permohonan/").status_code == 200


def test_a_signed_in_citizen_opening_the_admin_is_refused_rather_than_sent_round_the_login(client):
    client.force_login(UserFactory(role=Role.WARGA))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403 and len(response.redirect_chain) < 3


def test_wrong_second_factor_codes_are_limited_per_account_not_only_per_address(client, settings):
    settings.MFA_CODE_RATE = "3/5m"
    settings.ACCOUNT_RATE_LIMITS = False  # allauth's own per-address limit out of the way
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.post(reverse("account_login"), {"login": officer.email, "password": PASSWORD})
    for _ in range(3):
        client.post(reverse("mfa_authenticate"), {"code": "000001"})  # three tries: the limit
    # Another address: still refused, the right code included, with the reason.
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()}, REMOTE_ADDR="10.9.8.7")
    assert "_auth_user_id" not in client.session
    assert "Terlalu banyak kode dicoba" in response.content.decode()

    other = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    fresh = type(client)()
    fresh.post(reverse("account_login"), {"login": other.email, "password": PASSWORD})
    fresh.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert fresh.session["_auth_user_id"] == str(other.pk)


def test_under_a_path_prefix_the_second_factor_setup_page_opens_instead_of_redirecting_to_itself(
    client, settings
):
    from django.test.utils import override_script_prefix

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02", two_factor=False)
    client.force_login(officer)
    settings.FORCE_SCRIPT_NAME = "/portal"  # served at /portal/: the path the middleware reads has no prefix
    with override_script_prefix("/portal/"):  # the handler's path_info, as gunicorn passes it, is unprefixed
        page = client.get("/akun/2fa/totp/activate/")
        elsewhere = client.get("/ktp/")
    # Not sent round to itself (allauth may first ask for the password again).
    assert page.status_code == 200 or not page["Location"].startswith("/portal/akun/2fa/")
    assert elsewhere.status_code == 302 and elsewhere["Location"] == "/portal/akun/2fa/totp/activate/"
