"""The community registers' indicator computations (fixtures/indicators/definitions.yaml, community.*).

Each counts records as of a date (stock) or over 1 January – as-of date (flow) with one grouped query per part;
the county figure is the sum of the township groups of the same query. Coverage rates count Region rows (villages
or townships of the jurisdiction, valid on the date) that have a qualifying record, with ``Exists``. Denominators
no register holds (户数, 户籍人口, 常住人口) come from RegionStat, else from the approved manual figure of the same
code (``indicators.registry.StatDenominator``); the snapshot records which year and source were used.

Values are in the definitions' units (平方米, %, 人, 个, 元); plan rows printed in 万元 / 亿元 / 万人 / 千人 carry a
``scale`` that the engine divides by.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce, Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civilaffairs.choices import RegionKind, RegionLevel, UrbanRural
from civilaffairs.conf import county_setting
from civilaffairs.models import Region
from community.choices import DonationKind, OrgCategory, ReportStatus
from community.models import (
    CharityDonation,
    CommunityPlatformAccess,
    CommunityServiceFacility,
    IncubationCentre,
    LotteryOutlet,
    LotterySalesReturn,
    RuralCommunityDesignation,
    SocialOrganization,
    SocialOrgAnnualReport,
    SocialWorker,
    Volunteer,
    VolunteerStation,
)
from community.models.base import dated_q
from indicators.registry import Computation, Direction, Kind, StatDenominator, register

# --- shared pieces -------------------------------------------------------------------------------------------


def regions_valid_on(region: Region, as_of: datetime.date, level: str):
    """Regions of ``level`` under the jurisdiction that exist on ``as_of`` (not abolished by then)."""
    return Region.objects.filter(level=level, code__startswith=region.prefix).filter(
        Q(abolished_on__isnull=True) | Q(abolished_on__gt=as_of)
    )


def facilities_in_use(region: Region, as_of: datetime.date):
    return CommunityServiceFacility.objects.within(region).active_on(as_of)


def orgs_of(region: Region):
    """Organisations domiciled in the jurisdiction and registered by its own registration authority (the county's
    bureau; for a township the county it belongs to): "由本辖区登记管理机关登记"."""
    authority_prefix = region.prefix[:6] if len(region.prefix) >= 6 else region.prefix
    return SocialOrganization.objects.within(region).filter(registration_authority__code__startswith=authority_prefix)


def _township_of(obj_region: Region | None) -> str:
    if obj_region is None:
        return ""
    if obj_region.level == RegionLevel.VILLAGE:
        return obj_region.parent.name if obj_region.parent_id else ""
    return obj_region.name


REGION_COLUMNS = [
    (gettext_lazy("division code"), "code"),
    (gettext_lazy("township"), lambda r, u: _township_of(r)),
    (gettext_lazy("name"), "name"),
    (gettext_lazy("kind"), "kind"),
]
FACILITY_COLUMNS = [
    (gettext_lazy("name"), "name"),
    (gettext_lazy("township"), lambda f, u: _township_of(f.village)),
    (gettext_lazy("village or community"), "village.name"),
    (gettext_lazy("building area (m²)"), "building_area_m2"),
    (gettext_lazy("in use since"), "opened_on"),
]
WORKER_COLUMNS = [
    (gettext_lazy("full name"), "person.name"),
    (gettext_lazy("township"), lambda w, u: _township_of(w.region)),
    (gettext_lazy("employer"), "employer_name"),
    (gettext_lazy("certificate"), "certificate_level"),
    (gettext_lazy("in post from"), "active_from"),
]
ORG_COLUMNS = [
    (gettext_lazy("name"), "name"),
    (gettext_lazy("unified social credit code"), "uscc"),
    (gettext_lazy("type"), "org_type"),
    (gettext_lazy("field"), "category"),
    (gettext_lazy("township"), lambda o, u: _township_of(o.region)),
    (gettext_lazy("registered on"), "registered_on"),
]


# --- 城乡社区综合服务设施 -------------------------------------------------------------------------------------


@register
class FacilityAreaPer100Households(StatDenominator, Computation):
    code = "community.facility_area_per_100_households"
    name = "每百户居民拥有的城乡社区综合服务设施面积"
    unit = "平方米"
    kind = Kind.PER_100_HOUSEHOLDS
    direction = Direction.HIGHER
    formula = "统计日在用的城乡社区综合服务设施建筑面积之和 ÷（各村（社区）户数之和 ÷ 100）"
    numerator_label = "在用综合服务设施建筑面积（平方米）"
    denominator_label = "村（社区）户数"
    stat_field = "households"
    numerator_aggregate = Sum("building_area_m2")
    drilldown_columns = FACILITY_COLUMNS
    drilldown_select_related = ("village", "village__parent")

    def numerator_queryset(self, region, as_of):
        return facilities_in_use(region, as_of)


@register
class VolunteerStationFacilityCoverage(Computation):
    code = "community.volunteer_station_facility_coverage"
    name = "志愿服务站点在社区综合服务设施中的覆盖率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    formula = "设有在运行志愿服务站点的城乡社区综合服务设施数 ÷ 统计日在用的城乡社区综合服务设施总数 × 100"
    numerator_label = "设有志愿服务站点的在用设施"
    denominator_label = "在用综合服务设施"
    drilldown_columns = FACILITY_COLUMNS
    drilldown_select_related = ("village", "village__parent")

    def numerator_queryset(self, region, as_of):
        stations = VolunteerStation.objects.filter(facility=OuterRef("pk")).filter(
            dated_q(as_of, "established_on", "closed_on")
        )
        return facilities_in_use(region, as_of).filter(Exists(stations))

    def denominator_queryset(self, region, as_of):
        return facilities_in_use(region, as_of)


@register
class ServiceFacilityCoverage(Computation):
    code = "community.service_facility_coverage"
    name = "城乡社区综合服务设施覆盖率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    formula = "统计日有在用综合服务设施的村（社区）数 ÷ 村（社区）总数 × 100"
    numerator_label = "有在用综合服务设施覆盖的村（社区）"
    denominator_label = "村（社区）"
    drilldown_columns = REGION_COLUMNS
    drilldown_select_related = ("parent",)

    def numerator_queryset(self, region, as_of):
        in_use = CommunityServiceFacility.objects.filter(dated_q(as_of))
        stands_here = in_use.filter(village_id=OuterRef("code"))
        serves_here = in_use.filter(served_villages=OuterRef("code"))
        return regions_valid_on(region, as_of, RegionLevel.VILLAGE).filter(Exists(stands_here) | Exists(serves_here))

    def denominator_queryset(self, region, as_of):
        return regions_valid_on(region, as_of, RegionLevel.VILLAGE)


# --- 信息平台 and 农村社区建设 ----------------------------------------------------------------------------------


class PlatformCoverage(Computation):
    """Villages or communities with a connection, valid on the date, to a platform the county recognises."""

    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    drilldown_columns = REGION_COLUMNS
    drilldown_select_related = ("parent",)

    def units(self, region, as_of):
        raise NotImplementedError

    def numerator_queryset(self, region, as_of):
        platforms = county_setting("community_recognised_platforms", region.code[:6])
        access = CommunityPlatformAccess.objects.filter(village_id=OuterRef("code"), platform__in=platforms).filter(
            dated_q(as_of, "connected_on", "disconnected_on")
        )
        return self.units(region, as_of).filter(Exists(access))

    def denominator_queryset(self, region, as_of):
        return self.units(region, as_of)


@register
class UrbanCommunityInfoPlatformCoverage(PlatformCoverage):
    code = "community.urban_community_info_platform_coverage"
    name = "城市社区公共服务综合信息平台覆盖率"
    unit = "%"
    formula = "统计日已接入公共服务综合信息平台的城市社区数 ÷ 城市社区总数 × 100"
    numerator_label = "已接入平台的城市社区"
    denominator_label = "城市社区"

    def units(self, region, as_of):
        return regions_valid_on(region, as_of, RegionLevel.VILLAGE).filter(
            kind=RegionKind.COMMUNITY, urban_rural=UrbanRural.URBAN
        )


@register
class RuralCommunityInfoPlatformCoverage(PlatformCoverage):
    code = "community.rural_community_info_platform_coverage"
    name = "农村社区公共服务综合信息平台覆盖率"
    unit = "%"
    formula = "统计日已接入公共服务综合信息平台的农村社区（行政村）数 ÷ 农村社区（行政村）总数 × 100"
    numerator_label = "已接入平台的行政村和农村社区"
    denominator_label = "行政村和农村社区"

    def units(self, region, as_of):
        return regions_valid_on(region, as_of, RegionLevel.VILLAGE).filter(
            Q(kind=RegionKind.VILLAGE) | Q(kind=RegionKind.COMMUNITY, urban_rural=UrbanRural.RURAL)
        )


@register
class RuralCommunityBuildingCoverage(Computation):
    code = "community.rural_community_building_coverage"
    name = "农村社区建设推广面"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    formula = "统计日已完成农村社区建设认定（达标）的行政村数 ÷ 行政村总数 × 100"
    numerator_label = "已认定的行政村"
    denominator_label = "行政村"
    drilldown_columns = REGION_COLUMNS
    drilldown_select_related = ("parent",)

    def numerator_queryset(self, region, as_of):
        recognised = RuralCommunityDesignation.objects.filter(village_id=OuterRef("code")).filter(
            dated_q(as_of, "designated_on", "revoked_on")
        )
        return self.denominator_queryset(region, as_of).filter(Exists(recognised))

    def denominator_queryset(self, region, as_of):
        return regions_valid_on(region, as_of, RegionLevel.VILLAGE).filter(kind=RegionKind.VILLAGE)


# --- 社会工作 -----------------------------------------------------------------------------------------------


def workers_on(region: Region, as_of: datetime.date):
    return SocialWorker.objects.within(region).working_on(as_of)


@register
class SocialWorkTalentCount(Computation):
    code = "community.social_work_talent_count"
    name = "社会工作专业人才数"
    unit = "人"
    kind = Kind.COUNT
    direction = Direction.HIGHER
    formula = "统计日在册、在岗的社会工作专业人才人数"
    numerator_label = "在岗社会工作专业人才"
    # Distinct persons: a person has one record at a time (constraint + overlap check), so the township groups
    # still add up to the county total.
    numerator_aggregate = Count("person", distinct=True)
    drilldown_columns = WORKER_COLUMNS
    drilldown_select_related = ("person", "region", "region__parent")

    def numerator_queryset(self, region, as_of):
        return workers_on(region, as_of)


@register
class CertifiedSocialWorkerCount(Computation):
    code = "community.certified_social_worker_count"
    name = "持证社会工作专业人才数"
    unit = "人"
    kind = Kind.COUNT
    direction = Direction.HIGHER
    formula = "统计日持有有效全国社会工作者职业资格证书、在本辖区从业的人数"
    numerator_label = "持证社会工作者"
    numerator_aggregate = Count("person", distinct=True)
    drilldown_columns = WORKER_COLUMNS
    drilldown_select_related = ("person", "region", "region__parent")

    def numerator_queryset(self, region, as_of):
        return workers_on(region, as_of).nationally_certified_on(as_of)


@register
class CertifiedSocialWorkersPer1000(StatDenominator, Computation):
    code = "community.certified_social_workers_per_1000_population"
    name = "持证社会工作者占总人口比例"
    unit = "‰"
    kind = Kind.PER_1000
    direction = Direction.HIGHER
    formula = "统计日持证社会工作者人数 ÷（户籍人口 ÷ 1000）"
    numerator_label = "持证社会工作者"
    denominator_label = "户籍人口"
    stat_field = "registered_population"
    numerator_aggregate = Count("person", distinct=True)
    drilldown_columns = WORKER_COLUMNS
    drilldown_select_related = ("person", "region", "region__parent")

    def numerator_queryset(self, region, as_of):
        return workers_on(region, as_of).nationally_certified_on(as_of)


# --- 社会组织 -----------------------------------------------------------------------------------------------


@register
class SocialWorkServiceOrgCount(Computation):
    code = "community.social_work_service_org_count"
    name = "社会工作服务机构数"
    unit = "个"
    kind = Kind.COUNT
    direction = Direction.HIGHER
    formula = "统计日在本辖区登记、状态正常的社会工作服务机构个数"
    numerator_label = "社会工作服务机构"
    drilldown_columns = ORG_COLUMNS
    drilldown_select_related = ("region", "region__parent")

    def numerator_queryset(self, region, as_of):
        return orgs_of(region).normal_on(as_of).filter(category=OrgCategory.SOCIAL_WORK)


@register
class SocialOrgCount(Computation):
    code = "community.social_org_count"
    name = "登记社会组织数"
    unit = "个"
    kind = Kind.COUNT
    direction = Direction.HIGHER
    formula = "统计日在本辖区登记、状态正常的社会组织个数"
    numerator_label = "登记社会组织"
    drilldown_columns = ORG_COLUMNS
    drilldown_select_related = ("region", "region__parent")

    def numerator_queryset(self, region, as_of):
        return orgs_of(region).normal_on(as_of)


@register
class SocialOrgsPer10000(StatDenominator, Computation):
    code = "community.social_orgs_per_10000_population"
    name = "每万人拥有社会组织数"
    unit = "个"
    kind = Kind.PER_10000
    direction = Direction.HIGHER
    formula = "统计日登记社会组织数 ÷（户籍人口 ÷ 10000）"
    numerator_label = "登记社会组织"
    denominator_label = "户籍人口"
    stat_field = "registered_population"
    drilldown_columns = ORG_COLUMNS
    drilldown_select_related = ("region", "region__parent")

    def numerator_queryset(self, region, as_of):
        return orgs_of(region).normal_on(as_of)


@register
class SocialOrgIncubationCentreCoverage(Computation):
    code = "community.social_org_incubation_centre_coverage"
    name = "社会组织孵化中心覆盖率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    formula = "统计日设有在运行社会组织孵化中心（基地）的乡镇（街道）数 ÷ 乡镇（街道）总数 × 100"
    numerator_label = "设有孵化中心的乡镇（街道）"
    denominator_label = "乡镇（街道）"
    drilldown_columns = REGION_COLUMNS

    def numerator_queryset(self, region, as_of):
        # A centre in a village covers its township; a county-level 孵化园 only the township it stands in.
        centres = (
            IncubationCentre.objects.filter(dated_q(as_of))
            .annotate(_township=Substr("region_id", 1, 9))
            .filter(_township=Substr(OuterRef("code"), 1, 9))
        )
        return self.denominator_queryset(region, as_of).filter(Exists(centres))

    def denominator_queryset(self, region, as_of):
        return regions_valid_on(region, as_of, RegionLevel.TOWNSHIP)


@register
class SocialOrgFulltimeStaff(Computation):
    code = "community.social_org_fulltime_staff"
    name = "社会组织专职工作人员数量"
    unit = "人"
    kind = Kind.SUM
    direction = Direction.HIGHER
    version = 1
    # Refinement (documented): an organisation with no accepted report yet — new that year, or late with its
    # reports — counts the full-time staff it declared at registration, so that a missing report does not drop it.
    formula = "统计日状态正常的本辖区登记社会组织，各自最近一次年度报告填报的专职工作人员数之和"
    numerator_label = "社会组织专职工作人员（人）"
    numerator_aggregate = Sum("counted_staff")
    drilldown_columns = [
        *ORG_COLUMNS[:2],
        (gettext_lazy("township"), lambda o, u: _township_of(o.region)),
        (gettext_lazy("full-time staff counted"), "counted_staff"),
        (gettext_lazy("from the annual report of"), lambda o, u: o.report_year or _("registration")),
    ]
    drilldown_select_related = ("region", "region__parent")

    def numerator_queryset(self, region, as_of):
        latest = SocialOrgAnnualReport.objects.filter(
            organization=OuterRef("pk"), status=ReportStatus.ACCEPTED, reviewed_on__lte=as_of
        ).order_by("-year")
        return (
            orgs_of(region)
            .normal_on(as_of)
            .annotate(
                report_year=Subquery(latest.values("year")[:1]),
                counted_staff=Coalesce(
                    Subquery(latest.values("fulltime_staff")[:1]), F("fulltime_staff_at_registration")
                ),
            )
        )


# --- 慈善 -------------------------------------------------------------------------------------------------


DONATION_VALUE = Case(
    When(kind=DonationKind.REFUND, then=-(F("cash_yuan") + F("in_kind_yuan"))),
    default=F("cash_yuan") + F("in_kind_yuan"),
    output_field=models.DecimalField(max_digits=18, decimal_places=2),
)


@register
class CharityDonationsReceived(Computation):
    code = "community.charity_donations_received"
    name = "慈善组织接受社会捐赠总额"
    unit = "元"
    kind = Kind.SUM
    direction = Direction.HIGHER
    flow = True
    formula = "本辖区登记（认定）的慈善组织本年1月1日至统计日接受的社会捐赠金额之和"
    numerator_label = "慈善组织接受捐赠（元）"
    numerator_aggregate = Sum(DONATION_VALUE)
    drilldown_columns = [
        (gettext_lazy("date booked"), "received_on"),
        (gettext_lazy("charity receiving"), "recipient.name"),
        (gettext_lazy("donor"), "donor_name"),
        (gettext_lazy("entry"), "kind"),
        (gettext_lazy("cash (yuan)"), "cash_yuan"),
        (gettext_lazy("goods at booked value (yuan)"), "in_kind_yuan"),
    ]
    drilldown_select_related = ("recipient",)

    def numerator_queryset(self, region, as_of):
        start, end = self.period(as_of)
        charities = orgs_of(region).filter(is_charity=True)
        return (
            CharityDonation.objects.filter(recipient__in=charities)
            .received_between(start, end)
            # Passed on between the jurisdiction's own charities: counted where first received, not twice.
            .exclude(source_charity__in=charities)
        )


# --- 福利彩票 ----------------------------------------------------------------------------------------------


@register
class LotteryOutletCount(Computation):
    code = "community.lottery_outlet_count"
    name = "福利彩票销售网点数"
    unit = "个"
    kind = Kind.COUNT
    direction = Direction.HIGHER
    formula = "统计日在本辖区营业的福利彩票销售网点个数"
    numerator_label = "营业中的福彩销售网点"
    drilldown_columns = [
        (gettext_lazy("outlet number"), "outlet_number"),
        (gettext_lazy("name"), "name"),
        (gettext_lazy("township"), lambda o, u: _township_of(o.region)),
        (gettext_lazy("site address"), "address"),
        (gettext_lazy("opened on"), "opened_on"),
    ]
    drilldown_select_related = ("region", "region__parent")

    def numerator_queryset(self, region, as_of):
        return LotteryOutlet.objects.within(region).active_on(as_of)


@register
class LotterySales(Computation):
    code = "community.lottery_sales"
    name = "福利彩票销售额"
    unit = "元"
    kind = Kind.SUM
    direction = Direction.HIGHER
    flow = True
    formula = "本辖区福利彩票销售网点本年1月1日至统计日的销售额之和"
    numerator_label = "福彩销售额（元）"
    numerator_aggregate = Sum("sales_yuan")
    drilldown_columns = [
        (gettext_lazy("month"), lambda r, u: f"{r.month.year}年{r.month.month}月"),
        (gettext_lazy("outlet number"), "outlet.outlet_number"),
        (gettext_lazy("outlet"), "outlet.name"),
        (gettext_lazy("monthly sales (yuan)"), "sales_yuan"),
    ]
    drilldown_select_related = ("outlet",)

    def numerator_queryset(self, region, as_of):
        start, end = self.period(as_of)
        return LotterySalesReturn.objects.within(region).filter(month__gte=start, month__lte=end)

    def compute(self, region, as_of):
        result = super().compute(region, as_of)
        latest = self.numerator_queryset(region, as_of).aggregate(latest=models.Max("month"))["latest"]
        if latest is None:
            result.notes.append(_("No monthly sales have been entered for this year yet."))
        elif (latest.year, latest.month) != (as_of.year, as_of.month):
            result.notes.append(
                _("Monthly sales entered up to %(year)d-%(month)02d only.")
                % {"year": latest.year, "month": latest.month}
            )
        return result


# --- 志愿服务 ----------------------------------------------------------------------------------------------


@register
class RegisteredVolunteerShare(StatDenominator, Computation):
    code = "community.registered_volunteer_share"
    name = "注册志愿者人数占居民人口的比例"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    formula = "统计日实名注册志愿者人数 ÷ 常住人口 × 100"
    numerator_label = "实名注册志愿者"
    denominator_label = "常住人口"
    stat_field = "resident_population"
    drilldown_columns = [
        (gettext_lazy("full name"), "name"),
        (gettext_lazy("ID number"), lambda v, u: v.id_number_for(u)),
        (gettext_lazy("township"), lambda v, u: _township_of(v.region)),
        (gettext_lazy("registered on"), "registered_on"),
    ]
    drilldown_select_related = ("region", "region__parent")

    def numerator_queryset(self, region, as_of):
        return Volunteer.objects.within(region).active_on(as_of)
