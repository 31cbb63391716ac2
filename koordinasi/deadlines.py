"""
When a memo must be answered and when its unread addressees are chased, counted in working days
(portal.holidays): a weekend or a holiday neither makes a memo late nor sends a reminder.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from portal.holidays.selectors import holidays_between, is_working_day, working_days_add, working_days_before

# A memo sent more working days ago than this is no longer chased: the reminder is for the first hours.
REMINDER_WINDOW_DAYS = 3


def naskah_due_at(*, sifat, sent_at) -> datetime.datetime | None:
    """
    Return when a memo of `sifat` sent at `sent_at` must be answered: the same time of day, the
    sifat's number of working days later; None for a sifat without a deadline.
    """
    days = settings.KOORDINASI_SIFAT_WORKING_DAYS.get(sifat)
    if not days:
        return None
    sent = timezone.localtime(sent_at)
    return sent + (working_days_add(start=sent.date(), days=days) - sent.date())


def reminders_since(*, now) -> datetime.datetime | None:
    """
    Return since when sent memos are chased at `now`: the start of the day REMINDER_WINDOW_DAYS
    working days back; None on a weekend or a holiday, when nobody is chased.
    """
    day = timezone.localdate(now)
    if not is_working_day(day, holidays_between(start=day - datetime.timedelta(days=1), end=day)):
        return None
    start = working_days_before(end=day, count=REMINDER_WINDOW_DAYS)[-1]
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
