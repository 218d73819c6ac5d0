"""Elder-care indicator computations (definitions in fixtures/indicators/definitions.yaml, ``eldercare.*``).

Each is one grouped query per part (indicators.registry.grouped): the county figure is the sum of the township
groups of the same query; sites held by the county itself form the county-level group.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from civilaffairs.choices import RegionKind, RegionLevel
from civilaffairs.conf import county_setting
from civilaffairs.models import Region
from eldercare.choices import SERVICE_FUNCTIONS, OperationMode, QualityResult, VisitType
from eldercare.models import ElderCareBedInventory, ElderCareInstitution, ElderCareQualityAssessment, ElderlyPerson
from indicators.registry import Computation, Direction, Kind, StatDenominator, register

# 乡镇级区划: 镇、乡、民族乡、街道 and 民乐县's 社管委; industrial-park committees and other units at that level are
# not townships (definition eldercare.township_comprehensive_institution_coverage, denominator).
TOWNSHIP_KINDS = (
    RegionKind.TOWN,
    RegionKind.TOWNSHIP,
    RegionKind.ETHNIC_TOWNSHIP,
    RegionKind.SUBDISTRICT,
    RegionKind.COMMUNITY_COMMITTEE,
)


def township_units(region: Region, as_of: datetime.date) -> QuerySet[Region]:
    """The township-level units of the jurisdiction in force on ``as_of`` (not abolished by then)."""
    return Region.objects.filter(
        code__startswith=region.prefix, level=RegionLevel.TOWNSHIP, kind__in=TOWNSHIP_KINDS
    ).filter(Q(abolished_on__isnull=True) | Q(abolished_on__gt=as_of))


def setting(name: str, region: Region):
    return county_setting(name, region.code)


def _township(obj, user) -> str:
    region = obj.site.region if isinstance(obj, ElderCareBedInventory) else obj.region
    if region.level == RegionLevel.VILLAGE:
        return region.parent.name
    return region.name if region.level == RegionLevel.TOWNSHIP else _("county level")


# --- beds --------------------------------------------------------------------------------------------------


def bed_inventory(region: Region, as_of: datetime.date) -> QuerySet[ElderCareBedInventory]:
    """The inventory version in force on ``as_of`` of every site in service in the jurisdiction (institutions and
    community facilities)."""
    return (
        ElderCareBedInventory.objects.current_on(as_of)
        .of_sites_in_service(as_of)
        .filter(site__region__code__startswith=region.prefix)
    )


INVENTORY_COLUMNS = [
    ("名称", "site.name"),
    ("乡镇（街道）", _township),
    ("台账日期", "effective_on"),
    ("床位", "total_beds"),
    ("护理型床位", "nursing_beds"),
    ("运营方式", "operation_mode"),
]
INVENTORY_RELATED = ("site", "site__region", "site__region__parent")


@register
class NursingBedShare(Computation):
    code = "eldercare.nursing_bed_share"
    name = "养老机构护理型床位占比"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = "在营养老机构护理型床位数之和 ÷ 在营养老机构床位总数之和 × 100（截至统计日）"
    numerator_label = "在营养老机构护理型床位"
    denominator_label = "在营养老机构床位"
    numerator_aggregate = Sum("nursing_beds")
    denominator_aggregate = Sum("total_beds")
    drilldown_columns = INVENTORY_COLUMNS
    drilldown_select_related = INVENTORY_RELATED

    def numerator_queryset(self, region, as_of):
        return bed_inventory(region, as_of).of_institutions()

    def denominator_queryset(self, region, as_of):
        return bed_inventory(region, as_of).of_institutions()


@register
class GovernmentOperatedBedShare(Computation):
    code = "eldercare.government_operated_bed_share"
    name = "政府运营床位占比"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.LOWER
    flow = False
    formula = "统计日由政府直接运营的养老床位数 ÷ 养老床位总数 × 100"
    numerator_label = "公办公营的养老床位"
    denominator_label = "养老床位总数（养老机构和社区养老服务设施）"
    numerator_aggregate = Sum("total_beds")
    denominator_aggregate = Sum("total_beds")
    drilldown_columns = INVENTORY_COLUMNS
    drilldown_select_related = INVENTORY_RELATED

    def numerator_queryset(self, region, as_of):
        return bed_inventory(region, as_of).filter(operation_mode=OperationMode.GOVERNMENT)

    def denominator_queryset(self, region, as_of):
        return bed_inventory(region, as_of)


@register
class BedsPer1000Elderly(StatDenominator, Computation):
    """The denominator is the yearly 60+ population: RegionStat (the finest level that has it), else the approved
    manual figure ``aged_60_plus`` (decision 0007; the rule every region-statistic denominator follows, see
    ``indicators.registry.StatDenominator``)."""

    code = "eldercare.beds_per_1000_elderly"
    name = "每千名老年人拥有养老床位数"
    unit = "张"
    kind = Kind.PER_1000
    direction = Direction.HIGHER
    flow = False
    formula = "统计日养老床位总数 ÷（60岁及以上老年人口 ÷ 1000）"
    numerator_label = "养老床位（养老机构和社区养老服务设施托养床位）"
    denominator_label = "60岁及以上老年人口"
    stat_field = "aged_60_plus"
    numerator_aggregate = Sum("total_beds")
    drilldown_columns = INVENTORY_COLUMNS
    drilldown_select_related = INVENTORY_RELATED

    def numerator_queryset(self, region, as_of):
        return bed_inventory(region, as_of)


# --- comprehensive institutions ----------------------------------------------------------------------------


@register
class TownshipComprehensiveInstitutionCoverage(Computation):
    code = "eldercare.township_comprehensive_institution_coverage"
    name = "乡镇（街道）具备综合功能的养老服务机构覆盖率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = "统计日至少有1家在营、具备综合功能的养老服务机构的乡镇（街道）数 ÷ 统计日乡镇（街道）总数 × 100"
    numerator_label = "有具备综合功能养老服务机构的乡镇（街道）"
    denominator_label = "乡镇（街道）"
    drilldown_columns = [("乡镇（街道）", "name"), ("区划代码", "code"), ("类别", "kind")]

    def required_functions(self, region: Region) -> list[str]:
        return list(setting("comprehensive_required_functions", region))

    def numerator_queryset(self, region, as_of):
        # Sites in the township itself or in one of its villages (the first 9 digits of the code).
        comprehensive = (
            ElderCareBedInventory.objects.current_on(as_of)
            .of_sites_in_service(as_of)
            .comprehensive(self.required_functions(region))
            .filter(site__region__code__startswith=Substr(OuterRef("code"), 1, 9))
        )
        return township_units(region, as_of).filter(Exists(comprehensive))

    def denominator_queryset(self, region, as_of):
        return township_units(region, as_of)

    def compute(self, region, as_of):
        result = super().compute(region, as_of)
        functions = "、".join(
            str(SERVICE_FUNCTIONS[name]).split("(")[-1].rstrip(")") for name in self.required_functions(region)
        )
        result.notes.append(
            _("Comprehensive means offering all of: %(functions)s (county setting).") % {"functions": functions}
        )
        return result


# --- visits --------------------------------------------------------------------------------------------------


@register
class HomeElderlyVisitRate(Computation):
    code = "eldercare.home_elderly_visit_rate"
    name = "居家特殊困难、失能老年人探访帮扶率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = (
        "统计日在册的居家特殊困难、失能老年人中，在最近一个探访周期内至少有1次有效探访帮扶记录的人数 ÷ 在册人数 × 100"
    )
    numerator_label = "最近一个探访周期内已探访的人数"
    denominator_label = "在册居家特殊困难、失能老年人"
    drilldown_columns = [
        ("姓名", "person.name"),
        ("公民身份号码", lambda obj, user: obj.person.id_number_for(user)),
        ("村（社区）", "person.region.full_name"),
        ("类别", "categories_display"),
        ("纳入名册日期", "listed_on"),
        ("最近探访", "last_visited_on"),
    ]
    drilldown_select_related = ("person", "person__region", "person__region__parent")

    def window(self, region: Region, as_of: datetime.date) -> tuple[datetime.date, list[str]]:
        cycle = int(setting("elderly_visit_cycle_days", region))
        return as_of - datetime.timedelta(days=cycle - 1), list(setting("elderly_visit_counted_types", region))

    def denominator_queryset(self, region, as_of):
        cycle = int(setting("elderly_visit_cycle_days", region))
        min_age = int(setting("elderly_min_age", region))
        # Listed for less than one cycle: neither in the numerator nor the denominator.
        return (
            ElderlyPerson.objects.at_home_on(as_of, min_age)
            .filter(person__region__code__startswith=region.prefix)
            .filter(listed_on__lte=as_of - datetime.timedelta(days=cycle))
        )

    def numerator_queryset(self, region, as_of):
        start, types = self.window(region, as_of)
        return self.denominator_queryset(region, as_of).visited_between(start, as_of, types)

    def drilldown(self, region, as_of, part):
        queryset = super().drilldown(region, as_of, part)
        return queryset.with_last_visit(as_of)

    def compute(self, region, as_of):
        result = super().compute(region, as_of)
        start, types = self.window(region, as_of)
        result.notes.append(
            _("Visit cycle %(start)s to %(end)s; counted visit types: %(types)s.")
            % {
                "start": start.isoformat(),
                "end": as_of.isoformat(),
                "types": "、".join(str(VisitType(t).label) for t in types),
            }
        )
        return result


# --- quality -------------------------------------------------------------------------------------------------


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (clamped to the month's end)."""
    import calendar

    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


