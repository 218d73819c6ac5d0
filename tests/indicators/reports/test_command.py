"""``manage.py render_report``: the same code as the task, in the foreground, writing the PDF where it is told."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command

from indicators.choices import ReportStatus
from indicators.models import EvaluationReport
from tests.indicators.reports.conftest import flat, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_pdf_and_prints_pages_size_and_hash(
    plan, as_of, snapshots, county_admin, media, tmp_path
):
    out = tmp_path / "报告.pdf"
    stdout = io.StringIO()
    call_command("render_report", plan="test-14", as_of=as_of.isoformat(), out=str(out), stdout=stdout)
    content = out.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    printed = stdout.getvalue()
    assert f"sha256 {digest}" in printed and f"{len(content)} bytes" in printed
    assert f"{pdf_pages(str(out))} pages" in printed
    report = EvaluationReport.objects.get()
    assert (report.status, report.sha256, report.requested_by) == (ReportStatus.DONE, digest, county_admin)
    text = flat(pdf_text(str(out)))
    assert "中期评估报告" in text and "测试县“十四五”民政事业发展规划" in text


def test_the_command_issues_a_final_evaluation_as_a_new_version(
    plan, as_of, snapshots, county_admin, county_staff, media, tmp_path
):
    call_command(
        "render_report", plan="test-14", as_of=as_of.isoformat(), out=str(tmp_path / "a.pdf"), stdout=io.StringIO()
    )
    call_command(
        "render_report",
        plan="test-14",
        as_of=as_of.isoformat(),
        out=str(tmp_path / "b.pdf"),
        kind="final",
        user="staff",
        stdout=io.StringIO(),
    )
    assert "终期评估报告" in flat(pdf_text(str(tmp_path / "b.pdf")))
    final = EvaluationReport.objects.get(kind="final")
    assert final.requested_by == county_staff and EvaluationReport.objects.count() == 2


def test_the_command_refuses_an_unknown_plan_a_bad_date_or_a_user_who_may_not_issue(
    plan, as_of, county_admin, caseworker_a, tmp_path
):
    out = str(tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="No plan"):
        call_command("render_report", plan="nope-14", as_of=as_of.isoformat(), out=out)
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("render_report", plan="test-14", as_of="2024-13-01", out=out)
    with pytest.raises(CommandError):
        call_command("render_report", plan="test-14", as_of=as_of.isoformat(), out=out, user="cw_a")
    assert not EvaluationReport.objects.exists() and not (tmp_path / "x.pdf").exists()
