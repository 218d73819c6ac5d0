"""Writes of the indicators app: recomputing a plan into snapshots, manual figures, nightly schedules."""

from __future__ import annotations

import datetime
import json
import traceback
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from civilaffairs.choices import JobStatus
from civilaffairs.conf import county_setting
from civilaffairs.models import JobRun
from indicators.choices import ReportKind, ReportStatus
from indicators.engine import PLACES, RowFigure, jurisdiction_townships, row_figure
from indicators.models import EvaluationReport, ManualInput, ManualInputStatus, Plan, Snapshot
from indicators.registry import quantize

RECOMPUTE_JOB = "indicators.recompute"
RECOMPUTE_TASK = "indicators.recompute_plan"
SNAPSHOT_FIELDS = [
    "value",
    "numerator",
    "denominator",
    "breakdown",
    "status",
    "expected_value",
    "target_used",
    "is_manual",
    "manual_inputs",
    "denominator_source",
    "notes",
    "definition_code",
    "definition_version",
    "computed_at",
    "job",
]


class RecomputeLocked(Exception):
    """Another recompute of the same plan is running."""


def job_key(plan: Plan, as_of: datetime.date) -> str:
    return f"{plan.code}:{as_of.isoformat()}"


# --- the lock ----------------------------------------------------------------------------------------


def _lock_timeout(plan: Plan) -> datetime.timedelta:
    return datetime.timedelta(minutes=county_setting("indicators.recompute_lock_minutes", plan.jurisdiction_id))


def plan_lock_acquire(plan: Plan) -> str:
    """Take the plan's recompute lock with a conditional UPDATE (row count 1 = ours); works on SQLite and PG.

    A lock older than the timeout belongs to a run that was killed (a SIGKILL runs no ``finally``): taken over.
    """
    token = uuid.uuid4().hex
    now = timezone.now()
    free = Q(recompute_lock="") | Q(recompute_locked_at__lt=now - _lock_timeout(plan))
    taken = Plan.objects.filter(pk=plan.pk).filter(free).update(recompute_lock=token, recompute_locked_at=now)
    if taken != 1:
        raise RecomputeLocked(plan.code)
    return token


def plan_lock_release(plan: Plan, token: str) -> None:
    Plan.objects.filter(pk=plan.pk, recompute_lock=token).update(recompute_lock="", recompute_locked_at=None)


# --- recompute ---------------------------------------------------------------------------------------


def job_create(*, actor, plan: Plan, as_of: datetime.date) -> JobRun:
    return JobRun.objects.create(
        job=RECOMPUTE_JOB,
        key=job_key(plan, as_of),
        title=_("Recompute %(plan)s as of %(date)s") % {"plan": plan.jurisdiction.name, "date": as_of.isoformat()},
        region=plan.jurisdiction,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        progress_total=plan.rows.count(),
    )


def _snapshot(figure: RowFigure, job: JobRun, computed_at: datetime.datetime) -> Snapshot:
    assessment = figure.assessment
    return Snapshot(
        row=figure.row,
        as_of=figure.as_of,
        value=quantize(figure.value, PLACES),
        numerator=quantize(figure.numerator, PLACES),
        denominator=quantize(figure.denominator, PLACES),
        breakdown=figure.breakdown,
        status=assessment.status,
        expected_value=quantize(assessment.expected, PLACES),
        target_used=quantize(assessment.target, PLACES),
        is_manual=figure.is_manual,
        manual_inputs=json.loads(json.dumps(figure.manual_inputs, default=str)),
        denominator_source=json.loads(json.dumps(figure.denominator_source, default=str)),
        notes=[str(note) for note in figure.notes],
        definition_code=figure.definition_code,
        definition_version=figure.definition_version,
        computed_at=computed_at,
        job=job,
    )


