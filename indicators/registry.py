"""The indicator registry: definitions, and the computations each domain app registers in ``<app>/indicators.py``.

The indicators app knows no domain model (DESIGN §2, §5). A domain app declares a computation with
``@register`` on a ``Computation`` subclass; ``autodiscover()`` imports every ``<app>.indicators`` module like
``admin.autodiscover``. Adding an indicator is adding one class in the owning app.

A computation returns, for a jurisdiction and an as-of date, the numerator and denominator **per township and
for the whole jurisdiction from the same grouped query** — the county figure is the sum of the groups of one
query (records held directly by the county form their own "county-level" group), never an average of township
ratios — and the querysets behind each, for drill-down.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models
from django.db.models.functions import Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from civilaffairs.models import Region


class Kind(models.TextChoices):
    COUNT = "count", "计数"
    SUM = "sum", "合计"
    RATIO_100 = "ratio_100", "比率（%）"
    PER_1000 = "per_1000", "每千人（‰）"
    PER_10000 = "per_10000", "每万人"
    PER_100_HOUSEHOLDS = "per_100_households", "每百户"
    GROWTH_RATE = "growth_rate", "增长率（%）"
    EXTERNAL_COMPARISON = "external_comparison", "与外部数据比较"
    MILESTONE = "milestone", "里程碑"


class Direction(models.TextChoices):
    HIGHER = "higher", "越高越好"
    LOWER = "lower", "越低越好"


TOWNSHIP_CODE_LENGTH = 9
COUNTY_LEVEL = "county"  # breakdown key for records held by the jurisdiction itself, not by a township


def scale_value(kind: str, numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """The indicator value from numerator and denominator, by kind. None when it cannot be computed."""
    if numerator is None:
        return None
    if kind in (Kind.COUNT, Kind.SUM, Kind.MILESTONE):
        return Decimal(numerator)
    if denominator in (None, 0):
        return None
    num, den = Decimal(numerator), Decimal(denominator)
    factor = {
        Kind.RATIO_100: Decimal(100),
        Kind.PER_1000: Decimal(1000),
        Kind.PER_10000: Decimal(10000),
        Kind.PER_100_HOUSEHOLDS: Decimal(100),
        Kind.EXTERNAL_COMPARISON: Decimal(100),
    }.get(kind)
    if kind == Kind.GROWTH_RATE:
        return ((num / den) - 1) * 100
    if factor is None:
        raise ValueError(f"unknown kind {kind}")
    return num * factor / den


def quantize(value: Decimal | None, places: int = 2) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass
class Part:
    """Numerator or denominator: the total and the per-township groups it is the sum of."""

    total: Decimal | None
    groups: dict[str, Decimal] = field(default_factory=dict)  # township code (9 digits) or COUNTY_LEVEL → value


@dataclass
class Result:
    numerator: Part
    denominator: Part | None
    value: Decimal | None
    breakdown: dict[str, dict[str, Any]]  # township code → {"numerator", "denominator", "value"}
    notes: list[str] = field(default_factory=list)
    manual_inputs: list[dict[str, Any]] = field(default_factory=list)  # what manual figures were used, with source
    # For a denominator taken from a region statistic: which figure, year, level and source (``stat_denominator``).
    denominator_source: dict[str, Any] = field(default_factory=dict)

    @property
    def has_data(self) -> bool:
        return self.value is not None


class Computation:
    """Base of every registered computation. Subclasses set the class attributes and implement the parts.

    The common case needs only ``numerator_queryset`` (and ``denominator_queryset``) plus the aggregates;
    ``compute`` then runs one grouped query per part. Override ``compute`` for indicators that are not a
    grouped aggregate (e.g. a ratio of two dated standards), and still return the querysets for drill-down.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    unit: ClassVar[str] = ""
    kind: ClassVar[str] = Kind.COUNT
    direction: ClassVar[str] = Direction.HIGHER
    flow: ClassVar[bool] = False  # False: stock as of the date; True: summed over the year up to the date
    version: ClassVar[int] = 1  # bump when the 口径 changes: snapshots keep the version they were computed with
    formula: ClassVar[str] = ""  # in Chinese words a clerk understands
    numerator_label: ClassVar[str] = "分子"
    denominator_label: ClassVar[str] = "分母"
    manual_inputs: ClassVar[tuple[str, ...]] = ()  # codes of manual figures it reads
    region_stats: ClassVar[tuple[str, ...]] = ()  # RegionStat fields it reads (户数, 户籍人口…)
    numerator_aggregate: ClassVar[models.Aggregate | None] = None  # default Count("pk")
    denominator_aggregate: ClassVar[models.Aggregate | None] = None
    # Columns of the drill-down list: (header, dotted attribute path or callable(obj, user)); defaults to str().
    drilldown_columns: ClassVar[list[tuple[str, Any]]] = []
    # Relations the drill-down list needs for its columns (one query per page, not one per row).
    drilldown_select_related: ClassVar[tuple[str, ...]] = ()

    # --- the parts ---------------------------------------------------------------------------------

    def numerator_queryset(self, region: Region, as_of: datetime.date) -> models.QuerySet:
        raise NotImplementedError

    def denominator_queryset(self, region: Region, as_of: datetime.date) -> models.QuerySet | None:
        return None

    def period(self, as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
        """For flow indicators: 1 January of the as-of year up to the as-of date."""
        return datetime.date(as_of.year, 1, 1), as_of

    # --- the engine --------------------------------------------------------------------------------

    def compute(self, region: Region, as_of: datetime.date) -> Result:
        numerator = grouped(self.numerator_queryset(region, as_of), self.numerator_aggregate, region)
        den_qs = self.denominator_queryset(region, as_of)
        denominator = grouped(den_qs, self.denominator_aggregate, region) if den_qs is not None else None
        return assemble(self.kind, numerator, denominator)

    def drilldown(self, region: Region, as_of: datetime.date, part: str) -> models.QuerySet | None:
        """The records counted in ``part`` ("numerator" / "denominator"); the view scopes it with for_user."""
        if part == "numerator":
            return self.numerator_queryset(region, as_of)
        if part == "denominator":
            return self.denominator_queryset(region, as_of)
        raise ValueError(part)

    def columns_for(self, part: str) -> list[tuple[str, Any]]:
        """The drill-down columns of ``part``; a denominator of another model overrides this."""
        return self.drilldown_columns

    def select_related_for(self, part: str) -> tuple[str, ...]:
        return self.drilldown_select_related


def township_key(code_expression: str) -> Substr:
    return Substr(code_expression, 1, TOWNSHIP_CODE_LENGTH)


def grouped(queryset: models.QuerySet, aggregate: models.Aggregate | None, region: Region) -> Part:
    """One GROUP BY query: the aggregate per township of the jurisdiction; the total is the sum of the groups.

    The township of a row is the first 9 digits of the region code its model's ``scope_field`` points at.
    Rows whose region is the jurisdiction itself (or above township level) fall in the COUNTY_LEVEL group.
    """
    aggregate = aggregate if aggregate is not None else models.Count("pk")
    scope_field = getattr(queryset.model, "scope_field", None)
    if not scope_field:
        raise TypeError(f"{queryset.model.__name__} has no scope_field: cannot group by township")
    rows = (
        queryset.order_by()
        .annotate(_township=township_key(scope_field))
        .values("_township")
        .annotate(_value=aggregate)
        .values_list("_township", "_value")
    )
    groups: dict[str, Decimal] = {}
    county_prefix_len = len(region.prefix)
    for township, value in rows:
        if value is None:
            continue
        is_township = township and len(township) == TOWNSHIP_CODE_LENGTH and township[6:9] != "000"
        key = township if is_township and county_prefix_len <= TOWNSHIP_CODE_LENGTH else COUNTY_LEVEL
        if county_prefix_len > TOWNSHIP_CODE_LENGTH:  # a village-level jurisdiction: one group
            key = COUNTY_LEVEL
        groups[key] = groups.get(key, Decimal(0)) + Decimal(value)
    total = sum(groups.values(), Decimal(0))
    return Part(total=total, groups=groups)


def assemble(kind: str, numerator: Part, denominator: Part | None, notes: list[str] | None = None) -> Result:
    den_total = denominator.total if denominator is not None else None
    value = scale_value(kind, numerator.total, den_total)
    keys = set(numerator.groups) | (set(denominator.groups) if denominator is not None else set())
    breakdown = {}
    for key in sorted(keys):
        num = numerator.groups.get(key, Decimal(0))
        den = denominator.groups.get(key, Decimal(0)) if denominator is not None else None
        breakdown[key] = {"numerator": num, "denominator": den, "value": scale_value(kind, num, den)}
    return Result(numerator=numerator, denominator=denominator, value=value, breakdown=breakdown, notes=notes or [])


# --- registration ----------------------------------------------------------------------------------

_registry: dict[str, Computation] = {}
_discovered = False


def register(cls: type[Computation]) -> type[Computation]:
    """Class decorator: register one computation under its ``code`` (``<app>.<snake_case>``)."""
    if not getattr(cls, "code", None) or "." not in cls.code:
        raise ValueError(f"{cls.__name__}: code must be '<app>.<name>'")
    if cls.code in _registry and type(_registry[cls.code]) is not cls:
        raise ValueError(f"indicator {cls.code} registered twice")
    _registry[cls.code] = cls()
    return cls


def autodiscover() -> None:
    global _discovered
    if _discovered:
        return
    from django.apps import apps

    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.indicators")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.indicators":
                raise
    _discovered = True


def get(code: str) -> Computation:
    autodiscover()
    return _registry[code]


def all_computations() -> dict[str, Computation]:
    autodiscover()
    return dict(_registry)


# --- figures entered by hand -------------------------------------------------------------------------


@dataclass(frozen=True)
class ManualFigure:
    """An approved manual figure (``indicators.ManualInput``) as a computation sees it."""

    code: str
    value: Decimal | None
    region: str
    period: str
    source: str
    input_id: int
    subject: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "value": None if self.value is None else str(self.value),
            "region": self.region,
            "subject": self.subject,
            "period": self.period,
            "source": self.source,
            "id": self.input_id,
        }


