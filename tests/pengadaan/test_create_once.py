"""A package form posted twice (a double click, a resend) registers one package, not two."""

import pytest
from django.urls import reverse

from pengadaan.models import Paket
from portal.submissions import Submission
from tests.factories.pengadaan import paket_form, pdf, ppk, ukpbj, vendor
from tests.factories.pengadaan_langsung import langsung_form, pejabat

pytestmark = pytest.mark.django_db


def _token(client, url):
    return client.get(url).context["form"]["submit_token"].value()


@pytest.fixture(params=["paket_baru", "langsung_baru"])
def form(request, client):
    """Sign in the officer of one package form; return its url and what it posts but the token."""
    if request.param == "paket_baru":
        officer, data = ukpbj(), paket_form()
    else:
        officer, data = pejabat(), langsung_form(ppk_user=ppk(), penyedia=vendor())
    client.force_login(officer)
    return reverse(f"pengadaan:{request.param}"), data, officer


def _post(client, url, data, token, **over):
    # A fresh file each time: an upload once read is empty.
    return client.post(url, {**data, "dokumen": pdf(), "submit_token": token, **over})


def test_the_same_form_posted_twice_registers_one_package(client, form):
    url, data, _ = form
    token = _token(client, url)
    first = _post(client, url, data, token)
    second = _post(client, url, data, token)
    created = Paket.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("pengadaan:kelola_paket", args=[created.pk])


def test_a_fresh_form_registers_another_package(client, form):
    url, data, _ = form
    _post(client, url, data, _token(client, url))
    _post(client, url, data, _token(client, url))
    assert Paket.objects.count() == 2
    assert len(set(Paket.objects.values_list("reference", flat=True))) == 2


def test_a_post_while_the_first_is_registered_goes_to_the_officers_list(client, form):
    url, data, officer = form
    token = _token(client, url)
    Submission(namespace="pengadaan", user=officer, token=token, pending="").earlier()  # the first, at work
    response = _post(client, url, data, token)
    assert response["Location"] == reverse("pengadaan:kelola")
    assert not Paket.objects.exists()


def test_a_refused_post_releases_its_form_for_the_corrected_one(client, form):
    url, data, _ = form
    token = _token(client, url)
    refused = _post(client, url, data, token, hps="900000000")
    assert refused.status_code == 400 and not Paket.objects.exists()
    assert f'value="{token}"' in refused.content.decode()
    assert _post(client, url, data, token).status_code == 302
    assert Paket.objects.count() == 1
