"""
Retention: documents of closed applications are deleted DOCUMENT_RETENTION_DAYS after closing.

Each service app registers, in its AppConfig.ready(), a provider: a function that takes
`closed_before` (an aware datetime) and yields an ExpiredDocument for each of its stored documents
whose application reached a final status (finished, rejected, withdrawn) before then. The portal
never imports the apps; it deletes what the providers name, file first, then the row, and writes
one PenghapusanDokumen log row and one log line for each. The application and its history stay.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import PenghapusanDokumen

logger = logging.getLogger(__name__)

RETENTION_PROVIDERS = {}


@dataclass(frozen=True)
class ExpiredDocument:
    """A stored document (a StoredDocument row) whose application closed before the cutoff."""

    document: models.Model
    reference: str
    status: str
    closed_at: datetime.datetime


def documents_closed_before(*, documents, history, closed_statuses, closed_before):
    """
    Yield an ExpiredDocument for each of `documents` (StoredDocument rows with a `permohonan`)
    whose application reached one of `closed_statuses` before `closed_before`, as its `history`
    model (rows with `permohonan`, `to_status`, `created_at`) records. Final statuses have no way
    out, so the time one was reached is the time of closing.
    """
    closed_at = (
        history.objects.filter(permohonan=OuterRef("permohonan"), to_status__in=closed_statuses)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    rows = (
        documents.filter(permohonan__status__in=closed_statuses)
        .annotate(closed_at=Subquery(closed_at))
        .filter(closed_at__lt=closed_before)
        .select_related("permohonan")
        .only("pk", "kind", "file", "content_kind", "size", "permohonan__reference", "permohonan__status")
        .order_by("pk")
    )
    for document in rows.iterator(chunk_size=500):
        yield ExpiredDocument(
            document=document,
            reference=document.permohonan.reference or "",
            status=document.permohonan.status,
            closed_at=document.closed_at,
        )


def retention_provider_register(*, service: str, expired_documents):
    """Let `expired_documents(closed_before=...)` name the service's documents past retention."""
    RETENTION_PROVIDERS[service] = expired_documents


def retention_days() -> int:
    days = settings.DOCUMENT_RETENTION_DAYS
    if days < 1:
        raise ImproperlyConfigured(f"DOCUMENT_RETENTION_DAYS must be at least 1, not {days}.")
    return days


def retention_cutoff(*, now=None) -> datetime.datetime:
    """Return the moment before which a closed application's documents are due for deletion."""
    return (now or timezone.now()) - datetime.timedelta(days=retention_days())


def document_retention_purge(*, now=None) -> int:
    """Delete every document past its retention period; return how many were deleted."""
    cutoff = retention_cutoff(now=now)
    deleted = 0
    for service, expired_documents in sorted(RETENTION_PROVIDERS.items()):
        for expired in expired_documents(closed_before=cutoff):
            deleted += document_retention_delete(service=service, expired=expired)
    logger.info("Document retention: %d deleted, cutoff %s", deleted, cutoff.isoformat())
    return deleted


@transaction.atomic
def document_retention_delete(*, service: str, expired: ExpiredDocument, reason: str = "") -> bool:
    """
    Delete one expired document's file and row and log it with `reason` (by default, the end of the
    retention period); return False if it was already gone.
    """
    model = type(expired.document)
    # A second run at the same time skips the rows the first one holds.
    document = model.objects.select_for_update(skip_locked=True).filter(pk=expired.document.pk).first()
    if document is None:
        return False
    name = document.file.name
    # File first: should the row's deletion fail, the next run finds the row and finishes the job,
    # whereas a row deleted before its file would leave personal data behind with no pointer to it.
    if name:
        document.file.storage.delete(name)
    # The log's texts are written once, in the portal's language, whoever's request ran before.
    with translation.override(settings.LANGUAGE_CODE):
        _deletion_log(service, expired, document, name, reason or _retention_reason(expired))
    document.delete()
    logger.info(
        "Document retention: deleted %s %s document of %s (%s since %s), file %s",
        service,
        document.kind,
        expired.reference,
        expired.status,
        expired.closed_at.date(),
        name,
    )
    return True


def _deletion_log(service, expired, document, name, reason):
    PenghapusanDokumen.objects.create(
        service=service,
        kind=document.kind,
        kind_label=str(document.get_kind_display())[:200],
        reference=expired.reference or "",
        application_status=expired.status,
        closed_at=expired.closed_at,
        file_name=name[:200],
        content_kind=document.content_kind,
        size=document.size,
        reason=reason[:300],
    )


def _retention_reason(expired) -> str:
    reason = _("Masa simpan %(days)s hari sejak permohonan berstatus %(status)s pada %(date)s berakhir.")
    return reason % {
        "days": retention_days(),
        "status": expired.status,
        "date": timezone.localdate(expired.closed_at).isoformat(),
    }
