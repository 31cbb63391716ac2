import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_is_in_indonesian_by_default_and_lists_the_services(client):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in body
    assert "Layanan publik daring Kabupaten Tulungagung" in body
    assert "Layanan KTP-el" in body and "Perizinan usaha" in body
    # The regency's tenders are public: the menu and the home page both lead to them.
    assert body.count('href="/pengadaan/"') == 2 and "Pengadaan barang/jasa" in body
    assert 'href="#konten"' in body and 'id="konten"' in body


def test_indonesian_stays_the_default_for_a_browser_that_asks_for_english(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id">' in body


def test_home_needs_no_javascript(client):
    body = client.get("/").content.decode()
    assert "<script" not in body


def test_language_switch_turns_the_page_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Online public services of Tulungagung Regency" in body
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert "Layanan publik daring" in client.get("/").content.decode()


def test_pages_use_local_bootstrap_not_a_cdn(client):
    body = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in body
    assert "cdn" not in body.lower()


def test_not_found_page_is_indonesian(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_server_error_page_is_indonesian_and_standalone():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Terjadi gangguan" in response.content.decode()


def test_permission_denied_and_bad_request_pages_are_indonesian(rf):
    from django.views.defaults import bad_request, permission_denied

    request = rf.get("/")
    request.user = None
    assert "Akses ditolak" in permission_denied(request, Exception()).content.decode()
    assert "Permintaan tidak valid" in bad_request(request, Exception()).content.decode()


def test_csrf_is_enforced_on_the_language_switch():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 403


def test_login_and_signup_pages_render_in_both_languages(client):
    assert "Masuk" in client.get("/akun/login/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Sign In" in client.get("/akun/login/").content.decode()
