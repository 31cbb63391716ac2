"""
The shared cache (issue #9): Django's Redis cache with one client per connection pool, and the
versions that make cached things stale when the rows they were built from change.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and a
signed-in page makes several (session, user, page fragments): building the clients was ~3 % of a
queue page's CPU. A `redis.Redis` takes a connection from its pool per command, so one client per
pool serves every call.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends import redis
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


def cache_is_shared() -> bool:
    """Return whether the default cache is shared by every worker (not per process, not a dummy)."""
    backend = settings.CACHES["default"]["BACKEND"]
    return "LocMemCache" not in backend and "DummyCache" not in backend


def versioned_get(key, version_key):
    """
    Return (the value cached at `key`, the current version of `version_key`) in one round trip.

    The value counts only if it was stored as `(version, value)` under the current version, so
    replacing the version makes every value stored under it stale at once. A missing version is
    created.
    """
    found = cache.get_many([key, version_key])
    version = found.get(version_key)
    if version is None:
        return None, _version_create(version_key)
    stored = found.get(key)
    return (stored[1] if stored and stored[0] == version else None), version


def now_and_on_commit(action):
    """
    Run a cache invalidation now and again once the transaction commits: a request that read the
    rows before the commit may have stored what it built from them in between.
    """
    action()
    transaction.on_commit(action)


def version_key(name):
    """Return the cache key of the version of `name` (for versioned_get)."""
    return f"version:{name}"


def _version_create(key) -> str:
    """Store a new version at `key`, unless another process just did: return the one stored."""
    version = uuid.uuid4().hex
    if not cache.add(key, version, None):
        version = cache.get(key, version)
    return version


def version_of(name) -> str:
    """Return the current version of the cached things called `name` (see version_watch)."""
    return versions_of([name])[name]


def version_bump(name):
    """Make everything cached under the current version of `name` stale."""
    now_and_on_commit(lambda: cache.set(version_key(name), uuid.uuid4().hex, None))


def version_watch(name, *models):
    """Bump the version of `name` whenever a row of one of `models` is saved or deleted."""

    def bump(**kwargs):
        version_bump(name)

    for model in models:
        uid = f"version:{name}:{model._meta.label_lower}"
        post_save.connect(bump, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(bump, sender=model, weak=False, dispatch_uid=uid)


def versions_of(names) -> dict:
    """Return {name: current version} of several names (see version_watch) in one round trip."""
    keys = {name: version_key(name) for name in names}
    found = cache.get_many(list(keys.values()))
    return {name: found.get(key) or _version_create(key) for name, key in keys.items()}


# {key: (version, monotonic time built, what build() made)}: what this process keeps.
_kept = {}
# An upper bound on the age of what a process keeps: a per-process cache (each worker its own
# versions) or a data migration (historical models send no signals here) changes rows without a
# shared version bump.
KEPT_SECONDS = 300


def process_kept(key, version, build):
    """
    Return what `build()` made, kept in this process under `key` while `version` is the current one
    (of a name that version_watch watches over every table `build` reads, at start-up, so that a
    change made in any process shows in all of them at once), and at most KEPT_SECONDS.
    """
    held = _kept.get(key)
    if held is None or held[0] != version or time.monotonic() - held[1] > KEPT_SECONDS:
        held = _kept[key] = (version, time.monotonic(), build())
    return held[2]


def reference_rows(name, build):
    """Return what `build()` made of small reference tables (kecamatan, desa, jobs), see process_kept."""
    return process_kept(name, version_of(name), build)
