"""
The portal's one cache mechanism: a Redis cache that may fail, and versions that make what was
cached from some rows stale when those rows change.

A cached thing (a `{% cache %}` fragment, a low-level `cache.get`) is keyed on `version(name)`;
`version_bump(name)` replaces that token, so everything cached under the old one is never read
again and expires on its own. `version_watch(name, *models)` bumps on every save and delete of
those models.
"""

import functools
import logging
import time
import uuid

from django.core.cache import cache, caches
from django.core.cache.backends import redis
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# A dead cache server is reported once a minute, not on every request that misses it.
WARNING_SECONDS = 60
_warned_at = [0.0]
# After a failure the server is left alone this long: every call meanwhile is a miss at once, so a
# hung server (each call waiting for its socket timeout) cannot make every page slow.
RETRY_SECONDS = 5
_resting_until = [0.0]


def _warn_once_a_minute(method, exc):
    now = time.monotonic()
    if now - _warned_at[0] >= WARNING_SECONDS:
        _warned_at[0] = now
        logger.warning("Cache server unavailable (%s: %s); serving without the cache.", method, exc)


def _tolerant(default, errors=(Exception,)):
    """
    Make a cache method answer `default` (a miss, nothing stored) when the server fails, and for
    RETRY_SECONDS after a failure without asking the server.
    """

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < _resting_until[0]:
                return default(*args, **kwargs) if callable(default) else default
            try:
                return method(self, *args, **kwargs)
            # Broad: a server answering garbage fails in unpickling as much as in redis-py.
            except errors as exc:
                _resting_until[0] = time.monotonic() + RETRY_SECONDS
                _warn_once_a_minute(method.__name__, exc)
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


class RedisCacheClient(redis.RedisCacheClient):
    """
    Django's client, with one `redis.Redis` per connection pool: Django builds a new one for every
    cache call, and a page makes several. A `redis.Redis` takes a pooled connection per command.
    """

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
    """
    Django's Redis cache, where a failing server (down, slow, answering garbage) reads as a miss and
    a write as not done: a cache is a speed-up, so losing it may slow the portal, never stop it.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    get = _tolerant(lambda key, default=None, *args, **kwargs: default)(redis.RedisCache.get)
    get_many = _tolerant(lambda *args, **kwargs: {})(redis.RedisCache.get_many)
    has_key = _tolerant(False)(redis.RedisCache.has_key)
    add = _tolerant(False)(redis.RedisCache.add)
    set = _tolerant(None)(redis.RedisCache.set)
    set_many = _tolerant(lambda data, *args, **kwargs: list(data))(redis.RedisCache.set_many)
    touch = _tolerant(False)(redis.RedisCache.touch)
    delete = _tolerant(False)(redis.RedisCache.delete)
    delete_many = _tolerant(None)(redis.RedisCache.delete_many)
    clear = _tolerant(False)(redis.RedisCache.clear)

    # A missing key is the caller's ValueError (Django's contract), not a failing server.
    @_tolerant(None, errors=(RedisError,))
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)


def cache_reachable() -> bool:
    """Return whether the cache server answers (a cache kept in the process always does)."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return True
    try:
        return bool(backend._cache.get_client().ping())
    except Exception:
        return False


def _version_key(name):
    return f"version:{name}"


def version(name) -> str:
    """Return the current version token of the cached things called `name`, creating one if missing."""
    key = _version_key(name)
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        # Another process may have created it meanwhile: theirs wins, so both key on the same token.
        if not cache.add(key, token, None):
            token = cache.get(key) or token
    return token


def version_bump(name):
    """
    Make everything cached under the current version of `name` stale: now, and again once the
    transaction commits, since a request that read the rows before the commit may have cached what
    it built from them in between.
    """

    def bump():
        cache.set(_version_key(name), uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def version_watch(name, *models, ignore=None):
    """
    Bump the version of `name` whenever a row of one of `models` is saved or deleted, unless
    `ignore(row)` says nothing cached under `name` can show that row.
    """

    def bump(instance, **kwargs):
        if ignore is None or not ignore(instance):
            version_bump(name)

    for model in models:
        uid = f"version:{name}:{model._meta.label_lower}"
        post_save.connect(bump, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(bump, sender=model, weak=False, dispatch_uid=uid)
