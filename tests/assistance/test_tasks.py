"""The Celery task generating a roll: thin, idempotent, recorded as a job run. Called directly (the logic), not
through a worker."""

from decimal import Decimal

import pytest

from assistance.models import PaymentRoll
from assistance.reference import schedules_sync
from assistance.tasks import close_finished_enrolments, generate_payment_roll
from civilaffairs.models import JobRun
from tests.assistance.factories import enrol, next_month

pytestmark = pytest.mark.django_db


def test_generate_payment_roll_task_is_idempotent_and_records_a_job(
    poor_household, caseworker_a, reviewer_a, county_staff, township_a
):
    enrol(poor_household, caseworker_a, reviewer_a, county_staff)
    month = next_month().strftime("%Y-%m")
    first = generate_payment_roll(township_a.code, month)
    second = generate_payment_roll(township_a.code, month)
    assert first["created"] and not second["created"] and first["roll"] == second["roll"]
    assert Decimal(first["total"]) == Decimal("588.00")
    assert PaymentRoll.objects.count() == 1
    jobs = JobRun.objects.filter(job="assistance.generate_payment_roll", key=f"{township_a.code}:{month}")
    assert jobs.count() == 2 and set(jobs.values_list("status", flat=True)) == {"succeeded"}


def test_close_finished_enrolments_task_and_its_schedule(db):
    from django_celery_beat.models import PeriodicTask

    assert close_finished_enrolments() == 0
    schedules_sync()
    schedules_sync()
    assert PeriodicTask.objects.filter(task="assistance.close_finished_enrolments").count() == 1
