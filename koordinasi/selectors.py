"""
Who may read which memo, in one place: every list, attachment and search goes through
naskah_visible_to(), and the memo's page and export through naskah_readable(), the same rule in
Python; so a memo a user may not read is simply absent (a 404), never refused.

- Biasa and Terbatas: the officers of every addressed agency, the named officers, the sender.
- Rahasia and Sangat rahasia: only the named officers and the sender.
- Either way: every officer in the memo's disposisi chain (giver or receiver).
"""

from django.db import connection
from django.db.models import BooleanField, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from portal.accounts.models import User

from .constants import RESTRICTED, Sifat, Status
from .inbox_cache import BOXES, inbox_get, sheet_get
from .models import Disposisi, Lampiran, Naskah, Penerima, TandaBaca

SEARCH_FIELDS = ("nomor", "perihal", "pengirim__name", "pengirim__email", "instansi__name", "instansi__code")


def _named(user):
    return Exists(Penerima.objects.filter(naskah=OuterRef("pk"), pegawai=user))


def _agency(user):
    return Exists(Penerima.objects.filter(naskah=OuterRef("pk"), instansi_id=user.instansi_id))


def _chain(user):
    return Exists(Disposisi.objects.filter(Q(kepada=user) | Q(dari=user), naskah=OuterRef("pk")))


def _open_disposisi(user):
    return Exists(Disposisi.objects.filter(naskah=OuterRef("pk"), kepada=user, selesai_at__isnull=True))


def _overdue_disposisi(user, today):
    return Exists(
        Disposisi.objects.filter(
            naskah=OuterRef("pk"), kepada=user, selesai_at__isnull=True, batas_waktu__lt=today
        )
    )


def naskah_visible_to(*, user) -> QuerySet:
    """Return the sent memos `user` may read (tested per memo: for one memo, or a filtered few)."""
    if not user.is_authenticated or not user.instansi_id:
        return Naskah.objects.none()
    open_to_agency = _agency(user) & ~Q(klasifikasi__in=RESTRICTED)
    return Naskah.objects.filter(status=Status.TERKIRIM).filter(
        Q(pengirim=user) | _named(user) | _chain(user) | open_to_agency
    )


def naskah_received_by(*, user) -> QuerySet:
    """Return the sent memos addressed to `user` or their agency (or disposed to them), not their own."""
    return naskah_visible_to(user=user).exclude(pengirim=user)


def _received_ids(user):
    """
    Return (named, agency): the ids of the memos that reach `user` by name or disposisi, and of
    those addressed to their agency (drafts, own memos and Rahasia are left to the caller's filter).

    Read from the small indexes of addressees and disposisi: the inbox of an agency with 200,000
    memos in the regency then costs a lookup of its few thousand ids, where testing visibility per
    memo (as naskah_visible_to does) makes PostgreSQL read every memo of the regency.
    """
    named = set(Penerima.objects.filter(pegawai=user).values_list("naskah_id", flat=True))
    named |= set(Disposisi.objects.filter(Q(kepada=user) | Q(dari=user)).values_list("naskah_id", flat=True))
    agency = set(Penerima.objects.filter(instansi_id=user.instansi_id).values_list("naskah_id", flat=True))
    return named, agency


def _id_in(ids):
    """Return a condition `Naskah.id in ids`: one array parameter on PostgreSQL, not one per id."""
    if connection.vendor == "postgresql":
        # Thousands of ids as separate parameters cost more to build than the query costs to run.
        sql = '"koordinasi_naskah"."id" = ANY(%s::bigint[])'
        return Q(RawSQL(sql, (list(ids),), output_field=BooleanField()))  # nosec B611 - constant SQL, ids bound
    return Q(pk__in=ids)


def _boxes_compute(user) -> dict:
    """Return the ids of the sent memos `user` received, per box, each newest first."""
    named, agency = _received_ids(user)
    rows = Naskah.objects.filter(_id_in(named | agency), status=Status.TERKIRIM)
    # Sorted by PostgreSQL, and only ids and klasifikasi come back: no datetime per row to convert.
    rows = (
        rows.exclude(pengirim=user)
        .order_by("-sent_at", "-created_at", "-id")
        .values_list("pk", "klasifikasi")
    )
    visible = [pk for pk, klasifikasi in rows if pk in named or klasifikasi not in RESTRICTED]
    return {
        "semua": visible,
        "saya": [pk for pk in visible if pk in named],
        "instansi": [pk for pk in visible if pk in agency],
    }


def _unread_compute(user, boxes) -> dict:
    """Return how many memos of each box `user` has not opened yet."""
    read = set(TandaBaca.objects.filter(pembaca=user).values_list("naskah_id", flat=True))
    return {box: sum(1 for pk in ids if pk not in read) for box, ids in boxes.items()}


