"""The civil registry's occupation list (SIAK, 89 codes) is data, loaded by a migration."""

import importlib

import pytest
from django.apps import apps

from ktp.forms import BiodataForm
from ktp.models import Pekerjaan
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db

load = importlib.import_module("ktp.migrations.0010_load_pekerjaan").load


def test_the_whole_list_is_loaded_with_its_codes():
    codes = dict(Pekerjaan.objects.values_list("code", "name"))
    assert sorted(codes) == [f"{n:02d}" for n in range(1, 90)]
    assert (codes["01"], codes["65"], codes["72"], codes["88"], codes["89"]) == (
        "Belum/Tidak Bekerja",
        "Guru",
        "Dokter",
        "Wiraswasta",
        "Lainnya",
    )


def test_loading_again_keeps_what_the_office_changed_and_what_applications_chose():
    chosen = permohonan_complete_draft(applicant=UserFactory(), pekerjaan=Pekerjaan.objects.get(code="65"))
    Pekerjaan.objects.filter(code="65").update(name="Guru (PNS/honorer)")
    load(apps, None)
    assert Pekerjaan.objects.count() == 89
    chosen.refresh_from_db()
    assert chosen.pekerjaan.code == "65" and chosen.pekerjaan.name == "Guru (PNS/honorer)"


def test_the_biodata_form_offers_every_occupation():
    form = BiodataForm()
    assert len([value for value, _label in form.fields["pekerjaan"].choices if value]) == 89