def _figure(code: str, entry) -> ManualFigure:
    return ManualFigure(
        code, entry.numeric_value, entry.region_id, entry.period_label, entry.source, entry.pk, entry.subject
    )


def manual_figure(code: str, region: Region, as_of: datetime.date, subject: str = "") -> ManualFigure | None:
    """The latest approved manual figure of type ``code`` for ``region`` (and ``subject``) applying by ``as_of``.

    Computations that compare with an outside figure (上年度居民人均消费支出增速) read it here and append
    ``figure.as_dict()`` to ``Result.manual_inputs`` so that the figure is shown, flagged 人工填报, beside the value.
    """
    from indicators.models import ManualInput

    entry = (
        ManualInput.objects.approved()
        .filter(type__code=code, region=region, subject=subject, effective_on__lte=as_of)
        .order_by("-effective_on", "-approved_at")
        .first()
    )
    return None if entry is None else _figure(code, entry)


def manual_figures(code: str, region: Region, as_of: datetime.date) -> list[ManualFigure]:
    """The latest approved figure of type ``code`` per (region, subject) under ``region`` applying by ``as_of``.

    For figures entered per township or per project (建设项目形象进度: one per project), in one query.
    """
    from indicators.models import ManualInput

    entries = (
        ManualInput.objects.approved()
        .filter(type__code=code, region__code__startswith=region.prefix, effective_on__lte=as_of)
        .order_by("region_id", "subject", "-effective_on", "-approved_at")
    )
    latest: dict[tuple[str, str], ManualFigure] = {}
    for entry in entries:
        latest.setdefault((entry.region_id, entry.subject), _figure(code, entry))
    return list(latest.values())


