"""Celery tasks: thin wrappers taking codes and ISO dates, named explicitly (STYLE: Tasks)."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


def nightly_as_of() -> datetime.date:
    """The nightly run (02:30) computes the day that has just ended: yesterday, Asia/Shanghai."""
    return timezone.localdate() - datetime.timedelta(days=1)


@shared_task(name="indicators.recompute_plan", ignore_result=True)
def recompute_plan(plan_code: str, as_of: str | None = None, job_id: int | None = None, nightly: bool = False) -> dict:
    """Recompute one plan's snapshots at ``as_of`` (default: today; yesterday for the nightly run)."""
    from civilaffairs.choices import JobStatus
    from civilaffairs.models import JobRun
    from indicators.models import Plan
    from indicators.services import RecomputeLocked, plan_recompute

    plan = Plan.objects.select_related("jurisdiction").get(code=plan_code)
    if as_of:
        date = datetime.date.fromisoformat(as_of)
    else:
        date = nightly_as_of() if nightly else timezone.localdate()
    job = None
    if job_id is not None:
        job = JobRun.objects.filter(pk=job_id).first()
        if job is not None and job.is_finished and job.status == JobStatus.SUCCEEDED:
            return {"job": job.pk, "status": job.status, "skipped": True}  # redelivered after success
    try:
        job = plan_recompute(plan=plan, as_of=date, job=job)
    except RecomputeLocked:
        logger.warning("recompute of %s skipped: another run holds the lock", plan_code)
        return {"plan": plan_code, "status": "locked"}
    return {"job": job.pk, "status": job.status, "rows": job.result.get("rows")}


@shared_task(name="indicators.recompute_all", ignore_result=True)
def recompute_all(as_of: str | None = None) -> list[str]:
    """Fan out one task per plan (a city or province instance runs many plans on several workers)."""
    from indicators.models import Plan

    codes = list(Plan.objects.values_list("code", flat=True))
    for code in codes:
        recompute_plan.delay(plan_code=code, as_of=as_of)
    return codes


@shared_task(name="indicators.render_report", ignore_result=True, acks_late=True)
def render_report(report_id: int) -> dict:
    """Render one evaluation report to PDF (decision 0008): ~1 GB RSS at 140 pages, so never in a web request.

    Idempotent: a redelivered message for a report already issued, failed or being rendered does nothing
    (``evaluation_report_render`` claims the report with a conditional update).
    """
    from indicators.models import EvaluationReport
    from indicators.services import evaluation_report_render

    try:
        report = evaluation_report_render(report_id=report_id)
    except EvaluationReport.DoesNotExist:  # a message outliving its database (a test run, a restored backup)
        logger.warning("evaluation report %s does not exist; nothing rendered", report_id)
        return {"report": report_id, "status": "missing"}
    return {"report": report.pk, "status": report.status, "pages": report.page_count}