@register
class InstitutionQualityComplianceRate(Computation):
    code = "eldercare.institution_quality_compliance_rate"
    name = "养老机构服务基本质量达标率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = "统计日在营养老机构中，最近12个月内最近一次服务质量检查评估结论为“达标”的机构数 ÷ 在营养老机构数 × 100"
    numerator_label = "最近一次检查达标的在营养老机构"
    denominator_label = "在营养老机构"
    drilldown_columns = [
        ("名称", "name"),
        ("乡镇（街道）", _township),
        ("类型", "institution_type"),
        ("最近检查日期", "latest_assessed_on"),
        ("最近结论", lambda obj, user: QualityResult(obj.latest_result).label if obj.latest_result else "—"),
    ]
    drilldown_select_related = ("region", "region__parent")

    def window_start(self, region: Region, as_of: datetime.date) -> datetime.date:
        # "统计日往前12个月内": the day after the same date 12 months earlier, through the as-of date.
        months = int(setting("quality_assessment_window_months", region))
        return months_before(as_of, months) + datetime.timedelta(days=1)

    def latest(self, region, as_of):
        return ElderCareQualityAssessment.objects.latest_result_in_window(
            OuterRef("pk"), self.window_start(region, as_of), as_of
        )

    def denominator_queryset(self, region, as_of):
        return ElderCareInstitution.objects.in_service_on(as_of).filter(region__code__startswith=region.prefix)

    def numerator_queryset(self, region, as_of):
        return (
            self.denominator_queryset(region, as_of)
            .alias(_latest_result=Subquery(self.latest(region, as_of)))
            .filter(_latest_result=QualityResult.PASS)
        )

    def drilldown(self, region, as_of, part):
        queryset = super().drilldown(region, as_of, part)
        start = self.window_start(region, as_of)
        latest = ElderCareQualityAssessment.objects.filter(
            institution=OuterRef("pk"), assessed_on__gte=start, assessed_on__lte=as_of
        ).order_by("-assessed_on", "-pk")
        return queryset.annotate(
            latest_result=Subquery(latest.values("result")[:1]),
            latest_assessed_on=Subquery(latest.values("assessed_on")[:1]),
        )
