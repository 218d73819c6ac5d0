"""Re-rating after a new standard runs as a background job: queued when the standards are committed, recorded as a
job run with progress, idempotent; the page sends the user to the job's progress page."""

import time
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from assistance import services
from assistance.models import AssistanceStandard
from assistance.models.enrolments import add_months
from civilaffairs.choices import JobStatus
from civilaffairs.models import JobRun
from tests.assistance.factories import enrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(poor_household, caseworker_a, reviewer_a, county_staff):
    return enrol(poor_household, caseworker_a, reviewer_a, county_staff)


def post_standard(client, county, month):
    return client.post(
        reverse("assistance:standard_create"),
        {
            "county": county.pk,
            "effective_from": month.isoformat(),
            "document_number": "奉民发〔2026〕1号",
            "dibao_rural": "526",
        },
    )


def test_the_page_saves_queues_on_commit_and_shows_the_job(
    client_for, geo, enrolled, county_staff, django_capture_on_commit_callbacks
):
    month = add_months(timezone.localdate(), 2)
    client = client_for(county_staff)
    with (
        mock.patch("assistance.tasks.rerate_enrolments.delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = post_standard(client, geo["county"], month)
    job = JobRun.objects.get(job="assistance.rerate_enrolments")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert len(callbacks) == 1
    standard = AssistanceStandard.objects.get(document_number="奉民发〔2026〕1号")
    delay.assert_called_once_with(standard_ids=[standard.pk], job_id=job.pk, user_id=county_staff.pk)
    assert job.status == JobStatus.QUEUED and job.region_id == geo["county"].code
    # Not re-rated inside the request.
    assert enrolled.amount_in(month) == Decimal("588.00")
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200 and "job-progress" in page.content.decode()


def test_a_refused_standard_queues_nothing(client_for, geo, enrolled, county_staff, django_capture_on_commit_callbacks):
    client = client_for(county_staff)
    with (
        mock.patch("assistance.tasks.rerate_enrolments.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("assistance:standard_create"),
            {
                "county": geo["county"].pk,
                "effective_from": add_months(timezone.localdate(), 1).isoformat(),
                "document_number": "x",
                "dibao_urban": "700",  # 806 < 1.3 × 700: the 1.3× rule refuses the set
            },
        )
    assert response.status_code == 200
    delay.assert_not_called()
    assert not JobRun.objects.filter(job="assistance.rerate_enrolments").exists()


def test_the_task_rerates_with_progress_and_is_idempotent(geo, enrolled, county_staff):
    from assistance.tasks import rerate_enrolments

    month = add_months(timezone.localdate(), 2)
    rows, job = services.standards_add_queued(
        actor=county_staff,
        county=geo["county"],
        effective_from=month,
        items=[services.StandardItem("dibao", "rural", Decimal("526"))],
    )
    result = rerate_enrolments(standard_ids=[r.pk for r in rows], job_id=job.pk, user_id=county_staff.pk)
    job.refresh_from_db()
    assert result["rerated"] == 1 and job.status == JobStatus.SUCCEEDED
    assert job.progress_done == job.progress_total == 1 and job.percent == 100
    assert enrolled.amount_in(month) == Decimal("678.00")  # (526 − 300) × 3
    # Redelivered: the job already succeeded, nothing runs again.
    assert rerate_enrolments(standard_ids=[r.pk for r in rows], job_id=job.pk)["status"] == JobStatus.SUCCEEDED
    # Run again as a fresh job: the standard is already applied, nothing changes.
    again = services.standards_rerate_job(standard_ids=[r.pk for r in rows], actor=county_staff)
    assert again.status == JobStatus.SUCCEEDED and again.result["rerated"] == 0
    assert enrolled.amounts.filter(effective_from=month).count() == 1


def test_the_api_returns_the_job(client_for, geo, enrolled, county_staff, django_capture_on_commit_callbacks):
    client = client_for(county_staff)
    with (
        mock.patch("assistance.tasks.rerate_enrolments.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            "/api/assistance/standards/",
            {
                "county": geo["county"].code,
                "effective_from": add_months(timezone.localdate(), 1).isoformat(),
                "document_number": "API〔2026〕1号",
                "items": [{"kind": "dibao", "urban_rural": "rural", "amount": "510"}],
            },
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["job_url"] == f"/jobs/{body['job']}/"
    delay.assert_called_once()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_the_rerate_job(geo, enrolled, county_staff, celery_worker_running):
    month = add_months(timezone.localdate(), 2)
    _rows, job = services.standards_add_queued(
        actor=county_staff,
        county=geo["county"],
        effective_from=month,
        items=[services.StandardItem("dibao", "rural", Decimal("526"))],
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(0.2)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert enrolled.amount_in(month) == Decimal("678.00")
