"""Celery tasks: thin, take codes and ISO dates, stable names, idempotent, one job-run row per business key."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from civilaffairs.choices import JobStatus, RegionLevel
from civilaffairs.models import JobRun, Region, User


@shared_task(name="assistance.generate_payment_roll")
def generate_payment_roll(township_code: str, month: str, user_id: int | None = None) -> dict:
    """Generate a township's roll for ``month`` (``YYYY-MM`` or ``YYYY-MM-DD``); running it again changes nothing."""
    from assistance.services import payment_roll_generate

    day = datetime.date.fromisoformat(month if len(month) > 7 else f"{month}-01")
    township = Region.objects.get(code=township_code, level=RegionLevel.TOWNSHIP)
    actor = User.objects.filter(pk=user_id).first() if user_id else None
    job = JobRun.objects.create(
        job="assistance.generate_payment_roll",
        key=f"{township_code}:{day:%Y-%m}",
        title=f"{township.name} {day.year}年{day.month}月 救助金发放花名册",
        region=township,
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        created_by=actor,
    )
    try:
        roll, created = payment_roll_generate(actor=actor, township=township, month=day)
    except Exception as exc:
        JobRun.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=str(exc), finished_at=timezone.now())
        raise
    result = {"roll": roll.pk, "created": created, "lines": roll.line_count, "total": str(roll.total_amount)}
    JobRun.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED,
        finished_at=timezone.now(),
        progress_done=roll.line_count,
        progress_total=roll.line_count,
        result=result,
    )
    return result


@shared_task(name="assistance.generate_county_payment_rolls")
def generate_county_payment_rolls(county_code: str, month: str) -> list[str]:
    """Fan out one roll task per township of the county."""
    townships = Region.objects.filter(parent_id=county_code, level=RegionLevel.TOWNSHIP).values_list("code", flat=True)
    for code in townships:
        generate_payment_roll.delay(code, month)
    return list(townships)


@shared_task(name="assistance.close_finished_enrolments")
def close_finished_enrolments(on: str | None = None) -> int:
    """Daily: end enrolments whose 渐退 period is over (payment already stopped with the period)."""
    from assistance.services import enrolments_close_finished

    return enrolments_close_finished(on=datetime.date.fromisoformat(on) if on else None)


@shared_task(name="assistance.rerate_enrolments")
def rerate_enrolments(standard_ids: list[int], job_id: int | None = None, user_id: int | None = None) -> dict:
    """Re-rate the enrolments new standards apply to, as the job run ``job_id`` (progress per chunk). Idempotent:
    a standard already applied changes nothing, and a job that succeeded is not run again."""
    from assistance.services import standards_rerate_job

    actor = User.objects.filter(pk=user_id).first() if user_id else None
    job = standards_rerate_job(standard_ids=list(standard_ids), job_id=job_id, actor=actor)
    return {"job": job.pk, "status": job.status, "rerated": job.result.get("rerated")}


@shared_task(name="assistance.end_lapsed_subsidies")
def end_lapsed_subsidies(on: str | None = None) -> int:
    """Daily: end disability subsidies whose holder no longer qualifies for next month (certificate, household)."""
    from assistance.services import subsidies_end_lapsed

    return subsidies_end_lapsed(on=datetime.date.fromisoformat(on) if on else None)
