from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from portal.network import site_url
from portal.notifications.services import notifications_each

from .constants import REMINDER_DAYS
from .models import JenisIzin
from .selectors import izin_expiring


def reminder_threshold(days_left: int):
    """Return the nearest reminder threshold (90, 30 or 7) that `days_left` has reached, or None."""
    reached = [t for t in REMINDER_DAYS if days_left <= t]
    return min(reached) if reached else None


def izin_expiry_remind(*, today=None) -> int:
    """
    Email each owner once per threshold (90/30/7 days) before their licence's daftar ulang is due (its
    end, or earlier where its type says so, as a TDP's three months), then, a due day missed, before
    its end, while it can still be renewed; return the sent count.
    """
    today = today or timezone.localdate()
    sent = 0
    lead = JenisIzin.objects.aggregate(longest=Max("renewal_due_days"))["longest"] or 0
    with notifications_each() as send:
        for izin in izin_expiring(today=today, within_days=max(REMINDER_DAYS) + lead):
            sent += _izin_remind(send, izin=izin, today=today)
    return sent


def _izin_remind(send, *, izin, today) -> bool:
    """Remind the owner of `izin` at the threshold it has reached, if any; return whether it went."""
    due_ahead = not izin.renewal_overdue(today)
    days_left = ((izin.renewal_due if due_ahead else izin.berlaku_hingga) - today).days
    threshold = reminder_threshold(days_left)
    if not due_ahead and days_left > max(REMINDER_DAYS[1:]):  # after a missed due day: 30 and 7 only
        threshold = None
    if not izin.usaha.owner.email or threshold is None:  # a desk-recorded owner without email
        return False
    late = not due_ahead and izin.jenis_izin.renewal_due_days
    notification = send(
        event="perizinan.expiry_reminder",
        target=izin,
        recipient=izin.usaha.owner.email,
        # A job that missed days sends only the nearest threshold, never a burst of three.
        key=f"{'akhir-' if late else ''}{threshold}-{izin.berlaku_hingga.isoformat()}",
        context={
            "izin": izin,
            "days": days_left,
            "due": izin.renewal_due if due_ahead and izin.jenis_izin.renewal_due_days else None,
            "url": site_url(reverse("perizinan:izin_list")),
        },
    )
    return bool(notification and notification.sent_at)
