"""
CSV for anyone's spreadsheet (the portal's open data). Citizens, vendors and officers type the text
it carries (business, package and office names), and a spreadsheet runs a cell that starts like a
formula: such a cell gets a leading single quote, as OWASP's advice on CSV injection has it, so it
opens as the text it is.
"""

import csv

# What a spreadsheet reads as the start of a formula (or, tab and carriage return, hides before one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
