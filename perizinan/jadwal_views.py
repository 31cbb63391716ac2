"""The owner's signing-day page: book it before submitting, move it until the day before."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.models import AksesData
from portal.audit.services import access_record_by_filer

from .constants import Status
from .forms import JadwalForm
from .jadwal import (
    OWNER_BOOKABLE,
    kantor_active,
    kantor_hours,
    permohonan_izin_slot_book,
    signing_days_offered,
)
from .selectors import permohonan_izin_of_filer
from .views import _neighbours


@login_required
def jadwal(request, pk):
    """Choose or move the day to sign and pay at the office."""
    permohonan = get_object_or_404(permohonan_izin_of_filer(user=request.user), pk=pk)
    access_record_by_filer(request=request, application=permohonan, action=AksesData.Action.LIHAT)
    kantor = kantor_active()
    if kantor is None or permohonan.status not in OWNER_BOOKABLE:
        messages.info(request, _("Jadwal tanda tangan permohonan ini tidak bisa dipilih di sini."))
        return redirect("perizinan:detail", pk=pk)
    in_steps = permohonan.status == Status.DRAF
    back, after, number, total = _neighbours(permohonan, "jadwal") if in_steps else (None, None, None, None)
    done = after or reverse("perizinan:detail", args=[pk])
    current = permohonan.appointment_at and timezone.localdate(permohonan.appointment_at)
    form = JadwalForm(
        request.POST or None,
        days=signing_days_offered(kantor=kantor, permohonan=permohonan),
        initial={"day": current and current.isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            permohonan_izin_slot_book(permohonan=permohonan, day=form.cleaned_data["day"], actor=request.user)
            messages.success(request, _("Jadwal tanda tangan disimpan."))
            return redirect(done)
        except ValidationError as exc:
            form.add_error("day" if hasattr(exc, "error_dict") else None, exc.messages)
    return render(
        request,
        "perizinan/jadwal.html",
        {
            "permohonan": permohonan,
            "form": form,
            "kantor": kantor,
            "hours": kantor_hours(kantor),
            "current": current,
            "back": back or reverse("perizinan:detail", args=[pk]),
            "number": number,
            "total": total,
        },
    )