def snapshots_write(figures: list[RowFigure], job: JobRun) -> int:
    """All snapshots of one run in ONE transaction, upserting on (row, as_of): a re-run overwrites, a crash
    before or during the write leaves the previous snapshots as they were."""
    computed_at = timezone.now()
    objs = [_snapshot(figure, job, computed_at) for figure in figures]
    with transaction.atomic():
        Snapshot.objects.bulk_create(
            objs, update_conflicts=True, unique_fields=["row", "as_of"], update_fields=SNAPSHOT_FIELDS
        )
    return len(objs)


def _fail_interrupted_jobs(plan: Plan, current: JobRun) -> None:
    """Runs left "running" by a killed worker: we hold the lock, so none of them is alive."""
    JobRun.objects.filter(job=RECOMPUTE_JOB, key__startswith=plan.job_key_prefix, status=JobStatus.RUNNING).exclude(
        pk=current.pk
    ).update(
        status=JobStatus.FAILED, error=_("Interrupted: the process ended before finishing."), finished_at=timezone.now()
    )


def plan_recompute(*, actor=None, plan: Plan, as_of: datetime.date, job: JobRun | None = None) -> JobRun:
    """Recompute every row of ``plan`` at ``as_of`` into snapshots; recorded as a job run (DESIGN §5 Nightly).

    Idempotent (one snapshot per row and as-of date), locked against a concurrent run of the same plan; rows are
    computed in memory first and written in one transaction. A failure marks the job failed with the error and
    re-raises; the snapshots are then exactly as before.
    """
    job = job or job_create(actor=actor, plan=plan, as_of=as_of)
    try:
        token = plan_lock_acquire(plan)
    except RecomputeLocked:
        JobRun.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=_("Another recompute of this plan is running; this one did not start."),
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        raise
    try:
        rows = list(
            plan.rows.select_related(
                "plan__jurisdiction", "definition", "manual_input_type", "target_reference"
            ).order_by("order")
        )
        JobRun.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING,
            started_at=timezone.now(),
            progress_total=len(rows),
            progress_done=0,
            error="",
            message=_("Computing the rows"),
        )
        _fail_interrupted_jobs(plan, job)
        townships = jurisdiction_townships(plan.jurisdiction)
        figures = []
        for done, row in enumerate(rows, start=1):
            try:
                figures.append(row_figure(row, as_of, townships))
            except Exception as exc:
                raise RuntimeError(
                    _("Row %(number)s (%(name)s): %(error)s") % {"number": row.order, "name": row.name, "error": exc}
                ) from exc
            JobRun.objects.filter(pk=job.pk).update(progress_done=done)
        JobRun.objects.filter(pk=job.pk).update(message=_("Writing the snapshots"))
        written = snapshots_write(figures, job)
        counts: dict[str, int] = {}
        for figure in figures:
            counts[figure.assessment.status] = counts.get(figure.assessment.status, 0) + 1
        JobRun.objects.filter(pk=job.pk).update(
            status=JobStatus.SUCCEEDED,
            finished_at=timezone.now(),
            message=_("%(rows)d rows written") % {"rows": written},
            result={
                "rows": written,
                "as_of": as_of.isoformat(),
                "statuses": counts,
                "url": reverse("indicators:plan_detail", args=[plan.code]) + f"?as_of={as_of.isoformat()}",
                "label": _("Open the indicator table"),
            },
        )
    except BaseException as exc:
        JobRun.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            message=_("Failed; the previous snapshots are unchanged."),
            error=f"{exc}\n\n{traceback.format_exc(limit=5)}"[:5000],
        )
        raise
    finally:
        plan_lock_release(plan, token)
    job.refresh_from_db()
    return job


def plan_recompute_queue(*, actor, plan: Plan, as_of: datetime.date) -> JobRun:
    """Queue a recompute for the worker (the county staff's button); the task starts after the commit."""
    from indicators.tasks import recompute_plan

    job = job_create(actor=actor, plan=plan, as_of=as_of)
    transaction.on_commit(
        lambda: recompute_plan.delay(plan_code=plan.code, as_of=as_of.isoformat(), job_id=job.pk), robust=False
    )
    return job


