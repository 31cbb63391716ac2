"""A posted memo form is acted on once, and still acted on when the cache server fails."""

import pytest
from django.core.cache import caches

from koordinasi.submissions import Submission
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_second_post_of_the_same_form_goes_where_the_first_went():
    user = UserFactory()
    first = Submission(user=user, token="abc")
    assert first.earlier() is None
    first.done("/koordinasi/naskah/1/")
    assert Submission(user=user, token="abc").earlier() == "/koordinasi/naskah/1/"


def test_a_post_while_the_first_is_sending_goes_to_the_sent_box():
    user = UserFactory()
    assert Submission(user=user, token="abc").earlier() is None
    assert Submission(user=user, token="abc").earlier() == "/koordinasi/terkirim/"


def test_a_failed_post_releases_its_claim():
    user = UserFactory()
    with pytest.raises(RuntimeError), Submission(user=user, token="abc") as submission:
        assert submission.earlier() is None
        raise RuntimeError
    assert Submission(user=user, token="abc").earlier() is None


def test_with_the_cache_server_down_every_post_is_acted_on(settings):
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    assert caches["default"].add("probe", 1) is False  # the server really is unreachable
    user = UserFactory()
    assert Submission(user=user, token="abc").earlier() is None
    assert Submission(user=user, token="abc").earlier() is None
