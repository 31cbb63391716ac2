from .validators import ALLOWED_KINDS, document_validate


def document_replace(*, documents, kind, uploaded_file, **fields):
    """
    Check an upload by content and size, and store it as the `kind` document of a related set,
    replacing (file included) the one there was. `documents` is e.g. `permohonan.dokumen_set`.
    """
    content_kind = document_validate(uploaded_file=uploaded_file)
    for old in documents.filter(kind=kind):
        old.file.delete(save=False)
        old.delete()
    document = documents.model(
        **{documents.field.name: documents.instance},
        kind=kind,
        original_name=uploaded_file.name[:200],
        content_kind=content_kind,
        size=uploaded_file.size,
        **fields,
    )
    # Name the stored file after what its content is, not what the applicant called it.
    document.file.save(f"dokumen{ALLOWED_KINDS[content_kind][1]}", uploaded_file, save=False)
    document.save()
    return document
