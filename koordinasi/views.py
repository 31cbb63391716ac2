from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.cache import version
from portal.documents.forms import files_not_kept
from portal.documents.responses import document_response
from portal.submissions import submit_once

from .constants import Akses
from .export import naskah_export
from .forms import BalasForm, DisposisiForm, FilterForm, NaskahForm, SelesaiForm
from .markup import isi_html
from .models import Disposisi, Naskah
from .selectors import (
    NAMES_VERSION,
    addressees_unreached,
    disposisi_chain,
    inbox_version,
    naskah_detail,
    naskah_draft_of,
    naskah_drafts,
    naskah_inbox,
    naskah_inbox_counts,
    naskah_received_by,
    naskah_sent,
    naskah_thread,
    naskah_visible_to,
    read_receipts,
)
from .services import (
    disposisi_complete,
    disposisi_give,
    naskah_compose_send,
    naskah_draft_delete,
    naskah_draft_save,
    naskah_open,
    naskah_reply,
    naskah_send,
)

PAGE_SIZE = 50
MAX_PAGE = 1000


def officer_required(view):
    """Let in signed-in officers bound to an agency; tell anyone else why not (403)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.instansi_id:
            return render(request, "koordinasi/no_access.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _visible(request, pk, *, detail=False) -> Naskah:
    """Return memo `pk` if the user may read it (with all its page shows, if `detail`), else 404."""
    try:
        if detail:
            return naskah_detail(user=request.user, pk=pk)
        return naskah_visible_to(user=request.user).get(pk=pk)
    except Naskah.DoesNotExist as exc:
        raise Http404(_("Naskah tidak ditemukan.")) from exc


@officer_required
def index(request):
    """The officer's inbox: memos to them and to their agency, with filters and search."""
    user = request.user
    form = FilterForm(request.GET or None)
    context = {
        "form": form,
        "tab": "masuk",
        "inbox_version": inbox_version(user=user),
        # Read (and the page's query built) only when the page's cached fragment is drawn afresh.
        "counts": SimpleLazyObject(lambda: naskah_inbox_counts(user=user)),
    }
    return render(request, "koordinasi/inbox.html", context | _page(request, lambda: _inbox_of(user, form)))


def _inbox_of(user, form):
    if form.is_bound and not form.is_valid():  # a forged filter shows its error, never the whole inbox
        return Naskah.objects.none()
    data = form.cleaned_data if form.is_bound else {}
    return naskah_inbox(
        user=user,
        kotak=data.get("kotak") or "semua",
        sifat=data.get("sifat") or None,
        unread=data.get("belum_dibaca", False),
        needs_action=data.get("perlu_tindakan", False),
        overdue=data.get("terlambat", False),
        q=data.get("q", ""),
    )


def _page(request, naskah_list) -> dict:
    """
    Return one page of the memos `naskah_list()` returns (read when first used): the row after the
    page tells whether another page follows, where counting an agency's every memo would cost more
    than the page.
    """
    try:
        number = min(max(int(request.GET.get("halaman", 1)), 1), MAX_PAGE)
    except ValueError:
        number = 1
    start = (number - 1) * PAGE_SIZE
    rows = SimpleLazyObject(lambda: list(naskah_list()[start : start + PAGE_SIZE + 1]))
    return {
        "naskah_list": SimpleLazyObject(lambda: rows[:PAGE_SIZE]),
        "halaman": number,
        "has_next": SimpleLazyObject(lambda: len(rows) > PAGE_SIZE),
    }


@officer_required
def sent(request):
    # The inbox's form validates the search text too (length, no NUL, which PostgreSQL refuses).
    search = FilterForm({"q": request.GET.get("q", "")})
    if search.is_valid():
        q = search.cleaned_data["q"]
        found = partial(naskah_sent, user=request.user, q=q)
    else:  # a forged search shows its error, never every memo sent
        q, found = request.GET.get("q", "")[:100], Naskah.objects.none
    context = {"q": q, "tab": "terkirim", "search_errors": search.errors.get("q")} | _page(request, found)
    return render(request, "koordinasi/sent.html", context)


