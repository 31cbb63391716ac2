"""templates/bootstrap5/field.html draws every field as crispy-bootstrap5's own field.html does."""

import re
from pathlib import Path

import crispy_bootstrap5
import pytest
from django import forms
from django.template import engines

from ktp.forms import BiodataForm
from ktp.models import PermohonanKTP

CRISPY_FIELD = Path(crispy_bootstrap5.__file__).parent / "templates" / "bootstrap5" / "field.html"


class EveryKindForm(forms.Form):
    name = forms.CharField(help_text="Nama <b>lengkap</b>", max_length=5)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    kinds = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    place = forms.ChoiceField(choices=[("", "---"), ("x", "X")], help_text="Pilih")
    agree = forms.BooleanField(help_text="Centang bila setuju")
    maybe = forms.BooleanField(required=False)
    upload = forms.FileField(help_text="PDF")
    body = forms.CharField(widget=forms.Textarea, required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


def _normal(html):
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*([<>])\s*", r"\1", html).strip()


def _render(template, field):
    # What crispy's |crispy filter gives field.html (crispy_forms_filters.as_crispy_form).
    context = {"field": field, "form": field.form, "form_show_errors": True, "form_show_labels": True,
               "label_class": "", "field_class": ""}  # fmt: skip
    return _normal(template.render(context))


@pytest.mark.parametrize("data", [None, {"name": "terlalu panjang", "place": "?"}])
def test_every_kind_of_field_is_drawn_as_crispy_draws_it(data):
    engine = engines["django"]
    ours = engine.get_template("bootstrap5/field.html")
    crispys = engine.from_string(CRISPY_FIELD.read_text())
    form = EveryKindForm(data)
    form.is_valid()
    for field in form:
        assert _render(ours, field) == _render(crispys, field), field.name


@pytest.mark.django_db
def test_the_biodata_form_is_drawn_as_crispy_draws_it():
    engine = engines["django"]
    ours, crispys = engine.get_template("bootstrap5/field.html"), engine.from_string(CRISPY_FIELD.read_text())
    form = BiodataForm({"nama": "<script>"}, instance=PermohonanKTP())
    form.is_valid()
    for field in form:
        assert _render(ours, field) == _render(crispys, field), field.name
