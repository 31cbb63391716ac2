"""
A person's name as typed in any form: letters, with the spaces, dots, commas, hyphens and
apostrophes Indonesian names use (Moh. Sholeh, Ni Luh Putu, D'Amato, Siti Aminah, S.Pd.).
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Apostrophes come typographic from a phone's keyboard and as a backquote in older records (MA`RUF).
NAME_PUNCTUATION = frozenset(" .,'’‘`-")


def _name_character(char: str) -> bool:
    # A combining mark is part of a letter typed as two code points, e.g. an accent.
    return char.isalpha() or unicodedata.category(char).startswith("M") or char in NAME_PUNCTUATION


def validate_person_name(value: str):
    """Refuse a name with no letter, or with a character no name is written with (a digit, a symbol)."""
    if not any(char.isalpha() for char in value):
        raise ValidationError(_("Nama harus berisi huruf."), code="name_letter")
    if not all(_name_character(char) for char in value):
        raise ValidationError(
            _("Nama hanya boleh berisi huruf, spasi, titik, koma, tanda hubung dan apostrof."),
            code="name_character",
        )
