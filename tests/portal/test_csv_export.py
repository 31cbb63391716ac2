"""CSV cells a spreadsheet would run as a formula open as text; everything else is left as it is."""

import csv
import io
from decimal import Decimal

import pytest

from portal.csv_export import CsvWriter, csv_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_a_quote(start):
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize(
    "value", ["CV Maju", "", "PT =Sentosa", "'=sudah dikutip", 0, -5, Decimal("-1"), None]
)
def test_other_cells_stay_as_they_are(value):
    assert csv_cell(value) == value


def test_writer_neutralises_every_row():
    out = io.StringIO()
    writer = CsvWriter(out)
    writer.writerow(["nama", "harga"])
    writer.writerows([["=1+1", Decimal("-3")], ["-2", 7]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["nama", "harga"],
        ["'=1+1", "-3"],
        ["'-2", "7"],
    ]
