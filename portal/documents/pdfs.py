"""
Check an uploaded PDF: it must parse, have a page, and carry no encryption or active content.

Every object of the file is visited (from the cross-reference table and from the trailer), so a
script hidden in an object no page uses, in an object stream, or behind a name written with #xx
escapes is still found: pypdf decodes names and object streams before we look at them.
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Keys whose presence means the viewer may run JavaScript: script bodies, the document-level
# JavaScript name tree and "additional actions" triggered by opening, closing or printing.
JAVASCRIPT_KEYS = {"/JS", "/JavaScript", "/AA"}
# Action types (the /S of an action) that run code, start programs or fetch remote content.
JAVASCRIPT_ACTIONS = {"/JavaScript"}
ACTIVE_ACTIONS = {"/Launch", "/ImportData", "/RichMediaExecute", "/Rendition"}
# Files carried inside the PDF, XFA forms (scriptable) and Flash/3D media.
ACTIVE_KEYS = {"/EmbeddedFiles", "/EF", "/XFA", "/RichMedia"}
# A scanned document has tens of objects; a file with more is refused rather than walked for long.
MAX_OBJECTS = 100_000


def pdf_check(*, uploaded_file) -> None:
    """Raise ValidationError unless uploaded_file is a readable, unencrypted PDF without active content."""
    reader = _reader(uploaded_file)
    if reader.is_encrypted:
        raise ValidationError(
            _(
                "Berkas PDF ini terkunci dengan sandi atau enkripsi dan tidak dapat diterima. "
                "Simpan ulang tanpa sandi atau cetak ulang sebagai PDF biasa lalu unggah lagi."
            ),
            code="pdf_encrypted",
        )
    try:
        pages = len(reader.pages)
        finding = _active_content(reader)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on hostile input
        logger.info("Unreadable PDF refused: %s: %s", type(exc).__name__, exc)
        raise _broken() from exc
    finally:
        uploaded_file.seek(0)
    if finding == "javascript":
        raise ValidationError(
            _(
                "Berkas PDF ini berisi JavaScript dan tidak dapat diterima. "
                "Cetak ulang sebagai PDF biasa lalu unggah lagi."
            ),
            code="pdf_javascript",
        )
    if finding == "active":
        raise ValidationError(
            _(
                "Berkas PDF ini berisi lampiran tersembunyi atau perintah yang berjalan otomatis dan "
                "tidak dapat diterima. Cetak ulang sebagai PDF biasa lalu unggah lagi."
            ),
            code="pdf_active_content",
        )
    if not pages:
        raise _broken()


def _reader(uploaded_file):
    from pypdf import PdfReader

    uploaded_file.seek(0)
    try:
        return PdfReader(uploaded_file, strict=False)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on hostile input
        logger.info("Unparseable PDF refused: %s: %s", type(exc).__name__, exc)
        raise _broken() from exc
    finally:
        uploaded_file.seek(0)


def _broken():
    return ValidationError(
        _(
            "Berkas PDF ini rusak atau tidak dapat dibaca. Simpan ulang atau pindai ulang dokumen "
            "sebagai PDF lalu unggah lagi."
        ),
        code="pdf_broken",
    )


def _active_content(reader) -> str | None:
    """Return "javascript" or "active" for the first such object found, else None."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    stack = [reader.trailer, *_indirect_objects(reader)]
    seen = set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            if len(seen) > MAX_OBJECTS:
                raise ValueError(f"more than {MAX_OBJECTS} objects")
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if finding := _dictionary_finding(item):
                return finding
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def _dictionary_finding(dictionary) -> str | None:
    keys = set(dictionary.keys())
    action = dictionary.get("/S")
    action = action.get_object() if action is not None else None
    if keys & JAVASCRIPT_KEYS or action in JAVASCRIPT_ACTIONS:
        return "javascript"
    if keys & ACTIVE_KEYS or action in ACTIVE_ACTIONS:
        return "active"
    return None


def _indirect_objects(reader):
    from pypdf.generic import IndirectObject

    numbers = {(idnum, generation) for generation, table in reader.xref.items() for idnum in table}
    numbers |= {(idnum, 0) for idnum in reader.xref_objStm}
    return [IndirectObject(idnum, generation, reader) for idnum, generation in sorted(numbers)]
