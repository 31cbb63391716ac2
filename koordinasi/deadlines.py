"""
When a memo must be answered and when its unread addressees are chased, counted in working days
(portal.holidays): a weekend or a holiday neither makes a memo late nor sends a reminder.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.holidays.selectors import (
    is_working_date,
    working_days_add,
    working_days_before,
)

from .constants import Sifat

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


def sifat_deadlines_text() -> str:
    """Return, for a page, how many working days each sifat gives to answer, as the settings say."""
    parts = []
    for sifat in (Sifat.SEGERA, Sifat.SANGAT_SEGERA):
        days = settings.KOORDINASI_SIFAT_WORKING_DAYS.get(sifat.value)
        if days:
            text = ngettext("%(sifat)s: %(days)d hari kerja", "%(sifat)s: %(days)d hari kerja", days)
        else:
            text = _("%(sifat)s: tanpa batas waktu")
        parts.append(text % {"sifat": sifat.label, "days": days or 0})
    return _(
        "Batas tanggapan sesudah naskah dikirim. %(deadlines)s; Biasa tanpa batas waktu. Sabtu, Minggu dan "
        "hari libur tidak dihitung."
    ) % {"deadlines": "; ".join(parts)}


def reminders_since(*, now) -> datetime.datetime | None:
    """
    Return since when sent memos are chased at `now`: the start of the day REMINDER_WINDOW_DAYS
    working days back; None on a weekend or a holiday, when nobody is chased.
    """
    day = timezone.localdate(now)
    if not is_working_date(day):
        return None
    start = working_days_before(end=day, count=REMINDER_WINDOW_DAYS)[-1]
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
