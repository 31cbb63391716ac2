import csv

import pytest

from portal.wilayah.loaders import DATA_DIR, REGENCY_INSTANSI, wilayah_load
from portal.wilayah.models import Desa, Instansi, Kecamatan
from portal.wilayah.selectors import desa_of_kecamatan

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


def test_a_kecamatan_lists_only_its_own_desa_by_name():
    boyolangu = Kecamatan.objects.get(code="35.04.02")
    desa = list(desa_of_kecamatan(kecamatan_id=boyolangu.pk))
    assert {d.pk for d in desa} == set(Desa.objects.filter(kecamatan=boyolangu).values_list("pk", flat=True))
    assert [d.name for d in desa] == sorted(d.name for d in desa)
    assert sum(len(desa_of_kecamatan(kecamatan_id=k.pk)) for k in Kecamatan.objects.all()) == 271
    assert not desa_of_kecamatan(kecamatan_id=None).exists()
    assert not desa_of_kecamatan(kecamatan_id=2**80).exists()  # no column holds it: none, not an error
