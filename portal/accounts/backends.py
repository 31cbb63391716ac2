"""
Authentication backends that read the signed-in user from the cache (issue #9).

Every signed-in request loads its user, and an officer's also the user's groups (for the role
checks), the agency or kecamatan shown beside the name and, in the admin, the user's and the
groups' permissions: up to six queries before the page does anything. `user_cached` keeps one
snapshot of all of it per user in the shared cache:

- a user's snapshot is deleted when the user is saved or deleted (a changed password, a login,
  a new kecamatan), at once and again on commit;
- every snapshot goes stale when group membership, a user's or a group's permissions, a group, a
  permission, an agency or a kecamatan changes (VERSION is bumped);
- a change no signal reports (a queryset `update()`) shows within SNAPSHOT_SECONDS.

With a per-process cache (locmem, the default of `make run` and the tests) there is no snapshot,
unless USER_SNAPSHOT_SECONDS asks for one: a worker would keep a user another worker has just
deactivated.
"""

import uuid

from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.cache import cache_is_shared, now_and_on_commit, version_bump, version_key, versioned_get
from portal.wilayah.models import Instansi, Kecamatan

SNAPSHOT_SECONDS = 300
PREFIX = "accounts:user"
VERSION = "accounts-user-snapshots"


def _snapshot_key(user_id):
    return f"{PREFIX}:{user_id}"


def snapshot_seconds() -> int:
    """Return how long a snapshot is kept: USER_SNAPSHOT_SECONDS, else as the queue cache does."""
    seconds = getattr(settings, "USER_SNAPSHOT_SECONDS", None)
    if seconds is None:
        seconds = SNAPSHOT_SECONDS if cache_is_shared() else 0
    return seconds


def user_cached(backend, user_id):
    """Return the active user `user_id` with groups and permissions loaded, or None."""
    seconds = snapshot_seconds()
    if not seconds:
        return backends.ModelBackend.get_user(backend, user_id)
    key = _snapshot_key(user_id)
    user, version = versioned_get(key, version_key(VERSION))
    if user is not None:
        return user
    user = backends.ModelBackend.get_user(backend, user_id)
    if user is None:
        return None
    prefetch_related_objects([user], "groups")
    # The agency and kecamatan the pages show beside the name (the memo pages' header), read once.
    prefetch_related_objects([user], "instansi", "kecamatan")
    backend.get_all_permissions(user)  # fills the user's permission caches, kept in the snapshot
    # Names this snapshot: what is derived from the user alone may be kept as long as it lasts.
    user.snapshot_id = uuid.uuid4().hex
    cache.set(key, (version, user), seconds)
    return user


class SnapshotUserMixin:
    def get_user(self, user_id):
        return user_cached(self, user_id)


class ModelBackend(SnapshotUserMixin, backends.ModelBackend):
    """Django's ModelBackend, with the user read from its cached snapshot."""


class AllauthBackend(SnapshotUserMixin, AuthenticationBackend):
    """allauth's backend (sign-in by email), with the user read from its cached snapshot."""


# ------------------------------------------------------------------------------
# Invalidation
# ------------------------------------------------------------------------------


def _user_changed(sender, instance, **kwargs):
    now_and_on_commit(lambda: cache.delete(_snapshot_key(instance.pk)))


def _access_changed(sender, **kwargs):
    if kwargs.get("action", "post_").startswith("post_"):
        version_bump(VERSION)


def snapshots_watch():
    """Connect the signals that make snapshots stale (AccountsConfig.ready)."""
    user = get_user_model()
    post_save.connect(_user_changed, sender=user, dispatch_uid="accounts.snapshot.user_save")
    post_delete.connect(_user_changed, sender=user, dispatch_uid="accounts.snapshot.user_delete")
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            _access_changed, sender=through, dispatch_uid=f"accounts.snapshot.{through.__name__}"
        )
    for model in (Group, Permission, Instansi, Kecamatan):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                _access_changed, sender=model, dispatch_uid=f"accounts.snapshot.{model.__name__}.{name}"
            )
