"""Serve a private document from a view that has already checked the user may see it."""

import os
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from .validators import ALLOWED_KINDS

CONTENT_TYPES = {extension: mime for mime, extension in ALLOWED_KINDS.values()} | {".jpeg": "image/jpeg"}
SERVE_METHODS = ("django", "x-accel", "x-sendfile")


def document_response(*, file_field, download_name: str, as_attachment: bool = False) -> HttpResponse:
    """Return a response serving file_field by the configured method, with headers that keep it inert."""
    method = getattr(settings, "DOCUMENT_SERVE_METHOD", "django")
    # storage.path() refuses a name that climbs out of the private root, whichever method serves it.
    path = file_field.path
    content_type = CONTENT_TYPES.get(os.path.splitext(file_field.name)[1].lower(), "application/octet-stream")
    if method == "x-accel":
        prefix = getattr(settings, "DOCUMENT_X_ACCEL_PREFIX", "/_private/")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file_field.name)
    elif method == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = path
    elif method == "django":
        response = FileResponse(file_field.open("rb"), content_type=content_type)
    else:
        raise ImproperlyConfigured(f"DOCUMENT_SERVE_METHOD must be one of {SERVE_METHODS}, not {method!r}.")
    response["Content-Disposition"] = content_disposition_header(as_attachment, download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # A PDF or a mislabelled file opened in our origin must not run scripts with the user's session.
    response["Content-Security-Policy"] = "sandbox"
    return response
