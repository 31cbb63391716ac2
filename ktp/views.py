from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .constants import JENIS_INFO, WITHDRAWABLE_STATUSES, Jenis
from .rules import required_documents
from .selectors import permohonan_of_applicant
from .services import permohonan_withdraw


def index(request):
    """Explain the KTP-el services: who qualifies and which documents each kind needs."""
    kinds = [
        {
            "jenis": jenis,
            "who": JENIS_INFO[jenis]["who"],
            "documents": required_documents(jenis=jenis, is_wna=False),
        }
        for jenis in Jenis
    ]
    return render(request, "ktp/index.html", {"kinds": kinds})


@login_required
def permohonan_list(request):
    """List the citizen's drafts and submitted applications."""
    return render(
        request,
        "ktp/permohonan_list.html",
        {"permohonan_list": permohonan_of_applicant(applicant=request.user)},
    )


@login_required
def permohonan_detail(request, pk):
    """Show one of the citizen's applications with its status timeline."""
    permohonan = get_object_or_404(permohonan_of_applicant(applicant=request.user), pk=pk)
    return render(
        request,
        "ktp/permohonan_detail.html",
        {"permohonan": permohonan, "can_withdraw": permohonan.status in WITHDRAWABLE_STATUSES},
    )


@login_required
@require_POST
def permohonan_withdraw_view(request, pk):
    permohonan = get_object_or_404(permohonan_of_applicant(applicant=request.user), pk=pk)
    try:
        permohonan_withdraw(permohonan=permohonan, actor=request.user)
        messages.success(request, _("Permohonan dibatalkan."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("ktp:detail", pk=pk)
