from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.documents.responses import document_response
from portal.submissions import service_errors, submit_once

from ..selectors import is_tender_officer, is_ukpbj


def paket_create_once(request, form, create, message):
    """
    Create a package from a valid form with `create(**data)` once per rendered form, and return the
    redirect to its desk; return None when the service refused it, its reasons on the form.
    """

    def work(data):
        created = create(**data)
        messages.success(request, message % {"ref": created.reference})
        return reverse("pengadaan:kelola_paket", args=[created.pk])

    return submit_once(
        request,
        form,
        namespace="pengadaan",
        # While the first post is still being registered, the package will show in this list.
        pending=reverse("pengadaan:kelola"),
        repeated=_("Paket ini sudah didaftarkan; kiriman ganda diabaikan."),
        work=work,
    )


def desk_refusal(request, form, exc: ValidationError):
    """
    Show a service's refusal on an officer's desk: on its field, or, when it is about the package's
    state (answered, failed, declared meanwhile), atop the page, where the form may no longer be.
    """
    if hasattr(exc, "error_dict"):
        service_errors(form, exc)
    else:
        messages.error(request, " ".join(exc.messages))


def officer_required(view):
    """Let in tender officers (UKPBJ, Pokja, PPK) and superusers; refuse anyone else (403)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_tender_officer(request.user):
            raise PermissionDenied(_("Halaman ini untuk petugas pengadaan."))
        return view(request, *args, **kwargs)

    return wrapper


def ukpbj_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_ukpbj(request.user):
            raise PermissionDenied(_("Halaman ini untuk Admin UKPBJ."))
        return view(request, *args, **kwargs)

    return wrapper


def get_or_404(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404(_("Tidak ditemukan.")) from exc


def issued_response(document, name):
    if document is None:
        raise Http404(_("Dokumen belum tersedia; coba lagi sebentar lagi."))
    return document_response(file_field=document.file, download_name=name)


def pdf_bytes_response(content: bytes, name: str) -> HttpResponse:
    """Serve bytes of an unsealed bid part with the headers private documents get."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response
