"""
Who may read which memo, in one place: the services write each right to read as a HakBaca row
when a memo is sent or a disposisi given (see services._readers_grant), and naskah_visible_to()
is the one queryset that reads them; every door (the inbox and its counts, the sent box, search,
the memo's page, its attachments and its export) goes through it, so a memo a user may not read is
simply absent (a 404), never refused. It stands on naskah_register(), the sent memos the
administrators' register lists: a draft is its drafter's alone (their drafts box) until it is sent,
in no list, count or search of anyone else.

- Biasa and Terbatas: the officers of every addressed agency, the named officers, the sender.
- Rahasia and Sangat rahasia: only the named officers and the sender, never a whole agency.
- Either way: every officer in the memo's disposisi chain (giver or receiver), who also reads the
  replies their agency sends to it.
"""

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from portal.accounts.models import User
from portal.cache import version
from portal.wilayah.models import Instansi

from .constants import Alasan, Peran, Sifat, Status
from .models import Disposisi, HakBaca, Naskah, Penerima, TandaBaca

SEARCH_FIELDS = ("nomor", "perihal", "pengirim__name", "pengirim__email", "instansi__name", "instansi__code")
# What a list row shows of a memo (not its body); its sender and agency come as two annotations.
ROW_FIELDS = ("nomor", "perihal", "sifat", "klasifikasi", "status", "sent_at", "due_at", "created_at")
NEWEST_FIRST = ("-sent_at", "-created_at", "-id")


def _reader_rows(user, kotak="semua") -> QuerySet:
    """
    Return the rights to read that `user` holds: their own and their agency's (officers only), or
    of one box, those to them ("saya", by name or disposisi) or to their agency ("instansi").
    """
    if not user.is_authenticated or not user.instansi_id:
        return HakBaca.objects.none()
    mine, agency = Q(pegawai=user), Q(instansi_id=user.instansi_id)
    return HakBaca.objects.filter({"saya": mine, "instansi": agency}.get(kotak, mine | agency))


def naskah_register() -> QuerySet:
    """Return every sent memo: the register, which no draft enters."""
    return Naskah.objects.filter(status=Status.TERKIRIM)


def _readable_through(rows) -> QuerySet:
    return naskah_register().filter(Exists(rows.filter(naskah=OuterRef("pk"))))


def naskah_visible_to(*, user) -> QuerySet:
    """Return the sent memos `user` may read."""
    return _readable_through(_reader_rows(user))


def naskah_received_by(*, user) -> QuerySet:
    """Return the sent memos addressed to `user` or their agency (or disposed to them), not their own."""
    return naskah_visible_to(user=user).exclude(pengirim=user)


def _sender_name():
    # As User.get_full_name(): the name, else the email address.
    return Coalesce(NullIf("pengirim__name", Value("")), "pengirim__email", output_field=CharField())


def _boolean(condition):
    return ExpressionWrapper(condition, output_field=BooleanField())


def naskah_annotate(qs: QuerySet, *, user) -> QuerySet:
    """
    Add what a list row shows: the sender's name and agency code, whether the user read it, whether
    they must act on it (an open disposisi to them, or unread and urgent) and whether they are late
    (a disposisi past its date, or past the deadline a memo addressed to them or their agency as
    Kepada, not a copy, and still unanswered: no reply sent from their agency); filters read the same
    annotations.
    """
    open_disposisi = Disposisi.objects.filter(naskah=OuterRef("pk"), kepada=user, selesai_at__isnull=True)
    late_disposisi = open_disposisi.filter(batas_waktu__lt=timezone.localdate())
    addressed = Penerima.objects.filter(naskah=OuterRef("pk"), peran=Peran.KEPADA).filter(
        Q(pegawai=user) | Q(instansi_id=user.instansi_id)
    )
    answered = (
        naskah_register()
        .filter(balasan_untuk=OuterRef("pk"), instansi_id=user.instansi_id)
        .exclude(pengirim=OuterRef("pengirim"))  # the sender's own follow-up answers nothing
    )
    unanswered = Exists(addressed) & ~Exists(answered)
    unread = Q(is_read=False)
    return (
        qs.only(*ROW_FIELDS)
        .alias(has_open_disposisi=Exists(open_disposisi), has_late_disposisi=Exists(late_disposisi))
        .annotate(
            pengirim_nama=_sender_name(),
            instansi_code=F("instansi__code"),
            is_read=Exists(TandaBaca.objects.filter(naskah=OuterRef("pk"), pembaca=user)),
        )
        .annotate(
            needs_action=_boolean(Q(has_open_disposisi=True) | (unread & ~Q(sifat=Sifat.BIASA))),
            overdue=_boolean(Q(has_late_disposisi=True) | (unanswered & Q(due_at__lt=timezone.now()))),
        )
    )


