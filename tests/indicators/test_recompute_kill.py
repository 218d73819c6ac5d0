"""A recompute really killed midway (SIGKILL: no ``except``, no ``finally`` runs) leaves the previous snapshots as they
were; the killed run stays "running" until the lock goes stale, and the next run then marks it interrupted and
succeeds (docs/decisions/0003, "Snapshots are all-or-nothing per plan" and "Lock").

The recompute runs in a forked child process. The parent closes its database connections before forking, so the
child opens its own; the child signals through a ``multiprocessing.Event`` once it is inside the phase under test
and then sleeps until the parent kills it.
"""

import datetime
import multiprocessing
import os
import signal
import time
from unittest import mock

import pytest
from django.db import connections
from django.utils import timezone

from civilaffairs.choices import JobStatus
from civilaffairs.conf import county_setting
from civilaffairs.models import JobRun
from indicators.models import Plan, Snapshot
from indicators.services import RECOMPUTE_JOB, RecomputeLocked, plan_recompute
from tests.factories import PersonFactory
from tests.indicators.computations import WomenShare

pytestmark = pytest.mark.django_db(transaction=True)


def recompute_and_stall(plan_pk: int, as_of: datetime.date, phase: str, reached) -> None:
    """In the child: recompute, stopping for good inside ``phase`` ("compute": row 1's computation; "write": after
    the snapshots are upserted, before the transaction commits)."""
    if phase == "compute":

        def stall(self, region, day):
            reached.set()
            time.sleep(600)

        patch = mock.patch.object(WomenShare, "compute", stall)
    else:
        write = Snapshot.objects.bulk_create

        def stall(objs, **kwargs):
            write(objs, **kwargs)  # every row upserted, inside the still open transaction
            reached.set()
            time.sleep(600)

        patch = mock.patch.object(Snapshot.objects, "bulk_create", side_effect=stall)
    with patch:
        plan_recompute(plan=Plan.objects.get(pk=plan_pk), as_of=as_of)


def kill_midway(plan: Plan, as_of: datetime.date, phase: str) -> None:
    context = multiprocessing.get_context("fork")
    reached = context.Event()
    connections.close_all()  # the child must not share the parent's sockets
    child = context.Process(target=recompute_and_stall, args=(plan.pk, as_of, phase, reached))
    child.start()
    try:
        assert reached.wait(timeout=120), f"the child ended (exit code {child.exitcode}) before the {phase} phase"
    finally:
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
        child.join()
    assert child.exitcode == -signal.SIGKILL


def table(plan, as_of):
    return {
        order: (value, computed_at)
        for order, value, computed_at in Snapshot.objects.filter(row__plan=plan, as_of=as_of).values_list(
            "row__order", "value", "computed_at"
        )
    }


@pytest.mark.parametrize("phase", ["compute", "write"])
def test_a_recompute_killed_midway_leaves_the_previous_snapshots_and_the_next_run_recovers(
    plan, people, as_of, village_a, phase
):
    plan_recompute(plan=plan, as_of=as_of)
    before = table(plan, as_of)
    assert len(before) == 6
    PersonFactory(region=village_a, sex="F", id_number="990101196003030028")  # row 1 would become 5 of 7

    kill_midway(plan, as_of, phase)

    assert table(plan, as_of) == before  # values and computed_at: nothing of the killed run was committed
    killed = JobRun.objects.filter(job=RECOMPUTE_JOB).order_by("-pk").first()
    assert killed.status == JobStatus.RUNNING and killed.finished_at is None  # no ``finally`` ran
    assert Plan.objects.get(pk=plan.pk).recompute_lock != ""

    # While the killed run's lock is fresh, another run is refused (it cannot know the holder is dead) …
    with pytest.raises(RecomputeLocked):
        plan_recompute(plan=plan, as_of=as_of)
    assert table(plan, as_of) == before

    # … once it is older than the timeout it is taken over: the killed run is marked interrupted, the new one writes.
    timeout = datetime.timedelta(minutes=county_setting("indicators.recompute_lock_minutes", plan.jurisdiction_id))
    Plan.objects.filter(pk=plan.pk).update(recompute_locked_at=timezone.now() - timeout - datetime.timedelta(minutes=1))
    job = plan_recompute(plan=plan, as_of=as_of)
    assert job.status == JobStatus.SUCCEEDED
    killed.refresh_from_db()
    assert killed.status == JobStatus.FAILED and killed.error and killed.finished_at
    after = table(plan, as_of)
    assert len(after) == 6 and str(after[1][0]) == "71.4286" and after[1][1] > before[1][1]
    assert Plan.objects.get(pk=plan.pk).recompute_lock == ""
