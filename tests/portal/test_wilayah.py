import csv

import pytest

from portal.wilayah.loaders import DATA_DIR, REGENCY_INSTANSI, wilayah_load
from portal.wilayah.models import Desa, Instansi, Kecamatan

pytestmark = pytest.mark.django_db


def _csv(name):
    with open(DATA_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_database_holds_exactly_the_19_kecamatan_of_the_csv():
    rows = {(r["code"], r["name"]) for r in _csv("kecamatan.csv")}
    assert len(rows) == 19
    assert set(Kecamatan.objects.values_list("code", "name")) == rows


def test_database_holds_exactly_the_271_desa_of_the_csv_keyed_by_code():
    rows = {(r["code"], r["kecamatan_code"], r["name"], r["kind"]) for r in _csv("desa.csv")}
    assert len(rows) == 271
    db = set(Desa.objects.values_list("code", "kecamatan__code", "name", "kind"))
    assert db == rows
    assert Desa.objects.filter(kind=Desa.Kind.KELURAHAN).count() == 14
    assert Desa.objects.filter(kind=Desa.Kind.DESA).count() == 257


def test_repeated_village_names_stay_distinct_by_code():
    wates = Desa.objects.filter(name="Wates")
    assert wates.count() > 1
    assert len({d.kecamatan_id for d in wates}) == wates.count()


def test_seed_agencies_include_regency_offices_and_every_kecamatan_office():
    codes = set(Instansi.objects.values_list("code", flat=True))
    assert {code for code, _name in REGENCY_INSTANSI} <= codes
    assert "KEC-BOYOLANGU" in codes
    assert Instansi.objects.filter(kecamatan__isnull=False).count() == 19
    assert Instansi.objects.get(code="KEC-KEDUNGWARU").kecamatan.code == "35.04.03"


def test_loading_again_changes_nothing():
    before = (Kecamatan.objects.count(), Desa.objects.count(), Instansi.objects.count())
    wilayah_load(Kecamatan=Kecamatan, Desa=Desa, Instansi=Instansi)
    assert (Kecamatan.objects.count(), Desa.objects.count(), Instansi.objects.count()) == before


def test_nik_prefix_of_a_kecamatan():
    assert Kecamatan.objects.get(code="35.04.02").nik_prefix == "350402"


def test_desa_choices_are_cached_and_forgotten_when_a_desa_changes(django_assert_num_queries):
    from django.core.cache import cache

    from portal.wilayah.models import Desa
    from portal.wilayah.selectors import desa_choices

    cache.clear()
    first = desa_choices()
    assert sum(len(options) for _group, options in first[1:]) == 271
    with django_assert_num_queries(0):
        assert desa_choices() == first

    desa = Desa.objects.order_by("pk").first()
    desa.name = "Namabaru"
    desa.save()
    labels = [label for _group, options in desa_choices()[1:] for _pk, label in options]
    assert any(label.endswith(" Namabaru") for label in labels)