def naskah_inbox(*, user, kotak="semua", sifat=None, unread=False, needs_action=False, overdue=False, q=""):
    """Return the memos of the user's inbox box `kotak`, filtered and searched, newest first."""
    box = _readable_through(_reader_rows(user, kotak)).exclude(pengirim=user)
    qs = naskah_annotate(box, user=user)
    if sifat:
        qs = qs.filter(sifat=sifat)
    if unread:
        qs = qs.filter(is_read=False)
    if needs_action:
        qs = qs.filter(needs_action=True)
    if overdue:
        qs = qs.filter(overdue=True)
    return naskah_search(qs, q=q).order_by(*NEWEST_FIRST)


def inbox_version_name(kind, pk) -> str:
    """Return the name of the version of what an officer's (kind "pegawai") or agency's inbox shows."""
    return f"koordinasi:kotak:{kind}:{pk}"


def inbox_version(*, user) -> str:
    """Return the version of the user's inbox: raised when something reaches them or their agency."""
    mine = version(inbox_version_name("pegawai", user.pk))
    return f"{version(inbox_version_name('instansi', user.instansi_id))}.{mine}"


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
    """
    Return how many memos of each box of the inbox (all, mine, my agency's) the user has not opened,
    counted from the rights to read alone: a right exists only for a sent memo.
    """
    own = HakBaca.objects.filter(naskah=OuterRef("naskah"), pegawai=user, alasan=Alasan.PENGIRIM)
    read = TandaBaca.objects.filter(naskah=OuterRef("naskah"), pembaca=user)
    unread = _reader_rows(user).exclude(Exists(own)).exclude(Exists(read))
    return unread.aggregate(
        semua=Count("naskah", distinct=True),
        saya=Count("naskah", distinct=True, filter=Q(pegawai=user)),
        instansi=Count("naskah", distinct=True, filter=Q(instansi_id=user.instansi_id)),
    )


