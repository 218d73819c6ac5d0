"""Social-assistance indicator computations (definitions ``assistance.*`` in fixtures/indicators/definitions.yaml).

- The two standard indicators read the dated standards table (``AssistanceStandard``): one figure per county, not per
  township, so every township's breakdown shows the county's figure (the definitions say so).
- The vagrant return rate is a flow over the year of the as-of date, grouped by the township where the person was
  found (cases found elsewhere and held at county level form the county-level group).
- The disability-subsidy coverages are one grouped query per part over the certificate register, with the
  eligibility of ``assistance.subsidies`` — the same rules the workflow applies — grouped by the township of
  residence.
- The mental-health welfare institution milestone counts the small institutions register.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import F, Max, Q, QuerySet
from django.utils.translation import gettext as _

from assistance.choices import (
    RETURN_OUTCOMES,
    RETURN_RATE_EXCLUDED,
    CertificateSource,
    Programme,
    StandardKind,
    WelfareInstitutionOrigin,
    WelfareInstitutionType,
)
from assistance.conf import county_setting
from assistance.models import AssistanceStandard, DisabilityCertificate, VagrantCase, WelfareInstitution
from assistance.models.standards import standard_in_force
from assistance.subsidies import ELIGIBLE, receiving
from civilaffairs.choices import RegionLevel
from civilaffairs.models import Region
from indicators.registry import (
    TOWNSHIP_CODE_LENGTH,
    Computation,
    Direction,
    Kind,
    Part,
    Result,
    assemble,
    grouped,
    manual_figure,
    quantize,
    register,
    scale_value,
)


def _township_keys(region: Region, as_of: datetime.date) -> list[str]:
    """The 9-digit keys of the jurisdiction's townships in force on ``as_of``."""
    if len(region.prefix) > TOWNSHIP_CODE_LENGTH:
        return [region.code[:TOWNSHIP_CODE_LENGTH]]
    codes = (
        Region.objects.filter(code__startswith=region.prefix, level=RegionLevel.TOWNSHIP)
        .filter(Q(abolished_on__isnull=True) | Q(abolished_on__gt=as_of))
        .values_list("code", flat=True)
    )
    return [code[:TOWNSHIP_CODE_LENGTH] for code in codes]


def _one_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _county_code(region: Region) -> str | None:
    """Standards are per county: the county of a county-or-lower jurisdiction (None above a county)."""
    return region.code[:6] if len(region.prefix) >= 6 else None


def _standards_in_force(county: str, on: datetime.date) -> dict[str, AssistanceStandard | None]:
    return {ur: standard_in_force(county, StandardKind.DIBAO, ur, on) for ur in ("urban", "rural")}


def _standard_rows(region: Region, on: datetime.date) -> QuerySet[AssistanceStandard]:
    county = _county_code(region)
    if county is None:
        return AssistanceStandard.objects.none()
    pks = [s.pk for s in _standards_in_force(county, on).values() if s is not None]
    return AssistanceStandard.objects.filter(pk__in=pks).select_related("county")


def _same_for_every_township(
    region: Region, as_of: datetime.date, kind: str, numerator: Decimal, denominator: Decimal
) -> dict[str, dict]:
    value = scale_value(kind, numerator, denominator)
    return {
        key: {"numerator": numerator, "denominator": denominator, "value": value}
        for key in _township_keys(region, as_of)
    }


def _yuan(value: Decimal) -> str:
    return f"{quantize(value, 2)}"


STANDARD_COLUMNS = [
    ("县（区）", "county.name"),
    ("类别", "kind"),
    ("城乡", "urban_rural"),
    ("月标准（元）", "monthly_amount"),
    ("年标准（原文，元）", "printed_yearly_amount"),
    ("施行日期", "effective_from"),
    ("文号", "document_number"),
    ("演示值", "is_demo"),
]


