"""
The inbox's boxes, unread counts and rows, kept in the shared cache per officer, invalidated by
generation.

Finding the memos of an officer's inbox means reading, among the regency's 200,000 memos, the few
thousand addressed to their agency or to them: tens of milliseconds on every request. They change
only when a memo is sent to that agency or officer, or a disposisi names the officer; reading a memo
changes only the unread counts. So each agency and officer has a version number in the cache, raised
when that happens, and the boxes are cached under the versions they were computed from: a raised
version makes the next request of every officer concerned compute afresh, on every web node at once.

The rows of the plain inbox (rows_get) are cached under the same versions and three more things
they show: the reader's own version, raised when they read a memo or complete a disposisi (the
read, needs-action and overdue marks), the names version, raised when an officer or an agency is
saved (senders' names, agencies' codes; also the colleagues a memo may be passed to), and the date
(a disposisi past its date); they expire when an unread memo they show passes its deadline.

A memo's page shows the memo, its addressees, attachments and disposisi (each reader the part they
may see) from one sheet per memo (sheet_get): all fixed once the memo is sent but for the names,
the disposisi and whether a reply started its thread, so the sheet is kept under the names version
and the memo's own version, raised by a disposisi on it or a reply to it.

The versions are raised from model signals, so that every write through the ORM counts, whichever
code makes it, and twice: at once (for the writer's own next page, and in a transaction a test never
commits) and again after commit (past a request that read the old rows meanwhile and cached them
under the version raised first).
"""

import time
from array import array

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import get_language

from portal.cache import now_and_on_commit
from portal.wilayah.models import Instansi

from .constants import RESTRICTED, Status
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


def _sheet_key(naskah_id):
    return f"koordinasi:versi:naskah:{naskah_id}"


NAMES_KEY = "koordinasi:versi:nama"


def _versions(user) -> tuple:
    """Return the versions of the user's agency, of the user, of their reading, and of the names."""
    keys = (_agency_key(user.instansi_id), _officer_key(user.pk), _read_key(user.pk), NAMES_KEY)
    found = cache.get_many(keys)
    return tuple(found.get(key) or _version_start(key) for key in keys)


def _version_start(key, timeout=None) -> int:
    # A number never used before: boxes cached under an evicted version must never match again.
    start = time.time_ns()
    cache.add(key, start, timeout=timeout)
    return cache.get(key) or start


def _bump(keys, timeout=None):
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:
            if not cache.add(key, time.time_ns(), timeout=timeout):
                cache.incr(key)  # created by a reader meanwhile, who may have cached the old rows


def versions_bump(*, agencies=(), officers=(), readers=(), sheets=(), names=False):
    """
    Make the inboxes of these agencies and officers, these readers' unread counts and rows, the
    sheets of these memos, and (with `names`) everything that shows an officer's or an agency's
    name, computed anew.
    """
    keys = [_agency_key(pk) for pk in agencies if pk]
    keys += [_officer_key(pk) for pk in officers if pk]
    keys += [_read_key(pk) for pk in readers if pk]
    keys += [NAMES_KEY] if names else []
    # A memo's version is needed only as long as a sheet could be stored under it.
    memo_keys = [_sheet_key(pk) for pk in sheets if pk]

    def bump():
        _bump(keys)
        _bump(memo_keys, timeout=CACHE_SECONDS)

    if keys or memo_keys:
        now_and_on_commit(bump)


def inbox_get(user, *, boxes_compute, unread_compute) -> tuple[dict, dict]:
    """
    Return (boxes, unread): the memo ids of each box newest first, as arrays, and the unread count
    of each box; from the cache when nothing they depend on changed, else computed and cached.
    """
    agency, officer, read, _names = versions = _versions(user)
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


def names_version() -> int:
    """Return the version of the officers' and agencies' names (see _names_changed)."""
    return cache.get(NAMES_KEY) or _version_start(NAMES_KEY)


def rows_get(user, *, kotak, render) -> str:
    """
    Return the HTML of the rows of the user's box `kotak` (no filter, no search), from the cache
    while nothing they show changed (see above); else `render()`, which returns the HTML and when
    it turns stale (the first deadline of an unread memo it shows, or None).
    """
    agency, officer, read, names = _versions(user)
    key = (
        f"koordinasi:baris:{user.pk}:{user.instansi_id}:{kotak}:{get_language()}:{timezone.localdate()}"
        f":{agency}:{officer}:{read}:{names}"
    )
    html = cache.get(key)
    if html is None:
        html, stale_at = render()
        seconds = CACHE_SECONDS
        if stale_at is not None:
            seconds = min(seconds, int((stale_at - timezone.now()).total_seconds()))
        if seconds > 0:
            cache.set(key, html, seconds)
    return html


def sheet_get(naskah_id, *, compute):
    """
    Return the sheet of memo `naskah_id` (what its page may show to any reader), from the cache
    while no name, disposisi or thread of it changed; else compute(), kept unless None or
    restricted.
    """
    key, memo_key = f"koordinasi:naskah:{naskah_id}", _sheet_key(naskah_id)
    found = cache.get_many([key, NAMES_KEY, memo_key])
    versions = (
        found.get(NAMES_KEY) or _version_start(NAMES_KEY),
        found.get(memo_key) or _version_start(memo_key, timeout=CACHE_SECONDS),
    )
    stored = found.get(key)
    if stored is not None and stored[0] == versions:
        return stored[1]
    sheet = compute()
    # A Rahasia or Sangat rahasia memo's content stays in the database, never in the shared cache.
    if sheet is not None and sheet[0].klasifikasi not in RESTRICTED:
        cache.set(key, (versions, sheet), CACHE_SECONDS)
    return sheet


@receiver(post_save, sender=Naskah)
def _naskah_saved(instance, **kwargs):
    if instance.status != Status.TERKIRIM:
        return
    rows = list(Penerima.objects.filter(naskah_id=instance.pk).values_list("instansi_id", "pegawai_id"))
    # A reply: its thread's first memo now has one (the other memos of a thread look it up).
    versions_bump(agencies={i for i, _p in rows}, officers={p for _i, p in rows}, sheets=[instance.utas_id])


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
    if created:
        versions_bump(officers=[instance.dari_id, instance.kepada_id], sheets=[instance.naskah_id])
    else:  # completed: the same boxes, other marks on the receiver's rows
        versions_bump(readers=[instance.kepada_id], sheets=[instance.naskah_id])


@receiver(post_save, sender=TandaBaca)
def _tanda_baca_saved(instance, created, **kwargs):
    if created:
        versions_bump(readers=[instance.pembaca_id])


@receiver([post_save, post_delete], sender=settings.AUTH_USER_MODEL)
@receiver([post_save, post_delete], sender=Instansi)
def _names_changed(sender, update_fields=None, **kwargs):
    # A sign-in saves the user's last_login alone: nothing an inbox or a memo page shows.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    versions_bump(names=True)