# --- manual figures ----------------------------------------------------------------------------------


@transaction.atomic
def manual_input_create(*, actor, **fields) -> ManualInput:
    """Enter a figure (draft). It counts only once someone else approves it."""
    if not actor.has_perm("indicators.add_manualinput"):
        raise PermissionDenied
    entry = ManualInput(entered_by=actor, status=ManualInputStatus.DRAFT, **fields)
    entry.effective_on = entry.compute_effective_on()
    entry.full_clean()
    entry.save()
    if not ManualInput.objects.for_user(actor).filter(pk=entry.pk).exists():
        raise PermissionDenied(_("The figure would fall outside your jurisdiction."))
    return entry


@transaction.atomic
def manual_input_approve(*, actor, manual_input: ManualInput) -> ManualInput:
    """Approve a draft figure (four eyes: not the enterer); it supersedes the approved one for the same period.

    The row is locked, so two admins approving at once approve once; the second sees it already approved.
    """
    if not actor.has_perm("indicators.approve_manualinput"):
        raise PermissionDenied
    entry = ManualInput.objects.for_user(actor).select_for_update().get(pk=manual_input.pk)
    if entry.status != ManualInputStatus.DRAFT:
        raise ValidationError(
            _("This figure is not awaiting approval (it is %(status)s).") % {"status": entry.get_status_display()}
        )
    if entry.entered_by_id == actor.pk:
        raise ValidationError(_("A figure must be approved by someone other than who entered it."))
    ManualInput.objects.filter(
        type=entry.type,
        region=entry.region,
        subject=entry.subject,
        effective_on=entry.effective_on,
        status=ManualInputStatus.APPROVED,
    ).update(status=ManualInputStatus.SUPERSEDED)
    entry.status = ManualInputStatus.APPROVED
    entry.approved_by = actor
    entry.approved_at = timezone.now()
    entry.save(update_fields=["status", "approved_by", "approved_at"])
    return entry