@officer_required
def drafts(request):
    return render(
        request, "koordinasi/drafts.html", {"naskah_list": naskah_drafts(user=request.user), "tab": "draf"}
    )


def _submit_once(request, form, *, repeated, work, pending=None):
    """Do a memo form's `work` once per rendered form (portal.submissions.submit_once)."""
    return submit_once(
        request,
        form,
        namespace="koordinasi",
        pending=pending or reverse("koordinasi:sent"),
        repeated=repeated,
        work=work,
    )


def _compose(request, naskah=None):
    form = NaskahForm(request.POST or None, request.FILES or None, user=request.user, instance=naskah)
    if request.method == "POST" and form.is_valid():
        repeated = _("Naskah ini sudah diproses; kiriman ganda diabaikan.")
        work = partial(_compose_save, request, naskah)
        if response := _submit_once(request, form, repeated=repeated, work=work):
            return response
    files_not_kept(request, form)
    context = {"form": form, "naskah": naskah, "tab": "tulis"}
    return render(request, "koordinasi/compose.html", context)


def _compose_save(request, naskah, data) -> str:
    """Send the memo or save the draft, as the button asked; return where to go next."""
    files = data["lampiran"]
    if "kirim" in request.POST:
        sent_naskah = naskah_compose_send(author=request.user, data=data, files=files, naskah=naskah)
        return _sent(request, sent_naskah)
    draft = naskah_draft_save(author=request.user, data=data, files=files, naskah=naskah)
    messages.success(request, _("Draf tersimpan."))
    return reverse("koordinasi:draft_edit", args=[draft.pk])


@officer_required
def compose(request):
    return _compose(request)


@officer_required
def draft_edit(request, pk):
    try:
        naskah = naskah_draft_of(user=request.user, pk=pk)
    except Naskah.DoesNotExist as exc:
        raise Http404(_("Draf tidak ditemukan.")) from exc
    return _compose(request, naskah)


@officer_required
@require_POST
def draft_send(request, pk):
    try:
        naskah = naskah_draft_of(user=request.user, pk=pk)
        naskah = naskah_send(naskah=naskah, actor=request.user)
    except Naskah.DoesNotExist as exc:
        raise Http404(_("Draf tidak ditemukan.")) from exc
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("koordinasi:draft_edit", pk=pk)
    return redirect(_sent(request, naskah))


@officer_required
@require_POST
def draft_discard(request, pk):
    try:
        naskah_draft_delete(author=request.user, naskah=naskah_draft_of(user=request.user, pk=pk))
    except Naskah.DoesNotExist as exc:
        raise Http404(_("Draf tidak ditemukan.")) from exc
    except ValidationError as error:  # sent from another tab meanwhile
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Draf dihapus."))
    return redirect("koordinasi:drafts")


def _sent(request, naskah) -> str:
    """Say the memo went, and to which addressed agencies it did not; return its page's address."""
    messages.success(request, _("Naskah terkirim dengan nomor %(nomor)s.") % {"nomor": naskah.nomor})
    if empty := addressees_unreached(naskah=naskah)[0]:
        messages.warning(
            request,
            _(
                "Belum ada pegawai di portal pada %(names)s: instansi ini tidak menerima naskah lewat "
                "portal. Sampaikan salinannya lewat jalur lain."
            )
            % {"names": ", ".join(agency.name for agency in empty)},
        )
    return reverse("koordinasi:detail", args=[naskah.pk])


@officer_required
def detail(request, pk):
    """Show a memo to whoever may read it, logging the open and the first reading."""
    return _detail_page(request, pk)