# --- denominators no register holds -----------------------------------------------------------------
#
# One rule for every denominator that is a population or household count (docs/decisions/0003, "Denominators"):
# the RegionStat of the region and year (统计局 / 公安 / 残联, with its source) is THE source; only where no
# RegionStat up to the as-of year holds the figure for the jurisdiction does the computation fall back to the
# approved manual figure of the same code (the 60+ fallback of decision 0007, now the same for 户数 / 户籍人口 /
# 常住人口), which is then flagged 人工填报. Either way the snapshot records what was used.

STAT_LABELS = {
    "households": gettext_lazy("households"),
    "registered_population": gettext_lazy("registered population"),
    "resident_population": gettext_lazy("resident population"),
    "aged_60_plus": gettext_lazy("population aged 60 and over"),
}
STAT_LEVEL_LABELS = {
    "village": gettext_lazy("summed from the villages' figures"),
    "township": gettext_lazy("the townships' figures"),
    "county": gettext_lazy("the jurisdiction's figure only, no township split"),
}
STAT_LEVELS = ("village", "township", "county")


def region_stat_part(region: Region, as_of: datetime.date, field_name: str) -> tuple[Part, dict[str, Any]]:
    """A RegionStat figure (population, households, aged 60+…) as a Part, per township where known.

    Uses the finest level that has the figure — villages summed per township, else townships, else the
    jurisdiction's own figure (then there is no per-township split) — for the latest year up to the as-of
    year. Returns the Part and what was used (year, level, sources) for the methods appendix.
    """
    from civilaffairs.models import RegionStat

    base = RegionStat.objects.filter(
        region__code__startswith=region.prefix, year__lte=as_of.year, **{f"{field_name}__isnull": False}
    )
    for level in STAT_LEVELS:
        at_level = base.filter(region__level=level)
        year = at_level.aggregate(latest=models.Max("year"))["latest"]
        if year is None:
            continue
        rows = at_level.filter(year=year)
        part = grouped(rows, models.Sum(field_name), region)
        sources = sorted(set(rows.values_list("source", flat=True)))
        demo = rows.filter(is_demo=True).exists()
        return part, {"field": field_name, "year": year, "level": level, "sources": sources, "is_demo": demo}
    return Part(total=None), {"field": field_name, "year": None, "level": None, "sources": [], "is_demo": False}


