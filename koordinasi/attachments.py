"""
Check a memo attachment by its content: PDF and images through portal.documents, plus office files.

Office files are recognised here, not in portal.documents, because only memos need them:
docx/xlsx are ZIP archives holding [Content_Types].xml and their main part; legacy doc/xls are
OLE compound files (header D0 CF 11 E0 A1 B1 1A E1), which look alike inside, so the user's
extension decides between those two and any other extension is refused.
"""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.documents.validators import ALLOWED_KINDS, CleanDocument, document_clean

BASE_KINDS = ("pdf", "jpeg", "png")
ZIP_HEAD = b"PK\x03\x04"
OLE_HEAD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Main part of each OOXML kind we accept.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
OLE_EXTENSIONS = {".doc": "doc", ".xls": "xls"}
KINDS_TEXT = gettext_lazy("PDF, JPG, PNG, DOCX, XLSX, DOC atau XLS")


def extension_of(kind: str) -> str:
    """Return the file name extension of a kind lampiran_clean() detects (".jpg" for a JPEG)."""
    return ALLOWED_KINDS[kind][1] if kind in ALLOWED_KINDS else f".{kind}"


def office_kind(*, uploaded_file) -> str | None:
    """Return docx, xlsx, doc or xls when the file's content is one of them, else None."""
    uploaded_file.seek(0)
    head = uploaded_file.read(len(OLE_HEAD))
    uploaded_file.seek(0)
    try:
        if head.startswith(ZIP_HEAD):
            return _ooxml_kind(uploaded_file)
        if head == OLE_HEAD:
            return OLE_EXTENSIONS.get(os.path.splitext(uploaded_file.name or "")[1].lower())
        return None
    finally:
        uploaded_file.seek(0)


def _ooxml_kind(uploaded_file):
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for kind, part in OOXML_PARTS.items() if part in names), None)


def lampiran_clean(*, uploaded_file, max_bytes=None) -> CleanDocument:
    """
    Check the attachment (its kind detected from its content, its size) and return what to store:
    an image re-encoded from its pixels (no EXIF, no appended trailer), any other kind as it came.
    Raise ValidationError if refused.
    """
    try:
        return document_clean(uploaded_file=uploaded_file, allowed=BASE_KINDS, max_bytes=max_bytes)
    except ValidationError as error:
        if error.code != "invalid_kind":
            raise
    kind = office_kind(uploaded_file=uploaded_file)
    if kind is None:
        raise ValidationError(
            _("Jenis berkas %(name)s tidak diterima. Unggah %(kinds)s."),
            code="invalid_kind",
            params={"name": uploaded_file.name, "kinds": KINDS_TEXT},
        )
    return CleanDocument(kind, uploaded_file)
