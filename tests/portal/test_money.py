"""Rupiah typed as Indonesians write them are read as whole rupiah; anything else is a form error."""

import pytest
from django.core.exceptions import ValidationError

from portal.money import RupiahField


@pytest.mark.parametrize(
    "typed",
    [
        "150000000",
        "150.000.000",
        "150 000 000",
        "Rp150.000.000,-",
        "Rp 150.000.000",
        "rp. 150000000",
        "Rp150.000.000,00",
        "150000000,00",
    ],
)
def test_an_amount_as_indonesians_write_it_is_read_as_whole_rupiah(typed):
    assert RupiahField().clean(typed) == 150_000_000


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1,5", "comma"),
        ("150.000,50", "comma"),
        ("150.000,0", "comma"),
        ("150.000,00,00", "comma"),
        ("150.000,-,00", "comma"),
        ("1.5", "invalid"),
        ("1e9", "invalid"),
        ("１５０", "invalid"),
    ],
)
def test_an_amount_with_cents_or_in_other_digits_is_refused(typed, code):
    with pytest.raises(ValidationError) as refused:
        RupiahField().clean(typed)
    assert refused.value.code == code


@pytest.mark.parametrize("typed", ["9" * 5000, "1" + ".000" * 1500])
def test_an_amount_longer_than_any_number_python_reads_is_a_form_error(typed):
    with pytest.raises(ValidationError) as refused:
        RupiahField().clean(typed)
    assert refused.value.code == "invalid"
