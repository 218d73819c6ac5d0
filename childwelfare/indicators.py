"""Child-welfare indicator computations (definitions in fixtures/indicators/definitions.yaml, ``childwelfare.*``).

Coverage rates are Region querysets (units of the jurisdiction in force on the date) filtered with ``Exists`` of
the qualifying sites, so numerator and denominator are one grouped query each and a unit counts at most once.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from childwelfare.choices import StationKind
from childwelfare.models import ChildWelfareInstitution, MinorProtectionStation
from civilaffairs.choices import RegionKind, RegionLevel
from civilaffairs.models import Region
from indicators.registry import Computation, Direction, Kind, register

# 乡镇级区划 (镇、乡、民族乡、街道、社管委) and 村级区划 (村、社区); other units at those levels (industrial-park
# committees) are not counted (definition eldercare.township_comprehensive_institution_coverage, same 口径).
TOWNSHIP_KINDS = (
    RegionKind.TOWN,
    RegionKind.TOWNSHIP,
    RegionKind.ETHNIC_TOWNSHIP,
    RegionKind.SUBDISTRICT,
    RegionKind.COMMUNITY_COMMITTEE,
)
VILLAGE_KINDS = (RegionKind.VILLAGE, RegionKind.COMMUNITY)


def in_force(as_of: datetime.date) -> Q:
    return Q(abolished_on__isnull=True) | Q(abolished_on__gt=as_of)


def township_units(region: Region, as_of: datetime.date) -> QuerySet[Region]:
    return Region.objects.filter(
        code__startswith=region.prefix, level=RegionLevel.TOWNSHIP, kind__in=TOWNSHIP_KINDS
    ).filter(in_force(as_of))


def township_and_village_units(region: Region, as_of: datetime.date) -> QuerySet[Region]:
    return (
        Region.objects.filter(code__startswith=region.prefix)
        .filter(
            Q(level=RegionLevel.TOWNSHIP, kind__in=TOWNSHIP_KINDS)
            | Q(level=RegionLevel.VILLAGE, kind__in=VILLAGE_KINDS)
        )
        .filter(in_force(as_of))
    )


REGION_COLUMNS = [("区划名称", "full_name"), ("区划代码", "code"), ("层级", "level")]


@register
class TownshipMinorProtectionStationCoverage(Computation):
    code = "childwelfare.township_minor_protection_station_coverage"
    name = "乡镇（街道）未成年人保护工作站覆盖率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = "统计日已设立未成年人保护工作站的乡镇（街道）数 ÷ 乡镇（街道）总数 × 100"
    numerator_label = "已设立未成年人保护工作站的乡镇（街道）"
    denominator_label = "乡镇（街道）"
    drilldown_columns = [("乡镇（街道）", "name"), ("区划代码", "code"), ("类别", "kind")]

    def numerator_queryset(self, region, as_of):
        stations = MinorProtectionStation.objects.open_on(as_of).filter(
            kind=StationKind.TOWNSHIP_STATION, region=OuterRef("pk")
        )
        return township_units(region, as_of).filter(Exists(stations))

    def denominator_queryset(self, region, as_of):
        return township_units(region, as_of)


@register
class MinorProtectionModelSiteCoverage(Computation):
    """Township 示范站 and village 示范点 pooled into one rate; the notes give the two sub-rates (plan row
    quxian-14#16: 明细中分列乡镇示范站覆盖率和村（社区）示范点覆盖率)."""

    code = "childwelfare.minor_protection_model_site_coverage"
    name = "乡镇（街道）未成年人保护示范站、村（社区）示范点覆盖率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = (
        "（已建成示范站的乡镇（街道）数 + 已建成示范点的村（社区）数）÷（乡镇（街道）总数 + 村（社区）总数）× 100；"
        "明细中分列乡镇示范站覆盖率和村（社区）示范点覆盖率"
    )
    numerator_label = "有示范站的乡镇（街道）和有示范点的村（社区）"
    denominator_label = "乡镇（街道）和村（社区）"
    drilldown_columns = REGION_COLUMNS
    drilldown_select_related = ("parent",)

    def model_sites(self, as_of: datetime.date):
        return MinorProtectionStation.objects.model_on(as_of).filter(region=OuterRef("pk"))

    def numerator_queryset(self, region, as_of):
        return township_and_village_units(region, as_of).filter(Exists(self.model_sites(as_of)))

    def denominator_queryset(self, region, as_of):
        return township_and_village_units(region, as_of)

    def compute(self, region, as_of):
        result = super().compute(region, as_of)
        has_model = Exists(self.model_sites(as_of))
        counts = (
            township_and_village_units(region, as_of)
            .annotate(_model=has_model)
            .aggregate(
                townships=Count("pk", filter=Q(level=RegionLevel.TOWNSHIP)),
                model_townships=Count("pk", filter=Q(level=RegionLevel.TOWNSHIP, _model=True)),
                villages=Count("pk", filter=Q(level=RegionLevel.VILLAGE)),
                model_villages=Count("pk", filter=Q(level=RegionLevel.VILLAGE, _model=True)),
            )
        )
        for label, num, den in (
            (_("Township model stations"), counts["model_townships"], counts["townships"]),
            (_("Village model points"), counts["model_villages"], counts["villages"]),
        ):
            rate = f"{num * 100 / den:.1f}%" if den else "—"
            result.notes.append(
                _("%(label)s: %(num)d of %(den)d (%(rate)s).") % {"label": label, "num": num, "den": den, "rate": rate}
            )
        return result


@register
class MinorRescueInstitutionCoverage(Computation):
    code = "childwelfare.minor_rescue_institution_coverage"
    name = "未成年人救助保护机构覆盖率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = "统计日设有在运行的未成年人救助保护机构的县级单位数 ÷ 辖区县级单位数 × 100（单个县只能为0或100）"
    numerator_label = "设有在运行的未成年人救助保护机构的县级单位"
    denominator_label = "县级单位"
    drilldown_columns = [("县级单位", "name"), ("区划代码", "code")]

    def counties(self, region: Region, as_of: datetime.date) -> QuerySet[Region]:
        return Region.objects.filter(code__startswith=region.prefix, level=RegionLevel.COUNTY).filter(in_force(as_of))

    def numerator_queryset(self, region, as_of):
        # An institution anywhere in the county (its own region, a township or a village) serves the county.
        rescue = ChildWelfareInstitution.objects.rescue_on(as_of).filter(
            region__code__startswith=Substr(OuterRef("code"), 1, 6)
        )
        return self.counties(region, as_of).filter(Exists(rescue))

    def denominator_queryset(self, region, as_of):
        return self.counties(region, as_of)