def _received_boxes(user) -> tuple[dict, dict]:
    """
    Return (boxes, unread): the ids of the sent memos `user` received per box ("semua", "saya",
    "instansi"), each newest first, and the unread count of each box; kept in the shared cache
    until a memo or disposisi reaches the user or their agency, or the user reads one.
    """
    if not user.is_authenticated or not user.instansi_id:
        return {box: [] for box in BOXES}, dict.fromkeys(BOXES, 0)
    return inbox_get(user, boxes_compute=_boxes_compute, unread_compute=_unread_compute)


# What a list row shows of a memo (not its body); its sender and agency come as two annotations.
ROW_FIELDS = ("nomor", "perihal", "sifat", "klasifikasi", "status", "sent_at", "due_at", "created_at")


def _sender_name():
    # As User.get_full_name(): the name, else the email address.
    return Coalesce(NullIf("pengirim__name", Value("")), "pengirim__email", output_field=CharField())


def naskah_annotate(qs: QuerySet, *, user) -> QuerySet:
    """
    Add what a list row shows: the sender's name and agency code, and whether the user read it or
    has an open or overdue disposisi on it (Naskah.needs_action and Naskah.overdue follow from them),
    in one query of one object per row.
    """
    read = Exists(TandaBaca.objects.filter(naskah=OuterRef("pk"), pembaca=user))
    return qs.only(*ROW_FIELDS).annotate(
        pengirim_nama=_sender_name(),
        instansi_code=F("instansi__code"),
        is_read=read,
        has_open_disposisi=_open_disposisi(user),
        has_overdue_disposisi=_overdue_disposisi(user, timezone.localdate()),
    )


def _needs_action():
    # Unread and urgent, or an open disposisi to me: the officer must do something (as Naskah.needs_action).
    return Q(has_open_disposisi=True) | (Q(is_read=False) & ~Q(sifat=Sifat.BIASA))


def _overdue():
    # As Naskah.overdue.
    return Q(has_overdue_disposisi=True) | (Q(is_read=False) & Q(due_at__lt=timezone.now()))


def naskah_inbox(
    *, user, kotak="semua", sifat=None, unread=False, needs_action=False, overdue=False, q="", limit=None
):
    """Return the user's inbox, filtered, newest first (at most `limit` memos when given)."""
    boxes, _unread = _received_boxes(user)
    ids = boxes[kotak] if kotak in BOXES else boxes["semua"]
    if limit and not (sifat or unread or needs_action or overdue or (q or "").strip()):
        ids = ids[:limit]  # already newest first: fetch only the page
    qs = naskah_annotate(Naskah.objects.filter(_id_in(list(ids))), user=user)
    if sifat:
        qs = qs.filter(sifat=sifat)
    if unread:
        qs = qs.filter(is_read=False)
    if needs_action:
        qs = qs.filter(_needs_action())
    if overdue:
        qs = qs.filter(_overdue())
    return naskah_search(qs, q=q).order_by("-sent_at", "-created_at", "-id")


def naskah_search(qs: QuerySet, *, q: str) -> QuerySet:
    """Return the memos of qs whose number, subject or sender contains q."""
    q = (q or "").strip()
    if not q:
        return qs
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": q})
    return qs.filter(condition)


def naskah_inbox_counts(*, user) -> dict:
    """Return the unread counts of the inbox: all, mine, my agency's."""
    _boxes, unread = _received_boxes(user)
    return dict(unread)


def naskah_sent(*, user, q="") -> QuerySet:
    """Return the memos the user sent, newest first, with how many officers have read each."""
    qs = Naskah.objects.filter(pengirim=user, status=Status.TERKIRIM).select_related("instansi", "pengirim")
    qs = qs.annotate(read_count=Count("tanda_baca_set", distinct=True))
    return naskah_search(qs, q=q).order_by("-sent_at", "-id")


def naskah_drafts(*, user) -> QuerySet:
    """Return the user's drafts, last edited first."""
    return Naskah.objects.filter(pengirim=user, status=Status.DRAF).order_by("-updated_at", "-id")


def naskah_draft_of(*, user, pk) -> Naskah:
    """Return the user's own draft `pk`; raise Naskah.DoesNotExist otherwise."""
    return naskah_drafts(user=user).select_related("instansi").get(pk=pk)


def naskah_readable(naskah, *, user, penerima, disposisi) -> bool:
    """
    Return whether `user` may read `naskah`: naskah_visible_to()'s rule, tested in Python on the
    memo's addressees (`penerima`) and on its disposisi rows that name the user (`disposisi`, more
    rows may come along), which the memo's page loads anyway; building the rule's SQL costs more
    than the rest of the page's queries.
    """
    if not user.is_authenticated or not user.instansi_id or naskah.status != Status.TERKIRIM:
        return False
    return (
        naskah.pengirim_id == user.pk
        or any(p.pegawai_id == user.pk for p in penerima)
        or any(user.pk in (d.dari_id, d.kepada_id) for d in disposisi)
        or (naskah.klasifikasi not in RESTRICTED and any(p.instansi_id == user.instansi_id for p in penerima))
    )


