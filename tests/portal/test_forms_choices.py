"""Lists of choices kept per process (portal.choices, portal.forms.constant_choices); when they go stale."""

import re

import pytest
from django import forms
from django.core.cache import cache
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.translation import gettext_lazy

from portal.cache import version_key
from portal.choices import KeptChoices, kept_choices
from portal.forms import PrerenderedChoices, Select, constant_choices
from portal.wilayah.models import Desa, Kecamatan

pytestmark = pytest.mark.django_db


def _kecamatan_names():
    return [("", "---------"), *((k.pk, k.name) for k in Kecamatan.objects.all())]


@pytest.fixture
def kecamatan_list():
    built = []

    def build():
        built.append(1)
        return _kecamatan_names()

    kept = KeptChoices("test-kecamatan", build, models=[Kecamatan])
    kept.builds = built
    yield kept
    from django.db.models.signals import post_delete, post_save

    for signal in (post_save, post_delete):
        signal.disconnect(sender=Kecamatan, dispatch_uid=f"version:{kept.name}:wilayah.kecamatan")


def test_a_list_is_built_once_per_process_and_language(kecamatan_list, django_assert_num_queries):
    cache.clear()
    with translation.override("id"):
        first = kecamatan_list()
        assert isinstance(first, PrerenderedChoices)
        assert list(first) == _kecamatan_names()
        with django_assert_num_queries(0):
            assert kecamatan_list() is first
    with translation.override("en"):
        assert kecamatan_list() is not first
    assert len(kecamatan_list.builds) == 2


@pytest.mark.parametrize("change", ["save", "delete", "lost_version"])
def test_a_list_is_built_again_once_a_watched_row_changes(kecamatan_list, change):
    kecamatan = Kecamatan.objects.create(code="35.04.99", name="Percobaan")
    cache.clear()
    first = kecamatan_list()
    assert (kecamatan.pk, "Percobaan") in list(first)
    if change == "save":
        kecamatan.name = "Kecamatanbaru"
        kecamatan.save()
        expected = (kecamatan.pk, "Kecamatanbaru")
    elif change == "delete":
        kecamatan.delete()
        expected = None
    else:  # an emptied cache, or the version expired: no signal, built again all the same
        Kecamatan.objects.filter(pk=kecamatan.pk).update(name="Tanpasinyal")
        cache.clear()
        expected = (kecamatan.pk, "Tanpasinyal")
    again = kecamatan_list()
    assert again is not first
    assert len(kecamatan_list.builds) == 2
    if expected:
        assert expected in list(again)
    else:
        assert kecamatan.pk not in [value for value, _label in again]


def test_an_unrelated_change_keeps_the_list(kecamatan_list):
    cache.clear()
    first = kecamatan_list()
    desa = Desa.objects.order_by("pk").first()
    desa.name = "Lain"
    desa.save()
    assert kecamatan_list() is first


def test_several_lists_cost_one_cache_read(kecamatan_list, monkeypatch):
    other = KeptChoices("test-other", lambda: [("", "---------"), (1, "Satu")], models=[])
    cache.clear()
    kept_choices(kecamatan_list, other)  # versions created
    calls, inside = [], []
    real_get_many, real_get = cache.get_many, cache.get

    def get_many(keys):
        calls.append(keys)
        inside.append(True)  # the local-memory cache reads each key with get()
        try:
            return real_get_many(keys)
        finally:
            inside.pop()

    def get(*args, **kwargs):
        if not inside:
            calls.append(args)
        return real_get(*args, **kwargs)

    monkeypatch.setattr(cache, "get_many", get_many)
    monkeypatch.setattr(cache, "get", get)
    first, second = kept_choices(kecamatan_list, other)
    assert calls == [[version_key(kecamatan_list.name), version_key(other.name)]]
    assert len(kecamatan_list.builds) == 1  # the versions read are those it was built for
    assert first is kecamatan_list() and list(second) == [("", "---------"), (1, "Satu")]


class Kind(forms.Form):
    kind = forms.ChoiceField(
        choices=[("", "---------"), ("a", gettext_lazy("Kawin")), ("Grup", [("b", gettext_lazy("Desa"))])]
    )


def test_constant_choices_are_drawn_once_per_language_as_django_draws_them():
    choices = Kind.base_fields["kind"].choices
    with translation.override("id"):
        first = constant_choices("test.kind", choices)
        assert constant_choices("test.kind", choices) is first
        ours = Select(choices=first).render("kind", "b", {"id": "id_kind"})
        djangos = forms.Select(choices=choices).render("kind", "b", {"id": "id_kind"}, DjangoTemplates())
        # Django's templates leave blank lines between options; nothing else may differ.
        assert re.sub(r">\s+<", "><", ours) == re.sub(r">\s+<", "><", djangos).strip()
        assert '<option value="b" selected>Desa</option>' in ours
    with translation.override("en"):
        english = constant_choices("test.kind", choices)
        assert english is not first
        assert ("a", "Married") in list(english)  # translated when built, for that language
        assert [("b", "Village")] in [group for _name, group in english]