def naskah_sent(*, user, q="") -> QuerySet:
    """
    Return the memos the user sent, newest first, with how many addressees have read each, as the
    memo's receipts count them: a named officer, or an officer of an addressed agency (not one
    reading it through a disposisi inside their agency).
    """
    addressed = Penerima.objects.filter(naskah=OuterRef(OuterRef("pk")))
    reads = (
        TandaBaca.objects.filter(naskah=OuterRef("pk"))
        .filter(Q(pembaca__in=addressed.values("pegawai")) | Q(instansi__in=addressed.values("instansi")))
        .order_by()
        .values("naskah")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = naskah_visible_to(user=user).filter(pengirim=user).only(*ROW_FIELDS)
    qs = qs.annotate(read_count=Coalesce(Subquery(reads), 0))
    return naskah_search(qs, q=q).order_by(*NEWEST_FIRST)


def naskah_drafts(*, user) -> QuerySet:
    """Return the user's drafts, last edited first."""
    return Naskah.objects.filter(pengirim=user, status=Status.DRAF).order_by("-updated_at", "-id")


def naskah_draft_of(*, user, pk) -> Naskah:
    """Return the user's own draft `pk`; raise Naskah.DoesNotExist otherwise."""
    return naskah_drafts(user=user).select_related("instansi").get(pk=pk)


def naskah_detail(*, user, pk) -> Naskah:
    """
    Return memo `pk` if `user` may read it, with what its page shows: `penerima_list` (addressees,
    with their agency or officer) and `lampiran_list`, both read when first used, and
    `disposisi_list` (the disposisi of the user's agency, oldest first); raise Naskah.DoesNotExist
    otherwise.
    """
    naskah = (
        naskah_visible_to(user=user)
        .select_related("instansi", "pengirim")
        .annotate(
            balasan_untuk_nomor=F("balasan_untuk__nomor"),
            # A memo that starts no thread and is in none has a thread of one: no need to look for it.
            has_replies=Exists(Naskah.objects.filter(utas_id=OuterRef("pk"))),
        )
        .get(pk=pk)
    )
    # One memo's rows: a plain query, where a prefetch would cost its machinery for nothing.
    disposisi = Disposisi.objects.filter(naskah=naskah, instansi_id=user.instansi_id)
    naskah.disposisi_list = list(disposisi.select_related("dari", "kepada", "instansi"))
    # A sent memo's addressees and attachments never change: read when first used, so a page
    # drawing the memo's head from the cache needs neither.
    penerima = naskah.penerima_set.select_related("instansi", "pegawai__instansi")
    naskah.penerima_list = SimpleLazyObject(lambda: list(penerima))
    naskah.lampiran_list = SimpleLazyObject(lambda: list(naskah.lampiran_set.all()))
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
        .annotate(pengirim_nama=_sender_name(), instansi_code=F("instansi__code"))
        .order_by("sent_at", "id")
    )


def disposisi_chain(*, naskah, user) -> list:
    """Return the disposisi of the user's agency on naskah (from naskah_detail) if the user is in them."""
    rows = naskah.disposisi_list
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


# Bumped when an officer's or an agency's row changes (koordinasi/apps.py): what is kept of a
# page showing their names (a memo's head, the disposisi form's choice of colleagues) keys on it.
NAMES_VERSION = "koordinasi:nama"


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


def _with_officers(agencies: QuerySet, *, besides) -> QuerySet:
    # Most agencies join the portal one by one: one with no other active officer reads no memo in it.
    officers = User.objects.filter(instansi=OuterRef("pk"), is_active=True).exclude(pk=besides.pk)
    return agencies.annotate(has_officers=Exists(officers))


def agencies_addressable(*, sender) -> QuerySet:
    """Return the active agencies a memo may be addressed to, each with `has_officers` besides sender."""
    return _with_officers(Instansi.objects.filter(is_active=True), besides=sender).order_by("name")


def addressees_unreached(*, naskah) -> tuple[list, list]:
    """
    Return naskah's addressed agencies with no active officer in the portal but its sender, and its
    named officers no longer active: neither will read it in the portal.
    """
    rows = list(naskah.penerima_set.select_related("pegawai"))
    addressed = Instansi.objects.filter(pk__in=[r.instansi_id for r in rows if r.instansi_id])
    agencies = _with_officers(addressed, besides=naskah.pengirim).order_by("name")
    empty = [agency for agency in agencies if not agency.has_officers]
    gone = [r.pegawai for r in rows if r.pegawai_id and not r.pegawai.is_active]
    return empty, gone


def naskah_recipient_users(*, naskah) -> list:
    """Return the active officers naskah is addressed to: by name, or in an agency that may read it."""
    rows = naskah.hak_baca_set.filter(alasan__in=(Alasan.ALAMAT, Alasan.INSTANSI))
    condition = Q(pk__in=rows.filter(pegawai__isnull=False).values("pegawai_id"))
    condition |= Q(instansi_id__in=rows.filter(instansi__isnull=False).values("instansi_id"))
    return list(User.objects.filter(condition, is_active=True).exclude(pk=naskah.pengirim_id).order_by("pk"))