def _code_level(code: str) -> str:
    if code[9:12] != "000":
        return "village"
    if code[6:9] != "000":
        return "township"
    return "county"


def manual_stat_part(region: Region, as_of: datetime.date, code: str) -> tuple[Part, dict[str, Any]]:
    """Approved manual figures of a region statistic, at the finest level entered (villages summed per township,
    else townships, else the jurisdiction's own figure) — the same choice as ``region_stat_part``, so that nothing
    is counted twice."""
    figures = [f for f in manual_figures(code, region, as_of) if f.value is not None]
    for level in STAT_LEVELS:
        chosen = [f for f in figures if _code_level(f.region) == level and f.region.startswith(region.prefix)]
        if level == "county":
            chosen = [f for f in figures if f.region == region.code]
        if not chosen:
            continue
        groups: dict[str, Decimal] = {}
        for figure in chosen:
            below = figure.region != region.code and len(region.prefix) <= TOWNSHIP_CODE_LENGTH
            key = figure.region[:TOWNSHIP_CODE_LENGTH] if below and level != "county" else COUNTY_LEVEL
            groups[key] = groups.get(key, Decimal(0)) + Decimal(figure.value)
        meta = {
            "field": code,
            "year": max(int(f.period[:4]) for f in chosen),
            "periods": sorted({f.period for f in chosen}),
            "level": level,
            "sources": sorted({f.source for f in chosen}),
            "is_demo": False,
            "manual": True,
            "inputs": [f.as_dict() for f in chosen],
        }
        return Part(total=sum(groups.values(), Decimal(0)), groups=groups), meta
    return Part(total=None), {"field": code, "year": None, "level": None, "sources": [], "is_demo": False}


def stat_denominator(region: Region, as_of: datetime.date, field_name: str) -> tuple[Part, dict[str, Any]]:
    """The denominator ``field_name`` (a RegionStat field): the region statistic, else the approved manual figure
    of the same code (rule above). The dict says what was used: field, year, level, sources, manual or not."""
    part, meta = region_stat_part(region, as_of, field_name)
    if part.total is not None:
        return part, {**meta, "manual": False}
    return manual_stat_part(region, as_of, field_name)


