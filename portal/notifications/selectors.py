from django.contrib.contenttypes.models import ContentType

from .models import Notification


def notifications_for(*, target):
    """Return the notifications about `target`, newest first."""
    return Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).order_by("-created_at", "-id")
