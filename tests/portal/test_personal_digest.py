"""The searchable stand-in of a NIK or KK number: every stored hash depends on it never changing."""

import hashlib
import hmac

import pytest

from portal.crypto import personal_digest

NIK = "3504021201900001"


@pytest.mark.parametrize(
    "typed", [NIK, "3504 0212 0190 0001", "3504.0212.0190.0001", "35-04-02-12-01-90-0001", f" {NIK}\t"]
)
def test_a_nik_however_typed_has_the_hash_already_stored_for_it(settings, typed):
    settings.PERSONAL_DATA_HASH_KEY = "kunci-uji"
    stored = hmac.new(b"kunci-uji", NIK.encode(), hashlib.sha256).hexdigest()
    assert personal_digest(typed) == stored


@pytest.mark.parametrize("empty", [None, "", " . - "])
def test_nothing_typed_has_no_hash_that_could_match_a_row(settings, empty):
    settings.PERSONAL_DATA_HASH_KEY = "kunci-uji"
    assert personal_digest(empty) == ""


def test_a_letter_in_a_nik_is_kept_so_it_cannot_match_the_digits_alone(settings):
    settings.PERSONAL_DATA_HASH_KEY = "kunci-uji"
    assert personal_digest(NIK + "A") != personal_digest(NIK)