@register
class DibaoStandardGrowth(Computation):
    """The plan rows compare with 上年度（城镇）居民人均消费支出增速 through the row's ``target_reference``; the engine
    reads that figure itself and judges the status, the computation cannot see the row. So the value is the lower
    of the urban and rural growths, the notes give both growths and every approved comparison figure of either
    kind for the county, and nothing is asked of the engine (docs/decisions/0006)."""

    code = "assistance.dibao_standard_growth"
    name = "城乡低保标准年度增速"
    unit = "%"
    kind = Kind.EXTERNAL_COMPARISON
    direction = Direction.HIGHER
    flow = False
    formula = (
        "分别算城市、农村低保标准增速：（统计日执行的月标准 ÷ 上年同日执行的月标准 − 1）× 100；指标值取城市、农村两个"
        "增速中较低的一个，与人工录入的上年度（城镇）居民人均消费支出增速比较，不低于即达标"
    )
    numerator_label = "统计日执行的低保月标准（增速较低一方）"
    denominator_label = "上年同日执行的低保月标准（同一方）"
    manual_inputs = ("resident_consumption_growth", "urban_resident_consumption_growth")
    drilldown_columns = STANDARD_COLUMNS
    drilldown_select_related = ("county",)

    def numerator_queryset(self, region, as_of):
        return _standard_rows(region, as_of)

    def denominator_queryset(self, region, as_of):
        return _standard_rows(region, _one_year_before(as_of))

    def compute(self, region, as_of):
        county = _county_code(region)
        if county is None:
            return Result(
                numerator=Part(total=None),
                denominator=Part(total=None),
                value=None,
                breakdown={},
                notes=[_("Dibao standards are set per county: compute this indicator for a county.")],
            )
        before = _one_year_before(as_of)
        now, then = _standards_in_force(county, as_of), _standards_in_force(county, before)
        notes: list[str] = []
        growths: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
        labels = {"urban": _("urban"), "rural": _("rural")}
        for ur in ("urban", "rural"):
            current, previous = now[ur], then[ur]
            if current is None or previous is None or not previous.monthly_amount:
                notes.append(
                    _("No %(ur)s dibao standard in force on %(date)s: no growth computed.")
                    % {"ur": labels[ur], "date": (before if previous is None else as_of).isoformat()}
                )
                continue
            growth = (current.monthly_amount / previous.monthly_amount - 1) * 100
            growths[ur] = (growth, current.monthly_amount, previous.monthly_amount)
            notes.append(
                _("%(ur)s standard %(now)s yuan (in force %(date)s) against %(then)s yuan a year earlier: %(g)s%%.")
                % {
                    "ur": labels[ur],
                    "now": _yuan(current.monthly_amount),
                    "date": as_of.isoformat(),
                    "then": _yuan(previous.monthly_amount),
                    "g": quantize(growth, 2),
                }
            )
        region_county = Region(code=county + "000000", level=RegionLevel.COUNTY)
        for code, label in (
            ("resident_consumption_growth", _("residents' per-capita consumption growth")),
            ("urban_resident_consumption_growth", _("urban residents' per-capita consumption growth")),
        ):
            figure = manual_figure(code, region_county, as_of)
            if figure is not None and figure.value is not None:
                notes.append(
                    _("Comparison figure (manual): last year's %(label)s %(value)s%% (%(period)s, %(source)s).")
                    % {"label": label, "value": figure.value, "period": figure.period, "source": figure.source}
                )
        if len(growths) < 2:
            # Both growths are needed: the lower of the two is the value (definition, denominator).
            return Result(
                numerator=Part(total=None), denominator=Part(total=None), value=None, breakdown={}, notes=notes
            )
        lower = min(growths, key=lambda ur: growths[ur][0])
        growth, current, previous = growths[lower]
        notes.append(_("Value: the lower of the two growths (%(ur)s).") % {"ur": labels[lower]})
        return Result(
            numerator=Part(total=current),
            denominator=Part(total=previous),
            value=growth,
            breakdown={
                key: {"numerator": current, "denominator": previous, "value": growth}
                for key in _township_keys(region, as_of)
            },
            notes=notes,
        )


