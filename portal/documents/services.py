import functools
import logging

from django.db import transaction

from .storage import StorageUnavailable
from .validators import ALLOWED_KINDS, document_clean

logger = logging.getLogger(__name__)


def document_replace(*, documents, kind, uploaded_file, **fields):
    """
    Check an upload by content and size, and store it as the `kind` document of a related set,
    replacing (file included) the one there was. `documents` is e.g. `permohonan.dokumen_set`.
    Images are stored re-encoded (no EXIF, no appended data); PDFs as they came, once checked.
    """
    clean = document_clean(uploaded_file=uploaded_file)
    replaced = list(documents.filter(kind=kind))
    document = documents.model(
        **{documents.field.name: documents.instance},
        kind=kind,
        original_name=uploaded_file.name[:200],
        content_kind=clean.kind,
        size=clean.file.size,
        **fields,
    )
    # Name the stored file after what its content is, not what the applicant called it. Stored
    # first: when the storage fails (StorageUnavailable), nothing else has changed.
    document.file.save(f"dokumen{ALLOWED_KINDS[clean.kind][1]}", clean.file, save=False)
    for old in replaced:
        old.delete()
        transaction.on_commit(functools.partial(_file_delete, old.file.storage, old.file.name))
    document.save()
    return document


def _file_delete(storage, name):
    """Delete a replaced document's file once its row is gone for good; a failure is logged."""
    try:
        storage.delete(name)
    except StorageUnavailable:
        logger.warning("Replaced document %s not deleted: storage unavailable.", name)
