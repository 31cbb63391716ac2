import csv
import io
import math

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.csv_export import formula_like

MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024


def dataset_read(file) -> tuple[list[str], list[list[str]]]:
    """Return the header and rows of an uploaded CSV, or raise a clear Indonesian error."""
    if file.size > MAX_BYTES:
        raise ValidationError(_("Berkas CSV paling besar 2 MB."))
    file.seek(0)
    raw = file.read()
    file.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("Simpan CSV dengan pengodean UTF-8.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows or not any(rows[0]):
        raise ValidationError(_("CSV kosong atau tanpa baris kepala kolom."))
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(_("CSV paling banyak %(n)s baris.") % {"n": MAX_ROWS})
    # The file is offered for download as uploaded: it must carry nothing a spreadsheet would run.
    for number, row in enumerate(rows, start=1):
        if cell := next((cell for cell in row if formula_like(cell)), None):
            raise ValidationError(
                _("Baris %(n)s berisi sel yang dibaca lembar kerja sebagai rumus: %(cell)s. Hapus tandanya.")
                % {"n": number, "cell": cell[:40]}
            )
    return rows[0], rows[1:]


def chart_columns_parse(value: str) -> list[str]:
    """Return the column names of an InformasiPublik's chart_columns, in order."""
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def number_parse(text: str) -> float | None:
    """
    Return a figure written the Indonesian way (12.345 or 12.345,6) or plainly; None if not one,
    and for NaN or infinity (spreadsheets export them), which no bar can be drawn for.
    """
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
        text = text.replace(".", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def dataset_chart_series(header, rows, columns) -> tuple[list[str], list[tuple[str, list[float]]]] | None:
    """Return (labels, series) to chart `columns` per row, the first column as label; None if not figures."""
    indexes = [header.index(c) for c in columns if c in header]
    if not indexes or not rows:
        return None
    series = []
    for i in indexes:
        values = [number_parse(row[i]) if i < len(row) else None for row in rows]
        if any(v is None for v in values):
            return None
        series.append((header[i], values))
    return [row[0] for row in rows], series
