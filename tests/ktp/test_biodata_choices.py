"""
The biodata step's kecamatan and pekerjaan lists, kept per process (issue #9): drawn as Django draws a
ModelChoiceField, stale as soon as a row changes, while a submitted value is still checked in the database.
"""

import re

import pytest
from django import forms
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ktp.forms import BiodataForm
from ktp.models import Pekerjaan, PermohonanKTP
from portal.accounts.roles import Role
from portal.wilayah.models import Kecamatan
from tests.factories import UserFactory
from tests.factories.ktp import biodata

pytestmark = pytest.mark.django_db


def _same_markup(html):
    # Django's templates leave blank lines between options; nothing else may differ.
    return re.sub(r">\s+<", "><", html).strip()


@pytest.fixture
def draft(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return PermohonanKTP.objects.create(applicant=user, jenis="baru", **biodata())


def _post_data(permohonan, **overrides):
    data = {
        "nik": permohonan.nik,
        "no_kk": permohonan.no_kk,
        "nama": permohonan.nama,
        "tempat_lahir": permohonan.tempat_lahir,
        "tanggal_lahir": permohonan.tanggal_lahir.isoformat(),
        "jenis_kelamin": permohonan.jenis_kelamin,
        "golongan_darah": permohonan.golongan_darah,
        "agama": permohonan.agama,
        "status_perkawinan": permohonan.status_perkawinan,
        "pekerjaan": permohonan.pekerjaan_id,
        "kewarganegaraan": permohonan.kewarganegaraan,
        "alamat": permohonan.alamat,
        "rt": permohonan.rt,
        "rw": permohonan.rw,
        "desa_id": permohonan.desa_id,
        "kecamatan": permohonan.kecamatan_id,
    }
    return data | overrides


@pytest.mark.parametrize("name", ["kecamatan", "pekerjaan", "agama", "status_perkawinan", "golongan_darah"])
@pytest.mark.parametrize("bound", [False, True])
def test_the_lists_are_drawn_as_django_draws_them(draft, name, bound):
    data = _post_data(draft) if bound else None
    ours = BiodataForm(data, instance=draft)
    djangos = BiodataForm(data, instance=draft, renderer=DjangoTemplates())
    # What the field was before issue #9: Django's Select, choices from the queryset or the model.
    field = PermohonanKTP._meta.get_field(name).formfield()
    djangos.fields[name].widget = forms.Select(choices=list(field.choices))
    djangos.fields[name].widget.is_required = ours.fields[name].widget.is_required
    assert _same_markup(str(ours[name])) == _same_markup(str(djangos[name]))
    assert str(ours[name]).count(" selected") == 1
    assert f'<option value="{ours[name].value()}" selected>' in str(ours[name])


def test_the_biodata_step_reads_neither_list_from_the_database(client, draft):
    url = reverse("ktp:biodata", args=[draft.pk])
    client.get(url)  # the lists are built and kept
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    sql = " ".join(q["sql"] for q in queries)
    assert 'FROM "wilayah_kecamatan"' not in sql and 'FROM "ktp_pekerjaan"' not in sql
    assert f'<option value="{draft.kecamatan_id}" selected>{draft.kecamatan.name}</option>' in html
    assert f'<option value="{draft.pekerjaan_id}" selected>{draft.pekerjaan.name}</option>' in html


@pytest.mark.parametrize("change", ["rename", "create", "delete"])
def test_a_changed_occupation_shows_at_once(client, draft, change):
    url = reverse("ktp:biodata", args=[draft.pk])
    assert client.get(url).status_code == 200
    if change == "rename":
        pekerjaan = Pekerjaan.objects.exclude(pk=draft.pekerjaan_id).order_by("pk").first()
        pekerjaan.name = "Pekerjaanbaru"
        pekerjaan.save()
        expected = f'<option value="{pekerjaan.pk}">Pekerjaanbaru</option>'
    elif change == "create":
        pekerjaan = Pekerjaan.objects.create(code="X1", name="Penjaga mercusuar")
        expected = f'<option value="{pekerjaan.pk}">Penjaga mercusuar</option>'
    else:
        pekerjaan = Pekerjaan.objects.create(code="X2", name="Sementara")
        assert "Sementara</option>" in client.get(url).content.decode()
        pekerjaan.delete()
        expected = None
    html = client.get(url).content.decode()
    if expected:
        assert expected in html
    else:
        assert "Sementara</option>" not in html


def test_a_renamed_kecamatan_shows_at_once_in_the_office_list(client, draft):
    url = reverse("ktp:biodata", args=[draft.pk])
    assert client.get(url).status_code == 200
    kecamatan = Kecamatan.objects.exclude(pk=draft.kecamatan_id).order_by("pk").first()
    kecamatan.name = "Kecamatanbaru"
    kecamatan.save()
    html = client.get(url).content.decode()
    assert f'<option value="{kecamatan.pk}">Kecamatanbaru</option>' in html


def test_a_submitted_choice_is_checked_in_the_database_not_in_the_kept_list(client, draft):
    url = reverse("ktp:biodata", args=[draft.pk])
    client.get(url)
    # bulk_create sends no signal: the kept list does not know this row, the database does.
    Pekerjaan.objects.bulk_create([Pekerjaan(code="X3", name="Tak terdaftar")])
    unlisted = Pekerjaan.objects.get(code="X3")
    assert "Tak terdaftar</option>" not in client.get(url).content.decode()
    assert client.post(url, _post_data(draft, pekerjaan=unlisted.pk)).status_code == 302
    draft.refresh_from_db()
    assert draft.pekerjaan == unlisted
    # A listed row gone from the database without a signal: refused, whatever the kept list says.
    gone = Pekerjaan.objects.create(code="X4", name="Hilang")
    assert f'<option value="{gone.pk}">Hilang</option>' in client.get(url).content.decode()
    Pekerjaan.objects.filter(pk=gone.pk)._raw_delete(using="default")
    assert f'<option value="{gone.pk}">Hilang</option>' in client.get(url).content.decode()
    response = client.post(url, _post_data(draft, pekerjaan=gone.pk))
    assert response.status_code == 200
    refused = '<p id="error_1_id_pekerjaan"><strong>Masukkan pilihan yang valid. Pilihan tersebut bukan'
    assert refused in response.content.decode()
    draft.refresh_from_db()
    assert draft.pekerjaan == unlisted


def test_what_only_the_model_refuses_is_shown_on_its_field_and_nothing_is_saved(client, draft):
    url = reverse("ktp:biodata", args=[draft.pk])
    response = client.post(url, _post_data(draft, rt="1a", alamat="Jl. Tidak Tersimpan"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<p id="error_1_id_rt"><strong>Isi dengan angka, paling banyak 3 digit.</strong></p>' in html
    assert 'value="Jl. Tidak Tersimpan"' in html  # the answers given stay in the form
    draft.refresh_from_db()
    assert draft.alamat != "Jl. Tidak Tersimpan"


def test_beside_a_refused_answer_the_model_checks_the_others_at_once(client, draft):
    response = client.post(reverse("ktp:biodata", args=[draft.pk]), _post_data(draft, nama="", rt="1a"))
    html = response.content.decode()
    assert 'id="error_1_id_nama"' in html and 'id="error_1_id_rt"' in html
