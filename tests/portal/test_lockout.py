from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/akun/login/"


def _fail(client, email, times, address="10.0.0.1"):
    wrong = {"login": email, "password": "salah-sekali"}
    return [client.post(LOGIN, wrong, REMOTE_ADDR=address) for _ in range(times)]


def test_five_wrong_passwords_lock_the_account_from_that_address_for_fifteen_minutes(client):
    UserFactory(email="budi@contoh.id")
    responses = _fail(client, "budi@contoh.id", 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code == 429
    assert "Coba lagi dalam 15 menit" in responses[4].content.decode()

    # The right password does not open it while the lock holds.
    response = client.post(LOGIN, {"login": "budi@contoh.id", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    # Case does not make a new account name.
    response = client.post(LOGIN, {"login": "BUDI@contoh.id", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429


def test_the_lock_holds_one_address_so_a_stranger_cannot_lock_the_owner_out(client):
    UserFactory(email="budi@contoh.id")
    _fail(client, "budi@contoh.id", 5, address="10.0.0.66")
    response = client.post(LOGIN, {"login": "budi@contoh.id", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_after_the_cool_off_the_right_password_works_again(client):
    UserFactory(email="budi@contoh.id")
    _fail(client, "budi@contoh.id", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = client.post(LOGIN, {"login": "budi@contoh.id", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302


def test_a_successful_login_resets_the_count(client):
    UserFactory(email="budi@contoh.id")
    _fail(client, "budi@contoh.id", 4)
    right = {"login": "budi@contoh.id", "password": PASSWORD}
    assert client.post(LOGIN, right, REMOTE_ADDR="10.0.0.1").status_code == 302
    client.post("/akun/logout/")
    responses = _fail(client, "budi@contoh.id", 4)
    assert all(r.status_code == 200 for r in responses)


def test_with_the_cache_down_a_sign_in_refused_for_safety_says_why(client, settings):
    """The attempt counters live in the cache: without it a sign-in is refused, with a page saying so."""
    UserFactory(email="budi@contoh.id")
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    response = client.post(LOGIN, {"login": "budi@contoh.id", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    body = response.content.decode()
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert "Karena gangguan sistem" in body and "Terlalu banyak permintaan dalam" not in body


def test_a_password_reset_lifts_the_lock_the_lockout_page_points_to_it(client, rf):
    from allauth.account.signals import password_reset

    budi = UserFactory(email="budi@contoh.id")
    _fail(client, "budi@contoh.id", 5)
    budi.set_password("Sandi-Baru-2026!")
    budi.save()
    password_reset.send(sender=type(budi), request=rf.get("/"), user=budi)
    right = {"login": "BUDI@contoh.id", "password": "Sandi-Baru-2026!"}
    assert client.post(LOGIN, right, REMOTE_ADDR="10.0.0.1").status_code == 302


def test_behind_the_proxy_one_visitors_failures_never_rate_limit_anothers_sign_in(client, settings):
    # nginx is every request's REMOTE_ADDR; the visitor's own address comes in X-Real-IP.
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    UserFactory(email="budi@contoh.id")
    for n in range(12):
        wrong = {"login": f"orang{n}@contoh.id", "password": "salah-sekali"}
        client.post(LOGIN, wrong, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="10.0.0.66")
    flooded = client.post(
        LOGIN, {"login": "orang0@contoh.id", "password": "salah-sekali"}, HTTP_X_REAL_IP="10.0.0.66"
    )
    assert "Terlalu banyak percobaan" in flooded.content.decode()  # the flooding address is limited...
    owner = {"login": "budi@contoh.id", "password": PASSWORD}
    response = client.post(LOGIN, owner, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="10.0.0.1")
    assert response.status_code == 302 and client.session["_auth_user_id"]  # ...not everyone behind nginx
