import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from portal.pdf import render_to_pdf

from .exports import PersonalDataEncoder, akses_data_fields, personal_data_collect
from .selectors import akses_data_grouped, akses_data_groups_detail, akses_data_of_subject
from .tables import personal_data_tables

GROUPS_PER_PAGE = 20


def _download(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def data_saya(request):
    """Show who accessed the citizen's data (by officer, action and day), and offer all of it for download."""
    page = Paginator(akses_data_grouped(subject=request.user), GROUPS_PER_PAGE).get_page(
        request.GET.get("halaman")
    )
    groups = akses_data_groups_detail(subject=request.user, groups=page.object_list)
    return render(request, "portal/data_saya.html", {"page": page, "groups": groups})


@login_required
def data_saya_json(request):
    """Return everything held about the user, labels beside codes, times with their offset."""
    document = {
        "dibuat": timezone.now(),
        "zona_waktu": settings.TIME_ZONE,
        "bagian": personal_data_collect(user=request.user),
        "akses_data": [akses_data_fields(a) for a in akses_data_of_subject(subject=request.user)],
    }
    body = json.dumps(document, cls=PersonalDataEncoder, ensure_ascii=False, indent=2)
    return _download(HttpResponse(body, content_type="application/json; charset=utf-8"), "data-saya.json")


@login_required
def data_saya_pdf(request):
    """Return everything held about the user as a readable PDF, with the access log by officer and day."""
    with translation.override("id"):
        context = {
            "user_name": request.user.get_full_name(),
            "tables": personal_data_tables(personal_data_collect(user=request.user)),
            "groups": akses_data_groups_detail(
                subject=request.user, groups=akses_data_grouped(subject=request.user)
            ),
            "now": timezone.now(),
        }
    pdf = render_to_pdf("pdf/data_saya.html", context)
    return _download(HttpResponse(pdf, content_type="application/pdf"), "data-saya.pdf")
