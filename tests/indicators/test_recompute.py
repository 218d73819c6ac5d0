"""Recompute: one snapshot per (row, as-of), all-or-nothing, locked, recorded as a job run; command and schedule."""

import datetime
from decimal import Decimal as D
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from civilaffairs.choices import JobStatus
from civilaffairs.models import JobRun
from indicators.choices import SnapshotStatus
from indicators.models import Plan, Snapshot
from indicators.services import RECOMPUTE_JOB, RecomputeLocked, plan_lock_acquire, plan_recompute, plan_schedules_sync
from tests.factories import PersonFactory
from tests.indicators.factories import IndicatorDefinitionFactory, PlanRowFactory

pytestmark = pytest.mark.django_db


def values(plan, as_of):
    return dict(Snapshot.objects.filter(row__plan=plan, as_of=as_of).values_list("row__order", "value"))


def test_a_recompute_writes_one_snapshot_per_row_with_its_job(plan, people, as_of):
    job = plan_recompute(plan=plan, as_of=as_of)
    assert job.status == JobStatus.SUCCEEDED and job.job == RECOMPUTE_JOB and job.key == f"test-14:{as_of}"
    assert job.result["rows"] == 6 and job.progress_done == 6 and job.started_at and job.finished_at
    snapshots = {s.row.order: s for s in Snapshot.objects.filter(row__plan=plan).select_related("row")}
    assert set(snapshots) == {1, 2, 3, 4, 5, 6}
    first = snapshots[1]
    assert first.value == D("66.6667") and first.numerator == 4 and first.denominator == 6
    assert first.definition_version == 3 and first.definition_code == "tests.women_share" and first.job == job
    assert first.breakdown["990101100"]["value"] == "66.6667" and first.status == SnapshotStatus.BEHIND
    assert D("67.9") < first.expected_value < D("68")
    assert snapshots[5].status == SnapshotStatus.NO_DATA and snapshots[5].notes
    assert snapshots[6].status == SnapshotStatus.NO_DATA


def test_running_twice_for_the_same_date_leaves_one_snapshot_per_row_with_the_new_values(
    plan, people, as_of, village_a
):
    plan_recompute(plan=plan, as_of=as_of)
    PersonFactory(region=village_a, sex="F", id_number="990101196003030028")
    plan_recompute(plan=plan, as_of=as_of)
    assert Snapshot.objects.filter(row__plan=plan, as_of=as_of).count() == 6
    assert Snapshot.objects.filter(row__plan=plan).count() == 6
    assert values(plan, as_of)[1] == D("71.4286")  # 5 of 7


def test_another_date_adds_snapshots_beside_the_first(plan, people, as_of):
    plan_recompute(plan=plan, as_of=as_of)
    plan_recompute(plan=plan, as_of=as_of + datetime.timedelta(days=1))
    assert Snapshot.objects.filter(row__plan=plan).count() == 12


def test_a_failure_midway_leaves_the_previous_snapshots_intact(plan, people, as_of, village_a):
    plan_recompute(plan=plan, as_of=as_of)
    before = values(plan, as_of)
    computed_at = set(Snapshot.objects.values_list("computed_at", flat=True))
    PersonFactory(region=village_a, sex="F", id_number="990101196003030028")  # would change row 1
    exploding = IndicatorDefinitionFactory(code="tests.exploding", kind="count")
    PlanRowFactory(plan=plan, order=7, name="出错的行", definition=exploding)
    with pytest.raises(RuntimeError, match="数据源不可用"):
        plan_recompute(plan=plan, as_of=as_of)
    assert values(plan, as_of) == before
    assert set(Snapshot.objects.values_list("computed_at", flat=True)) == computed_at
    failed = JobRun.objects.filter(job=RECOMPUTE_JOB).order_by("-pk").first()
    assert failed.status == JobStatus.FAILED and "数据源不可用" in failed.error and failed.progress_done == 6
    assert Plan.objects.get(pk=plan.pk).recompute_lock == ""  # released: the next run can start


