"""Turn the collected personal data into titled tables a person can read (the Data saya PDF)."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .exports import is_field, key_label


def value_text(value) -> str:
    """Return a value as a person reads it: local dates and times in WIB, lists joined, '–' for nothing."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H.i") + " WIB"
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return "; ".join(value_text(v) for v in value)
    return str(value)


def personal_data_tables(sections: dict) -> list[dict]:
    """Return tables: {title, level, rows: [(label, text)]} or {title, level, columns, table}."""
    tables = []
    for section in sections.values():
        _walk(section["judul"], section["isi"], tables, level=2)
    return tables


def _walk(title, content, tables, *, level):
    if isinstance(content, list):
        _walk_list(title, content, tables, level=level)
        return
    if not isinstance(content, dict) or is_field(content):
        field = content if is_field(content) else {"label": title, "nilai": content}
        row = (field["label"], value_text(field["nilai"]))
        tables.append({"title": title, "level": level, "rows": [row]})
        return
    rows, nested = [], []
    for key, value in content.items():
        if is_field(value):
            rows.append((value["label"], value_text(value["nilai"])))
        else:
            nested.append((key, value))
    if rows or not nested:
        tables.append({"title": title, "level": level, "rows": rows})
    for key, value in nested:
        _walk(key_label(key), value, tables, level=min(level + 1, 4))


def _walk_list(title, items, tables, *, level):
    flat = all(isinstance(i, dict) and all(is_field(v) for v in i.values()) for i in items)
    if not items or flat and len({tuple(i) for i in items}) == 1 and len(items[0]) <= 4:
        tables.append(
            {
                "title": title,
                "level": level,
                "columns": [f["label"] for f in items[0].values()] if items else [],
                "table": [[value_text(f["nilai"]) for f in item.values()] for item in items],
            }
        )
        return
    for number, item in enumerate(items, 1):
        name = item.get("nomor") if isinstance(item, dict) else None
        heading = f"{title}: {value_text(name['nilai'])}" if is_field(name) else f"{title} {number}"
        _walk(heading, item, tables, level=level)
