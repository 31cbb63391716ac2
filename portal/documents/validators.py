"""
Check a citizen's upload by its content: its kind, that it is not empty and not too large, that a
PDF parses without scripts or encryption, and that an image decodes within a pixel limit.
"""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from .images import image_check, image_reencode
from .pdfs import pdf_check

ALLOWED_KINDS = {
    "pdf": ("application/pdf", ".pdf"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
}
# A file's name and the browser's content type are the sender's word; its first bytes are not.
SIGNATURES = {
    "pdf": b"%PDF-",
    "jpeg": b"\xff\xd8\xff",
    "png": b"\x89PNG\r\n\x1a\n",
}
LABELS = {"pdf": "PDF", "jpeg": "JPG", "png": "PNG"}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
HEAD_BYTES = max(len(signature) for signature in SIGNATURES.values())


def document_kind(*, head: bytes) -> str | None:
    """Return the kind whose signature begins head, or None."""
    return next((kind for kind, signature in SIGNATURES.items() if head.startswith(signature)), None)


def document_validate(*, uploaded_file, allowed=tuple(ALLOWED_KINDS), max_bytes=None) -> str:
    """Return the kind of uploaded_file detected from its content; raise ValidationError if refused."""
    kind = _checked_kind(uploaded_file, allowed, max_bytes)
    if kind == "pdf":
        pdf_check(uploaded_file=uploaded_file)
    else:
        image_check(uploaded_file=uploaded_file, kind=kind)
    return kind


class CleanDocument(NamedTuple):
    kind: str
    file: File


def document_clean(*, uploaded_file, allowed=tuple(ALLOWED_KINDS), max_bytes=None) -> CleanDocument:
    """
    Check uploaded_file as document_validate() does and return what to store: a PDF as it came,
    an image re-encoded from its pixels (no EXIF, no appended trailer), decoded once.
    """
    kind = _checked_kind(uploaded_file, allowed, max_bytes)
    if kind == "pdf":
        pdf_check(uploaded_file=uploaded_file)
        return CleanDocument(kind, uploaded_file)
    content = image_reencode(uploaded_file=uploaded_file, kind=kind)
    return CleanDocument(kind, ContentFile(content, name=uploaded_file.name))


def _checked_kind(uploaded_file, allowed, max_bytes) -> str:
    _check_allowed(allowed)
    if max_bytes is None:
        max_bytes = getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES)
    kinds = _kinds_text(allowed)
    if not uploaded_file.size:
        raise ValidationError(
            _("Berkas kosong. Pilih berkas %(kinds)s."), code="empty", params={"kinds": kinds}
        )
    if uploaded_file.size > max_bytes:
        raise ValidationError(
            _("Ukuran berkas %(size)s melebihi batas %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(max_bytes)},
        )
    kind = document_kind(head=_read_head(uploaded_file))
    if kind not in allowed:
        raise ValidationError(
            _("Jenis berkas tidak diterima. Unggah %(kinds)s."), code="invalid_kind", params={"kinds": kinds}
        )
    return kind


@deconstructible(path="portal.documents.validators.DocumentValidator")
class DocumentValidator:
    """Validate a form or model FileField's file with document_validate()."""

    def __init__(self, *, allowed=tuple(ALLOWED_KINDS), max_bytes=None):
        _check_allowed(allowed)
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes

    def __call__(self, value):
        document_validate(uploaded_file=value, allowed=self.allowed, max_bytes=self.max_bytes)

    def __eq__(self, other):
        return (
            isinstance(other, DocumentValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
        )


def _check_allowed(allowed):
    # A typo such as allowed="pdf" would otherwise refuse every upload with a misleading message.
    unknown = set(allowed) - ALLOWED_KINDS.keys()
    if unknown or not allowed:
        raise ValueError(
            f"Unknown or no document kinds: {sorted(unknown)}; choose from {list(ALLOWED_KINDS)}"
        )


def _kinds_text(allowed) -> str:
    labels = [LABELS[kind] for kind in allowed]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s atau %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def _read_head(uploaded_file) -> bytes:
    # The caller may have read part of the file already, and will save it after us.
    uploaded_file.seek(0)
    try:
        return uploaded_file.read(HEAD_BYTES)
    finally:
        uploaded_file.seek(0)
