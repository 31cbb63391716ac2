import logging

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from portal.network import site_url
from portal.pdf import qr_svg_data_uri, render_to_pdf
from portal.workflow import DRAFT, WITHDRAWN

from .models import IssuedDocument

logger = logging.getLogger(__name__)

RECEIPT = IssuedDocument.Kind.BUKTI_PENDAFTARAN


def issued_document_url(document: IssuedDocument) -> str:
    """Return the public verification URL of a document, as printed in its QR code."""
    return site_url(document.get_absolute_url())


@transaction.atomic
def issued_document_render(
    *,
    target,
    kind,
    reference,
    service,
    office,
    template,
    context,
    document_date=None,
    valid_until=None,
    subject="",
    renew=False,
) -> IssuedDocument:
    """
    Return the target's document of `kind`, rendering its PDF once. `document_date`, `valid_until` and
    `subject` (a business name, never personal data) are what the verification page shows.

    Idempotent: a second call (a retried or redelivered task) finds the file and does nothing,
    and the row lock makes two concurrent runs produce one file. With `renew`, a document whose
    printed facts changed is rendered again; its token stays, so a copy printed before still verifies.
    """
    content_type = ContentType.objects.get_for_model(target)
    shown = {
        "reference": reference,
        "service": service,
        "office": office,
        "document_date": document_date,
        "valid_until": valid_until,
        "subject": subject,
    }
    document, _created = IssuedDocument.objects.get_or_create(
        kind=kind, content_type=content_type, object_id=target.pk, defaults=shown
    )
    document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if document.file and not renew:
        return document
    if document.file:
        for field, value in shown.items():  # the verification page shows what the new PDF prints
            setattr(document, field, value)
    url = issued_document_url(document)
    pdf = render_to_pdf(
        template, {**context, "document": document, "verify_url": url, "qr": qr_svg_data_uri(url)}
    )
    if document.file:  # only now: a render that fails leaves the document as it was
        document.file.delete(save=False)
    document.file.save(f"{kind}.pdf", ContentFile(pdf), save=True)
    return document


def issued_document_for(*, target, kind):
    """Return the target's issued document of `kind` that has its file, or None."""
    return (
        IssuedDocument.objects.filter(
            kind=kind, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )
        .exclude(file="")
        .first()
    )


def receipt_now(*, application, generate):
    """
    Return an application's receipt (bukti pendaftaran), made now by `generate` if the background
    task has not made it yet: the citizen at the front desk is waiting for it.
    """
    if (receipt := issued_document_for(target=application, kind=RECEIPT)) is not None:
        return receipt
    try:
        return generate(permohonan_id=application.pk)
    except Exception:  # the retried task still makes it; the page says it is being prepared
        logger.exception("Receipt of %s could not be made at the desk", application.reference)
        return None


def receipts_missing(*, model, older_than) -> list:
    """
    Return ids of `model`'s submitted applications whose receipt was not made, oldest first; not
    one withdrawn since, whose applicant would be told it was just submitted.
    """
    done = IssuedDocument.objects.filter(
        kind=RECEIPT, content_type=ContentType.objects.get_for_model(model)
    ).exclude(file="")
    return list(
        model.objects.exclude(status__in=[DRAFT, WITHDRAWN])
        .filter(submitted_at__lt=timezone.now() - older_than)
        .exclude(pk__in=done.values("object_id"))
        .order_by("submitted_at")
        .values_list("pk", flat=True)[:500]
    )
