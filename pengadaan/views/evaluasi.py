"""A Pokja member's evaluation of one opened bid, and the bid's documents (each read logged)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.network import client_ip

from ..bundle import BID_PARTS
from ..forms import EvaluasiForm
from ..models import Evaluasi, PernyataanKonflik
from ..sealing import SealedError
from ..selectors import penawaran_for_pokja
from ..services import evaluasi_record, penawaran_part
from .common import get_or_404, officer_required, pdf_bytes_response, service_errors


@officer_required
def evaluasi(request, pk):
    """Evaluate one bid: only after opening and after declaring no conflict of interest."""
    penawaran = get_or_404(penawaran_for_pokja(user=request.user), pk=pk)
    declared = PernyataanKonflik.objects.filter(
        paket=penawaran.paket, anggota=request.user, ada_konflik=False
    ).exists()
    mine = Evaluasi.objects.filter(penawaran=penawaran, anggota=request.user).first()
    initial = {f: getattr(mine, f) for f in EvaluasiForm.base_fields} if mine else None
    form = EvaluasiForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluasi_record(penawaran=penawaran, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            service_errors(form, exc)
        else:
            messages.success(request, _("Evaluasi dicatat."))
            return redirect("pengadaan:kelola_paket", penawaran.paket_id)
    context = {
        "penawaran": penawaran,
        "paket": penawaran.paket,
        "form": form,
        "declared": declared,
        "parts": BID_PARTS,
    }
    return render(request, "pengadaan/evaluasi.html", context, status=400 if form.is_bound else 200)


@officer_required
def berkas(request, pk, name):
    """One document of an opened bid, unsealed for a Pokja member who declared no conflict."""
    if name not in BID_PARTS:
        raise Http404(_("Tidak ditemukan."))
    penawaran = get_or_404(penawaran_for_pokja(user=request.user), pk=pk)
    try:
        content = penawaran_part(penawaran=penawaran, actor=request.user, name=name, ip=client_ip(request))
    except SealedError as exc:
        messages.error(request, str(exc))
        return redirect("pengadaan:kelola_paket", penawaran.paket_id)
    return pdf_bytes_response(content, f"{penawaran.paket.reference}-{penawaran.pk}-{name}.pdf")
