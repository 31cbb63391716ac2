"""
What the portal holds about a person, for the "Data saya" download (UU 27/2022).

Service apps register a provider in AppConfig.ready(): `personal_data_register(name=..., provider=...)`
where provider(user) returns a dict, a list of dicts, or None when it holds nothing about the user.
A value is best given as a field, made with `personal_field()` or `model_fields()`: a label, the
value a person reads and, where the value is a code (a choice, a related row), the code beside it.
Plain values are labelled from their key.
"""

import datetime
import json
from decimal import Decimal

from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

PROVIDERS = {}
# Section titles for providers registered without one.
TITLES = {"akun": _("Akun"), "permohonan_ktp": _("Permohonan KTP-el"), "perizinan": _("Perizinan usaha")}


def personal_data_register(*, name: str, provider, title=None):
    PROVIDERS[name] = provider
    if title is not None:
        TITLES[name] = title


def personal_field(*, label, value, code=None) -> dict:
    """Return one labelled value; `code` is the stored code when `value` is its name."""
    field = {"label": str(label), "nilai": value}
    if code is not None:
        field["kode"] = code
    return field


def is_field(value) -> bool:
    return isinstance(value, dict) and "label" in value and "nilai" in value


def model_fields(instance: Model, names) -> dict:
    """Return the named fields of `instance` as labelled values: choices and relations by name and code."""
    fields = {}
    for name in names:
        field = instance._meta.get_field(name)
        raw = field.value_from_object(instance)
        label = capfirst(field.verbose_name)
        if field.choices and raw not in (None, ""):
            shown = getattr(instance, f"get_{name}_display")()
            fields[name] = personal_field(label=label, value=shown, code=raw)
        elif field.is_relation and raw is not None:
            fields[name] = personal_field(label=label, value=str(getattr(instance, name)), code=raw)
        else:
            fields[name] = personal_field(label=label, value=raw)
    return fields


def key_label(key: str) -> str:
    return capfirst(str(key).replace("_", " "))


def labelled(key, value):
    """Return `value` with every plain value turned into a labelled field, keys kept."""
    if is_field(value):
        return value
    if isinstance(value, dict):
        return {k: labelled(k, v) for k, v in value.items()}
    if isinstance(value, list | tuple) and any(isinstance(v, dict | list | tuple) for v in value):
        return [labelled(key, v) for v in value]
    if isinstance(value, list | tuple):
        value = list(value)
    return personal_field(label=key_label(key), value=value)


def personal_data_collect(*, user) -> dict:
    """Return everything the portal holds about `user`: section name -> {judul, isi}."""
    sections = {
        "akun": model_fields(user, ["email", "name", "phone", "language", "date_joined", "last_login"])
    }
    for name, provider in PROVIDERS.items():
        content = provider(user)
        # None: the app holds nothing about this person, so the download has no section for it.
        if content is not None:
            sections[name] = content
    return {
        name: {"judul": str(TITLES.get(name, key_label(name))), "isi": labelled(name, content)}
        for name, content in sections.items()
    }


class PersonalDataEncoder(json.JSONEncoder):
    """Times in the portal's zone with their offset (WIB, +07:00), dates as ISO, lazy text as text."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return timezone.localtime(o).isoformat(timespec="seconds")
        if isinstance(o, datetime.date | datetime.time):
            return o.isoformat()
        if isinstance(o, Decimal | Promise):
            return str(o)
        return super().default(o)


def officer_unit(officer) -> str:
    """Return where an officer works, as the citizen knows it: their kecamatan or their agency."""
    if officer.kecamatan_id:
        return f"{_('Kecamatan')} {officer.kecamatan.name}"
    if officer.instansi_id:
        return officer.instansi.name
    return ""


def akses_data_fields(entry) -> dict:
    """Return one access to a person's data as labelled fields."""
    return {
        "waktu": personal_field(label=_("Waktu"), value=entry.created_at),
        "petugas": personal_field(label=_("Petugas"), value=entry.actor.get_full_name()),
        "unit": personal_field(label=_("Unit kerja"), value=officer_unit(entry.actor)),
        "tindakan": personal_field(label=_("Tindakan"), value=entry.get_action_display(), code=entry.action),
        "data": personal_field(label=_("Data"), value=entry.description),
    }
