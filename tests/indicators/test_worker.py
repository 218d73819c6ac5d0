"""A real Celery worker (the project's app, the broker from settings: Redis in CI, memory:// otherwise) runs the
recompute task end to end — not eager mode, which Celery's docs discourage as a stand-in."""

import time

import pytest

from civilaffairs.choices import JobStatus
from civilaffairs.models import JobRun
from indicators.models import Snapshot

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_recomputes_a_plan_and_records_the_job(plan, people, as_of, celery_worker_running):
    from indicators.tasks import recompute_plan

    result = recompute_plan.apply_async(kwargs={"plan_code": plan.code, "as_of": as_of.isoformat()})
    deadline = time.monotonic() + 30
    job = None
    while time.monotonic() < deadline:
        job = JobRun.objects.filter(key=f"{plan.code}:{as_of}").first()
        if job is not None and job.is_finished:
            break
        time.sleep(0.2)
    assert result.id
    assert job is not None and job.status == JobStatus.SUCCEEDED, job and job.error
    assert Snapshot.objects.filter(row__plan=plan, as_of=as_of).count() == 6
    assert Snapshot.objects.get(row__plan=plan, row__order=1, as_of=as_of).numerator == 4
