import datetime

from django.utils import timezone

from .models import HariLibur


def is_working_day(day: datetime.date, holidays: set) -> bool:
    """Return whether `day` is a weekday that is not a holiday."""
    return day.weekday() < 5 and day not in holidays


MONTHS_TWO = datetime.timedelta(days=60)  # past the longest run of holidays (Lebaran's cuti bersama)


def working_deadline(*, end: datetime.datetime, hour: int, holidays=None) -> datetime.datetime:
    """
    Return the first `hour` o'clock, local time, of a working day not before `end`: a period counted
    in calendar days ends on a working day and in working hours.
    """
    day = timezone.localtime(end).date()
    if holidays is None:
        holidays = holidays_between(start=day - datetime.timedelta(days=1), end=day + MONTHS_TWO)
    while True:
        close = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        if is_working_day(day, holidays) and close >= end:
            return close
        day += datetime.timedelta(days=1)


def working_days_after(*, start: datetime.date, count: int) -> list[datetime.date]:
    """Return the next `count` working days after `start`, skipping weekends and holidays."""
    holidays = holidays_between(start=start, end=start + datetime.timedelta(days=count * 2 + 60))
    days, day = [], start
    while len(days) < count:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            days.append(day)
    return days


def working_days_before(*, end: datetime.date, count: int) -> list[datetime.date]:
    """Return the `count` working days before `end`, latest first, skipping weekends and holidays."""
    holidays = holidays_between(start=end - datetime.timedelta(days=count * 2 + 60), end=end)
    days, day = [], end
    while len(days) < count:
        day -= datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            days.append(day)
    return days


def working_days_add(*, start: datetime.date, days: int) -> datetime.date:
    """
    Return the date `days` working days after `start`; for 0 (a same-day promise), `start` itself,
    or the next working day when `start` is a weekend day or a holiday.
    """
    if days > 0:
        return working_days_after(start=start, count=days)[-1]
    if is_working_date(start):
        return start
    return working_days_after(start=start, count=1)[0]


def is_working_date(day: datetime.date) -> bool:
    """Return whether `day` is a working day, reading its holidays (one query)."""
    return is_working_day(day, holidays_between(start=day - datetime.timedelta(days=1), end=day))


def holidays_between(*, start: datetime.date, end: datetime.date) -> set:
    """Return the holidays after `start` up to and including `end`."""
    return set(HariLibur.objects.filter(date__gt=start, date__lte=end).values_list("date", flat=True))


def working_days_between(*, start: datetime.date, end: datetime.date, holidays=None) -> int:
    """Return the number of working days after `start` up to and including `end`."""
    if holidays is None:
        holidays = holidays_between(start=start, end=end)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day, holidays)
    return count


def holiday_calendar_gaps(*, today: datetime.date) -> dict:
    """Return {year: None} for this and next year when they have no holiday, {year: n} with n unconfirmed."""
    gaps = {}
    for year in (today.year, today.year + 1):
        rows = HariLibur.objects.filter(date__year=year)
        if not rows.exists():
            gaps[year] = None
        elif unconfirmed := rows.filter(confirmed=False).count():
            gaps[year] = unconfirmed
    return gaps
