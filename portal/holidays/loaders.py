"""
Read a year's list of holidays from CSV (the files in portal/holidays/data/, see SOURCE.md there,
or one an officer uploads). Plain functions on plain rows, so the data migration can use them too.
"""

import csv
import datetime
import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).resolve().parent / "data"
COLUMNS = ("tanggal", "keterangan", "jenis")
KINDS = {"libur nasional", "cuti bersama", "libur daerah"}
YES, NO = {"ya", "y", "1", "true", ""}, {"tidak", "t", "0", "false"}


def holidays_read(text: str) -> list[dict]:
    """Return a holiday CSV's rows as {date, name, kind, confirmed}; refuse it whole if a row is wrong."""
    sample = text.lstrip("\ufeff")
    # Spreadsheets set to Indonesian save CSV with semicolons.
    first = sample.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(sample), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            _("Kolom %(columns)s tidak ada. Baris pertama harus: tanggal,keterangan,jenis[,ditetapkan].")
            % {"columns": ", ".join(missing)}
        )
    rows, errors, seen = [], [], set()
    for number, raw in enumerate(reader, start=2):
        if raw.get(None):  # more fields than columns: a comma in a name without quotes around it
            message = _(
                "Baris %(number)s: lebih banyak isian daripada kolom. Bila keterangan memuat tanda pemisah "
                '(%(delimiter)s), apit dengan tanda kutip, misalnya "Idul Fitri%(delimiter)s hari kedua".'
            )
            errors.append(message % {"number": number, "delimiter": delimiter})
            continue
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        try:
            parsed = _row(row)
        except ValueError as exc:
            errors.append(_("Baris %(number)s: %(error)s") % {"number": number, "error": exc})
            continue
        if parsed["date"] in seen:
            message = _("Baris %(number)s: tanggal ini sudah ada di baris sebelumnya.")
            errors.append(message % {"number": number})
        seen.add(parsed["date"])
        rows.append(parsed)
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_("Berkas tidak berisi satu pun hari libur."))
    return rows


def _row(row: dict) -> dict:
    try:
        date = datetime.date.fromisoformat(row["tanggal"])
    except ValueError:
        raise ValueError(
            _("tanggal “%(value)s” harus berbentuk TTTT-BB-HH, misalnya 2028-01-01.")
            % {"value": row["tanggal"]}
        ) from None
    if not row["keterangan"] or len(row["keterangan"]) > 150:
        raise ValueError(_("keterangan wajib diisi, paling banyak 150 huruf."))
    kind = row["jenis"].lower()
    if kind not in KINDS:
        raise ValueError(_("jenis harus “libur nasional”, “cuti bersama” atau “libur daerah”."))
    confirmed = row.get("ditetapkan", "").lower()
    if confirmed not in YES | NO:
        raise ValueError(_("ditetapkan harus “ya” atau “tidak”."))
    return {"date": date, "name": row["keterangan"], "kind": kind, "confirmed": confirmed in YES}


def holidays_shipped() -> list[dict]:
    """Return the rows of every year shipped in data/."""
    rows = []
    for path in sorted(DATA_DIR.glob("hari_libur_*.csv")):
        rows += holidays_read(path.read_text(encoding="utf-8"))
    return rows


def holidays_save(*, HariLibur, rows, replace_years=False) -> dict:
    """Create or update a holiday per row, keyed by date; with replace_years, drop the years' other dates."""
    counts = {"created": 0, "updated": 0, "deleted": 0}
    if replace_years:
        years = {row["date"].year for row in rows}
        dates = {row["date"] for row in rows}
        stale = HariLibur.objects.filter(date__year__in=years).exclude(date__in=dates)
        counts["deleted"] = stale.delete()[0]
    for row in rows:
        fields = {"name": row["name"], "kind": row["kind"], "confirmed": row["confirmed"]}
        _, created = HariLibur.objects.update_or_create(date=row["date"], defaults=fields)
        counts["created" if created else "updated"] += 1
    return counts
