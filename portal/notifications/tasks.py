from celery import shared_task

from .models import Notification
from .selectors import notifications_to_retry
from .services import notification_messages_clear, notification_retry


@shared_task(acks_late=True)
def notification_retry_sweep_task():
    """
    Send again the notifications whose sending failed (a mail server that was down), oldest first;
    stop at the first that fails again: the server is still down, the next sweep tries again.
    """
    for notification_id in notifications_to_retry():
        notification = notification_retry(notification_id=notification_id)
        if notification is not None and notification.status == Notification.Status.FAILED:
            break


@shared_task(acks_late=True)
def notification_messages_clear_task():
    """Daily: clear the kept messages older than NOTIFICATION_BODY_RETENTION_DAYS."""
    notification_messages_clear()
