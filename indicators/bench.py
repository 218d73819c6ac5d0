"""Recompute time per plan at county scale (``make bench``; numbers printed, nothing asserted).

Two measurements:
- every plan loaded in the database, with whatever computations the domain apps have registered so far;
- a synthetic county (990199, rolled back afterwards) of 40 townships and ``300 000 × scale`` persons, with a
  20-row plan whose rows all run a grouped ratio over the person table — the engine's own cost at scale.
"""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from civilaffairs.bench import BenchContext, register_benchmark

BENCH_COUNTY = "990199"


class _Rollback(Exception):
    pass


def _bench_computation():
    from civilaffairs.models import Person
    from indicators.registry import Computation, Kind

    class BenchWomenShare(Computation):
        code = "indicators.bench_women_share"
        name = "女性占比（基准测试）"
        kind = Kind.RATIO_100

        def numerator_queryset(self, region, as_of):
            return self.denominator_queryset(region, as_of).filter(sex="F")

        def denominator_queryset(self, region, as_of):
            return Person.objects.filter(region__code__startswith=region.prefix).filter(
                Q(death_date__isnull=True) | Q(death_date__gt=as_of)
            )

    return BenchWomenShare


def _build_county(persons: int) -> tuple:
    from stdnum.cn import ric

    from civilaffairs.models import Person, Region
    from indicators.models import IndicatorDefinition, Plan, PlanRow

    def region(code, name, level, kind, parent=None):
        return Region.objects.create(code=code, name=name, level=level, kind=kind, parent=parent)

    province = Region.objects.get_or_create(
        code="990000000000", defaults={"name": "测试省", "level": "province", "kind": "省"}
    )[0]
    city = Region.objects.get_or_create(
        code="990100000000", defaults={"name": "测试市", "level": "city", "kind": "地级市", "parent": province}
    )[0]
    county = region(f"{BENCH_COUNTY}000000", "基准测试县", "county", "县", city)
    villages = []
    for t in range(40):
        township = region(f"{BENCH_COUNTY}{100 + t:03d}000", f"基准{t}镇", "township", "镇", county)
        villages += [
            Region(
                code=f"{township.code[:9]}{200 + v:03d}",
                name=f"基准{t}-{v}村",
                level="village",
                kind="村",
                parent=township,
            )
            for v in range(12)
        ]
    Region.objects.bulk_create(villages)
    start = datetime.date(1930, 1, 1)
    batch = []
    for i in range(persons):
        village = i % len(villages)
        # The share of women differs by township (1/2 … 1/6), so the report draws a bar chart per row.
        female = (i // len(villages)) % (2 + (village // 12) % 5) == 0
        birth = start + datetime.timedelta(days=i // 450)
        order = (i % 450) * 2 + 50 + (0 if female else 1)  # GB 11643: the 17th digit is even for women
        body = f"{BENCH_COUNTY}{birth:%Y%m%d}{order:03d}"
        number = body + ric.calc_check_digit(body + "0")
        batch.append(
            Person(
                id_number=number, name="基准", sex="F" if female else "M", birth_date=birth, region=villages[village]
            )
        )
        if len(batch) == 5000:
            Person.objects.bulk_create(batch)
            batch = []
    Person.objects.bulk_create(batch)
    definition = IndicatorDefinition.objects.create(
        code="indicators.bench_women_share", name="女性占比", kind="ratio_100"
    )
    plan = Plan.objects.create(code="bench-14", jurisdiction=county, title="基准测试规划", baseline_year=2020)
    PlanRow.objects.bulk_create(
        [
            PlanRow(
                plan=plan,
                order=n,
                name=f"基准指标{n}",
                definition=definition,
                baseline_value=Decimal(40),
                target_operator=">=",
                target_value=Decimal(60),
            )
            for n in range(1, 21)
        ]
    )
    return plan


@register_benchmark("indicators", order=80)
def bench_indicators(ctx: BenchContext) -> None:
    from indicators import registry
    from indicators.models import Plan, Snapshot
    from indicators.services import plan_recompute

    today = timezone.localdate()
    for plan in Plan.objects.select_related("jurisdiction").order_by("code"):
        rows = plan.rows.count()
        registered = sum(
            1
            for code in plan.rows.filter(definition__isnull=False).values_list("definition__code", flat=True)
            if code in registry.all_computations()
        )
        start = time.perf_counter()
        try:
            plan_recompute(plan=plan, as_of=today)
        except Exception as exc:  # a domain computation failing is a finding, not a reason to stop the bench
            ctx.record(f"recompute {plan.code} FAILED: {exc}"[:60], 0, "")
            continue
        ctx.record(
            f"recompute {plan.code} ({rows} rows, {registered} computed)", (time.perf_counter() - start) * 1000, "ms"
        )

    persons = int(300_000 * ctx.scale)
    computation = _bench_computation()
    registry.autodiscover()
    registry._registry[computation.code] = computation()
    try:
        with transaction.atomic():
            start = time.perf_counter()
            plan = _build_county(persons)
            ctx.record(
                f"build synthetic county ({persons:,} persons, 40 townships)",
                (time.perf_counter() - start) * 1000,
                "ms",
            )
            for attempt in (1, 2):
                with ctx.timer(f"recompute 20-row plan over {persons:,} persons (run {attempt})"):
                    plan_recompute(plan=plan, as_of=today)
            ctx.record(
                "snapshots after two runs (one per row)", Snapshot.objects.filter(row__plan=plan).count(), "rows"
            )
            with ctx.timer("one grouped ratio (numerator + denominator)"):
                registry.get(computation.code).compute(plan.jurisdiction, today)
            raise _Rollback
    except _Rollback:
        pass
    finally:
        registry._registry.pop(computation.code, None)


def _bench_render(ctx: BenchContext, plan, as_of: datetime.date, label: str) -> None:
    """Freeze and render one report in this process (the task's code, no file stored), with pages/s and peak RSS."""
    import resource

    from indicators.reports import report_freeze, report_render
    from indicators.services import report_issuing_body

    start = time.perf_counter()
    frozen = report_freeze(plan, as_of, kind="midterm", issuing_body=report_issuing_body(plan))
    ctx.record(f"{label}: freeze", (time.perf_counter() - start) * 1000, "ms")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    rendered = report_render(frozen)
    seconds = time.perf_counter() - start
    ctx.record(f"{label}: render", seconds * 1000, "ms")
    ctx.record(f"{label}: pages", rendered.pages, "pages")
    ctx.record(f"{label}: pages per second", rendered.pages / seconds, "pages/s")
    ctx.record(f"{label}: PDF size", len(rendered.pdf) / 1024, "KiB")
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # ru_maxrss is the process's peak so far: it grows only if the render set a new peak.
    ctx.record(f"{label}: peak RSS of the process after rendering", rss_after, "MiB")
    ctx.record(f"{label}: peak RSS growth during rendering", rss_after - rss_before, "MiB")


@register_benchmark("indicators-report", order=85)
def bench_report(ctx: BenchContext) -> None:
    """The evaluation report of the largest plan loaded (rows × townships), then of a synthetic 20-row plan over a
    40-township county, every row a ratio with a bar chart (DESIGN §8: ~3 pages/s, ~1 GB RSS at 140 pages)."""
    from civilaffairs.models import Region
    from indicators import registry
    from indicators.models import Plan
    from indicators.reports import missing_rows
    from indicators.selectors import latest_as_of
    from indicators.services import plan_recompute

    def size(plan) -> int:
        townships = Region.objects.townships().filter(code__startswith=plan.jurisdiction.prefix).count()
        return plan.rows.count() * max(1, townships)

    plans = list(Plan.objects.select_related("jurisdiction").exclude(code="bench-14"))
    if plans:
        plan = max(plans, key=size)
        as_of = latest_as_of(plan) or timezone.localdate()
        if missing_rows(plan, as_of):
            plan_recompute(plan=plan, as_of=as_of)
        _bench_render(ctx, plan, as_of, f"report {plan.code} ({plan.rows.count()} rows)")

    computation = _bench_computation()
    registry.autodiscover()
    registry._registry[computation.code] = computation()
    today = timezone.localdate()
    try:
        with transaction.atomic():
            plan = _build_county(int(20_000 * ctx.scale))
            plan_recompute(plan=plan, as_of=today)
            _bench_render(ctx, plan, today, "report of a 20-row plan, 40 townships")
            raise _Rollback
    except _Rollback:
        pass
    finally:
        registry._registry.pop(computation.code, None)
