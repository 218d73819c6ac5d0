"""Test computations the engine tests register (the domain apps register the real ones in <app>/indicators.py).

``WomenShare``: women among living persons, % — a ratio with a numerator and a denominator from one grouped
query each. ``LivingPersons``: a plain count. Both on ``Person`` (scope_field ``region__code``).
"""

import datetime

from django.db.models import Q

from civilaffairs.models import Person
from indicators.registry import Computation, Direction, Kind, StatDenominator


def living(region, as_of: datetime.date):
    return Person.objects.filter(region__code__startswith=region.prefix).filter(
        Q(death_date__isnull=True) | Q(death_date__gt=as_of)
    )


class WomenShare(Computation):
    code = "tests.women_share"
    name = "女性占比"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    version = 3
    formula = "在世女性人数 ÷ 在世人数 × 100"
    numerator_label = "在世女性"
    denominator_label = "在世人员"
    drilldown_columns = [("姓名", "name"), ("村（社区）", "region.name")]
    drilldown_select_related = ("region",)

    def numerator_queryset(self, region, as_of):
        return living(region, as_of).filter(sex="F")

    def denominator_queryset(self, region, as_of):
        return living(region, as_of)


class LivingPersons(Computation):
    code = "tests.living_persons"
    name = "在世人数"
    unit = "人"
    kind = Kind.COUNT
    formula = "在世人员人数"
    numerator_label = "在世人员"

    def numerator_queryset(self, region, as_of):
        return living(region, as_of)


class Exploding(Computation):
    code = "tests.exploding"
    name = "出错的计算"
    kind = Kind.COUNT

    def numerator_queryset(self, region, as_of):
        raise RuntimeError("数据源不可用")


class WomenPer1000Residents(StatDenominator, Computation):
    """Living women per 1000 residents: a register count over a region statistic (RegionStat, else manual)."""

    code = "tests.women_per_1000_residents"
    name = "每千常住人口在世女性数"
    unit = "‰"
    kind = Kind.PER_1000
    formula = "在世女性人数 ÷（常住人口 ÷ 1000）"
    numerator_label = "在世女性"
    denominator_label = "常住人口"
    stat_field = "resident_population"
    # Columns of the numerator's model: the denominator's rows (RegionStat) must get their own.
    drilldown_columns = [("姓名", "name"), ("性别", "sex")]
    drilldown_select_related = ("region",)

    def numerator_queryset(self, region, as_of):
        return living(region, as_of).filter(sex="F")


ALL = [WomenShare, LivingPersons, Exploding, WomenPer1000Residents]
