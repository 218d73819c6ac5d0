import datetime

import pytest

from civilaffairs.models import WorkCalendarDay
from civilaffairs.workdays import add_workdays, is_workday, workdays_between

pytestmark = pytest.mark.django_db


def test_national_day_week_is_skipped_and_makeup_saturday_counts():
    # 2025: 10月1日–8日 off; Sunday 9月28日 and Saturday 10月11日 are make-up working days.
    assert not is_workday(datetime.date(2025, 10, 3))
    assert is_workday(datetime.date(2025, 9, 28))
    assert is_workday(datetime.date(2025, 10, 11))
    assert add_workdays(datetime.date(2025, 9, 30), 1) == datetime.date(2025, 10, 9)


def test_thirty_working_days_across_spring_festival_2025():
    # 2025-01-20 + 30 working days: 春节 1月28日–2月4日 off, 1月26日 and 2月8日 are make-up days.
    end = add_workdays(datetime.date(2025, 1, 20), 30)
    assert workdays_between(datetime.date(2025, 1, 20), end) == 30
    assert end == datetime.date(2025, 3, 7)


def test_admin_entered_days_win_for_years_the_library_does_not_know():
    day = datetime.date(2027, 2, 8)  # a Monday
    assert is_workday(day)
    WorkCalendarDay.objects.create(date=day, is_workday=False, note="春节")
    assert not is_workday(day)
