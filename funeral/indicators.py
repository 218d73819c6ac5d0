"""The funeral and marriage indicators of the plans, computed from the registers (fixtures/indicators/definitions.yaml).

Every class keeps the definition's code, name, unit, kind, direction, flow and formula; the numerator and
denominator are querysets, so the engine runs one grouped query per part and the drill-down lists exactly the
records counted.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Case, DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from civilaffairs.choices import RegionLevel
from civilaffairs.conf import county_setting
from civilaffairs.formats import cn_date
from civilaffairs.models import Region
from funeral import selectors
from funeral.choices import ProjectStatus, RegistrationKind
from funeral.models import PROGRESS_FIGURE, ConstructionProject, MarriageRegistrationCount
from indicators.registry import Computation, Direction, Kind, Result, manual_figures, quantize, register

FRACTION = DecimalField(max_digits=20, decimal_places=6)


def _pct(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{quantize(Decimal(value), 2):f}".rstrip("0").rstrip(".")
    return f"{text}%"


# Notes are stored with the snapshot and printed in the PDF report: written in Chinese, not through the catalogue.
STATUS_TEXT = {
    ProjectStatus.NOT_STARTED: "尚未开工",
    ProjectStatus.UNDER_CONSTRUCTION: "在建",
    ProjectStatus.COMPLETED: "已竣工投用",
}


# --- 殡葬设施 --------------------------------------------------------------------------------------------


@register
class CountyPublicBurialFacilityCoverage(Computation):
    """县级公益性安葬（放）设施覆盖率 (渠县 row 7, 民乐 row 11): 0 or 100 for one county.

    The unit is the county-level unit with a 火葬区 (a township designated 火葬区 on the date); a county that is a
    土葬改革区 throughout is not in the denominator, and then the indicator has no value. The townships already
    served are listed in the notes for reference; they do not enter the figure (definitions.yaml).
    """

    code = "funeral.county_public_burial_facility_coverage"
    name = "县级公益性安葬（放）设施覆盖率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = (
        "统计日设有在用公益性安葬（放）设施的县级单位数 ÷ 辖区内划有火葬区的县级单位数 × 100（单个县只能为0或100）"
    )
    numerator_label = "设有在用公益性安葬（放）设施的县级单位"
    denominator_label = "划有火葬区的县级单位"
    drilldown_columns = [("县级单位", "name"), ("区划代码", "code")]

    def denominator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        counties = selectors.regions_valid_on(region, RegionLevel.COUNTY, as_of)
        if region.level == RegionLevel.COUNTY:
            counties = Region.objects.filter(pk=region.pk)
        return counties.filter(selectors.county_has_cremation_zone(as_of))

    def numerator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        return self.denominator_queryset(region, as_of).filter(selectors.county_has_public_burial_facility(as_of))

    def compute(self, region: Region, as_of: datetime.date) -> Result:
        result = super().compute(region, as_of)
        if not result.denominator.total:
            result.notes.append(
                "统计日辖区内没有划为火葬区的乡镇（街道）（全域为土葬改革区，或火葬区划定尚未登记），本指标不适用。"
            )
        served = selectors.townships_with_public_burial(region, as_of)
        if served:
            names = "、".join(t.name for t in served)
            result.notes.append(
                f"参考（不参与计算）：已有在用公益性安葬（放）设施服务的乡镇（街道）{len(served)}个：{names}。"
            )
        else:
            result.notes.append("参考（不参与计算）：尚无乡镇（街道）有在用的公益性安葬（放）设施服务。")
        return result


@register
class VillagePublicBurialFacilityCoverage(Computation):
    """城乡公益性安葬（放）设施覆盖率，村（社区）口径 (奉节 row 13; 41% in 2020 ≈ 161 of 392 villages).

    A village counts when a public-welfare cemetery, columbarium or rural burial site in use stands in it or lists
    it in its service area. 农村安葬点 are counted as the village-level 农村公益性墓地 of 《殡葬管理条例》第八条 (the
    奉节 layout rule: 村级有农村安葬点); a 经营性公墓 never counts, nor a facility planned or under construction.
    """

    code = "funeral.village_public_burial_facility_coverage"
    name = "城乡公益性安葬（放）设施覆盖率（村（社区）口径）"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = "统计日有在用公益性安葬（放）设施服务的村（社区）数 ÷ 村（社区）总数 × 100"
    numerator_label = "有公益性安葬（放）设施服务的村（社区）"
    denominator_label = "村（社区）"
    drilldown_columns = [("乡镇（街道）", "parent.name"), ("村（社区）", "name"), ("区划代码", "code")]
    drilldown_select_related = ("parent",)

    def denominator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        return selectors.regions_valid_on(region, RegionLevel.VILLAGE, as_of)

    def numerator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        return self.denominator_queryset(region, as_of).filter(selectors.village_covered(as_of))


@register
class EcoCrematorCount(Computation):
    """环保节能火化炉数量 (渠县 row 8): eco-type cremators in use, tested clean and not past scrapping age."""

    code = "funeral.eco_cremator_count"
    name = "环保节能火化炉数量"
    unit = "个"
    kind = Kind.COUNT
    direction = Direction.HIGHER
    flow = False
    formula = "统计日在用的环保节能型火化炉台数"
    numerator_label = "在用环保节能火化炉"
    drilldown_columns = [
        ("殡仪馆", "facility.name"),
        ("编号", "number"),
        ("型号", "model_name"),
        ("燃料", "fuel"),
        ("投用日期", "commissioned_on"),
        ("强制报废日期", "scrap_due_on"),
        ("最近一次排放检测", "last_tested_on"),
    ]
    drilldown_select_related = ("facility",)

    def numerator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        return selectors.eco_cremators(region, as_of)

    def drilldown(self, region: Region, as_of: datetime.date, part: str) -> QuerySet | None:
        queryset = super().drilldown(region, as_of, part)
        if queryset is None:
            return None
        return queryset.annotate(last_tested_on=selectors.latest_test(as_of, "tested_on"))

    def compute(self, region: Region, as_of: datetime.date) -> Result:
        result = super().compute(region, as_of)
        months = selectors.emission_test_valid_months(region)
        result.notes.append(
            f"排放检测有效期按{months}个月计（县级设置 funeral_emission_test_valid_months）；"
            "超期未检测、最近一次检测不达标或已到强制报废日期的火化炉不计入。"
        )
        return result


@register
class FacilityProjectProgress(Computation):
    """殡葬设施建设项目完成进度 (南川区 row 10: 区殡仪馆改扩建工程 and 花山生态陵园建设工程, 50% in 2020).

    The projects are those of the jurisdiction marked "in the plan's indicator table". Each counts 0–1: completed
    (竣工验收并投用 on or before the date) 1, not started 0, otherwise its latest approved 形象进度 figure
    (manual figure ``project_progress`` for the project's region with the project's name as subject); the value is
    their equal-weight average. The numerator's drill-down lists the projects that contribute (progress above 0).
    """

    code = "funeral.facility_project_progress"
    name = "殡葬设施建设项目完成进度"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = (
        "规划行关联的各建设项目最近一期完成进度之和 ÷ 关联项目个数 × 100（等权平均，进度按0—1计）；明细中分列各项目进度"
    )
    numerator_label = "各项目完成进度之和（按0—1计）"
    denominator_label = "关联建设项目"
    manual_inputs = (PROGRESS_FIGURE,)
    drilldown_columns = [
        ("项目名称", "name"),
        ("建设地点", "location"),
        ("计入进度", lambda obj, user: _pct(getattr(obj, "progress_share", None))),
    ]

    def projects(self, region: Region) -> QuerySet[ConstructionProject]:
        return ConstructionProject.objects.filter(region__code__startswith=region.prefix).in_indicator_table()

    @staticmethod
    def fraction(as_of: datetime.date) -> Case:
        from indicators.choices import ManualInputStatus
        from indicators.models import ManualInput

        latest = (
            ManualInput.objects.filter(
                status=ManualInputStatus.APPROVED,
                type__code=PROGRESS_FIGURE,
                region=OuterRef("region"),
                subject=OuterRef("name"),
                effective_on__lte=as_of,
            )
            .order_by("-effective_on", "-approved_at")
            .values("value")[:1]
        )
        return Case(
            When(completed_on__lte=as_of, then=Value(Decimal(1))),
            When(Q(started_on__isnull=True) | Q(started_on__gt=as_of), then=Value(Decimal(0))),
            # × 0.01 rather than ÷ 100: SQLite stores a whole percentage as an integer and would divide as integers.
            default=Coalesce(Subquery(latest, output_field=FRACTION), Value(Decimal(0))) * Value(Decimal("0.01")),
            output_field=FRACTION,
        )

    numerator_aggregate = Sum("_fraction", output_field=FRACTION)

    def denominator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        return self.projects(region)

    def numerator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        return self.projects(region).alias(_fraction=self.fraction(as_of)).filter(_fraction__gt=0)

    def drilldown(self, region: Region, as_of: datetime.date, part: str) -> QuerySet | None:
        return (
            self.projects(region)
            .annotate(progress_share=self.fraction(as_of) * 100)
            .filter(**({"progress_share__gt": 0} if part == "numerator" else {}))
        )

    def compute(self, region: Region, as_of: datetime.date) -> Result:
        result = super().compute(region, as_of)
        projects = list(self.projects(region).order_by("region_id", "plan_item", "name"))
        figures = {(f.region, f.subject): f for f in manual_figures(PROGRESS_FIGURE, region, as_of)}
        for project in projects:
            figure = figures.get((project.region_id, project.name))
            share = project.progress_fraction(as_of, figure) * 100
            status = STATUS_TEXT[project.status_on(as_of)]
            if figure is not None:
                result.manual_inputs.append(figure.as_dict())
                source = f"最近一期人工填报 {_pct(figure.value)}（{figure.period}，{figure.source}）"
            else:
                source = "无经审核的人工填报进度"
            result.notes.append(f"{project.name}：{status}，计入进度 {_pct(share)}；{source}。")
            if figure is not None and project.started_on is None:
                result.notes.append(f"{project.name} 已填报进度但未登记开工日期，按尚未开工计0，请补登开工日期。")
        if not projects:
            result.notes.append("辖区内没有标注“列入规划指标表”的殡葬设施建设项目。")
        return result


# --- 婚姻登记 --------------------------------------------------------------------------------------------


def registration_counts(region: Region, start: datetime.date, end: datetime.date) -> QuerySet:
    """Daily counts of the jurisdiction's offices in the period; 撤销婚姻 only where the county counts them."""
    counts = MarriageRegistrationCount.objects.filter(office__region__code__startswith=region.prefix).between(
        start, end
    )
    if not county_setting("marriage_count_annulments", region.code):
        counts = counts.exclude(kind=RegistrationKind.ANNULMENT)
    return counts


