"""Every public page describes itself to search engines, in the visitor's language."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.utils import translation

from portal.public.models import InformasiPublik

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/lacak/",
    "/transparansi/",
    "/informasi/",
    "/ktp/",
    "/ktp/standar-pelayanan/",
    "/perizinan/",
    "/akun/login/",
    "/akun/signup/",
    "/akun/password/reset/",
]
META = re.compile(r'<meta name="description" content="([^"]*)">')


def _description(client, url, language="id"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    found = META.findall(response.content.decode())
    assert len(found) == 1, (url, found)
    return unescape(found[0])


def test_every_public_page_has_a_description_of_its_own(client):
    descriptions = {url: _description(client, url) for url in PUBLIC_PAGES}
    for url, text in descriptions.items():
        assert 50 <= len(text) <= 170, (url, text)
    assert len(set(descriptions.values())) == len(PUBLIC_PAGES), descriptions


def test_the_descriptions_go_through_translation(client):
    for url in PUBLIC_PAGES:
        indonesian = _description(client, url)
        english = _description(client, url, "en")
        with translation.override("en"):
            assert english == translation.gettext(indonesian), url


def test_a_published_information_page_is_described_by_its_own_text(client):
    page = InformasiPublik.objects.create(
        title="Potensi daerah",
        slug="potensi-daerah",
        description="Penduduk per kecamatan, komoditas unggulan dan peluang investasi di Tulungagung. " * 4,
        is_published=True,
    )
    text = _description(client, page.get_absolute_url())
    assert text.startswith("Penduduk per kecamatan") and len(text) <= 160


def test_the_tracking_page_keeps_its_noindex_beside_the_description(client):
    body = client.get("/lacak/").content.decode()
    assert '<meta name="robots" content="noindex">' in body and META.search(body)
