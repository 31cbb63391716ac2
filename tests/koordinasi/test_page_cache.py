"""
What a memo's page keeps in the shared cache: the head of a sent memo (never of a Rahasia or Sangat
rahasia one) and its forms; what changes under them shows on the next page, and what must differ
on every page (the reply's token) does.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from koordinasi.constants import Klasifikasi
from tests.factories.koordinasi import naskah_sent, officer

pytestmark = pytest.mark.django_db

SECRET_BODY = "Isi yang hanya untuk pegawai bernama: kode akses 7341."


def page(client, naskah):
    response = client.get(reverse("koordinasi:detail", args=[naskah.pk]))
    assert response.status_code == 200
    return response


def cached_values() -> list[str]:
    """Return every value in the test cache (local memory), unpickled, as text."""
    return [str(cache.get(key.split(":", 2)[-1])) for key in list(cache._cache)]


@pytest.mark.parametrize("klasifikasi", [Klasifikasi.RAHASIA, Klasifikasi.SANGAT_RAHASIA])
def test_a_secret_memo_s_body_never_reaches_the_cache(client, a, b, klasifikasi):
    naskah = naskah_sent(sender=a, to_officers=[b], klasifikasi=klasifikasi, isi=SECRET_BODY)
    client.force_login(b)
    assert SECRET_BODY in page(client, naskah).content.decode()
    assert cached_values()  # the page's forms were kept
    assert not [value for value in cached_values() if "kode akses 7341" in value]


def test_a_memo_s_head_shows_a_renamed_sender_and_agency(client, a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"], isi="Isi biasa yang boleh disimpan.")
    client.force_login(b)
    assert "Ahmad Pengirim" in page(client, naskah).content.decode()
    a.name = "Ahmad Baru"
    a.save()
    b.instansi.name = "Bagian Umum Setda"
    b.instansi.save()
    html = page(client, naskah).content.decode()
    assert "Ahmad Baru" in html and "Bagian Umum Setda" in html


def test_the_disposisi_form_offers_a_colleague_added_since(client, a, b, b2):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    assert "Bayu Rekan" in page(client, naskah).content.decode()
    officer("BAGIAN-UMUM", name="Dewi Baru", email="dewi@umum.contoh.id")
    b2.is_active = False
    b2.save()
    html = page(client, naskah).content.decode()
    assert "Dewi Baru" in html and "Bayu Rekan" not in html


def test_each_page_gives_the_reply_form_its_own_token(client, a, b):
    naskah = naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])
    client.force_login(b)
    responses = [page(client, naskah) for _ in range(2)]
    tokens = [response.context["balas_form"]["submit_token"].value() for response in responses]
    assert tokens[0] != tokens[1]
    for response, token in zip(responses, tokens, strict=True):
        assert f'name="submit_token" value="{token}"' in response.content.decode()
