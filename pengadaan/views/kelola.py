"""The officers' pages: vendor verification, package registration, and one desk per package."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.documents.forms import files_not_kept
from portal.documents.responses import document_response
from portal.network import client_ip

from ..constants import Status
from ..forms import (
    AdendumForm,
    GagalForm,
    JadwalForm,
    JawabanForm,
    JawabSanggahForm,
    KonflikForm,
    KontrakForm,
    PaketForm,
    UlangForm,
    VerifikasiForm,
)
from ..models import PernyataanKonflik
from ..ranking import paket_ranking
from ..selectors import (
    is_pejabat_pengadaan,
    is_ukpbj,
    langsung_of,
    paket_as_pokja,
    paket_for_officer,
    paket_page,
    penyedia_queue,
    penyedia_versi,
    pertanyaan_for_pokja,
    sanggah_answer_deadline,
    sanggah_for_pokja,
)
from ..services import (
    adendum_add,
    jadwal_amend,
    konflik_declare,
    kontrak_record,
    paket_fail,
    paket_open,
    paket_register,
    paket_retender,
    paket_winner_decide,
    penyedia_verify,
    pertanyaan_answer,
    sanggah_answer,
)
from .common import (
    desk_refusal,
    get_or_404,
    officer_required,
    paket_create_once,
    service_errors,
    ukpbj_required,
)
from .langsung import desk as langsung_desk


@officer_required
def kelola(request):
    """The officer's packages."""
    page = Paginator(paket_for_officer(user=request.user).order_by("-created_at", "-id"), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "pengadaan/kelola.html",
        {
            "page": page,
            "ukpbj": is_ukpbj(request.user),
            "pejabat": is_pejabat_pengadaan(request.user),
            "queue": penyedia_queue().count() if is_ukpbj(request.user) else 0,
        },
    )


def _verification_forms(failed=None):
    """Pair each waiting profile with its own form (prefixed, so ids stay unique) and its versi."""
    return [
        (
            p,
            failed
            if failed is not None and failed.prefix == f"penyedia-{p.pk}"
            else VerifikasiForm(prefix=f"penyedia-{p.pk}", initial={"versi": penyedia_versi(p)}),
        )
        for p in penyedia_queue()[:200]
    ]


@ukpbj_required
def penyedia_list(request):
    """Vendor profiles waiting for verification."""
    return render(request, "pengadaan/penyedia_list.html", {"queue": _verification_forms()})


