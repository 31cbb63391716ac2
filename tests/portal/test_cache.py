"""The one cache mechanism: versions, and a Redis cache whose failure is a miss, never an error."""

import logging

import pytest
from django.core.cache import cache, caches
from django.template import Context, Template

from portal import cache as portal_cache
from portal.cache import version, version_bump, version_watch
from portal.wilayah.models import Kecamatan

DEAD_REDIS = {
    "default": {
        "BACKEND": "portal.cache.RedisCache",
        # Nothing listens on port 1: every command is refused at once.
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = DEAD_REDIS
    portal_cache._warned_at[0] = 0.0
    portal_cache._resting_until[0] = 0.0
    yield caches["default"]
    portal_cache._resting_until[0] = 0.0


def test_a_dead_server_reads_as_a_miss_and_writes_as_not_done(dead_cache):
    assert dead_cache.get("key") is None
    assert dead_cache.get("key", "fallback") == "fallback"
    assert dead_cache.get_many(["a", "b"]) == {}
    assert dead_cache.add("key", 1) is False
    assert dead_cache.set("key", 1) is None
    assert dead_cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert dead_cache.incr("key") is None
    assert dead_cache.delete("key") is False
    assert dead_cache.get_or_set("key", 5) == 5


def test_a_dead_server_is_reported_once_a_minute(dead_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        dead_cache.get("a")
        dead_cache.set("b", 1)
        dead_cache.get_many(["c"])
    warnings = [r for r in caplog.records if r.name == "portal.cache"]
    assert len(warnings) == 1
    assert "serving without the cache" in warnings[0].getMessage()


def test_after_a_failure_the_server_is_left_alone_for_a_while(dead_cache, monkeypatch):
    from django.core.cache.backends import redis

    calls = []
    real_get = redis.RedisCacheClient.get
    monkeypatch.setattr(redis.RedisCacheClient, "get", lambda self, *a: calls.append(1) or real_get(self, *a))
    assert dead_cache.get("a") is None and calls == [1]  # refused: the server now rests
    assert dead_cache.get("b") is None and dead_cache.set("c", 1) is None and calls == [1]
    now = portal_cache.time.monotonic()
    monkeypatch.setattr(portal_cache.time, "monotonic", lambda: now + portal_cache.RETRY_SECONDS + 1)
    assert dead_cache.get("d") is None and calls == [1, 1]  # tried again after the rest


@pytest.mark.django_db
def test_versions_work_without_a_server(dead_cache):
    assert version("anything")
    version_bump("anything")  # no error


@pytest.mark.django_db
def test_a_fragment_renders_with_a_dead_server(dead_cache):
    template = Template("{% load cache %}{% cache 60 fragment v %}[{{ text }}]{% endcache %}")
    assert template.render(Context({"text": "isi", "v": version("fragment")})) == "[isi]"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/ktp/standar-pelayanan/", "/lacak/"])
def test_public_pages_answer_with_a_dead_server(dead_cache, client, path):
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_a_bump_replaces_the_version():
    before = version("queue")
    assert version("queue") == before
    version_bump("queue")
    assert version("queue") != before


@pytest.mark.django_db
def test_a_watched_model_bumps_on_save_and_delete():
    version_watch("test-kecamatan", Kecamatan)
    first = version("test-kecamatan")
    kecamatan = Kecamatan.objects.first()
    kecamatan.save()
    second = version("test-kecamatan")
    assert second != first
    cache.clear()
    assert version("test-kecamatan") not in (first, second)  # a lost version is created anew


@pytest.mark.redis
def test_a_missing_key_is_still_the_callers_error(settings):
    settings.CACHES = {
        "default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/13"}
    }
    with pytest.raises(ValueError):
        caches["default"].incr("portal-test-missing-key")
