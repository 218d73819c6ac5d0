"""Demo indicator data: labelled manual figures for 奉节县 and quarterly snapshots since 2021, so the dashboard's
trends have a history. Runs after every domain seeder (order 900): snapshots are computed from their records."""

from __future__ import annotations

import datetime
from decimal import Decimal

from civilaffairs.demo import DEMO_COUNTY, DemoContext, register_seeder

DEMO_SOURCE = "演示数据（非真实统计）"

# Plausible yearly growth of per-capita consumption expenditure (%), labelled as demo values: the figure the
# 低保 standard's growth is compared with (规划指标 "不低于上年度居民人均消费支出增速").
DEMO_CONSUMPTION_GROWTH = {2020: "1.9", 2021: "12.6", 2022: "2.4", 2023: "6.9", 2024: "5.3", 2025: "4.8"}


def quarter_ends(start_year: int, today: datetime.date) -> list[datetime.date]:
    dates = []
    for year in range(start_year, today.year + 1):
        for month, day in ((3, 31), (6, 30), (9, 30), (12, 31)):
            date = datetime.date(year, month, day)
            if date < today:
                dates.append(date)
    return [*dates, today]


def _demo_manual_figures(ctx: DemoContext) -> int:
    from django.utils import timezone

    from civilaffairs.models import Region, User
    from indicators.choices import ManualInputStatus, ManualValueType
    from indicators.models import ManualInput, ManualInputType, PlanRow

    county = Region.objects.filter(code=DEMO_COUNTY).first()
    staff = User.objects.filter(username="staff").first()
    admin = User.objects.filter(username="admin").first()
    if county is None or staff is None or admin is None:
        return 0
    rows = PlanRow.objects.filter(plan__jurisdiction=county)
    type_ids = set(rows.exclude(manual_input_type=None).values_list("manual_input_type", flat=True))
    type_ids |= set(rows.exclude(target_reference=None).values_list("target_reference", flat=True))
    created = 0
    for figure_type in ManualInputType.objects.filter(pk__in=type_ids):
        for year in range(2020, ctx.today.year):
            if figure_type.value_type == ManualValueType.BOOLEAN:
                value, boolean = None, year >= 2022
            elif figure_type.code.endswith("consumption_growth"):
                value, boolean = Decimal(DEMO_CONSUMPTION_GROWTH.get(year, "5.0")), None
            elif figure_type.value_type == ManualValueType.PERCENT:  # a progress-like share rising to 100
                value, boolean = Decimal(min(100, 20 * (year - 2019))), None
            else:
                value, boolean = Decimal(ctx.rng.randint(35, 85)) / 10, None
            _, was_created = ManualInput.objects.get_or_create(
                type=figure_type,
                region=county,
                period_year=year,
                status=ManualInputStatus.APPROVED,
                defaults={
                    "value": value,
                    "boolean_value": boolean,
                    "source": DEMO_SOURCE,
                    "entered_by": staff,
                    "approved_by": admin,
                    "approved_at": timezone.now(),
                },
            )
            created += was_created
    return created


@register_seeder("indicator-snapshots", order=900)
def seed_indicator_snapshots(ctx: DemoContext) -> str:
    from django.db import transaction

    from indicators.models import Plan
    from indicators.services import plan_recompute

    figures = _demo_manual_figures(ctx)
    dates = quarter_ends(2021, ctx.today)
    plans = list(Plan.objects.select_related("jurisdiction"))
    failed = []
    for plan in plans:
        for as_of in dates:
            try:
                with transaction.atomic():  # a savepoint: a database error in one plan spoils nothing else
                    plan_recompute(plan=plan, as_of=as_of)
            except Exception as exc:  # a domain computation failing shows on the dashboard, as in production
                failed.append(f"{plan.code}@{as_of}: {exc}")
                break
    summary = f"{figures} demo manual figures, {len(plans)} plans × {len(dates)} dates"
    if failed:
        summary += f"; failed: {'; '.join(failed)}"
    return summary


# The demo's mid-term evaluation: the middle of the 2021–2025 plan period, a quarter end the snapshots seeder computed.
DEMO_REPORT_PLAN = "fengjie-14"
DEMO_REPORT_AS_OF = datetime.date(2023, 6, 30)


@register_seeder("indicator-report", order=910)
def seed_evaluation_report(ctx: DemoContext) -> str:
    """One issued mid-term report for 奉节 so that the reports list is not empty (~6 s, 23 pages: rendered here, in
    the seed's own process, by the task's code; the button queues the others for the demo's worker)."""
    from civilaffairs.models import User
    from indicators.choices import ReportStatus
    from indicators.models import EvaluationReport, Plan
    from indicators.services import evaluation_report_render, evaluation_report_request

    plan = Plan.objects.select_related("jurisdiction").filter(code=DEMO_REPORT_PLAN).first()
    admin = User.objects.filter(username="admin").first()
    if plan is None or admin is None or ctx.today <= DEMO_REPORT_AS_OF:
        return "no report (plan or admin missing)"
    issued = EvaluationReport.objects.filter(plan=plan, as_of=DEMO_REPORT_AS_OF, status=ReportStatus.DONE).first()
    if issued is None:
        report, _created = evaluation_report_request(actor=admin, plan=plan, as_of=DEMO_REPORT_AS_OF, queue=False)
        try:
            issued = evaluation_report_render(report_id=report.pk)
        except Exception as exc:  # the demo still starts; the failure shows on the report's page
            return f"mid-term report of {plan.code} failed: {exc}"
    return f"mid-term report of {plan.code} as of {DEMO_REPORT_AS_OF}: {issued.page_count} pages, {issued.sha256[:12]}…"
