"""Money as the regency writes it, for every service, and as citizens type it."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy


def rupiah(amount) -> str:
    """Return integer rupiah as the regency writes it: Rp1.500.000 (a dash when unknown)."""
    if amount is None:
        return "–"
    return f"Rp{int(amount):,}".replace(",", ".")


# Rupiah as typed: an optional Rp, then digits, in groups of three split by dots or spaces or not at
# all; ",-" closes an amount on invoices ("Rp150.000,-") and ",00" one copied from a budget document
# (SiRUP writes "Rp150.000.000,00"): neither is a part of a rupiah. [0-9], not \d: int() would read
# other scripts' digits too.
RUPIAH_PREFIX = re.compile(r"\Arp\.?\s*", re.IGNORECASE)
RUPIAH_TYPED = re.compile(r"-?(?:[0-9]+|[0-9]{1,3}(?:[.\s][0-9]{3})+)(?:,-|,00)?")


class RupiahField(forms.IntegerField):
    """
    Whole rupiah as Indonesians write them: 150000000, 150.000.000, 150 000 000, Rp150.000.000,- or
    Rp150.000.000,00. A dot only separates thousands, never decimals (Django's IntegerField reads
    "150.000" as 150), and any other comma is refused: rupiah amounts here are whole, and "1,5" or
    "100,000" is unclear.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric"})
    default_error_messages = {
        "invalid": gettext_lazy("Isi jumlah rupiah dengan angka, misalnya 150000000 atau 150.000.000."),
        "comma": gettext_lazy(
            "Jumlah rupiah tidak memakai koma dan sen. Tulis angka bulat, titik sebagai pemisah ribuan "
            "boleh, misalnya 150.000.000."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = RUPIAH_PREFIX.sub("", str(value).strip())
        if RUPIAH_TYPED.fullmatch(text):
            try:
                return int(re.sub(r"[.\s]|,-|,00", "", text))
            except ValueError:  # past Python's 4300-digit limit of int(): no amount, a forged one
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        code = "comma" if "," in text else "invalid"
        raise ValidationError(self.error_messages[code], code=code)
