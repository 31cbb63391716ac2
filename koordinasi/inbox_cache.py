"""
The inbox's boxes and unread counts, kept in the shared cache per officer, invalidated by generation.

Finding the memos of an officer's inbox means reading, among the regency's 200,000 memos, the few
thousand addressed to their agency or to them: tens of milliseconds on every request. They change
only when a memo is sent to that agency or officer, or a disposisi names the officer; reading a memo
changes only the unread counts. So each agency and officer has a version number in the cache, raised
when that happens, and the boxes are cached under the versions they were computed from: a raised
version makes the next request of every officer concerned compute afresh, on every web node at once.

The versions are raised from model signals, so that every write through the ORM counts, whichever
code makes it, and twice: at once (for the writer's own next page, and in a transaction a test never
commits) and again after commit (past a request that read the old rows meanwhile and cached them
under the version raised first). Completing a disposisi raises none: what a row shows of it (needs
action, overdue) is read live on every page.
"""

import time
from array import array

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .constants import Status
from .models import Disposisi, Naskah, Penerima, TandaBaca

BOXES = ("semua", "saya", "instansi")
# Rows written around the ORM (COPY when seeding, queryset.update) send no signal: expire anyway.
CACHE_SECONDS = 10 * 60


def _agency_key(instansi_id):
    return f"koordinasi:versi:instansi:{instansi_id}"


def _officer_key(user_id):
    return f"koordinasi:versi:pegawai:{user_id}"


def _read_key(user_id):
    return f"koordinasi:versi:dibaca:{user_id}"


def _versions(user) -> tuple:
    keys = (_agency_key(user.instansi_id), _officer_key(user.pk), _read_key(user.pk))
    found = cache.get_many(keys)
    return tuple(found.get(key) or _version_start(key) for key in keys)


def _version_start(key) -> int:
    # A number never used before: boxes cached under an evicted version must never match again.
    start = time.time_ns()
    cache.add(key, start, timeout=None)
    return cache.get(key) or start


def _bump(keys):
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:
            if not cache.add(key, time.time_ns(), timeout=None):
                cache.incr(key)  # created by a reader meanwhile, who may have cached the old rows


def versions_bump(*, agencies=(), officers=(), readers=()):
    """Make the inboxes of these agencies and officers, and these readers' unread counts, computed anew."""
    keys = [_agency_key(pk) for pk in agencies if pk]
    keys += [_officer_key(pk) for pk in officers if pk]
    keys += [_read_key(pk) for pk in readers if pk]
    if keys:
        _bump(keys)
        transaction.on_commit(lambda: _bump(keys))


def inbox_get(user, *, boxes_compute, unread_compute) -> tuple[dict, dict]:
    """
    Return (boxes, unread): the memo ids of each box newest first, as arrays, and the unread count
    of each box; from the cache when nothing they depend on changed, else computed and cached.
    """
    agency, officer, read = versions = _versions(user)
    memo = getattr(user, "_koordinasi_inbox", None)  # the inbox and its counts in one request
    if memo is not None and memo[0] == versions:
        return memo[1], memo[2]
    boxes_key = f"koordinasi:kotak:{user.pk}:{user.instansi_id}:{agency}:{officer}"
    unread_key = f"koordinasi:belum-dibaca:{user.pk}:{user.instansi_id}:{agency}:{officer}:{read}"
    found = cache.get_many([boxes_key, unread_key])
    if boxes_key in found:
        boxes = {box: array("q", found[boxes_key][box]) for box in BOXES}
    else:
        boxes = {box: array("q", ids) for box, ids in boxes_compute(user).items()}
        # As bytes: 10,000 ids load in microseconds, where a pickled list of ints takes a millisecond.
        cache.set(boxes_key, {box: ids.tobytes() for box, ids in boxes.items()}, CACHE_SECONDS)
    unread = found.get(unread_key)
    if unread is None:
        unread = unread_compute(user, boxes)
        cache.set(unread_key, unread, CACHE_SECONDS)
    user._koordinasi_inbox = (versions, boxes, unread)
    return boxes, unread


@receiver(post_save, sender=Naskah)
def _naskah_saved(instance, **kwargs):
    if instance.status != Status.TERKIRIM:
        return
    rows = list(Penerima.objects.filter(naskah_id=instance.pk).values_list("instansi_id", "pegawai_id"))
    versions_bump(agencies={i for i, _p in rows}, officers={p for _i, p in rows})


@receiver(post_save, sender=Penerima)
def _penerima_saved(instance, **kwargs):
    # A draft's addressees reach no inbox until it is sent (then _naskah_saved counts them).
    if Penerima.naskah.is_cached(instance):
        sent = instance.naskah.status == Status.TERKIRIM
    else:
        sent = Naskah.objects.filter(pk=instance.naskah_id, status=Status.TERKIRIM).exists()
    if sent:
        versions_bump(agencies=[instance.instansi_id], officers=[instance.pegawai_id])


@receiver(post_save, sender=Disposisi)
def _disposisi_saved(instance, created, **kwargs):
    if created:  # completing one changes no box (see above)
        versions_bump(officers=[instance.dari_id, instance.kepada_id])


@receiver(post_save, sender=TandaBaca)
def _tanda_baca_saved(instance, created, **kwargs):
    if created:
        versions_bump(readers=[instance.pembaca_id])
