"""
An address only a button may use (a POST), opened as a page, says so and links the page the button
is on: a citizen whose session ended presses "Batalkan", signs in again and lands on that address.
"""

import pytest
from django.urls import reverse

from ktp.constants import Status
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db


def test_signing_in_again_on_the_way_to_a_button_shows_a_page_with_the_way_back(client):
    warga = UserFactory(role=Role.WARGA)
    permohonan = permohonan_complete_draft(applicant=warga)
    withdraw = reverse("ktp:withdraw", args=[permohonan.pk])

    login = client.get(withdraw)  # the session had ended
    assert login.status_code == 302 and login["Location"].startswith(reverse("account_login"))
    back = client.post(login["Location"], {"login": warga.email, "password": PASSWORD})
    assert back["Location"] == withdraw

    response = client.get(withdraw)
    assert response.status_code == 405 and response["Allow"] == "POST"
    body = response.content.decode()
    assert "Tindakan ini dijalankan dengan tombol" in body
    assert f'href="{reverse("ktp:detail", args=[permohonan.pk])}"' in body
    permohonan.refresh_from_db()
    assert permohonan.status == Status.DRAF  # nothing was done


def test_the_page_is_in_english_for_an_english_reader(client):
    warga = UserFactory(role=Role.WARGA)
    permohonan = permohonan_complete_draft(applicant=warga)
    client.force_login(warga)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("ktp:withdraw", args=[permohonan.pk]))
    assert response.status_code == 405
    body = response.content.decode()
    assert "This action is done with a button" in body and "Tindakan ini" not in body


def test_the_way_back_is_the_nearest_page_above_the_buttons_address():
    from portal.middleware import _nearest_page

    assert _nearest_page("/pengadaan/kelola/penyedia/1/verifikasi/") == "/pengadaan/kelola/penyedia/"
    assert _nearest_page("/pengadaan/kelola/sanggah/1/jawab/") == "/pengadaan/kelola/"  # the Pokja's desk
    assert _nearest_page("/tidak/ada/") is None  # the page then links the home page
