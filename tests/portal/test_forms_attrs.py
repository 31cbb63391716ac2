"""portal.forms draws widget attributes as Django's attrs.html does, escaping names and values."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from portal.forms import FormRenderer

ATTRS = {"data-x": 'a "b" <c> & \'d\'', "required": True, "hidden": False, "data-n": 0, 'x"y': "1"}


@pytest.mark.parametrize(
    "widget",
    [forms.TextInput(), forms.Textarea(), forms.Select(choices=[("a", "A")]), forms.CheckboxInput()],
    ids=lambda widget: type(widget).__name__,
)
def test_attributes_are_escaped_as_djangos_templates_escape_them(widget):
    ours = widget.render("f", "a", ATTRS, renderer=FormRenderer())
    djangos = widget.render("f", "a", ATTRS, renderer=DjangoTemplates())
    assert ours.replace("\n", "") == djangos.replace("\n", "")
    assert ' data-x="a &quot;b&quot; &lt;c&gt; &amp; &#x27;d&#x27;"' in ours and " hidden" not in ours
