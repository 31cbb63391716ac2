import datetime

from .models import HariLibur


def is_working_day(day: datetime.date, holidays: set) -> bool:
    """Return whether `day` is a weekday that is not a holiday."""
    return day.weekday() < 5 and day not in holidays


def working_days_add(*, start: datetime.date, days: int) -> datetime.date:
    """Return the date `days` working days after `start`, skipping weekends and holidays."""
    horizon = start + datetime.timedelta(days=days * 2 + 60)
    holidays = set(HariLibur.objects.filter(date__gt=start, date__lte=horizon).values_list("date", flat=True))
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            days -= 1
    return day


def working_days_between(*, start: datetime.date, end: datetime.date) -> int:
    """Return the number of working days after `start` up to and including `end`."""
    holidays = set(HariLibur.objects.filter(date__gt=start, date__lte=end).values_list("date", flat=True))
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day, holidays)
    return count
