"""Fixtures and helpers of the evaluation-report tests: hand-built snapshots of the test plan, a media folder of the
test's own, an issued report, and the PDF read back with poppler's pdftotext / pdffonts / pdfinfo."""

import datetime
import re
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from indicators.choices import ReportStatus, SnapshotStatus
from indicators.models import EvaluationReport, Snapshot
from indicators.services import evaluation_report_render, evaluation_report_request

COMPUTED_AT = datetime.datetime(2024, 7, 1, 2, 30, tzinfo=datetime.UTC)


@pytest.fixture
def media(settings, tmp_path):
    """MEDIA_ROOT of this test alone: files written (or not) by one test are seen by it only."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def snapshots(plan, as_of, geo, township_a, township_b, approved_growth, availability_type, county_staff, county_admin):
    """Snapshots of the six rows at ``as_of``, built by hand (no computation): what a report must print."""
    from tests.indicators.factories import ManualInputFactory

    a, b = township_a.code[:9], township_b.code[:9]
    availability = ManualInputFactory(
        type=availability_type,
        region=geo["county"],
        period_year=2023,
        value=None,
        boolean_value=True,
        source="县民政局婚姻登记处工作台账",
        entered_by=county_staff,
        approved_by=county_admin,
    )
    rows = {row.order: row for row in plan.rows.all()}

    def snap(order, **fields):
        return Snapshot.objects.create(row=rows[order], as_of=as_of, computed_at=COMPUTED_AT, **fields)

    growth_used = {
        "id": approved_growth.pk,
        "code": "stats.consumption_growth",
        "value": "50.0000",
        "region": geo["county"].code,
        "subject": "",
        "period": "2023年",
        "source": approved_growth.source,
        "role": "reference",
    }
    return {
        1: snap(
            1,
            value=D("62.5"),
            numerator=D(5),
            denominator=D(8),
            expected_value=D("67.9737"),
            target_used=D(80),
            status=SnapshotStatus.BEHIND,
            breakdown={
                a: {"value": "75.0000", "numerator": "3", "denominator": "4"},
                b: {"value": "33.3333", "numerator": "1", "denominator": "3"},
                "county": {"value": "100.0000", "numerator": "1", "denominator": "1"},
            },
            definition_code="tests.women_share",
            definition_version=3,
        ),
        2: snap(
            2,
            value=D("0.0008"),
            numerator=D(8),
            expected_value=D("0.0008"),
            status=SnapshotStatus.ON_TRACK,
            breakdown={a: {"value": "0.0004", "numerator": "4", "denominator": None}},
            definition_code="tests.living_persons",
            definition_version=1,
        ),
        3: snap(
            3,
            value=D(100),
            status=SnapshotStatus.MET,
            is_manual=True,
            manual_inputs=[
                {
                    "id": availability.pk,
                    "code": availability_type.code,
                    "value": "100",
                    "region": geo["county"].code,
                    "subject": "",
                    "period": "2023年",
                    "source": availability.source,
                }
            ],
        ),
        4: snap(
            4,
            value=D("62.5"),
            expected_value=D(50),
            target_used=D(50),
            status=SnapshotStatus.MET,
            manual_inputs=[growth_used],
            definition_code="tests.women_share",
            definition_version=3,
        ),
        5: snap(5, status=SnapshotStatus.NO_DATA, notes=["计算未注册"], definition_code="tests.not_registered"),
        6: snap(6, value=D(7), status=SnapshotStatus.NO_TARGET),
    }


def issue(user, plan, as_of, kind="midterm") -> EvaluationReport:
    """Request and render a report in this process, as the command does."""
    report, _created = evaluation_report_request(actor=user, plan=plan, as_of=as_of, kind=kind, queue=False)
    return evaluation_report_render(report_id=report.pk)


@pytest.fixture
def issued(plan, as_of, county_staff, media):
    """A report already issued, with a stand-in file: for the pages and endpoints (no rendering needed)."""
    report = EvaluationReport(
        plan=plan,
        as_of=as_of,
        requested_by=county_staff,
        issuing_body="测试县民政局",
        status=ReportStatus.DONE,
        sha256="0" * 64,
        page_count=1,
        byte_size=17,
        issued_at=timezone.now(),
    )
    report.pdf.save("stand-in.pdf", ContentFile(b"%PDF-1.7\n%stand-in"), save=False)
    report.save()
    return report


def pdf_path(report: EvaluationReport) -> str:
    return report.pdf.path


def pdf_text(path: str, layout: bool = False) -> str:
    """The PDF's text; ``layout``: one table row to a line (cells that wrap are then split across lines)."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), path, "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    """The text without whitespace: table cells and lines wrap where the layout says, not where the words do."""
    return re.sub(r"\s+", "", text)


def pdf_fonts(path: str) -> str:
    return subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout


def pdf_pages(path: str) -> int:
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
