import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal.pdf import render_to_pdf

from .exports import personal_data_collect
from .models import AksesData


@login_required
def data_saya(request):
    """Show the citizen who accessed their data and when, and offer all their data for download."""
    accesses = AksesData.objects.filter(subject=request.user).select_related(
        "actor__kecamatan", "actor__instansi"
    )[:200]
    return render(request, "portal/data_saya.html", {"accesses": accesses})


@login_required
def data_saya_json(request):
    data = personal_data_collect(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="data-saya.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def data_saya_pdf(request):
    data = personal_data_collect(user=request.user)
    accesses = AksesData.objects.filter(subject=request.user).select_related("actor")[:500]
    pdf = render_to_pdf("pdf/data_saya.html", {"data": data, "accesses": accesses, "now": timezone.now()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="data-saya.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
