"""The vendor's pages: profile, joining a package, questions, sealed bids, receipts, sanggah."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.documents.forms import files_not_kept
from portal.network import request_received_at
from portal.submissions import submit_once

from ..forms import PenawaranForm, PenyediaForm, PertanyaanForm, SanggahForm
from ..receipts import penawaran_receipt, penawaran_receipt_generate
from ..selectors import (
    langsung_of_vendor,
    penawaran_of_vendor,
    penawaran_window,
    pendaftaran_of,
    penyedia_of,
)
from ..services import paket_join, penawaran_submit, penyedia_register, pertanyaan_ask, sanggah_file
from .common import get_or_404, issued_response, service_errors
from .public import _paket_or_404, paket_context


@login_required
def penyedia(request):
    """The user's vendor profile: register it, see its verification, correct it."""
    profile = penyedia_of(user=request.user)
    form = PenyediaForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            saved = penyedia_register(
                user=request.user, **{k: form.cleaned_data[k] for k in form.Meta.fields}
            )
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            if saved.is_verified:  # saved unchanged: still verified
                messages.success(request, _("Profil penyedia tidak berubah dan tetap terverifikasi."))
            else:
                messages.success(
                    request, _("Profil penyedia disimpan dan menunggu verifikasi petugas UKPBJ.")
                )
            return redirect("pengadaan:penyedia")
    bids = penawaran_of_vendor(user=request.user).order_by("-diterima_at") if profile else []
    invitations = langsung_of_vendor(user=request.user).order_by("-diundang_at") if profile else []
    return render(
        request,
        "pengadaan/penyedia.html",
        {"form": form, "profile": profile, "bids": bids, "invitations": invitations},
    )


def _vendor_page_post(request, pk, form, form_name, action, success):
    paket = _paket_or_404(pk)
    if form.is_valid():
        try:
            action(paket, penyedia_of(user=request.user), form.cleaned_data)
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("pengadaan:paket", paket.pk)
    return render(
        request, "pengadaan/paket.html", paket_context(request, paket, **{form_name: form}), status=400
    )


@require_POST
@login_required
def daftar(request, pk):
    """Join a package as a verified vendor."""
    paket = _paket_or_404(pk)
    profile = penyedia_of(user=request.user)
    if profile is None:
        messages.error(request, _("Lengkapi profil penyedia dulu."))
        return redirect("pengadaan:penyedia")
    try:
        paket_join(paket=paket, penyedia=profile)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Anda terdaftar sebagai peserta paket ini."))
    return redirect("pengadaan:paket", paket.pk)


@require_POST
@login_required
def tanya(request, pk):
    return _vendor_page_post(
        request,
        pk,
        PertanyaanForm(request.POST),
        "tanya_form",
        lambda paket, penyedia, data: pertanyaan_ask(paket=paket, penyedia=_require(penyedia), **data),
        _("Pertanyaan terkirim; jawabannya diumumkan kepada semua peserta."),
    )


@require_POST
@login_required
def sanggah(request, pk):
    return _vendor_page_post(
        request,
        pk,
        SanggahForm(request.POST, request.FILES),
        "sanggah_form",
        lambda paket, penyedia, data: sanggah_file(paket=paket, penyedia=_require(penyedia), **data),
        _("Sanggah terkirim; Pokja akan menjawabnya."),
    )


def _require(penyedia):
    if penyedia is None:
        raise ValidationError(_("Lengkapi profil penyedia dulu."))
    return penyedia


@login_required
def penawaran(request, pk):
    """
    Upload (or replace, until the deadline) the vendor's sealed bid. Outside the bid window the
    page shows the vendor's bid and why no bid can be sent; a bid posted anyway is refused by the
    service.
    """
    paket = _paket_or_404(pk)
    profile = penyedia_of(user=request.user)
    if pendaftaran_of(paket=paket, penyedia=profile) is None:
        messages.error(request, _("Daftarlah sebagai peserta paket ini sebelum menawar."))
        return redirect("pengadaan:paket", paket.pk)
    form = PenawaranForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        # A double click seals one bid: a second would replace the first, and its receipt with it.
        def work(data):
            harga, received_at = data.pop("harga"), request_received_at(request)
            sent = penawaran_submit(
                paket=paket, penyedia=profile, harga=harga, parts=data, received_at=received_at
            )
            messages.success(
                request,
                _("Penawaran diterima %(when)s WIB dan disegel; sidik SHA-256-nya ada di bukti penerimaan.")
                % {"when": formats.date_format(timezone.localtime(sent.diterima_at), "j F Y H:i:s")},
            )
            return reverse("pengadaan:paket", args=[paket.pk])

        repeated = _(
            "Kiriman ganda diabaikan: penawaran ini sudah dikirim. Periksa statusnya di halaman paket."
        )
        pending = reverse("pengadaan:paket", args=[paket.pk])
        if response := submit_once(
            request, form, namespace="pengadaan", pending=pending, repeated=repeated, work=work
        ):
            return response
    files_not_kept(request, form)
    mine = penawaran_of_vendor(user=request.user).filter(paket=paket, aktif=True).first()
    return render(
        request,
        "pengadaan/penawaran.html",
        {
            "paket": paket,
            "form": form,
            "mine": mine,
            "window": penawaran_window(paket=paket),
            # A profile change waits for verification; penawaran_submit refuses until then.
            "verified": profile.is_verified,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def bukti_lama(request, pk):
    """A receipt link by row number, as emails sent earlier hold it: to the vendor's own bid's link."""
    obj = get_or_404(penawaran_of_vendor(user=request.user), pk=pk)
    return redirect("pengadaan:bukti", obj.digest)


@login_required
def bukti(request, digest):
    """The receipt of one of the vendor's own bids."""
    obj = get_or_404(penawaran_of_vendor(user=request.user), digest=digest)
    # Made after commit by a task; made here if that task never ran (broker down), as it would be.
    document = penawaran_receipt(penawaran=obj) or penawaran_receipt_generate(penawaran_id=obj.pk)
    return issued_response(document, f"{obj.paket.reference}-bukti-penawaran.pdf")
