"""
A person's name as typed in any form. Indonesian names are written with letters and, at times,
dots, commas, hyphens and apostrophes (Moh. Sholeh, Ni Luh Putu, D'Amato, Siti Aminah, S.Pd.):
what a name cannot be is without a letter, such as a NIK typed in the wrong box.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_person_name(value: str):
    """Refuse a name with no letter in it, in any script."""
    if not any(char.isalpha() for char in value):
        raise ValidationError(_("Nama harus berisi huruf."), code="name_letter")
