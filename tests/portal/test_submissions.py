"""A posted form is acted on once, and still acted on when the cache server fails."""

import pytest
from django.core.cache import caches

from portal.submissions import Submission
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def claim(user, *, namespace="koordinasi", token="abc"):
    return Submission(namespace=namespace, user=user, token=token, pending="/koordinasi/terkirim/")


def test_a_second_post_of_the_same_form_goes_where_the_first_went():
    user = UserFactory()
    first = claim(user)
    assert first.earlier() is None
    first.done("/koordinasi/naskah/1/")
    assert claim(user).earlier() == "/koordinasi/naskah/1/"


def test_a_post_while_the_first_is_sending_goes_to_the_pending_page():
    user = UserFactory()
    assert claim(user).earlier() is None
    assert claim(user).earlier() == "/koordinasi/terkirim/"


def test_a_failed_post_releases_its_claim():
    user = UserFactory()
    with pytest.raises(RuntimeError), claim(user) as submission:
        assert submission.earlier() is None
        raise RuntimeError
    assert claim(user).earlier() is None


def test_each_app_claims_its_own_tokens():
    user = UserFactory()
    assert claim(user, namespace="koordinasi").earlier() is None
    assert claim(user, namespace="pengadaan").earlier() is None


def test_with_the_cache_server_down_every_post_is_acted_on(settings):
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    assert caches["default"].add("probe", 1) is False  # the server really is unreachable
    user = UserFactory()
    assert claim(user).earlier() is None
    assert claim(user).earlier() is None
