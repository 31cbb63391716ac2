"""
The desa of an address, chosen in two steps that need no JavaScript: the kecamatan, then one of its
desa. A select of a kecamatan's desa instead of all 271 is easier on a small phone, and lighter to
send and draw. The selects of such reference lists are drawn once and kept (CachedSelect).
"""

import functools

from django import forms
from django.forms.utils import ErrorDict
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from portal.cache import version

from .selectors import WILAYAH_VERSION, desa_of_kecamatan, kecamatan_list

# The name of the button that sends the form back to list the chosen kecamatan's desa, unsaved.
CHOOSE_KECAMATAN = "pilih_kecamatan"


class CachedSelect(forms.Select):
    """
    A select drawn through Django's own select.html inside a `{% cache %}` fragment, for a list that
    rarely changes: every option is two template includes, and a page of such lists spends most of
    its time drawing the same options again.

    The fragment is keyed on what the drawn select shows: its name, value and attributes, the
    language, the version of `version_name` (the rows its choices come from; none for choices in
    the code) and `scope` (whatever else narrows the choices, such as the kecamatan of a desa list).
    """

    template_name = "wilayah/widgets/cached_select.html"

    def __init__(self, attrs=None, choices=(), *, version_name=None):
        super().__init__(attrs, choices)
        self.version_name = version_name
        self.scope = None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        token = version(self.version_name) if self.version_name else ""
        context["widget"].update(version=token, scope=self.scope)
        return context

    def optgroups(self, name, value, attrs=None):
        # Built when the fragment is drawn, not before: a cached list needs neither its query nor its options.
        return SimpleLazyObject(functools.partial(super().optgroups, name, value, attrs))


class KecamatanSelect(CachedSelect):
    """A kecamatan select followed by the button that lists its desa."""

    template_name = "wilayah/widgets/kecamatan_select.html"
    target = ""  # the id the page scrolls to once the desa are listed

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(choose=CHOOSE_KECAMATAN, target=self.target)
        return context


class DesaChoiceField(forms.ModelChoiceField):
    """A desa of the kecamatan chosen above it, so labelled without its kecamatan."""

    def label_from_instance(self, obj):
        return f"{obj.get_kind_display()} {obj.name}"


def kecamatan_field(*, label, help_text) -> forms.ModelChoiceField:
    """Return the field of the kecamatan whose desa the desa field lists."""
    return forms.ModelChoiceField(
        queryset=kecamatan_list(),
        label=label,
        help_text=help_text,
        widget=KecamatanSelect(version_name=WILAYAH_VERSION),
    )


def desa_field(*, label, help_text) -> DesaChoiceField:
    """Return the field of a desa of the chosen kecamatan."""
    return DesaChoiceField(
        queryset=desa_of_kecamatan(kecamatan_id=None),
        label=label,
        help_text=help_text,
        widget=CachedSelect(version_name=WILAYAH_VERSION),
        error_messages={
            "invalid_choice": _(
                "Desa/kelurahan itu tidak ada di kecamatan yang dipilih. Pilih dari daftar, atau pilih "
                "kecamatan lain lalu tekan Pilih kecamatan."
            )
        },
    )


def _pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class DesaChoiceMixin:
    """
    For a form with a `desa_kecamatan` field (kecamatan_field()) and a `desa_id` field (desa_field()),
    set up by desa_choice_setup() once the form knows which fields are disabled.

    Sent with the Pilih kecamatan button, the form is neither checked nor saved: it comes back with
    everything typed so far, no errors, and the chosen kecamatan's desa to choose from.
    """

    @cached_property
    def choosing_kecamatan(self) -> bool:
        """Return whether the form was sent to list a kecamatan's desa rather than to be saved."""
        return self.is_bound and CHOOSE_KECAMATAN in self.data

    @property
    def errors(self):
        if self.choosing_kecamatan:  # the other fields may still be empty: nothing to say about them yet
            return ErrorDict(renderer=self.renderer)
        return super().errors

    def is_valid(self):
        return not self.choosing_kecamatan and super().is_valid()

    def desa_choice_setup(self, *, desa):
        """
        List the desa of the kecamatan chosen, else those of `desa`'s, the address saved so far. Last
        in the form's __init__: the form's cached selects then share their versions.
        """
        kecamatan, choice = self.fields["desa_kecamatan"], self.fields["desa_id"]
        kecamatan.initial = desa.kecamatan_id if desa else None
        choice.initial = desa.pk if desa else None
        kecamatan.disabled = choice.disabled
        kecamatan_id = _pk(self["desa_kecamatan"].value())
        choice.queryset = desa_of_kecamatan(kecamatan_id=kecamatan_id)
        choice.widget.scope = kecamatan_id
        if kecamatan_id is None:
            choice.empty_label = _("— pilih kecamatan dahulu —")
        kecamatan.widget.target = f"div_{self['desa_id'].auto_id}" if self.auto_id else ""

    def with_desa(self, data: dict) -> dict:
        """Return `data` with the desa chosen under the model's name, without the kecamatan that listed it."""
        data.pop("desa_kecamatan", None)
        if "desa_id" in data:
            data["desa"] = data.pop("desa_id")
        return data
