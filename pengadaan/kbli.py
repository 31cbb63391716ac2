"""
KBLI codes (Klasifikasi Baku Lapangan Usaha Indonesia), as a vendor's profile and a package's
requirement hold them: five digits each, kept as "41011, 43211".
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

SEPARATORS = re.compile(r"[\s,;]+")


def kbli_codes(value: str) -> list[str]:
    """Return the codes of a KBLI list, each once, in order, however they were separated."""
    codes = []
    for code in SEPARATORS.split(value or ""):
        if code and code not in codes:
            codes.append(code)
    return codes


def kbli_normalized(value: str) -> str:
    """
    Return KBLI codes as "41011, 43211", however the separators were typed (spaces, a stray or
    trailing comma): the same codes typed differently are the same profile, not a change to verify.
    """
    codes = kbli_codes(value)
    for code in codes:
        if not re.fullmatch(r"[0-9]{5}", code):
            raise forms.ValidationError(
                _("“%(code)s” bukan kode KBLI: tiap kode 5 angka, misalnya 41011, 43211.") % {"code": code}
            )
    return ", ".join(codes)


class KbliField(forms.CharField):
    def clean(self, value):
        return kbli_normalized(super().clean(value))
