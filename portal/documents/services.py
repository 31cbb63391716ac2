from .validators import ALLOWED_KINDS, document_clean


def document_replace(*, documents, kind, uploaded_file, **fields):
    """
    Check an upload by content and size, and store it as the `kind` document of a related set,
    replacing (file included) the one there was. `documents` is e.g. `permohonan.dokumen_set`.
    Images are stored re-encoded (no EXIF, no appended data); PDFs as they came, once checked.
    """
    clean = document_clean(uploaded_file=uploaded_file)
    for old in documents.filter(kind=kind):
        old.file.delete(save=False)
        old.delete()
    document = documents.model(
        **{documents.field.name: documents.instance},
        kind=kind,
        original_name=uploaded_file.name[:200],
        content_kind=clean.kind,
        size=clean.file.size,
        **fields,
    )
    # Name the stored file after what its content is, not what the applicant called it.
    document.file.save(f"dokumen{ALLOWED_KINDS[clean.kind][1]}", clean.file, save=False)
    document.save()
    return document
