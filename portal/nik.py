"""
The NIK (Nomor Induk Kependudukan), checked the same way wherever one is typed: 16 digits, of which
the 1st to 6th are the region (province, regency or city, kecamatan) and the 7th to 12th the
holder's birth date, the day plus 40 for women. With it, the other numbers typed as printed on their
card or certificate and kept as their digits: the KK, a business's NPWP and its NIB.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator, RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# [0-9] and \Z, not \d and $: those accept non-Latin digits and a trailing newline.
nik_digits = RegexValidator(r"^[0-9]{16}\Z", gettext_lazy("NIK harus 16 angka."))
kk_digits = RegexValidator(r"^[0-9]{16}\Z", gettext_lazy("Nomor KK harus 16 angka."))
# Checked on the digits left once the separators are dropped, so the message may welcome them.
npwp_digits = RegexValidator(
    r"^([0-9]{15}|[0-9]{16})\Z",
    gettext_lazy(
        "NPWP harus 15 atau 16 angka. Titik, tanda hubung dan spasi seperti tercetak di kartu NPWP boleh "
        "diketik."
    ),
)
nib_digits = RegexValidator(r"^[0-9]{13}\Z", gettext_lazy("NIB harus 13 angka."))


def nik_structure_errors(nik: str) -> list[str]:
    """Return what is structurally wrong with a 16-digit NIK: its region, day or month part."""
    day, month = int(nik[6:8]), int(nik[8:10])
    errors = []
    # Province codes start at 11 (Aceh); no regency, city or kecamatan is numbered 00.
    if int(nik[:2]) < 11 or "00" in (nik[2:4], nik[4:6]):
        errors.append(_("Digit ke-1 sampai ke-6 NIK (kode wilayah) tidak sah. Salin NIK persis dari KK."))
    if not (1 <= day <= 31 or 41 <= day <= 71):
        errors.append(_("Digit ke-7 dan ke-8 NIK (tanggal lahir) harus 01–31, atau 41–71 untuk perempuan."))
    if not 1 <= month <= 12:
        errors.append(_("Digit ke-9 dan ke-10 NIK (bulan lahir) harus 01–12."))
    return errors


def validate_nik(value):
    """Refuse anything but 16 digits whose birth-date part can be a day and a month."""
    nik_digits(value)  # digits first: the structure is read by position
    if errors := nik_structure_errors(value):
        raise ValidationError(errors)


def digits_as_printed(text: str) -> str:
    """Return a number typed as printed (NPWP 01.234.567.8-901.234, a NIK in groups) as its digits alone."""
    return re.sub(r"[.\-\s]", "", text)


class DigitsField(forms.CharField):
    """
    A number typed as printed, with dots, dashes or spaces, kept as its digits (NIK, KK, NPWP, NIB).

    Given validators of its own, which say how many digits the number has ("NIK harus 16 angka."),
    the field drops Django's length checks: their generic message would only repeat that one in
    vaguer words, counting the typed characters rather than the digits.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        own = [v for v in self.validators if not isinstance(v, (MinLengthValidator, MaxLengthValidator))]
        if own:
            self.validators = own

    def to_python(self, value):
        return digits_as_printed(super().to_python(value))

    def widget_attrs(self, widget):
        # The length is checked on the digits: the browser must not cut a number typed as printed.
        return {k: v for k, v in super().widget_attrs(widget).items() if k != "maxlength"}


def nik_field(**kwargs) -> DigitsField:
    """A NIK field, the same in every form: typed in groups or not, one message for any wrong one."""
    return DigitsField(validators=[validate_nik], widget=number_input(), **kwargs)


def kk_field(**kwargs) -> DigitsField:
    """A Kartu Keluarga number field, the same in every form."""
    return DigitsField(validators=[kk_digits], widget=number_input(), **kwargs)


def npwp_field(**kwargs) -> DigitsField:
    """An NPWP field, the same in every form: typed as printed on the card (01.234.567.8-901.234) or not."""
    return DigitsField(validators=[npwp_digits], widget=number_input(), **kwargs)


def nib_field(**kwargs) -> DigitsField:
    """A NIB (Nomor Induk Berusaha) field, the same in every form."""
    return DigitsField(validators=[nib_digits], widget=number_input(), **kwargs)


def number_input():
    """A text box for a number typed as printed: the phone's digit keyboard, nothing remembered."""
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