def test_a_crash_while_writing_rolls_the_whole_write_back(plan, people, as_of, village_a):
    plan_recompute(plan=plan, as_of=as_of)
    before = values(plan, as_of)
    PersonFactory(region=village_a, sex="F", id_number="990101196003030028")
    original = Snapshot.objects.bulk_create

    def write_then_die(objs, **kwargs):
        original(objs[:3], **kwargs)  # half the rows reach the database…
        raise KeyboardInterrupt  # …then the process is interrupted

    with (
        mock.patch.object(Snapshot.objects, "bulk_create", side_effect=write_then_die),
        pytest.raises(KeyboardInterrupt),
    ):
        plan_recompute(plan=plan, as_of=as_of)
    assert values(plan, as_of) == before


def test_a_concurrent_run_of_the_same_plan_is_refused_and_recorded(plan, people, as_of):
    token = plan_lock_acquire(plan)
    assert token
    with pytest.raises(RecomputeLocked):
        plan_recompute(plan=plan, as_of=as_of)
    job = JobRun.objects.get(job=RECOMPUTE_JOB)
    assert job.status == JobStatus.FAILED and job.error
    assert not Snapshot.objects.exists()


def test_a_lock_left_by_a_killed_run_is_taken_over_after_the_timeout(plan, people, as_of):
    plan_lock_acquire(plan)
    stale = timezone.now() - datetime.timedelta(hours=2)
    Plan.objects.filter(pk=plan.pk).update(recompute_locked_at=stale)
    killed = JobRun.objects.create(
        job=RECOMPUTE_JOB, key=f"test-14:{as_of}", title="killed", region=plan.jurisdiction, status=JobStatus.RUNNING
    )
    job = plan_recompute(plan=plan, as_of=as_of)
    assert job.status == JobStatus.SUCCEEDED
    killed.refresh_from_db()
    assert killed.status == JobStatus.FAILED and killed.error


def test_the_command_recomputes_one_plan_at_a_date(plan, people):
    out = StringIO()
    call_command("recompute_indicators", "--plan", "test-14", "--as-of", "2024-06-30", stdout=out)
    assert "test-14 as of 2024-06-30: 6 rows" in out.getvalue()
    assert Snapshot.objects.filter(as_of=datetime.date(2024, 6, 30)).count() == 6


def test_the_command_refuses_an_unknown_plan_or_a_bad_date(plan):
    with pytest.raises(CommandError, match="No plan"):
        call_command("recompute_indicators", "--plan", "nope", stdout=StringIO())
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("recompute_indicators", "--as-of", "30/06/2024", stdout=StringIO())


def test_the_command_defaults_to_today_for_every_plan(plan, people):
    call_command("recompute_indicators", stdout=StringIO())
    assert Snapshot.objects.filter(as_of=timezone.localdate()).count() == 6


def test_the_command_reports_a_failed_plan(plan, people):
    exploding = IndicatorDefinitionFactory(code="tests.exploding", kind="count")
    PlanRowFactory(plan=plan, order=7, name="出错的行", definition=exploding)
    err = StringIO()
    with pytest.raises(CommandError, match="test-14"):
        call_command("recompute_indicators", stdout=StringIO(), stderr=err)
    assert "previous snapshots unchanged" in err.getvalue()


def test_one_nightly_schedule_per_plan_at_half_past_two_shanghai_time(plan):
    from django_celery_beat.models import PeriodicTask

    assert plan_schedules_sync() == 1
    assert plan_schedules_sync() == 1  # idempotent
    task = PeriodicTask.objects.get(name="indicators.recompute_plan:test-14")
    assert task.task == "indicators.recompute_plan" and '"plan_code": "test-14"' in task.kwargs
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == ("2", "30", "Asia/Shanghai")


def test_the_nightly_task_computes_yesterday(plan, people):
    from indicators.tasks import recompute_plan

    result = recompute_plan.run(plan_code="test-14", nightly=True)
    assert result["status"] == JobStatus.SUCCEEDED
    assert Snapshot.objects.filter(as_of=timezone.localdate() - datetime.timedelta(days=1)).count() == 6


def test_the_task_skips_a_job_that_already_succeeded(plan, people, as_of):
    from indicators.tasks import recompute_plan

    job = plan_recompute(plan=plan, as_of=as_of)
    assert recompute_plan.run(plan_code="test-14", as_of=as_of.isoformat(), job_id=job.pk)["skipped"] is True
