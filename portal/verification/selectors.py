"""
Which issued documents the admin shows. Some say what must stay secret for a while: a bid receipt
before its tender's opening tells who bid. The service app that issues them registers, in its
AppConfig.ready(), which of its documents are sealed for now; portal never imports service apps.
"""

from .models import IssuedDocument

SEALED_PROVIDERS = {}


def issued_document_sealed_register(*, service: str, sealed):
    """Let `sealed()` return the service's IssuedDocument rows that nobody may list yet."""
    SEALED_PROVIDERS[service] = sealed


def issued_document_listed():
    """Return the issued documents the admin shows: all but those a service keeps sealed for now."""
    documents = IssuedDocument.objects.all()
    for _service, sealed in sorted(SEALED_PROVIDERS.items()):
        documents = documents.exclude(pk__in=sealed().values("pk"))
    return documents
