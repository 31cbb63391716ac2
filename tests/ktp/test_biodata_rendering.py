"""The biodata step's desa list: drawn once per process and language, redrawn as soon as a desa changes."""

import re

import pytest
from django import forms
from django.core.cache import cache
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ktp.forms import BiodataForm
from ktp.models import PermohonanKTP
from portal.accounts.roles import Role
from portal.forms import PrerenderedChoices, Select
from portal.wilayah.models import Desa, Kecamatan
from portal.wilayah.selectors import desa_choices
from tests.factories import UserFactory
from tests.factories.ktp import biodata, permohonan_complete_draft

pytestmark = pytest.mark.django_db


def _same_markup(html):
    # Django's templates leave blank lines between options; nothing else may differ.
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("selected", [None, "", "2", "3", "nothing"])
def test_prerendered_options_are_what_djangos_templates_draw(selected):
    choices = [("", "---"), ("Kec <A>", [(1, 'Desa "x" & <y>'), (2, "Desa b")]), (3, "Desa c"), (2, "again")]
    attrs = {"class": "form-select", "required": True, "aria-describedby": "hint", "id": "id_desa"}
    ours = Select(choices=PrerenderedChoices(choices)).render("desa", selected, attrs)
    djangos = forms.Select(choices=choices).render("desa", selected, attrs, renderer=DjangoTemplates())
    assert _same_markup(ours) == _same_markup(djangos)
    assert ours.count(" selected") == (selected in (None, "", "2", "3"))


def test_the_biodata_step_draws_the_271_desa_as_djangos_templates_do():
    desa = Desa.objects.get(code="35.04.02.2001")
    ours = str(BiodataForm(instance=PermohonanKTP(desa=desa))["desa_id"])
    djangos = BiodataForm(instance=PermohonanKTP(desa=desa), renderer=DjangoTemplates())
    djangos.fields["desa_id"].widget = forms.Select(choices=list(djangos.fields["desa_id"].choices))
    assert _same_markup(ours) == _same_markup(str(djangos["desa_id"]))
    assert f'<option value="{desa.pk}" selected>' in ours
    assert ours.count("<option") == 271 + 1


def test_the_desa_list_is_built_once_per_language(django_assert_num_queries):
    cache.clear()
    with translation.override("id"):
        first = desa_choices()
        with django_assert_num_queries(0):
            assert desa_choices() is first
            assert first.html is first.html  # drawn once
    with translation.override("en"), django_assert_num_queries(1):
        assert desa_choices() is not first


@pytest.mark.parametrize("change", ["rename_desa", "rename_kecamatan", "delete_desa", "lost_version"])
def test_a_changed_desa_shows_at_once_on_the_biodata_step(client, change):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    permohonan = PermohonanKTP.objects.create(applicant=user, jenis="baru", **biodata())
    url = reverse("ktp:biodata", args=[permohonan.pk])
    assert client.get(url).status_code == 200  # the list is built and kept
    desa = Desa.objects.exclude(pk=permohonan.desa_id).order_by("pk").first()
    if change == "rename_desa":
        desa.name = "Namabaru"
        desa.save()
        expected = "Namabaru</option>"
    elif change == "rename_kecamatan":
        Kecamatan.objects.filter(pk=desa.kecamatan_id).update(name="Kecamatanbaru")  # no signal ...
        desa.kecamatan.save()  # ... until one is saved
        expected = '<optgroup label="Kecamatanbaru">'
    elif change == "delete_desa":
        desa.delete()
        expected = None
    else:  # expired, or a cache emptied: the version is gone
        Desa.objects.filter(pk=desa.pk).update(name="Tanpasinyal")
        cache.clear()
        expected = "Tanpasinyal</option>"
    html = client.get(url).content.decode()
    if expected:
        assert expected in html
    else:
        assert f'<option value="{desa.pk}"' not in html


def test_the_biodata_step_reads_the_application_once_and_shows_its_answers(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    permohonan = permohonan_complete_draft(applicant=user)
    url = reverse("ktp:biodata", args=[permohonan.pk])
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    # one lookup, with the kecamatan and desa: no refresh on a GET, no timeline prefetch
    assert sum('FROM "ktp_permohonanktp"' in q["sql"] for q in queries) == 1
    assert not any('"ktp_riwayatstatus"' in q["sql"] for q in queries)
    assert f'<option value="{permohonan.desa_id}" selected>' in html
    assert 'value="Siti Aminah"' in html
