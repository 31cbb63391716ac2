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


def _field_by_template(field):
    context = {"field": field, "form": field.form, "form_show_errors": True, "form_show_labels": True,
               "label_class": "", "field_class": ""}  # fmt: skip
    return engines["django"].get_template("bootstrap5/field.html").render(context)


class GroupedChoicesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        choices=[("Grup <1>", [("a", "A & a"), ("b", "B")]), ("c", "C")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Pilih <i>satu</i> atau lebih",
    )
    kind = forms.ChoiceField(choices=[(1, "<x>"), (2, "y")], widget=forms.RadioSelect, required=False)


@pytest.mark.parametrize("form_class", [EveryKindForm, GroupedChoicesForm])
@pytest.mark.parametrize("data", [None, {}, {"name": "terlalu panjang", "place": "?", "kind": "z"}])
def test_python_draws_each_field_character_for_character_as_field_html(form_class, data):
    from portal.forms import crispy_field_html

    drawn, templated = form_class(data), form_class(data)
    drawn.is_valid(), templated.is_valid()
    for name in form_class.base_fields:
        html = crispy_field_html(drawn[name])
        if html is None:  # left to the template: a file input
            assert name == "upload"
            continue
        assert html == _field_by_template(templated[name]), name


@pytest.mark.django_db
@pytest.mark.parametrize("data", [None, {"nama": "<script>", "jenis_kelamin": "X", "nik": "123"}])
def test_the_crispy_filter_draws_the_biodata_form_as_the_templates_do(data):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

    crispys_form = engines["django"].from_string(
        (CRISPY_FIELD.parent / "uni_form.html").read_text()
    )  # includes field.html for every field
    ours, templated = BiodataForm(data, instance=PermohonanKTP()), BiodataForm(data, instance=PermohonanKTP())
    ours.is_valid(), templated.is_valid()
    context = {"form": templated, "field_template": "bootstrap5/field.html", "form_show_errors": True,
               "form_show_labels": True, "label_class": "", "field_class": ""}  # fmt: skip
    assert as_crispy_form(ours) == crispys_form.render(context)