def stat_denominator_queryset(region: Region, as_of: datetime.date, field_name: str) -> models.QuerySet:
    """The rows the denominator was summed from: the RegionStat rows of the level and year used, else the manual
    figures used."""
    from civilaffairs.models import RegionStat
    from indicators.models import ManualInput

    _part, meta = stat_denominator(region, as_of, field_name)
    if meta.get("manual"):
        return ManualInput.objects.filter(pk__in=[entry["id"] for entry in meta["inputs"]]).order_by("region_id")
    if meta["year"] is None:
        return RegionStat.objects.none()
    return RegionStat.objects.filter(
        region__code__startswith=region.prefix,
        region__level=meta["level"],
        year=meta["year"],
        **{f"{field_name}__isnull": False},
    ).order_by("region_id")


def denominator_source_text(source: dict[str, Any] | None) -> str:
    """What a region-statistic denominator was, e.g. "分母：2020年常住人口（各乡镇（街道）数据；来源：第七次人口普查）",
    shown beside every such figure so that a reader knows which year's population a rate is per."""
    if not source or not source.get("field"):
        return ""
    what = STAT_LABELS.get(source["field"], source["field"])
    if source.get("year") is None:
        return _("No %(what)s figure has been entered for this jurisdiction.") % {"what": what}
    when = "、".join(source.get("periods") or []) or f"{source['year']}年"
    values = {
        "what": what,
        "when": when,
        "level": STAT_LEVEL_LABELS.get(source.get("level"), source.get("level") or ""),
        "sources": "；".join(source.get("sources") or []) or "—",
    }
    if source.get("manual"):
        text = _("Denominator: %(what)s of %(when)s (%(level)s; manual figure, source: %(sources)s)") % values
    else:
        text = _("Denominator: %(what)s of %(when)s (%(level)s; source: %(sources)s)") % values
    if source.get("is_demo") and not any("演示" in s for s in source.get("sources") or []):
        text += _(" (demo figures)")
    return text


def _stat_value(field_name: str):
    def value(obj, user):
        return obj.value if obj._meta.model_name == "manualinput" else getattr(obj, field_name)

    return value


def _stat_period(obj, user) -> str:
    return obj.period_label if obj._meta.model_name == "manualinput" else f"{obj.year}年"


def _stat_source(obj, user) -> str:
    if obj._meta.model_name == "manualinput":
        return f"{obj.source}（人工填报）"
    return obj.source


def stat_columns(field_name: str) -> list[tuple[Any, Any]]:
    """Drill-down columns of a region-statistic denominator: RegionStat rows, or the manual figures used."""
    return [
        (gettext_lazy("region"), lambda obj, user: obj.region.full_name),
        (gettext_lazy("year"), _stat_period),
        (STAT_LABELS.get(field_name, field_name), _stat_value(field_name)),
        (gettext_lazy("source"), _stat_source),
    ]


class StatDenominator:
    """Mixin for a ``Computation`` whose denominator is a region statistic (``stat_field``: households, registered
    or resident population, aged 60+): a register count divided by it, per township where the statistic is known.

    Declares what it reads (``region_stats``, and the manual fallback in ``manual_inputs``), records in the result
    which year, level and source were used, and drills the denominator into those RegionStat rows (or the manual
    figures used), with their own columns.
    """

    stat_field: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.stat_field:
            cls.region_stats = (cls.stat_field,)
            cls.manual_inputs = (cls.stat_field,)

    def compute(self, region: Region, as_of: datetime.date) -> Result:
        numerator = grouped(self.numerator_queryset(region, as_of), self.numerator_aggregate, region)
        denominator, source = stat_denominator(region, as_of, self.stat_field)
        result = assemble(self.kind, numerator, denominator if denominator.total is not None else None)
        result.denominator_source = source
        result.manual_inputs.extend(source.get("inputs", []))
        if denominator.total is None:
            result.notes.append(denominator_source_text(source))
        return result

    def denominator_queryset(self, region: Region, as_of: datetime.date) -> models.QuerySet:
        return stat_denominator_queryset(region, as_of, self.stat_field)

    def columns_for(self, part: str) -> list[tuple[str, Any]]:
        return stat_columns(self.stat_field) if part == "denominator" else self.drilldown_columns

    def select_related_for(self, part: str) -> tuple[str, ...]:
        return ("region", "region__parent") if part == "denominator" else self.drilldown_select_related
