"""Reads of the indicators app: the plan table at a date, trends, breakdowns and drill-downs, per viewer.

Township visibility (docs/decisions/0003): a township user reads their county's plan table — county totals are
aggregates, not personal data — and, beside each figure, their own township's; never another township's
figure or records (a township figure of 1 or 2 can identify a person).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max, OuterRef, QuerySet, Subquery

from civilaffairs.choices import JobStatus
from civilaffairs.models import JobRun, Region
from civilaffairs.scoping import scope_prefix, user_can_see_region
from indicators import registry
from indicators.choices import FigureSource
from indicators.models import ManualInput, Plan, PlanRow, Snapshot
from indicators.registry import COUNTY_LEVEL, TOWNSHIP_CODE_LENGTH
from indicators.services import RECOMPUTE_JOB


def plans_for(user) -> QuerySet[Plan]:
    return Plan.objects.for_user(user).select_related("jurisdiction")


def sees_whole_plan(user, plan: Plan) -> bool:
    """County (or wider) viewers see every township's figure; township viewers only their own."""
    prefix = scope_prefix(user)
    return prefix is not None and plan.jurisdiction.prefix.startswith(prefix)


def own_township_key(user, plan: Plan) -> str | None:
    """The 9-digit key of a township user's township inside the plan's jurisdiction."""
    if sees_whole_plan(user, plan):
        return None
    prefix = scope_prefix(user) or ""
    if len(prefix) >= TOWNSHIP_CODE_LENGTH and prefix.startswith(plan.jurisdiction.prefix):
        return prefix[:TOWNSHIP_CODE_LENGTH]
    return None


def latest_as_of(plan: Plan) -> datetime.date | None:
    return Snapshot.objects.filter(row__plan=plan).aggregate(latest=Max("as_of"))["latest"]


def snapshot_dates(plan: Plan, limit: int = 24) -> list[datetime.date]:
    return list(
        Snapshot.objects.filter(row__plan=plan).order_by("-as_of").values_list("as_of", flat=True).distinct()[:limit]
    )


def latest_job(plan: Plan) -> JobRun | None:
    return JobRun.objects.filter(job=RECOMPUTE_JOB, key__startswith=plan.job_key_prefix).order_by("-created_at").first()


def last_success(plan: Plan) -> JobRun | None:
    return (
        JobRun.objects.filter(job=RECOMPUTE_JOB, key__startswith=plan.job_key_prefix, status=JobStatus.SUCCEEDED)
        .order_by("-finished_at")
        .first()
    )


@dataclass
class BreakdownEntry:
    key: str
    name: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    is_county_level: bool = False


def _dec(text: Any) -> Decimal | None:
    return None if text is None or text == "" else Decimal(str(text))


def township_names(keys) -> dict[str, str]:
    codes = [key.ljust(12, "0") for key in keys if key != COUNTY_LEVEL]
    return {
        code[:TOWNSHIP_CODE_LENGTH]: name
        for code, name in Region.objects.filter(code__in=codes).values_list("code", "name")
    }


def visible_breakdown(
    snapshot: Snapshot | None, user, plan: Plan, names: dict[str, str] | None = None
) -> list[BreakdownEntry]:
    """The per-township figures of a snapshot the viewer may see (all for county viewers, else their own)."""
    if snapshot is None or not snapshot.breakdown:
        return []
    whole = sees_whole_plan(user, plan)
    own = own_township_key(user, plan)
    keys = [key for key in snapshot.breakdown if whole or key == own]
    names = names if names is not None else township_names(keys)
    out = []
    for key in keys:
        entry = snapshot.breakdown[key]
        out.append(
            BreakdownEntry(
                key=key,
                name=names.get(key, "县级" if key == COUNTY_LEVEL else key),
                numerator=_dec(entry.get("numerator")),
                denominator=_dec(entry.get("denominator")),
                value=_dec(entry.get("value")),
                is_county_level=key == COUNTY_LEVEL,
            )
        )
    return out