@register
class RuralUrbanDibaoRatio(Computation):
    code = "assistance.rural_urban_dibao_ratio"
    name = "农村低保标准占城市低保标准比例"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = "统计日执行的农村低保月标准 ÷ 城市低保月标准 × 100"
    numerator_label = "统计日执行的农村低保月标准"
    denominator_label = "统计日执行的城市低保月标准"
    drilldown_columns = STANDARD_COLUMNS
    drilldown_select_related = ("county",)

    def _row(self, region, as_of, ur):
        county = _county_code(region)
        if county is None:
            return AssistanceStandard.objects.none()
        row = standard_in_force(county, StandardKind.DIBAO, ur, as_of)
        return AssistanceStandard.objects.filter(pk=row.pk if row else None).select_related("county")

    def numerator_queryset(self, region, as_of):
        return self._row(region, as_of, "rural")

    def denominator_queryset(self, region, as_of):
        return self._row(region, as_of, "urban")

    def compute(self, region, as_of):
        county = _county_code(region)
        rural = standard_in_force(county, StandardKind.DIBAO, "rural", as_of) if county else None
        urban = standard_in_force(county, StandardKind.DIBAO, "urban", as_of) if county else None
        if rural is None or urban is None:
            note = _("No urban or rural dibao standard is in force on %(date)s.") % {"date": as_of.isoformat()}
            return Result(Part(total=None), Part(total=None), None, {}, notes=[note])
        notes = []
        if rural.pk == urban.pk:
            notes.append(_("Urban and rural dibao are one unified standard: the ratio is 100."))
        if rural.is_demo or urban.is_demo:
            notes.append(_("The standards used are labelled demo values."))
        num, den = rural.monthly_amount, urban.monthly_amount
        return Result(
            numerator=Part(total=num),
            denominator=Part(total=den),
            value=scale_value(self.kind, num, den),
            breakdown=_same_for_every_township(region, as_of, self.kind, num, den),
            notes=notes,
        )


# --- 流浪乞讨救助 ------------------------------------------------------------------------------------------------


def _found_township(case, user) -> str:
    return case.region.name if case.region.level == RegionLevel.TOWNSHIP else "县级"


VAGRANT_COLUMNS = [
    ("编号", "number"),
    ("姓名", "display_name"),
    ("发现地", _found_township),
    ("入站日期", "intake_on"),
    ("查明身份日期", "identity_on"),
    ("查明方式", "identity_method"),
    ("离站方式", "outcome"),
    ("离站日期", "outcome_on"),
    ("结案日期", "closed_on"),
]


@register
class VagrantReturnRate(Computation):
    code = "assistance.vagrant_return_rate"
    name = "查明身份信息流浪乞讨受助人员接送返回率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = True
    formula = (
        "本年1月1日至统计日离站结案、已查明身份的受助人员中，以接送返回方式离站的人次 ÷ 同期离站结案且已查明身份的"
        "人次 × 100"
    )
    numerator_label = "接送返回（护送返乡、亲属接回、移交户籍地救助机构）的人次"
    denominator_label = "离站结案且离站前已查明身份的人次（不含死亡、落户安置）"
    drilldown_columns = VAGRANT_COLUMNS
    drilldown_select_related = ("region", "person")

    def denominator_queryset(self, region, as_of):
        start, end = self.period(as_of)
        return (
            VagrantCase.objects.within(region)
            .closed_between(start, end)
            .filter(identity_established=True, identity_on__lte=F("outcome_on"))
            .exclude(outcome__in=RETURN_RATE_EXCLUDED)
        )

    def numerator_queryset(self, region, as_of):
        return self.denominator_queryset(region, as_of).filter(outcome__in=RETURN_OUTCOMES)


