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


def _name_category(category: str) -> bool:
    return category[0] in "LMN" or category == "Zs"


def validate_person_name(value: str):
    """Refuse a name with no letter in it, in any script, or with a character names are not written with."""
    if not any(char.isalpha() for char in value):
        raise ValidationError(_("Nama harus berisi huruf."), code="name_letter")
    # Letters, marks and digits of any script; any kind of space (a name pasted from a document may
    # hold a no-break space); and the punctuation names are written with.
    if not all(char in NAME_PUNCTUATION or _name_category(unicodedata.category(char)) for char in value):
        raise ValidationError(
            _("Nama hanya boleh berisi huruf, angka, spasi, titik, koma, tanda hubung dan apostrof."),
            code="name_character",
        )
