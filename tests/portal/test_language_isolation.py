"""The active language does not leak from one test into the next (the suite's order is random)."""

from django.conf import settings
from django.utils import translation


def test_a_test_may_switch_to_english():
    translation.activate("en")
    assert translation.get_language() == "en"


def test_the_next_test_starts_in_the_sites_language():
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_a_request_in_english_does_not_leave_english_on(client):
    client.get("/", headers={"accept-language": "en"})
    client.cookies.clear()


def test_after_an_english_request_the_site_language_is_back():
    assert translation.get_language() == settings.LANGUAGE_CODE
    assert translation.gettext("Diajukan") == "Diajukan"
