"""A real Celery worker renders a requested report end to end (the fixture of tests/indicators/test_worker.py):
the request commits, the task named ``indicators.render_report`` is queued after the commit, the worker computes the
missing snapshots, freezes them, renders and stores the PDF, recording progress on the way."""

import hashlib
import time
from pathlib import Path

import pytest

from indicators.choices import ReportStatus
from indicators.models import EvaluationReport, Snapshot
from indicators.services import evaluation_report_request
from tests.indicators.reports.conftest import flat, pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_until_finished(report: EvaluationReport, seconds: int = 90) -> EvaluationReport:
    deadline = time.monotonic() + seconds
    seen = set()
    while time.monotonic() < deadline:
        report.refresh_from_db()
        seen.add((report.status, report.progress_done))
        if report.is_finished:
            break
        time.sleep(0.1)
    report.seen = seen
    return report


def test_a_worker_renders_a_requested_report(plan, people, as_of, county_staff, media, celery_worker_running):
    report, created = evaluation_report_request(actor=county_staff, plan=plan, as_of=as_of)
    assert created
    report = wait_until_finished(report)
    assert report.status == ReportStatus.DONE, report.error
    assert Snapshot.objects.filter(row__plan=plan, as_of=as_of).count() == 6  # computed first, by the worker
    content = Path(report.pdf.path).read_bytes()
    assert report.sha256 == hashlib.sha256(content).hexdigest() and report.byte_size == len(content)
    assert report.progress_done == report.progress_total > 5 and "页" in report.message
    assert "当前值66.67%" in flat(pdf_text(report.pdf.path))
    assert report.frozen["rows"][0]["snapshot"]["value"] == "66.6667"
