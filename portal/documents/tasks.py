from celery import shared_task


@shared_task(acks_late=True)
def document_retention_purge_task():
    """Daily: delete the documents of applications closed longer ago than DOCUMENT_RETENTION_DAYS."""
    from .retention import document_retention_purge

    document_retention_purge()
