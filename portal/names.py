"""
A person's name as typed in any form. Indonesian names are written with letters and, at times,
dots, commas, hyphens and apostrophes (Moh. Sholeh, Ni Luh Putu, D'Amato, Siti Aminah, S.Pd.):
what a name cannot be is without a letter, such as a NIK typed in the wrong box, nor hold markup or
the invisible characters that reverse how the rest of a line reads in an officer's list.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NAME_PUNCTUATION = frozenset(" .,-'’`")


def validate_person_name(value: str):
    """Refuse a name with no letter in it, in any script, or with a character names are not written with."""
    if not any(char.isalpha() for char in value):
        raise ValidationError(_("Nama harus berisi huruf."), code="name_letter")
    if any(char not in NAME_PUNCTUATION and unicodedata.category(char)[0] not in "LMN" for char in value):
        raise ValidationError(
            _("Nama hanya boleh berisi huruf, angka, spasi, titik, koma, tanda hubung dan apostrof."),
            code="name_character",
        )
