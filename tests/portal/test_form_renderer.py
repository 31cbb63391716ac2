"""The project's form renderer draws selects in Python: the same elements as Django's templates."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from portal.forms import FormRenderer


class SampleForm(forms.Form):
    grouped = forms.ChoiceField(
        choices=[("", "---"), ("Kec <A>", [(1, 'Desa "x" & <y>'), (2, "Desa b")]), (3, "Desa c")],
        required=False,
    )
    several = forms.MultipleChoiceField(choices=[(1, "x"), (2, "y")])
    unknown = forms.NullBooleanField()
    radios = forms.ChoiceField(choices=[(1, "x"), (2, "y")], widget=forms.RadioSelect)
    text = forms.CharField(initial='a "quoted" <b>value</b> & more')
    number = forms.IntegerField(initial=7)
    email = forms.EmailField(required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), initial="2026-11-28")
    secret = forms.CharField(widget=forms.PasswordInput)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="x")
    agree = forms.BooleanField(initial=True)
    body = forms.CharField(widget=forms.Textarea, initial="line <1>\nline 2")
    empty_body = forms.CharField(widget=forms.Textarea, required=False)
    upload = forms.FileField(required=False)


def _same_markup(html):
    # Django's templates leave blank lines between options; nothing else may differ.
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize(
    "data", [{"grouped": "2", "several": ["1", "2"], "text": "<x>", "agree": "on", "body": "a & b"}, {}, None]
)
def test_widgets_are_drawn_as_djangos_templates_draw_them(data):
    attrs = {"class": "form-select", "disabled": True, "aria-describedby": "hint", "data-off": False}
    ours, django = SampleForm(data, renderer=FormRenderer()), SampleForm(data, renderer=DjangoTemplates())
    for name in SampleForm.base_fields:
        assert _same_markup(ours[name].as_widget(attrs=attrs)) == _same_markup(
            django[name].as_widget(attrs=attrs)
        ), name
