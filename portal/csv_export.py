"""
CSV for anyone's spreadsheet (the portal's open data). Citizens, vendors and officers type the text
it carries (business, package and office names), and a spreadsheet runs a cell that starts like a
formula: such a cell gets a leading single quote, as OWASP's advice on CSV injection has it, so it
opens as the text it is.
"""

import csv
import re

# What a spreadsheet reads as the start of a formula (or, tab and carriage return, hides before one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# A plain number, signed or not: a spreadsheet reads it as the number it is, never as a formula.
PLAIN_NUMBER = re.compile(r"[-+]?[0-9][0-9.,]*")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would run `text`, a cell of a CSV someone uploads, as a formula."""
    return text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text)


def csv_cell(value):
    """Return `value` as a CSV cell: text that could start a formula is prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvWriter:
    """A csv.writer whose text cells are neutralised; numbers stay numbers."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
