import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
    return rows[0], rows[1:]
