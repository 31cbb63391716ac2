"""Pengadaan langsung pages: the Pejabat's desk, the PPK's order, the invited vendor's offer."""

from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.documents.responses import document_response
from portal.network import request_received_at

from ..constants import LANGSUNG_OPEN, Status
from ..forms import BatalForm, LangsungForm, LangsungPenawaranForm, NegosiasiForm, PesananForm
from ..selectors import (
    is_pejabat_pengadaan,
    is_ukpbj,
    langsung_of,
    langsung_of_vendor,
    langsung_offer_closed,
    langsung_offer_readable,
    paket_for_officer,
    paket_page,
    penyedia_of,
)
from ..services import langsung_cancel, langsung_create, langsung_negotiate, langsung_offer, langsung_order
from .common import desk_refusal, get_or_404, officer_required, paket_create_once, service_errors


def pejabat_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_pejabat_pengadaan(request.user):
            raise PermissionDenied(_("Halaman ini untuk Pejabat Pengadaan."))
        return view(request, *args, **kwargs)

    return wrapper


@pejabat_required
def baru(request):
    """Register a direct procurement and invite its one vendor."""
    form = LangsungForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        create = partial(langsung_create, actor=request.user)
        message = _("Pengadaan langsung %(ref)s dibuat; penyedia diundang.")
        if response := paket_create_once(request, form, create, message):
            return response
    return render(
        request, "pengadaan/langsung_baru.html", {"form": form}, status=400 if form.is_bound else 200
    )


def desk(request, paket, langsung, status=200, **forms):
    """The officers' desk of one direct procurement, with its (possibly bound) forms."""
    user = request.user
    context = {
        "negosiasi_form": NegosiasiForm(),
        "pesanan_form": PesananForm(),
        "batal_form": BatalForm(),
        **forms,
        "paket": paket,
        "langsung": langsung,
        "is_pejabat": langsung.pejabat_id == user.pk,
        "is_ppk": paket.ppk_id == user.pk,
        "is_ukpbj": is_ukpbj(user),
        "can_cancel": paket.status in LANGSUNG_OPEN,
        "riwayat": paket.riwayat_set.select_related("actor"),
        "Status": Status,
    }
    return render(request, "pengadaan/kelola_langsung.html", context, status=status)


def _desk_langsung(request, pk):
    get_or_404(paket_for_officer(user=request.user), pk=pk)
    paket = paket_page(pk=pk)
    langsung = langsung_of(paket=paket)
    if langsung is None:
        raise Http404(_("Paket ini bukan pengadaan langsung."))
    return paket, langsung


def _desk_post(request, pk, *, allowed, form_class, form_name, action, success):
    paket, langsung = _desk_langsung(request, pk)
    if not allowed(paket, langsung, request.user):
        raise PermissionDenied(_("Langkah ini bukan wewenang Anda pada paket ini."))
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(paket, form.cleaned_data)
        except ValidationError as exc:
            desk_refusal(request, form, exc)
        else:
            messages.success(request, success)
            return redirect("pengadaan:kelola_paket", paket.pk)
    return desk(request, paket, langsung, status=400, **{form_name: form})


def _is_pejabat(paket, langsung, user):
    return langsung.pejabat_id == user.pk


@require_POST
@officer_required
def negosiasi(request, pk):
    return _desk_post(
        request,
        pk,
        allowed=_is_pejabat,
        form_class=NegosiasiForm,
        form_name="negosiasi_form",
        action=lambda paket, data: langsung_negotiate(paket=paket, actor=request.user, **data),
        success=_("Hasil klarifikasi dan negosiasi dicatat."),
    )


@require_POST
@officer_required
def pesanan(request, pk):
    return _desk_post(
        request,
        pk,
        allowed=lambda paket, langsung, user: paket.ppk_id == user.pk,
        form_class=PesananForm,
        form_name="pesanan_form",
        action=lambda paket, data: langsung_order(paket=paket, actor=request.user, **data),
        success=_("SPK/surat pesanan dicatat; hasilnya kini diumumkan."),
    )


@require_POST
@officer_required
def batal(request, pk):
    return _desk_post(
        request,
        pk,
        allowed=_is_pejabat,
        form_class=BatalForm,
        form_name="batal_form",
        action=lambda paket, data: langsung_cancel(paket=paket, actor=request.user, **data),
        success=_("Pengadaan langsung dibatalkan."),
    )


@login_required
def penawaran(request, pk):
    """The invited vendor's offer: price and one PDF, before the deadline."""
    langsung = get_or_404(langsung_of_vendor(user=request.user), paket_id=pk)
    paket = langsung.paket
    received_at = request_received_at(request)
    closed = langsung_offer_closed(langsung=langsung, now=received_at)
    if closed:
        messages.error(request, closed)
        return redirect("pengadaan:paket", paket.pk)
    form = LangsungPenawaranForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        try:
            langsung_offer(
                paket=paket,
                penyedia=penyedia_of(user=request.user),
                received_at=received_at,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            messages.success(request, _("Penawaran diterima; Pejabat Pengadaan akan mengundang klarifikasi."))
            return redirect("pengadaan:paket", paket.pk)
    return render(
        request,
        "pengadaan/langsung_penawaran.html",
        {"paket": paket, "langsung": langsung, "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
def berkas(request, pk):
    """The offer's PDF: for the vendor, the Pejabat Pengadaan, the PPK and UKPBJ; 404 for anyone else."""
    langsung = get_or_404(langsung_offer_readable(user=request.user), paket_id=pk)
    return document_response(
        file_field=langsung.berkas_penawaran, download_name=f"{langsung.paket.reference}-penawaran.pdf"
    )