def _detail_page(request, pk, *, status=200, **forms):
    """
    Draw memo `pk`'s page for whoever may read it (404 for anyone else), logging the open and the
    first reading; `forms` (balas_form, disposisi_form) replace the page's empty forms, as when a
    posted one is shown again with its errors.
    """
    naskah = _visible(request, pk, detail=True)
    # Every drawing of the page is an open, as when a refused form redirected here: logged once each.
    naskah_open(naskah=naskah, user=request.user)
    user = request.user
    received = user.pk != naskah.pengirim_id
    chain = disposisi_chain(naskah=naskah, user=user)
    context = {
        "naskah": naskah,
        # Drawn only when the memo's head is not in the cache.
        "isi": SimpleLazyObject(lambda: isi_html(isi=naskah.isi, format=naskah.format)),
        "receipts": read_receipts(naskah=naskah) if not received else None,
        "thread": naskah_thread(naskah=naskah, user=user),
        "chain": chain,
        "my_open": [d for d in chain if d.kepada_id == user.pk and d.selesai_at is None],
        "balas_form": BalasForm(),
        "disposisi_form": DisposisiForm(user=user, naskah=naskah) if received else None,
        "names_version": version(NAMES_VERSION),
        "selesai_form": SelesaiForm(),
    }
    return render(request, "koordinasi/detail.html", context | forms, status=status)


@officer_required
@require_POST
def reply(request, pk):
    naskah = _visible(request, pk)
    form = BalasForm(request.POST)
    if form.is_valid():

        def work(data):
            balasan = naskah_reply(naskah=naskah, actor=request.user, **data)
            message = _("Balasan terkirim dengan nomor %(nomor)s.") % {"nomor": balasan.nomor}
            messages.success(request, message)
            return reverse("koordinasi:detail", args=[balasan.pk])

        repeated = _("Balasan ini sudah dikirim; kiriman ganda diabaikan.")
        if response := _submit_once(request, form, repeated=repeated, work=work):
            return response
    # Shown again, not redirected: what was typed stays, each error beside its field.
    return _detail_page(request, pk, balas_form=form, status=400)


@officer_required
@require_POST
def disposisi(request, pk):
    naskah = _visible(request, pk)
    form = DisposisiForm(request.POST, user=request.user, naskah=naskah)
    if form.is_valid():

        def work(data):
            disposisi_give(naskah=naskah, actor=request.user, **data)
            messages.success(request, _("Disposisi dikirim kepada %(name)s.") % {"name": data["kepada"]})
            return url

        # The first post's page is this memo's, even while it is still being sent.
        url = reverse("koordinasi:detail", args=[pk])
        repeated = _("Disposisi ini sudah dikirim; kiriman ganda diabaikan.")
        if response := _submit_once(request, form, repeated=repeated, work=work, pending=url):
            return response
    return _detail_page(request, pk, disposisi_form=form, status=400)


@officer_required
@require_POST
def disposisi_done(request, pk):
    row = get_object_or_404(Disposisi, pk=pk, kepada=request.user)
    if not naskah_received_by(user=request.user).filter(pk=row.naskah_id).exists():
        raise Http404
    form = SelesaiForm(request.POST)
    form.is_valid()
    try:
        disposisi_complete(disposisi=row, actor=request.user, catatan=form.cleaned_data.get("catatan", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Tindak lanjut ditandai selesai."))
    return redirect("koordinasi:detail", pk=row.naskah_id)


@officer_required
def attachment(request, pk, lampiran_pk):
    """Serve an attachment to whoever may read its memo; anyone else gets a 404."""
    naskah = get_object_or_404(naskah_visible_to(user=request.user), pk=pk)
    lampiran = get_object_or_404(naskah.lampiran_set, pk=lampiran_pk)
    # A Rahasia attachment's name (often a person's) stays out of the log the admin lists: its number.
    keterangan = f"lampiran #{lampiran.pk}" if naskah.is_restricted else lampiran.nama
    naskah_open(naskah=naskah, user=request.user, aksi=Akses.LAMPIRAN, keterangan=keterangan)
    return document_response(file_field=lampiran.berkas, download_name=lampiran.nama, as_attachment=True)


@officer_required
def export(request, pk):
    """Serve the memo as a QR-verifiable PDF, with the officer's disposisi chain when they are in one."""
    naskah = _visible(request, pk, detail=True)
    document, with_chain = naskah_export(naskah=naskah, user=request.user)
    naskah_open(naskah=naskah, user=request.user, aksi=Akses.EKSPOR)
    name = f"naskah-{naskah.nomor.replace('/', '-')}.pdf"
    if with_chain is None:
        return document_response(file_field=document.file, download_name=name)
    response = HttpResponse(with_chain, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
