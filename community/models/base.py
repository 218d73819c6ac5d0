"""What every community register shares: dated validity (stock registers) and region checks."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import RegionLevel
from civilaffairs.scoping import ScopedQuerySet


class DatedQuerySet(ScopedQuerySet):
    """A stock register whose rows are valid from ``start_field`` (inclusive) to ``end_field`` (exclusive).

    The end date is the first day the thing no longer exists — closed, deregistered, left — so a record closed
    on the as-of date does not count on that date, and one opened on it does (the definitions' 口径: "统计日当天
    核准登记的计入", "注销、撤销的从该日期起不计").
    """

    start_field = "opened_on"
    end_field = "closed_on"

    def active_on(self, as_of: datetime.date, prefix: str = ""):
        start, end = f"{prefix}{self.start_field}", f"{prefix}{self.end_field}"
        return self.filter(
            models.Q(**{f"{start}__lte": as_of}),
            models.Q(**{f"{end}__isnull": True}) | models.Q(**{f"{end}__gt": as_of}),
        )

    def active(self):
        return self.active_on(datetime.date.today())


def dated_q(as_of: datetime.date, start: str = "opened_on", end: str = "closed_on", prefix: str = "") -> models.Q:
    """The same validity test as a Q object, for Exists() subqueries and related filters."""
    return models.Q(**{f"{prefix}{start}__lte": as_of}) & (
        models.Q(**{f"{prefix}{end}__isnull": True}) | models.Q(**{f"{prefix}{end}__gt": as_of})
    )


def end_after_start(start: str, end: str, name: str, message) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True}) | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message=message,
    )


def check_region_level(region, levels: tuple[str, ...], field: str, message) -> None:
    if region is not None and region.level not in levels:
        raise ValidationError({field: message})


def not_in_future(value: datetime.date | None, field: str) -> None:
    if value and value > datetime.date.today():
        raise ValidationError({field: _("This date cannot be in the future.")})


VILLAGE_LEVELS = (RegionLevel.VILLAGE,)
LOCAL_LEVELS = (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)
ANY_LOCAL_LEVELS = (RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)