def _naskah_sheet(pk):
    """
    Return what the page of the sent memo `pk` may show any reader, or None if there is no such
    memo: the memo, its addressees, its attachments and all its disposisi.
    """
    naskah = (
        Naskah.objects.filter(pk=pk, status=Status.TERKIRIM)
        .select_related("instansi", "pengirim")
        .defer("pengirim__password")  # kept in the cache: no password hash to go with it
        .annotate(
            balasan_untuk_nomor=F("balasan_untuk__nomor"),
            # A memo that starts no thread and is in none has a thread of one: no need to look for it.
            has_replies=Exists(Naskah.objects.filter(utas_id=OuterRef("pk"))),
        )
        .first()
    )
    if naskah is None:
        return None
    penerima = (
        Penerima.objects.filter(naskah_id=pk)
        .select_related("instansi", "pegawai__instansi")
        .defer("pegawai__password")
    )
    disposisi = (
        Disposisi.objects.filter(naskah_id=pk)
        .select_related("dari", "kepada")
        .defer("dari__password", "kepada__password")
    )
    return naskah, list(penerima), list(Lampiran.objects.filter(naskah_id=pk)), list(disposisi)


def naskah_detail(*, user, pk) -> Naskah:
    """
    Return memo `pk` if `user` may read it (see naskah_readable), with what its page shows:
    `penerima_list` (addressees, with their agency or officer), `lampiran_list` and
    `disposisi_list` (the disposisi of the user's agency and those naming the user, oldest
    first); raise Naskah.DoesNotExist otherwise. All of it comes from the memo's cached sheet
    (inbox_cache.sheet_get), the same for every reader until something on it changes.
    """
    sheet = sheet_get(pk, compute=lambda: _naskah_sheet(pk))
    if sheet is None:
        raise Naskah.DoesNotExist
    naskah, penerima, lampiran, every_disposisi = sheet
    disposisi = [
        d for d in every_disposisi if d.instansi_id == user.instansi_id or user.pk in (d.dari_id, d.kepada_id)
    ]
    if not naskah_readable(naskah, user=user, penerima=penerima, disposisi=disposisi):
        raise Naskah.DoesNotExist
    naskah.penerima_list, naskah.lampiran_list, naskah.disposisi_list = penerima, lampiran, disposisi
    return naskah


def naskah_thread(*, naskah, user) -> list:
    """
    Return the memos of naskah's thread the user may read, oldest first, each with its sender's
    name and agency code; a memo alone, as naskah_detail found it, when it has no thread.
    """
    if naskah.utas_id is None and not getattr(naskah, "has_replies", True):
        return [naskah]
    root_id = naskah.utas_id or naskah.pk
    return list(
        naskah_visible_to(user=user)
        .filter(Q(pk=root_id) | Q(utas_id=root_id))
        .only(*ROW_FIELDS)
        .annotate(
            pengirim_nama=_sender_name(),
            instansi_code=F("instansi__code"),
        )
        .order_by("sent_at", "id")
    )


def disposisi_chain(*, naskah, user) -> list:
    """
    Return the disposisi of the user's agency on naskah (of those naskah_detail loaded), if the
    user takes part in that chain.
    """
    rows = [d for d in naskah.disposisi_list if d.instansi_id == user.instansi_id]
    participants = {r.dari_id for r in rows} | {r.kepada_id for r in rows}
    return rows if user.pk in participants else []


def read_receipts(*, naskah) -> list:
    """Return, per addressee (as naskah_detail loaded them), who of them opened the memo and when."""
    receipts = list(
        TandaBaca.objects.filter(naskah=naskah)
        .exclude(pembaca_id=naskah.pengirim_id)
        .select_related("pembaca")
    )
    rows = []
    for penerima in naskah.penerima_list:
        if penerima.pegawai_id:
            readers = [r for r in receipts if r.pembaca_id == penerima.pegawai_id]
        else:
            readers = [r for r in receipts if r.instansi_id == penerima.instansi_id]
        rows.append({"penerima": penerima, "readers": readers})
    return rows


def colleagues_of(*, user) -> QuerySet:
    """Return the other active officers of the user's agency, who may receive a disposisi."""
    return (
        User.objects.filter(instansi_id=user.instansi_id, is_active=True)
        .exclude(pk=user.pk)
        .order_by("name", "email")
    )


def officers_addressable() -> QuerySet:
    """Return the officers a memo may be addressed to by name."""
    return (
        User.objects.filter(instansi__isnull=False, instansi__is_active=True, is_active=True)
        .select_related("instansi")
        .order_by("instansi__code", "name")
    )


def naskah_recipient_users(*, naskah) -> list:
    """Return the officers who receive naskah: named officers, and agency officers unless restricted."""
    named = Q(pk__in=naskah.penerima_set.filter(pegawai__isnull=False).values("pegawai_id"))
    condition = named
    if not naskah.is_restricted:
        agencies = naskah.penerima_set.filter(instansi__isnull=False).values("instansi_id")
        condition |= Q(instansi_id__in=agencies)
    return list(User.objects.filter(condition, is_active=True).exclude(pk=naskah.pengirim_id).order_by("pk"))