def figure_source(row: PlanRow, snapshot: Snapshot | None) -> FigureSource:
    """Manual (the row is a manual figure), hybrid (computed from records with a manual figure the snapshot used:
    a reference growth rate, a project's progress, a denominator entered by hand), computed, or none (not mapped).
    Every manual figure is flagged wherever it is shown (issue 4, "Manual inputs")."""
    if row.is_manual or (snapshot is not None and snapshot.is_manual):
        return FigureSource.MANUAL
    if snapshot is not None and snapshot.uses_manual_figure:
        return FigureSource.HYBRID
    if row.definition_id:
        return FigureSource.COMPUTED
    return FigureSource.NONE


@dataclass
class TableRow:
    row: PlanRow
    snapshot: Snapshot | None
    own: BreakdownEntry | None = None  # the township viewer's own figure
    trend: list[tuple[str, float | None]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.snapshot.status if self.snapshot else "no_data"

    @property
    def source(self) -> FigureSource:
        return figure_source(self.row, self.snapshot)

    @property
    def source_label(self) -> str:
        return str(self.source.label)


def plan_rows(plan: Plan) -> QuerySet[PlanRow]:
    return plan.rows.select_related("definition", "manual_input_type", "target_reference").order_by("order")


def plan_table(plan: Plan, user, as_of: datetime.date | None, *, binding_first: bool = False) -> list[TableRow]:
    """Every row with its latest snapshot on or before ``as_of`` (two queries, whatever the number of rows)."""
    rows = list(plan_rows(plan))
    snapshots: dict[int, Snapshot] = {}
    if as_of is not None:
        latest = Snapshot.objects.filter(row=OuterRef("pk"), as_of__lte=as_of).order_by("-as_of").values("pk")[:1]
        ids = PlanRow.objects.filter(plan=plan).annotate(latest=Subquery(latest)).values_list("latest", flat=True)
        snapshots = {s.row_id: s for s in Snapshot.objects.filter(pk__in=[i for i in ids if i is not None])}
    own_key = own_township_key(user, plan)
    names = township_names([own_key]) if own_key else {}
    table = []
    for row in rows:
        snapshot = snapshots.get(row.pk)
        own = None
        if own_key and snapshot is not None:
            entries = visible_breakdown(snapshot, user, plan, names)
            own = entries[0] if entries else None
        table.append(TableRow(row=row, snapshot=snapshot, own=own))
    if binding_first:
        table.sort(key=lambda item: (not item.row.binding, item.row.order))
    return table


def trends(plan: Plan, until: datetime.date | None, points: int = 60) -> dict[int, list[list[Any]]]:
    """Per row, the county value at each snapshot date (the latest ``points`` dates), oldest first."""
    if until is None:
        return {}
    dates = list(
        Snapshot.objects.filter(row__plan=plan, as_of__lte=until)
        .order_by("-as_of")
        .values_list("as_of", flat=True)
        .distinct()[:points]
    )
    if not dates:
        return {}
    out: dict[int, list[list[Any]]] = {}
    for row_id, as_of, value in (
        Snapshot.objects.filter(row__plan=plan, as_of__in=dates)
        .order_by("as_of")
        .values_list("row_id", "as_of", "value")
    ):
        out.setdefault(row_id, []).append([as_of.isoformat(), None if value is None else float(value)])
    return out


def row_trend(row: PlanRow, user, points: int = 120) -> list[dict[str, Any]]:
    """The row's snapshots over time (latest ``points``), with the viewer's own township for township users."""
    own = own_township_key(user, row.plan)
    fields = ["as_of", "value", "expected_value", "computed_at"] + (["breakdown"] if own else [])
    items = list(Snapshot.objects.filter(row=row).order_by("-as_of").values(*fields)[:points])
    items.reverse()
    out = []
    for item in items:
        entry = {
            "as_of": item["as_of"].isoformat(),
            "value": None if item["value"] is None else float(item["value"]),
            "expected": None if item["expected_value"] is None else float(item["expected_value"]),
        }
        if own:
            value = (item.get("breakdown") or {}).get(own, {}).get("value")
            entry["own"] = None if value is None else float(value)
        out.append(entry)
    return out


def row_snapshot(row: PlanRow, as_of: datetime.date | None) -> Snapshot | None:
    qs = Snapshot.objects.filter(row=row)
    if as_of is not None:
        qs = qs.filter(as_of__lte=as_of)
    return qs.order_by("-as_of").first()


def manual_inputs_for_row(snapshot: Snapshot | None) -> QuerySet[ManualInput]:
    """The manual figures a row's figure used: exactly those the snapshot recorded (its own figure, its reference
    target, a project's progress, a denominator entered by hand), never every figure of a type the computation
    might read — a 户数 figure entered beside a RegionStat that was used instead is not shown as if used.

    Shown to every viewer of the plan: they are the jurisdiction's published aggregates (statistics bureau
    figures, project progress), never personal data. Listed in their current state (a figure superseded since
    the snapshot says so).
    """
    ids = [entry.get("id") for entry in (snapshot.manual_inputs if snapshot is not None else [])]
    return (
        ManualInput.objects.filter(pk__in=[pk for pk in ids if pk is not None])
        .select_related("type", "region", "entered_by", "approved_by")
        .order_by("-effective_on", "-approved_at")
    )


# --- where the figures come from -------------------------------------------------------------------------------


ROW_BASES = ("records", "outside", "manual")


def row_basis(
    definition_code: str | None, target_reference: str | None = None, manual_input_type: str | None = None
) -> tuple[str, list[str]]:
    """How a plan row is computed, for the per-plan count in docs/decisions/0003 (addendum): "records" (from the
    registers alone), "outside" (from records with a manual figure or a region statistic: a reference growth rate,
    a project's progress, a population or household denominator) or "manual" (no definition: entered by hand or
    not computed), with the outside figures read (manual figure codes, RegionStat fields)."""
    if not definition_code:
        return "manual", [manual_input_type] if manual_input_type else []
    computation = registry.all_computations().get(definition_code)
    outside = [target_reference] if target_reference else []
    if computation is not None:
        for code in (*computation.manual_inputs, *computation.region_stats):
            if code not in outside:
                outside.append(code)
    return ("outside" if outside else "records"), outside


# --- drill-down ----------------------------------------------------------------------------------------


class DrilldownUnavailable(Exception):
    pass


def drilldown_queryset(row: PlanRow, user, as_of: datetime.date, part: str, township: str = "") -> QuerySet:
    """The records counted in a row's numerator or denominator, ALWAYS scoped to the viewer (``for_user``).

    ``township``: a 9-digit township key (``within`` it), ``county`` (records held by the jurisdiction itself), or
    "" (all the viewer may see). A township the viewer may not see yields nothing rather than an error page.
    """
    if part not in ("numerator", "denominator"):
        raise DrilldownUnavailable("part")
    if row.definition_id is None:
        raise DrilldownUnavailable("manual")
    computation = registry.all_computations().get(row.definition.code)
    if computation is None:
        raise DrilldownUnavailable("unregistered")
    region = row.plan.jurisdiction
    queryset = computation.drilldown(region, as_of, part)
    if queryset is None:
        raise DrilldownUnavailable("no-part")
    queryset = scoped(queryset, user)
    scope_field = queryset.model.scope_field
    if township == COUNTY_LEVEL:
        queryset = queryset.filter(**{f"{scope_field}__startswith": region.prefix + "000"})
    elif township:
        target = Region.objects.filter(code=township.ljust(12, "0")[:12]).first()
        if target is None or not user_can_see_region(user, target) or not target.code.startswith(region.prefix):
            return queryset.none()
        queryset = queryset.filter(**{f"{scope_field}__startswith": target.prefix})
    related = computation.select_related_for(part)
    if related:
        queryset = queryset.select_related(*related)
    if not queryset.query.order_by:
        queryset = queryset.order_by("pk")
    return queryset


def scoped(queryset: QuerySet, user) -> QuerySet:
    """``for_user`` on a computation's queryset; a model that cannot be scoped shows nothing, never everything."""
    if hasattr(queryset, "for_user"):
        return queryset.for_user(user)
    scope_field = getattr(queryset.model, "scope_field", None)
    prefix = scope_prefix(user)
    if not scope_field or prefix is None:
        return queryset.none()
    return queryset if prefix == "" else queryset.filter(**{f"{scope_field}__startswith": prefix})
