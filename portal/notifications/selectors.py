import datetime

from django.conf import settings
from django.utils import timezone

from .models import Notification


def notifications_to_retry(*, now=None) -> list[int]:
    """
    Return the ids of the failed notifications due for another try: kept messages last tried
    NOTIFICATION_RETRY_MINUTES ago or more, until NOTIFICATION_MAX_ATTEMPTS tries, oldest first.
    """
    now = now or timezone.now()
    wait = datetime.timedelta(minutes=settings.NOTIFICATION_RETRY_MINUTES)
    return list(
        Notification.objects.filter(
            status=Notification.Status.FAILED,
            attempts__lt=settings.NOTIFICATION_MAX_ATTEMPTS,
            attempted_at__lte=now - wait,
        )
        .exclude(subject="")
        .order_by("attempted_at")
        .values_list("pk", flat=True)[:500]
    )
