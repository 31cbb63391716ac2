"""
The reply and disposisi forms of a memo's page: a refused post shows the page again (400) with what
was typed and each error beside its field; an accepted one redirects.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from koordinasi.constants import Akses
from koordinasi.models import Disposisi, LogAkses, Naskah
from tests.factories.koordinasi import naskah_sent

pytestmark = pytest.mark.django_db

NOTE = "Mohon dibahas dalam rapat Senin."
REPLY = "Siap, kami hadir pukul 09.00."


@pytest.fixture
def naskah(a, b):
    return naskah_sent(sender=a, to_agencies=["BAGIAN-UMUM"])  # b's agency


def disposisi_post(client, naskah, **fields):
    data = {"instruksi": ["tindak_lanjuti", "hadiri"], "catatan": NOTE, **fields}
    return client.post(reverse("koordinasi:disposisi", args=[naskah.pk]), data)


def reply_post(client, naskah, **fields):
    return client.post(
        reverse("koordinasi:reply", args=[naskah.pk]), {"isi": REPLY, "format": "teks", **fields}
    )


def field_block(html, name) -> str:
    """Return the markup crispy draws for one field: its label, input, errors and help text."""
    match = re.search(rf'<div id="div_id_{name}".*?(?=<div id="div_id_|</form>)', html, re.S)
    assert match, name
    return match.group(0)


def cached_values() -> list[str]:
    return [str(cache.get(key.split(":", 2)[-1])) for key in list(cache._cache)]


def test_a_past_deadline_keeps_what_was_typed_and_says_so_beside_the_deadline(client, naskah, b, b2):
    client.force_login(b)
    response = disposisi_post(client, naskah, kepada=b2.pk, batas_waktu="2020-01-01")

    assert response.status_code == 400
    assert not Disposisi.objects.exists()
    form = response.context["disposisi_form"]
    assert list(form.errors) == ["batas_waktu"]
    html = response.content.decode()
    assert f'<option value="{b2.pk}" selected>' in field_block(html, "kepada")
    instruksi = field_block(html, "instruksi")
    for code in ("tindak_lanjuti", "hadiri"):
        assert re.search(rf'value="{code}"\s+id="id_instruksi_\d+" checked', instruksi)
    assert NOTE in field_block(html, "catatan")
    deadline = field_block(html, "batas_waktu")
    assert 'value="2020-01-01"' in deadline
    assert "Batas waktu tidak boleh sebelum hari ini." in deadline


def test_an_invalid_recipient_is_named_on_the_recipient_field_in_english_too(client, naskah, b, c):
    client.force_login(b)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = disposisi_post(client, naskah, kepada=c.pk)  # another agency's officer

    assert response.status_code == 400
    assert list(response.context["disposisi_form"].errors) == ["kepada"]
    html = response.content.decode()
    assert "Select a valid choice" in field_block(html, "kepada")
    assert NOTE in field_block(html, "catatan")
    assert not Disposisi.objects.exists()


def test_a_refusal_by_the_service_is_shown_on_the_form(client, a, a2, naskah):
    client.force_login(a)  # the sender: the service, not the form, refuses
    response = disposisi_post(client, naskah, kepada=a2.pk)

    assert response.status_code == 400
    form = response.context["disposisi_form"]
    assert form.non_field_errors() == ["Anda hanya dapat mendisposisikan naskah yang Anda terima."]
    assert "Anda hanya dapat mendisposisikan naskah yang Anda terima." in response.content.decode()
    assert not Disposisi.objects.exists()


def test_an_accepted_disposisi_still_redirects(client, naskah, b, b2):
    client.force_login(b)
    due = timezone.localdate() + datetime.timedelta(days=3)
    response = disposisi_post(client, naskah, kepada=b2.pk, batas_waktu=due.isoformat())

    assert response.status_code == 302
    assert response["Location"] == reverse("koordinasi:detail", args=[naskah.pk])
    row = Disposisi.objects.get()
    assert (row.kepada, row.batas_waktu, row.catatan) == (b2, due, NOTE)


def test_a_reply_with_an_empty_body_says_so_on_the_body(client, naskah, b):
    client.force_login(b)
    response = reply_post(client, naskah, isi="   ")

    assert response.status_code == 400
    assert list(response.context["balas_form"].errors) == ["isi"]
    assert "Isi balasan wajib diisi." in field_block(response.content.decode(), "isi")
    assert not Naskah.objects.filter(balasan_untuk=naskah).exists()


def test_a_refused_reply_keeps_the_typed_text(client, naskah, b):
    client.force_login(b)
    response = reply_post(client, naskah, format="html")

    assert response.status_code == 400
    assert list(response.context["balas_form"].errors) == ["format"]
    html = response.content.decode()
    assert REPLY in field_block(html, "isi")
    assert "html" in field_block(html, "format")  # "Select a valid choice. html is not one of…"
    assert not Naskah.objects.filter(balasan_untuk=naskah).exists()


@pytest.mark.parametrize(
    "error, field",
    [
        (ValidationError({"isi": "Isi terlalu panjang."}), "isi"),
        (ValidationError("Tujuan tidak aktif."), None),
    ],
)
def test_a_reply_refused_by_the_service_keeps_the_typed_text(client, naskah, b, monkeypatch, error, field):
    from koordinasi import views

    def refuse(**kwargs):
        raise error

    monkeypatch.setattr(views, "naskah_reply", refuse)
    client.force_login(b)
    page = client.get(reverse("koordinasi:detail", args=[naskah.pk]))
    token = page.context["balas_form"]["submit_token"].value()
    response = reply_post(client, naskah, submit_token=token)

    assert response.status_code == 400
    form = response.context["balas_form"]
    message = error.messages[0]
    assert (form.errors[field] if field else form.non_field_errors()) == [message]
    html = response.content.decode()
    assert REPLY in field_block(html, "isi") and message in html
    assert f'value="{token}"' in html  # the token was released: the corrected post goes through

    monkeypatch.undo()
    retry = reply_post(client, naskah, submit_token=token)
    balasan = Naskah.objects.get(balasan_untuk=naskah)
    assert retry["Location"] == reverse("koordinasi:detail", args=[balasan.pk])


def test_an_accepted_reply_still_redirects(client, naskah, b):
    client.force_login(b)
    response = reply_post(client, naskah)

    balasan = Naskah.objects.get(balasan_untuk=naskah)
    assert response.status_code == 302
    assert response["Location"] == reverse("koordinasi:detail", args=[balasan.pk])
    assert balasan.isi == REPLY


def test_a_refused_post_logs_one_opening_of_the_memo_as_its_page_does(client, naskah, b):
    client.force_login(b)
    opened = LogAkses.objects.filter(naskah=naskah, pengguna=b, aksi=Akses.LIHAT)
    client.get(reverse("koordinasi:detail", args=[naskah.pk]))
    assert opened.count() == 1
    reply_post(client, naskah, isi="")
    assert opened.count() == 2
    disposisi_post(client, naskah, kepada="")
    assert opened.count() == 3


@pytest.mark.parametrize("post", [reply_post, disposisi_post])
@pytest.mark.parametrize("data", [{}, {"isi": "", "kepada": ""}])
def test_an_officer_who_may_not_read_the_memo_gets_404_whatever_is_posted(client, naskah, c, post, data):
    client.force_login(c)
    assert post(client, naskah, **data).status_code == 404
    assert not LogAkses.objects.filter(pengguna=c).exists()
    assert not Disposisi.objects.exists() and Naskah.objects.count() == 1


def test_a_refused_form_is_drawn_afresh_and_never_kept(client, naskah, b, b2):
    client.force_login(b)
    url = reverse("koordinasi:detail", args=[naskah.pk])
    client.get(url)  # keeps the empty forms' fragments

    refused = disposisi_post(client, naskah, kepada=b2.pk, batas_waktu="2020-01-01")
    assert NOTE in refused.content.decode()
    refused = reply_post(client, naskah, format="html")
    assert REPLY in refused.content.decode()
    assert not [value for value in cached_values() if NOTE in value or REPLY in value]

    html = client.get(url).content.decode()
    assert NOTE not in html and REPLY not in html
    assert "is-invalid" not in html and "Batas waktu tidak boleh" not in html


def test_a_form_refused_before_any_page_was_kept_is_not_kept_either(client, naskah, b, b2):
    client.force_login(b)
    disposisi_post(client, naskah, kepada=b2.pk, batas_waktu="2020-01-01")
    reply_post(client, naskah, format="html")
    assert not [value for value in cached_values() if NOTE in value or REPLY in value]

    html = client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()
    assert NOTE not in html and REPLY not in html and "is-invalid" not in html


def test_a_disposisi_posted_twice_is_given_once(client, naskah, b, b2):
    client.force_login(b)
    page = client.get(reverse("koordinasi:detail", args=[naskah.pk]))
    token = page.context["disposisi_form"]["submit_token"].value()
    assert f'value="{token}"' in page.content.decode()
    first = disposisi_post(client, naskah, kepada=b2.pk, submit_token=token)
    second = disposisi_post(client, naskah, kepada=b2.pk, submit_token=token)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == reverse("koordinasi:detail", args=[naskah.pk])
    assert Disposisi.objects.filter(naskah=naskah, kepada=b2).count() == 1
    again = client.get(reverse("koordinasi:detail", args=[naskah.pk])).content.decode()
    assert f'value="{token}"' not in again  # every drawing of the page carries a new token


def test_a_disposisi_posted_while_its_first_post_is_sent_returns_to_the_memo(client, naskah, b, b2):
    from portal.submissions import Submission

    client.force_login(b)
    first = Submission(namespace="koordinasi", user=b, token="t" * 32, pending=reverse("koordinasi:sent"))
    first.earlier()  # the first post claimed the token, still sending
    response = disposisi_post(client, naskah, kepada=b2.pk, submit_token="t" * 32)
    assert response["Location"] == reverse("koordinasi:detail", args=[naskah.pk])
    assert not Disposisi.objects.filter(naskah=naskah, kepada=b2).exists()