@require_POST
@ukpbj_required
def penyedia_verifikasi(request, pk):
    profile = get_or_404(penyedia_queue(), pk=pk)
    form = VerifikasiForm(request.POST, prefix=f"penyedia-{profile.pk}")
    if form.is_valid():
        try:
            penyedia_verify(penyedia=profile, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            messages.success(request, _("Keputusan verifikasi %(name)s dicatat.") % {"name": profile})
            return redirect("pengadaan:penyedia_list")
    return render(
        request,
        "pengadaan/penyedia_list.html",
        {"queue": _verification_forms(form)},
        status=400,
    )


@ukpbj_required
def paket_baru(request):
    """Register and announce a package."""
    form = PaketForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        create = partial(paket_register, actor=request.user)
        if response := paket_create_once(request, form, create, _("Paket %(ref)s diumumkan.")):
            return response
    files_not_kept(request, form)
    return render(request, "pengadaan/paket_baru.html", {"form": form}, status=400 if form.is_bound else 200)


def _with_forms(rows, form_class, prefix, failed):
    """Pair each row with its own answer form (prefixed, so field ids stay unique on the page)."""
    return [
        (
            row,
            failed
            if failed is not None and failed.prefix == f"{prefix}-{row.pk}"
            else form_class(prefix=f"{prefix}-{row.pk}"),
        )
        for row in rows
    ]


def desk_context(request, paket, **forms):
    """Return what an officer's desk for one package shows, with its (possibly bound) forms."""
    user = request.user
    is_pokja = paket_as_pokja(user=user).filter(pk=paket.pk).exists()
    declaration = PernyataanKonflik.objects.filter(paket=paket, anggota=user).first()
    defaults = {
        "jadwal_form": JadwalForm(),
        "adendum_form": AdendumForm(),
        "konflik_form": KonflikForm(),
        "gagal_form": GagalForm(),
        "kontrak_form": KontrakForm(),
        "ulang_form": UlangForm(),
    }
    return {
        **defaults,
        **forms,
        "paket": paket,
        "is_pokja": is_pokja,
        "is_ppk": paket.ppk_id == user.pk,
        "is_ukpbj": is_ukpbj(user),
        "declaration": declaration,
        "pertanyaan": _with_forms(
            pertanyaan_for_pokja(user=user).filter(paket=paket) if is_pokja else [],
            JawabanForm,
            "tanya",
            forms.get("jawab_form"),
        ),
        "ranking": paket_ranking(paket=paket) if paket.dibuka_at else None,
        "sanggah": _with_forms(
            sanggah_for_pokja(user=user).filter(paket=paket) if is_pokja else [],
            JawabSanggahForm,
            "sanggah",
            forms.get("sanggah_form"),
        ),
        "pokja": paket.pokja_set.select_related("user").order_by("pk"),
        "jawab_sanggah_batas": sanggah_answer_deadline(paket=paket),
        "Status": Status,
    }


def _desk_paket(request, pk):
    get_or_404(paket_for_officer(user=request.user), pk=pk)
    return paket_page(pk=pk)


@officer_required
def kelola_paket(request, pk):
    """The officer's desk for one package."""
    paket = _desk_paket(request, pk)
    langsung = langsung_of(paket=paket)
    if langsung is not None:
        return langsung_desk(request, paket, langsung)
    return render(request, "pengadaan/kelola_paket.html", desk_context(request, paket))


def _desk_post(request, paket, form, form_name, action, success):
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            desk_refusal(request, form, exc)
        else:
            messages.success(request, success)
            return redirect("pengadaan:kelola_paket", paket.pk)
    return render(
        request, "pengadaan/kelola_paket.html", desk_context(request, paket, **{form_name: form}), status=400
    )


@require_POST
@officer_required
def jadwal(request, pk):
    paket = _desk_paket(request, pk)
    return _desk_post(
        request,
        paket,
        JadwalForm(request.POST),
        "jadwal_form",
        lambda data: jadwal_amend(paket=paket, actor=request.user, **data),
        _("Jadwal diubah; perubahan dan alasannya ditampilkan kepada semua."),
    )


@require_POST
@officer_required
def adendum(request, pk):
    paket = _desk_paket(request, pk)
    return _desk_post(
        request,
        paket,
        AdendumForm(request.POST, request.FILES),
        "adendum_form",
        lambda data: adendum_add(paket=paket, actor=request.user, **data),
        _("Adendum diterbitkan dan diberitahukan kepada peserta."),
    )


@officer_required
def sanggah_bukti(request, pk):
    """The evidence attached to a sanggah, for the package's Pokja."""
    row = get_or_404(sanggah_for_pokja(user=request.user).exclude(bukti=""), pk=pk)
    return document_response(
        file_field=row.bukti, download_name=f"{row.paket.reference}-sanggah-{row.pk}.pdf"
    )


@require_POST
@officer_required
def jawab(request, pk):
    pertanyaan = get_or_404(pertanyaan_for_pokja(user=request.user), pk=pk)
    paket = paket_page(pk=pertanyaan.paket_id)
    return _desk_post(
        request,
        paket,
        JawabanForm(request.POST, prefix=f"tanya-{pertanyaan.pk}"),
        "jawab_form",
        lambda data: pertanyaan_answer(pertanyaan=pertanyaan, actor=request.user, **data),
        _("Jawaban diterbitkan kepada semua peserta."),
    )


@require_POST
@officer_required
def buka(request, pk):
    paket = _desk_paket(request, pk)
    try:
        paket_open(paket=paket, actor=request.user, ip=client_ip(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Penawaran dibuka; berita acara pembukaan sedang dibuat."))
    return redirect("pengadaan:kelola_paket", paket.pk)


@require_POST
@officer_required
def konflik(request, pk):
    paket = _desk_paket(request, pk)
    return _desk_post(
        request,
        paket,
        KonflikForm(request.POST),
        "konflik_form",
        lambda data: konflik_declare(paket=paket, actor=request.user, **data),
        _("Pernyataan benturan kepentingan dicatat."),
    )


@require_POST
@officer_required
def tetapkan(request, pk):
    paket = _desk_paket(request, pk)
    try:
        paket_winner_decide(paket=paket, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Pemenang diumumkan; masa sanggah dimulai."))
    return redirect("pengadaan:kelola_paket", paket.pk)


@require_POST
@officer_required
def sanggah_jawab(request, pk):
    row = get_or_404(sanggah_for_pokja(user=request.user), pk=pk)
    paket = paket_page(pk=row.paket_id)
    return _desk_post(
        request,
        paket,
        JawabSanggahForm(request.POST, prefix=f"sanggah-{row.pk}"),
        "sanggah_form",
        lambda data: sanggah_answer(sanggah=row, actor=request.user, **data),
        _("Jawaban sanggah dikirim kepada penyanggah."),
    )


@require_POST
@officer_required
def gagal(request, pk):
    paket = _desk_paket(request, pk)
    return _desk_post(
        request,
        paket,
        GagalForm(request.POST),
        "gagal_form",
        lambda data: paket_fail(paket=paket, actor=request.user, **data),
        _("Tender dinyatakan gagal."),
    )


@require_POST
@officer_required
def kontrak(request, pk):
    paket = _desk_paket(request, pk)
    return _desk_post(
        request,
        paket,
        KontrakForm(request.POST),
        "kontrak_form",
        lambda data: kontrak_record(paket=paket, actor=request.user, **data),
        _("SPPBJ dan kontrak dicatat."),
    )


@require_POST
@ukpbj_required
def ulang(request, pk):
    paket = _desk_paket(request, pk)
    form = UlangForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            baru = paket_retender(paket=paket, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            messages.success(request, _("Paket ditenderkan ulang sebagai %(ref)s.") % {"ref": baru.reference})
            return redirect("pengadaan:kelola_paket", baru.pk)
    return render(
        request, "pengadaan/kelola_paket.html", desk_context(request, paket, ulang_form=form), status=400
    )
