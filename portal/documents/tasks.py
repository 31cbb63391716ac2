from celery import shared_task


@shared_task(acks_late=True)
def document_retention_purge_task():
    """
    Daily: delete the documents of applications closed longer ago than DOCUMENT_RETENTION_DAYS, and
    drafts left longer than DRAFT_RETENTION_DAYS (telling their applicants first).
    """
    from .drafts import draft_retention_run
    from .retention import document_retention_purge

    document_retention_purge()
    draft_retention_run()
