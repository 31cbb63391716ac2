"""
Rows that must stay secret for a while, wherever the portal's own records point at them (an issued
PDF, a notification, an access-log row, each by content type and id): a bid before its tender's
opening tells who bid and how many, and so do its receipt and the email that acknowledged it.

The service app that owns such rows registers, in its AppConfig.ready(), which of them are sealed
for now; portal never imports service apps. The admins of those records list them through
`without_sealed_targets`: a sealed target's record is missing, not hidden.
"""

from django.contrib.contenttypes.models import ContentType

SEALED = {}


def sealed_register(*, model, sealed):
    """Let `sealed()` return the rows of `model` that nobody may see pointed at yet."""
    SEALED[model] = sealed


def without_sealed_targets(queryset):
    """Return `queryset` (rows with `content_type` and `object_id`) without those pointing at sealed rows."""
    for model, sealed in SEALED.items():
        queryset = queryset.exclude(
            content_type=ContentType.objects.get_for_model(model), object_id__in=sealed().values("pk")
        )
    return queryset
