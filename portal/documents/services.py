import contextlib
import contextvars
import functools
import logging

from django.db import transaction

from .storage import StorageUnavailable
from .validators import ALLOWED_KINDS, document_clean

logger = logging.getLogger(__name__)
# The files stored inside the innermost atomic_with_files() block, as (storage, name).
_stored = contextvars.ContextVar("documents_stored", default=None)


@contextlib.contextmanager
def atomic_with_files():
    """
    A transaction whose new files go with it. A file registered by file_stored() inside the block is
    deleted when the block raises, for the row pointing at it is rolled back; when it succeeds inside
    another such block, that outer block answers for it.
    """
    parent, stored = _stored.get(), []
    token = _stored.set(stored)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for storage, name in stored:
            _file_delete(storage, name)
        raise
    finally:
        _stored.reset(token)
    if parent is not None:
        parent.extend(stored)


def file_delete_on_commit(field_file):
    """Delete a stored file once the transaction deleting its row commits (never if it rolls back)."""
    # robust: a failing deletion leaves a stray file, never an error in the work that committed
    transaction.on_commit(functools.partial(_file_delete, field_file.storage, field_file.name), robust=True)


def file_stored(field_file):
    """Register a file just stored, for the enclosing atomic_with_files() to delete if it fails."""
    stored = _stored.get()
    if stored is not None:
        stored.append((field_file.storage, field_file.name))


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
    with atomic_with_files():  # a row rolled back takes its new file with it, never left on disk
        document.file.save(f"dokumen{ALLOWED_KINDS[clean.kind][1]}", clean.file, save=False)
        file_stored(document.file)
        for old in replaced:
            old.delete()
            file_delete_on_commit(old.file)
        document.save()
    return document


def application_document_replace(*, application, kind, uploaded_file):
    """
    document_replace() for an applicant's upload to their application: the application counts as
    saved too, so a draft's time to deletion starts anew.
    """
    document = document_replace(documents=application.dokumen_set, kind=kind, uploaded_file=uploaded_file)
    application.save(update_fields=["updated_at"])
    return document


def _file_delete(storage, name):
    """Delete a file whose row is gone for good; a failure is logged."""
    try:
        storage.delete(name)
    except StorageUnavailable:
        logger.warning("Document %s not deleted: storage unavailable.", name)
