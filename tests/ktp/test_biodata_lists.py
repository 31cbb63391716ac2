"""
The biodata step's select lists are drawn once and kept in the cache: each page still shows the
current rows, its own answers, its own errors and the desa of the kecamatan chosen.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ktp.models import Pekerjaan, PermohonanKTP
from portal.accounts.roles import Role
from portal.wilayah.forms import CHOOSE_KECAMATAN
from portal.wilayah.models import Desa, Kecamatan
from tests.factories import UserFactory
from tests.factories.ktp import biodata

pytestmark = pytest.mark.django_db

KEDUNGWARU = "35.04.03"


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return user


@pytest.fixture
def draft(warga):
    return PermohonanKTP.objects.create(applicant=warga, jenis="baru", **biodata())


def _url(permohonan):
    return reverse("ktp:biodata", args=[permohonan.pk])


def _get(client, permohonan):
    return client.get(_url(permohonan)).content.decode()


def _select(html, name):
    return re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)


def _selected(html, name):
    return re.findall(r'<option value="([^"]*)" selected>', _select(html, name))


def test_a_row_changed_after_the_list_was_drawn_shows_on_the_next_page(client, draft):
    _get(client, draft)
    Pekerjaan.objects.create(code="X2", name="Penjaga mercusuar")
    kecamatan = Kecamatan.objects.exclude(pk=draft.kecamatan_id).order_by("pk").first()
    kecamatan.name = "Kecamatanbaru"
    kecamatan.save()
    desa = draft.desa
    desa.name = "Desabaru"
    desa.save()
    html = _get(client, draft)
    assert "Penjaga mercusuar</option>" in _select(html, "pekerjaan")
    assert html.count(f'<option value="{kecamatan.pk}">Kecamatanbaru</option>') == 2  # address and office
    assert "Desabaru</option>" in _select(html, "desa_id")


def test_each_page_marks_its_own_answers(client, draft, warga):
    other = PermohonanKTP.objects.create(
        applicant=warga,
        jenis="baru",
        **biodata(KEDUNGWARU, agama="kristen", golongan_darah="A", status_perkawinan="belum_kawin"),
    )
    first, second = _get(client, draft), _get(client, other)
    for html, p in ((first, draft), (second, other)):
        assert _selected(html, "agama") == [p.agama]
        assert _selected(html, "golongan_darah") == [p.golongan_darah]
        assert _selected(html, "status_perkawinan") == [p.status_perkawinan]
        assert _selected(html, "desa_id") == [str(p.desa_id)]
        assert _selected(html, "kecamatan") == [str(p.kecamatan_id)]
    assert _select(first, "desa_id") != _select(second, "desa_id")  # each kecamatan's own desa


def test_a_refused_choice_is_marked_though_the_same_answer_was_drawn_unmarked(client, draft):
    data = {"agama": "", "pekerjaan": draft.pekerjaan_id, "desa_kecamatan": draft.desa.kecamatan_id}
    choosing = client.post(_url(draft), data | {CHOOSE_KECAMATAN: "1"}).content.decode()
    assert "is-invalid" not in _select(choosing, "agama")  # listing desa checks nothing yet
    saving = client.post(_url(draft), data).content.decode()
    assert "is-invalid" in _select(saving, "agama")


def test_choosing_another_kecamatan_lists_its_desa_after_the_first_was_drawn(client, draft):
    _get(client, draft)
    kedungwaru = Kecamatan.objects.get(code=KEDUNGWARU)
    data = {"desa_kecamatan": kedungwaru.pk, "desa_id": draft.desa_id, CHOOSE_KECAMATAN: "1"}
    html = client.post(_url(draft), data).content.decode()
    listed = {int(v) for v in re.findall(r'<option value="(\d+)"', _select(html, "desa_id"))}
    assert listed == set(Desa.objects.filter(kecamatan=kedungwaru).values_list("pk", flat=True))


def test_a_page_drawn_again_reads_no_list_from_the_database(client, draft):
    _get(client, draft)
    with CaptureQueriesContext(connection) as queries:
        html = _get(client, draft)
    tables = {re.search(r'FROM "(\w+)"', q["sql"]).group(1) for q in queries if "FROM" in q["sql"]}
    assert not tables & {"ktp_pekerjaan", "wilayah_kecamatan", "wilayah_desa"}
    assert _selected(html, "pekerjaan") == [str(draft.pekerjaan_id)]
