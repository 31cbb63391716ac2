"""Serve a private document from a view that has already checked the user may see it."""

import os
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from portal.audit.models import AksesData
from portal.audit.services import access_record_by_filer

from .validators import ALLOWED_KINDS

CONTENT_TYPES = {extension: mime for mime, extension in ALLOWED_KINDS.values()} | {".jpeg": "image/jpeg"}
SERVE_METHODS = ("django", "x-accel", "x-sendfile", "redirect")


def document_response(*, file_field, download_name: str, as_attachment: bool = False) -> HttpResponse:
    """Return a response serving file_field by the configured method, with headers that keep it inert."""
    method = settings.DOCUMENT_SERVE_METHOD
    if method not in SERVE_METHODS:
        raise ImproperlyConfigured(f"DOCUMENT_SERVE_METHOD must be one of {SERVE_METHODS}, not {method!r}.")
    storage = file_field.storage
    local = getattr(storage, "is_local", isinstance(storage, FileSystemStorage))
    content_type = CONTENT_TYPES.get(os.path.splitext(file_field.name)[1].lower(), "application/octet-stream")
    disposition = content_disposition_header(as_attachment, download_name)
    if local:
        # storage.path() refuses a name that climbs out of the private root, whichever method serves it.
        path = file_field.path
    elif method in ("x-accel", "x-sendfile"):
        raise ImproperlyConfigured(f"DOCUMENT_SERVE_METHOD {method!r} needs local document storage.")
    if method == "redirect":
        response = _presigned_redirect(storage, file_field.name, content_type, disposition, local)
    elif method == "x-accel":
        prefix = getattr(settings, "DOCUMENT_X_ACCEL_PREFIX", "/_private/")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file_field.name)
    elif method == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = path
    else:
        # From object storage too: the bytes pass through this permission-checked response.
        response = FileResponse(file_field.open("rb"), content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # A PDF or a mislabelled file opened in our origin must not run scripts with the user's session.
    response["Content-Security-Policy"] = "sandbox"
    return response


def _presigned_redirect(storage, name, content_type, disposition, local):
    """Redirect to a short-lived signed link of the object store, made after the view's check."""
    if local:
        raise ImproperlyConfigured("DOCUMENT_SERVE_METHOD 'redirect' needs DOCUMENTS_STORAGE=s3.")
    backend = getattr(storage, "backend", storage)
    url = backend.url(
        name,
        parameters={"ResponseContentType": content_type, "ResponseContentDisposition": disposition},
        expire=settings.DOCUMENT_URL_SECONDS,
    )
    return HttpResponseRedirect(url)


def receipt_response(request, *, application, receipt, back) -> HttpResponse:
    """
    Send an application's receipt PDF to whoever may see the application (a desk officer's download
    logged for the citizen), or redirect to `back`, saying it is still being prepared.
    """
    if receipt is None:
        messages.info(request, _("Bukti pendaftaran sedang disiapkan. Coba lagi sebentar lagi."))
        return redirect(back)
    access_record_by_filer(request=request, application=application, action=AksesData.Action.UNDUH_BUKTI)
    download_name = f"bukti-{application.reference}.pdf"
    return document_response(file_field=receipt.file, download_name=download_name, as_attachment=True)