@transaction.atomic
def manual_input_reject(*, actor, manual_input: ManualInput, reason: str) -> ManualInput:
    if not actor.has_perm("indicators.approve_manualinput"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for rejecting the figure."))
    entry = ManualInput.objects.for_user(actor).select_for_update().get(pk=manual_input.pk)
    if entry.status != ManualInputStatus.DRAFT:
        raise ValidationError(
            _("This figure is not awaiting approval (it is %(status)s).") % {"status": entry.get_status_display()}
        )
    entry.status = ManualInputStatus.REJECTED
    entry.note = (entry.note + "\n" if entry.note else "") + _("Rejected: %(reason)s") % {"reason": reason.strip()}
    entry.save(update_fields=["status", "note"])
    return entry


# --- nightly schedule --------------------------------------------------------------------------------


def plan_schedules_sync() -> int:
    """One django-celery-beat PeriodicTask per plan, nightly at 02:30 Asia/Shanghai (editable by admins)."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    count = 0
    for plan in Plan.objects.select_related("jurisdiction"):
        hour = county_setting("indicators.nightly_hour", plan.jurisdiction_id)
        minute = county_setting("indicators.nightly_minute", plan.jurisdiction_id)
        schedule, _created = CrontabSchedule.objects.get_or_create(
            minute=str(minute),
            hour=str(hour),
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Shanghai",
        )
        task, created = PeriodicTask.objects.get_or_create(
            name=f"{RECOMPUTE_TASK}:{plan.code}",
            defaults={
                "task": RECOMPUTE_TASK,
                "crontab": schedule,
                "kwargs": json.dumps({"plan_code": plan.code, "nightly": True}),
                "description": f"{plan.jurisdiction.name}“十四五”指标每日重算",
            },
        )
        if not created and task.task != RECOMPUTE_TASK:
            task.task = RECOMPUTE_TASK
            task.save(update_fields=["task"])
        count += 1
    return count


# --- evaluation reports (docs/decisions/0008) ----------------------------------------------------------------


def report_issuing_body(plan: Plan) -> str:
    return county_setting("indicators.report_issuing_body", plan.jurisdiction_id) or f"{plan.jurisdiction.name}民政局"


def _report_refusal(actor, plan: Plan, as_of: datetime.date, kind: str) -> None:
    from indicators.selectors import sees_whole_plan

    if not actor.has_perm("indicators.add_evaluationreport"):
        raise PermissionDenied
    if not sees_whole_plan(actor, plan):
        # The report prints every township's figures; a township user may not issue one (decision 0008).
        raise PermissionDenied(_("Only county users may issue an evaluation report: it shows every township."))
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Choose the mid-term or the final evaluation.")})
    if as_of > timezone.localdate():
        raise ValidationError({"as_of": _("A figure cannot be computed for a future date.")})
    if plan.baseline_year and as_of <= datetime.date(plan.baseline_year, 12, 31):
        raise ValidationError(
            {"as_of": _("The plan period starts after %(year)s; choose a later date.") % {"year": plan.baseline_year}}
        )


def evaluation_report_request(
    *, actor, plan: Plan, as_of: datetime.date, kind: str = ReportKind.MIDTERM, queue: bool = True
) -> tuple[EvaluationReport, bool]:
    """Queue a report of ``plan`` at ``as_of`` (the admin's or county staff's button, the API, decision 0008).

    Idempotent for a double click: while a report for the same plan, date and kind is queued or rendering, that one
    is returned (``created`` False) instead of a second one. The plan's row is locked so that two requests at once
    queue one; the partial unique constraint catches what a lock cannot (SQLite). Issuing again once the previous
    one is finished makes a new version; issued versions are kept. The task starts after the commit; ``queue=False``
    (``render_report``) leaves it to the caller to call ``evaluation_report_render`` in its own process.
    """
    from indicators.tasks import render_report

    _report_refusal(actor, plan, as_of, kind)
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        pending = EvaluationReport.objects.unfinished().filter(plan=plan, as_of=as_of, kind=kind).first()
        if pending is not None:
            return pending, False
        latest = EvaluationReport.objects.filter(plan=plan, as_of=as_of, kind=kind).aggregate(v=Max("version"))["v"]
        try:
            with transaction.atomic():
                report = EvaluationReport.objects.create(
                    plan=plan,
                    as_of=as_of,
                    kind=kind,
                    version=(latest or 0) + 1,
                    issuing_body=report_issuing_body(plan),
                    requested_by=actor,
                    message=_("Waiting for a worker"),
                )
        except IntegrityError:
            pending = EvaluationReport.objects.unfinished().filter(plan=plan, as_of=as_of, kind=kind).first()
            if pending is None:
                raise
            return pending, False
        if queue:
            transaction.on_commit(lambda: render_report.delay(report_id=report.pk), robust=False)
    return report, True


def _report_update(report: EvaluationReport, **fields) -> None:
    EvaluationReport.objects.filter(pk=report.pk).update(**fields)
    for key, value in fields.items():
        setattr(report, key, value)


def _report_claim(report_id: int) -> bool:
    """Take the report for rendering with a conditional UPDATE (row count 1 = ours): a queued one, or one left
    "rendering" by a worker killed longer ago than ``indicators.report_render_stale_minutes`` (redelivered task)."""
    report = EvaluationReport.objects.select_related("plan").get(pk=report_id)
    stale = timezone.now() - datetime.timedelta(
        minutes=county_setting("indicators.report_render_stale_minutes", report.plan.jurisdiction_id)
    )
    claimable = Q(status=ReportStatus.QUEUED) | Q(status=ReportStatus.RENDERING, started_at__lt=stale)
    return (
        EvaluationReport.objects.filter(pk=report_id)
        .filter(claimable)
        .update(
            status=ReportStatus.RENDERING,
            started_at=timezone.now(),
            progress_done=0,
            progress_total=0,
            error="",
            message=_("Starting"),
        )
        == 1
    )


def _report_snapshots_ensure(report: EvaluationReport) -> None:
    """Rows without a snapshot at the report's date are computed first, by the nightly job's own service (all rows
    of the plan at that date, one transaction): a report never mixes a figure of another date (decision 0008)."""
    from indicators.reports import ReportError, missing_rows

    if not missing_rows(report.plan, report.as_of):
        return
    _report_update(report, message=_("Computing the indicators as of the report date"))
    try:
        plan_recompute(plan=report.plan, as_of=report.as_of)
    except RecomputeLocked:
        raise ReportError(
            _("Another recompute of this plan is running; issue the report again when it has finished.")
        ) from None
    except Exception as exc:
        raise ReportError(_("Computing the indicators failed: %(error)s") % {"error": exc}) from exc
    missing = missing_rows(report.plan, report.as_of)
    if missing:  # pragma: no cover - plan_recompute writes every row or raises
        raise ReportError(_("Rows without a figure: %(rows)s") % {"rows": ", ".join(map(str, missing))})


def evaluation_report_render(*, report_id: int) -> EvaluationReport:
    """Render a queued report (the Celery task and ``render_report`` both call this): compute missing rows, freeze
    the snapshots into ``frozen``, render the PDF from that copy section by section (progress on the row), store the
    file under a new name with its SHA-256, page count and size, and mark it done.

    Idempotent: a report already done, failed or being rendered by a live worker is returned unchanged. On any error
    the report is marked failed with the error, no file is kept, and the error is re-raised.
    """
    from indicators.reports import ReportError, report_freeze, report_render

    if not _report_claim(report_id):
        return EvaluationReport.objects.select_related("plan__jurisdiction").get(pk=report_id)
    report = EvaluationReport.objects.select_related("plan__jurisdiction", "requested_by").get(pk=report_id)
    stored = ""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            if not report.frozen:
                _report_snapshots_ensure(report)
                _report_update(report, message=_("Freezing the figures"))
                frozen = report_freeze(
                    report.plan,
                    report.as_of,
                    kind=report.kind,
                    issuing_body=report.issuing_body or report_issuing_body(report.plan),
                    version=report.version,
                    requested_by=str(report.requested_by),
                )
                _report_update(report, frozen=frozen)

            def progress(done: int, total: int, message: str) -> None:
                _report_update(report, progress_done=done, progress_total=total, message=message)

            rendered = report_render(report.frozen, progress=progress)
            digest = rendered.sha256
            stored = report.pdf.storage.save(
                report.pdf.field.generate_filename(report, f"{digest[:12]}.pdf"), ContentFile(rendered.pdf)
            )
            done = (
                EvaluationReport.objects.filter(pk=report.pk, status=ReportStatus.RENDERING).update(
                    status=ReportStatus.DONE,
                    pdf=stored,
                    sha256=digest,
                    page_count=rendered.pages,
                    byte_size=len(rendered.pdf),
                    issued_at=timezone.now(),
                    progress_done=report.progress_total,
                    message=_("Issued: %(pages)d pages") % {"pages": rendered.pages},
                )
                == 1
            )
            if not done:
                raise ReportError(_("The report was taken over by another worker."))
    except BaseException as exc:
        if stored:
            report.pdf.storage.delete(stored)
        message = str(exc) if isinstance(exc, ReportError) else f"{type(exc).__name__}: {exc}"
        EvaluationReport.objects.filter(pk=report.pk, status=ReportStatus.RENDERING).update(
            status=ReportStatus.FAILED,
            message=_("Failed; no file was issued."),
            error=f"{message}\n\n{traceback.format_exc(limit=5)}"[:5000],
        )
        raise
    report.refresh_from_db()
    return report