@register
class MarriageOnlineRegistrationRate(Computation):
    """婚姻登记机构在线登记率 (南川区 row 11), over the year to the as-of date, from the daily counts."""

    code = "funeral.marriage_online_registration_rate"
    name = "婚姻登记机构在线登记率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = True
    formula = "本年1月1日至统计日在全国婚姻登记信息系统联网实时办理的婚姻登记件数 ÷ 同期婚姻登记总件数 × 100"
    numerator_label = "联网实时办理件数"
    denominator_label = "婚姻登记件数（不含历史数据补录）"
    numerator_aggregate = Sum("online")
    denominator_aggregate = Sum(F("total") - F("backfilled"))
    drilldown_columns = [
        ("婚姻登记机关", "office.name"),
        ("日期", "date"),
        ("类别", "kind"),
        ("登记件数", "total"),
        ("联网实时办理", "online"),
        ("历史数据补录", "backfilled"),
    ]
    drilldown_select_related = ("office",)

    def denominator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        start, end = self.period(as_of)
        return registration_counts(region, start, end).filter(total__gt=F("backfilled"))

    def numerator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        start, end = self.period(as_of)
        return registration_counts(region, start, end).filter(online__gt=0)

    def compute(self, region: Region, as_of: datetime.date) -> Result:
        result = super().compute(region, as_of)
        start, end = self.period(as_of)
        counted = "计入" if county_setting("marriage_count_annulments", region.code) else "不计入"
        result.notes.append(
            f"统计期 {cn_date(start)}至{cn_date(end)}；按登记机关所在地分乡镇；历史数据补录不计入分子分母；"
            f"撤销婚姻按县级设置{counted}。"
        )
        return result


@register
class MarriageCrossProvinceOfficeRate(Computation):
    """婚姻登记“跨省通办”实施率 (奉节 row 10, 民乐 row 8): offices with both 结婚 and 离婚 跨省通办 open."""

    code = "funeral.marriage_cross_province_office_rate"
    name = "婚姻登记“跨省通办”实施率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = "统计日已开通婚姻登记“跨省通办”的婚姻登记机关数 ÷ 辖区在运行的婚姻登记机关数 × 100"
    numerator_label = "结婚、离婚登记“跨省通办”均已开通的婚姻登记机关"
    denominator_label = "在运行的婚姻登记机关"
    drilldown_columns = [("婚姻登记机关", "name"), ("所在地", "region.name"), ("运行起始", "opened_on")]
    drilldown_select_related = ("region",)

    def denominator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        from funeral.models import MarriageRegistrationOffice

        return MarriageRegistrationOffice.objects.filter(region__code__startswith=region.prefix).operating(as_of)

    def numerator_queryset(self, region: Region, as_of: datetime.date) -> QuerySet:
        return selectors.offices_with_cross_province(region, as_of)
