"""Working days as Chinese statutory time limits count them: weekends, public holidays and make-up days.

Source of truth, in order: ``WorkCalendarDay`` rows entered by admins (the next year's State Council schedule,
local adjustments); then chinese-calendar for the years it knows; beyond those, Monday–Friday minus the fixed
statutory holidays (元旦, 劳动节, 国庆节 first three days) — an approximation the to-do list flags as such.
"""

import datetime
from functools import lru_cache

import chinese_calendar

_FIXED_HOLIDAYS = {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}


@lru_cache(maxsize=16)
def _library_years() -> range:
    # chinese-calendar raises NotImplementedError outside the years it ships; probe once.
    years = []
    for year in range(2004, 2100):
        try:
            chinese_calendar.is_workday(datetime.date(year, 6, 1))
        except NotImplementedError:
            continue
        years.append(year)
    return range(years[0], years[-1] + 1)


def calendar_is_known(year: int) -> bool:
    from civilaffairs.models import WorkCalendarDay

    return year in _library_years() or WorkCalendarDay.objects.filter(date__year=year).exists()


def _overrides(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    from civilaffairs.models import WorkCalendarDay

    return dict(WorkCalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_workday"))


def _is_workday(day: datetime.date, overrides: dict[datetime.date, bool]) -> bool:
    if day in overrides:
        return overrides[day]
    if day.year in _library_years():
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5 and (day.month, day.day) not in _FIXED_HOLIDAYS


def is_workday(day: datetime.date) -> bool:
    return _is_workday(day, _overrides(day, day))


def add_workdays(start: datetime.date, days: int) -> datetime.date:
    """The date by which ``days`` working days after ``start`` have passed (the start day itself not counted).

    Statutory limits run from the day after receipt (《民法典》第二百零一条 counting rule).
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    # Generous window: even the Spring Festival week cannot stretch 10 working days beyond 3× calendar days.
    overrides = _overrides(start, start + datetime.timedelta(days=days * 3 + 30))
    day, counted = start, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if _is_workday(day, overrides):
            counted += 1
    return day


def workdays_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -workdays_between(end, start)
    overrides = _overrides(start, end)
    day, counted = start, 0
    while day < end:
        day += datetime.timedelta(days=1)
        if _is_workday(day, overrides):
            counted += 1
    return counted