# --- 残疾人两项补贴 ----------------------------------------------------------------------------------------------


def _residence_township(cert, user) -> str:
    region = cert.person.region
    return region.parent.name if region.level == RegionLevel.VILLAGE and region.parent_id else region.name


CERTIFICATE_COLUMNS = [
    ("姓名", "person.name"),
    ("乡镇（街道）", _residence_township),
    ("村（社区）", "person.region.name"),
    ("残疾类别", "category"),
    ("残疾等级", "grade"),
    ("发证日期", "issued_on"),
    ("有效期至", "valid_until"),
]


def _roster_note(region: Region) -> list[str]:
    """Where the denominator comes from: without the federation's roster the coverage proves itself (100%)."""
    latest = DisabilityCertificate.objects.filter(
        person__region__code__startswith=region.prefix, source=CertificateSource.FEDERATION
    ).aggregate(at=Max("updated_at"))["at"]
    if latest is None:
        return [
            _(
                "No certificate roster from the disabled persons' federation has been imported: the denominator holds "
                "only certificates entered by staff, so the coverage may prove itself."
            )
        ]
    return [_("Disabled persons' federation roster last imported on %(date)s.") % {"date": latest.date().isoformat()}]


class SubsidyCoverage(Computation):
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    programme: str = ""
    drilldown_columns = CERTIFICATE_COLUMNS
    drilldown_select_related = ("person", "person__region", "person__region__parent")

    def denominator_queryset(self, region, as_of):
        return ELIGIBLE[self.programme](region, as_of)

    def numerator_queryset(self, region, as_of):
        return self.denominator_queryset(region, as_of).filter(receiving(self.programme, as_of))

    def compute(self, region, as_of):
        result = super().compute(region, as_of)
        result.notes.extend(_roster_note(region))
        return result


@register
class HardshipDisabilityLivingSubsidyCoverage(SubsidyCoverage):
    code = "assistance.hardship_disability_living_subsidy_coverage"
    name = "困难残疾人生活补贴覆盖率"
    unit = "%"
    formula = "统计日符合条件的困难残疾人中，统计月享受困难残疾人生活补贴的人数 ÷ 符合条件的困难残疾人数 × 100"
    numerator_label = "统计月享受生活补贴的符合条件人数"
    denominator_label = "统计日符合条件的困难残疾人（持有效证、在保低保家庭及县级扩面群体）"
    programme = Programme.LIVING_SUBSIDY


@register
class SevereDisabilityCareSubsidyCoverage(SubsidyCoverage):
    code = "assistance.severe_disability_care_subsidy_coverage"
    name = "重度残疾人护理补贴覆盖率"
    unit = "%"
    formula = "统计日符合条件的重度残疾人中，统计月享受重度残疾人护理补贴的人数 ÷ 符合条件的重度残疾人数 × 100"
    numerator_label = "统计月享受护理补贴的符合条件人数"
    denominator_label = "统计日符合条件的重度残疾人（一、二级需长期照护，及县级扩面的三、四级智力精神残疾人）"
    programme = Programme.CARE_SUBSIDY


def _add(a: Part, b: Part) -> Part:
    groups = dict(a.groups)
    for key, value in b.groups.items():
        groups[key] = groups.get(key, Decimal(0)) + value
    return Part(total=(a.total or Decimal(0)) + (b.total or Decimal(0)), groups=groups)


