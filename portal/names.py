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


# Invisible characters that reverse or isolate the direction of the text after them: in a subject or
# a file name they can make "laporan<U+202E>fdp.exe" read as "laporanexe.pdf" in an officer's list.
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def bidi_stripped(value: str) -> str:
    """Return value without the characters that change the reading direction (BIDI_CONTROLS)."""
    return value.translate(BIDI_CONTROLS)