@register
class DisabilityTwoSubsidiesCoverage(Computation):
    """Counted per person and subsidy (one person eligible for both counts twice); the drill-down lists each
    certificate once (either subsidy), the notes give each subsidy's own coverage."""

    code = "assistance.disability_two_subsidies_coverage"
    name = "残疾人两项补贴合并覆盖率"
    unit = "%"
    kind = Kind.RATIO_100
    direction = Direction.HIGHER
    flow = False
    formula = (
        "（享受生活补贴的符合条件人数 + 享受护理补贴的符合条件人数）÷（生活补贴符合条件人数 + 护理补贴符合条件人数）"
        "× 100，按“人·补贴项目”计；明细中分列两项补贴各自的覆盖率"
    )
    numerator_label = "享受补贴的符合条件人·项（两项都享受的计2）"
    denominator_label = "符合条件的人·项（两项都符合的计2）"
    drilldown_columns = CERTIFICATE_COLUMNS
    drilldown_select_related = SubsidyCoverage.drilldown_select_related

    parts = (
        (Programme.LIVING_SUBSIDY, HardshipDisabilityLivingSubsidyCoverage),
        (Programme.CARE_SUBSIDY, SevereDisabilityCareSubsidyCoverage),
    )

    def denominator_queryset(self, region, as_of):
        living, care = (cls().denominator_queryset(region, as_of) for _p, cls in self.parts)
        return living | care

    def numerator_queryset(self, region, as_of):
        living, care = (cls().numerator_queryset(region, as_of) for _p, cls in self.parts)
        return living | care

    def compute(self, region, as_of):
        numerator, denominator = Part(total=Decimal(0)), Part(total=Decimal(0))
        notes = []
        labels = {Programme.LIVING_SUBSIDY: _("living subsidy"), Programme.CARE_SUBSIDY: _("care subsidy")}
        for programme, cls in self.parts:
            single = cls()
            num = grouped(single.numerator_queryset(region, as_of), None, region)
            den = grouped(single.denominator_queryset(region, as_of), None, region)
            numerator, denominator = _add(numerator, num), _add(denominator, den)
            rate = scale_value(self.kind, num.total, den.total)
            notes.append(
                _("%(label)s: %(num)s of %(den)s eligible (%(rate)s).")
                % {
                    "label": labels[programme],
                    "num": num.total,
                    "den": den.total,
                    "rate": f"{quantize(rate, 2)}%" if rate is not None else "—",
                }
            )
        return assemble(self.kind, numerator, denominator, notes + _roster_note(region))


# --- 精神卫生福利机构 (milestone) ---------------------------------------------------------------------------------


INSTITUTION_COLUMNS = [
    ("名称", "name"),
    ("所属", "region.name"),
    ("类型", "institution_type"),
    ("建设方式", "origin"),
    ("建成投用日期", "opened_on"),
    ("床位", "beds"),
]


@register
class NewMentalHealthWelfareInstitutions(Computation):
    code = "assistance.new_mental_health_welfare_institutions"
    name = "规划期内新建精神卫生福利机构数"
    unit = "个"
    kind = Kind.MILESTONE
    direction = Direction.HIGHER
    flow = False
    formula = "2021年1月1日至统计日建成并投入运营的精神卫生福利机构个数；达到1个即为完成"
    numerator_label = "规划期内新建并投用、统计日未停办的精神卫生福利机构"
    drilldown_columns = INSTITUTION_COLUMNS
    drilldown_select_related = ("region",)

    def numerator_queryset(self, region, as_of):
        start = county_setting("plan_period_start", region.code)
        return (
            WelfareInstitution.objects.within(region)
            .in_service_on(as_of)
            .filter(
                institution_type=WelfareInstitutionType.MENTAL_HEALTH,
                origin=WelfareInstitutionOrigin.NEW,
                opened_on__gte=start,
            )
        )

    def compute(self, region, as_of):
        result = super().compute(region, as_of)
        building = WelfareInstitution.objects.within(region).filter(
            institution_type=WelfareInstitutionType.MENTAL_HEALTH, opened_on__isnull=True, closed_on__isnull=True
        )
        for project in building.order_by("name"):
            result.notes.append(
                _("Under construction (not counted): %(name)s, %(progress)s.")
                % {
                    "name": project.name,
                    "progress": f"{project.construction_progress}%"
                    if project.construction_progress is not None
                    else _("progress not recorded"),
                }
            )
        return result
