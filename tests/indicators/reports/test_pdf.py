"""The evaluation report as a reader of the PDF sees it (read back with poppler), its frozen copy, its file and hash,
failures, double requests and versions (docs/decisions/0008)."""

import hashlib
import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from civilaffairs.choices import JobStatus
from civilaffairs.models import JobRun
from indicators.choices import ReportStatus
from indicators.models import EvaluationReport, Snapshot
from indicators.reports import report_render
from indicators.services import evaluation_report_render, evaluation_report_request, plan_recompute
from tests.indicators.reports.conftest import flat, issue, pdf_fonts, pdf_pages, pdf_path, pdf_text

pytestmark = pytest.mark.django_db


def section(text: str, start: str, end: str | None = None) -> str:
    """The part of the flattened text from the heading ``start`` to the heading ``end``."""
    begin = text.index(start)
    return text[begin : text.index(end, begin) if end else None]


def test_the_pdf_prints_the_plan_the_date_each_row_and_where_figures_come_from(
    plan, as_of, snapshots, county_staff, media
):
    report = issue(county_staff, plan, as_of)
    assert report.status == ReportStatus.DONE, report.error
    text = flat(pdf_text(pdf_path(report)))

    cover = section(text, "测试县“十四五”民政事业发展规划", "评估概要")
    assert "中期评估报告" in cover and "数据截至2024年6月30日" in cover and "测试省测试市测试县" in cover
    assert "编制单位测试县民政局" in cover
    summary = section(text, "评估概要", "指标完成情况总表")
    assert "已达标进度正常滞后无数据" in summary
    assert "滞后的约束性指标（1项）：第1项“在世人员中女性占比（%）”（当前62.5%，按进度应达67.97%）" in summary
    assert "无数据的约束性指标（1项）：第5项“尚未注册的指标（个）”" in summary
    table = section(text, "指标完成情况总表", "分领域评估")
    lines = pdf_text(pdf_path(report), layout=True)
    assert re.search(
        r"^\s*1\s+在世人员中女性占比（%）\s+%\s+约束性\s+40\s+≥80\s+62\.5\s+67\.97\s+滞后\s+系统计算$", lines, re.M
    )
    assert "女性占比年度增幅" in table and "系统计算＋人工填报" in table  # the reference growth was entered by hand
    assert "婚姻登记“跨省通办”实施率" in table and "人工填报" in table
    domains = section(text, "分领域评估", "分乡镇（街道）情况附表")
    assert "当前值62.5%；按进度应达67.97；2025年目标≥80；状态滞后" in domains
    assert "低于按进度应达值的乡镇（街道）1个：乙镇" in domains
    annex = section(text, "分乡镇（街道）情况附表", "方法说明")
    assert "甲镇75" in annex and "乙镇33.33" in annex and "测试县本级100" in annex and "全辖区62.5" in annex
    methods = text[text.index("方法说明") :]
    assert "数据截至2024年6月30日" in methods and "在世女性人数÷在世人数×100" in methods
    assert "《2023年统计公报》" in methods and "县民政局婚姻登记处工作台账" in methods  # each manual figure's source
    assert "第3版" in methods  # the version the figure was computed with
    assert re.search(rf"第2页共{report.page_count}页", text)  # the footer (the cover has none)


def test_the_pdf_embeds_its_chinese_fonts_and_its_hash_size_and_pages_are_recorded(
    plan, as_of, snapshots, county_staff, media
):
    report = issue(county_staff, plan, as_of)
    path = pdf_path(report)
    fonts = [line for line in pdf_fonts(path).splitlines() if "CJK" in line]
    assert fonts and all(" yes yes " in line for line in fonts)  # embedded, subset
    content = Path(path).read_bytes()
    assert content.startswith(b"%PDF")
    assert report.sha256 == hashlib.sha256(content).hexdigest()
    assert report.byte_size == len(content)
    assert report.page_count == pdf_pages(path) and report.page_count >= 6


def test_rows_without_a_figure_at_that_date_are_computed_first_by_the_recompute_service(
    plan, people, as_of, county_staff, media
):
    assert not Snapshot.objects.filter(row__plan=plan, as_of=as_of).exists()
    report = issue(county_staff, plan, as_of)
    assert report.status == ReportStatus.DONE, report.error
    assert Snapshot.objects.filter(row__plan=plan, as_of=as_of).count() == 6
    job = JobRun.objects.get(key=f"{plan.code}:{as_of}")
    assert job.status == JobStatus.SUCCEEDED
    text = flat(pdf_text(pdf_path(report)))
    # four living women of six living persons (one died the day before, one dies the day after)
    assert "在世人员中女性占比（%）约束性当前值66.67%" in text
    assert "甲镇" in text and "乙镇" in text


def test_an_issued_report_keeps_its_figures_when_the_snapshots_are_recomputed(
    plan, people, as_of, snapshots, county_staff, media
):
    first = issue(county_staff, plan, as_of)
    first_bytes = Path(pdf_path(first)).read_bytes()
    plan_recompute(plan=plan, as_of=as_of)  # overwrites the snapshot of (row, as-of): 62.5 → 66.67
    assert Snapshot.objects.get(row__plan=plan, row__order=1, as_of=as_of).value.quantize(1) == 67

    first.refresh_from_db()
    assert first.frozen["rows"][0]["snapshot"]["value"] == "62.5000"
    assert "当前值62.5%" in flat(pdf_text(pdf_path(first)))
    assert Path(pdf_path(first)).read_bytes() == first_bytes
    assert "当前值62.5%" in flat(pdf_text_of(report_render(first.frozen).pdf))  # re-verifiable from the copy

    second = issue(county_staff, plan, as_of)
    assert (second.version, first.version) == (2, 1)
    assert "当前值66.67%" in flat(pdf_text(pdf_path(second)))
    assert second.pdf.name != first.pdf.name and Path(pdf_path(first)).read_bytes() == first_bytes


def pdf_text_of(content: bytes) -> str:
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return pdf_text(handle.name)


def test_a_failing_section_marks_the_report_failed_with_the_error_and_leaves_no_file(
    plan, as_of, snapshots, county_staff, media
):
    report, _ = evaluation_report_request(actor=county_staff, plan=plan, as_of=as_of, queue=False)
    with (
        mock.patch("indicators.reports.section_annex", side_effect=RuntimeError("附表数据损坏")),
        pytest.raises(RuntimeError),
    ):
        evaluation_report_render(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "附表数据损坏" in report.error
    assert not report.pdf and not report.sha256
    assert not [p for p in media.rglob("*") if p.is_file()]
    # Rendering the failed report again changes nothing; issuing again makes a new version that works.
    assert evaluation_report_render(report_id=report.pk).status == ReportStatus.FAILED
    again = issue(county_staff, plan, as_of)
    assert again.status == ReportStatus.DONE and again.version == 2


def test_a_report_taken_over_while_its_file_was_written_keeps_no_file(plan, as_of, snapshots, county_staff, media):
    """The file is written before the row is marked done; if the row is no longer ours then (another worker took a
    report it thought dead), the file just written is removed: nothing on disk that no issued report names."""
    from indicators import reports

    report, _ = evaluation_report_request(actor=county_staff, plan=plan, as_of=as_of, queue=False)
    real_render = reports.report_render

    def render_then_lose_the_claim(frozen, progress=None):
        rendered = real_render(frozen, progress)
        EvaluationReport.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED)
        return rendered

    with mock.patch("indicators.reports.report_render", render_then_lose_the_claim), pytest.raises(Exception) as exc:
        evaluation_report_render(report_id=report.pk)
    assert "另一个" in str(exc.value) or "another worker" in str(exc.value)
    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED and not report.pdf
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_a_double_request_queues_one_report(plan, as_of, snapshots, county_staff, county_admin):
    first, created = evaluation_report_request(actor=county_staff, plan=plan, as_of=as_of)
    second, created_again = evaluation_report_request(actor=county_admin, plan=plan, as_of=as_of)
    assert created and not created_again and first.pk == second.pk
    other_kind, created_final = evaluation_report_request(actor=county_staff, plan=plan, as_of=as_of, kind="final")
    assert created_final and other_kind.pk != first.pk
    assert EvaluationReport.objects.filter(plan=plan).count() == 2


def test_the_database_refuses_a_second_unfinished_report_for_the_same_plan_date_and_kind(plan, as_of, county_staff):
    from django.db import IntegrityError, transaction

    EvaluationReport.objects.create(plan=plan, as_of=as_of, requested_by=county_staff, version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationReport.objects.create(plan=plan, as_of=as_of, requested_by=county_staff, version=2)


def test_a_township_user_a_future_date_or_a_date_before_the_plan_cannot_be_issued(
    plan, as_of, staff_b, county_staff, caseworker_a
):
    import datetime

    with pytest.raises(PermissionDenied):
        evaluation_report_request(actor=caseworker_a, plan=plan, as_of=as_of)
    with pytest.raises(PermissionDenied):  # county staff role, but posted to a township: not the whole plan
        evaluation_report_request(actor=staff_b, plan=plan, as_of=as_of)
    with pytest.raises(ValidationError) as future:
        evaluation_report_request(actor=county_staff, plan=plan, as_of=datetime.date.today() + datetime.timedelta(2))
    assert "未来" in str(future.value) or "future" in str(future.value)
    with pytest.raises(ValidationError):
        evaluation_report_request(actor=county_staff, plan=plan, as_of=datetime.date(2020, 6, 30))
    assert not EvaluationReport.objects.exists()


def test_a_report_being_rendered_by_a_live_worker_is_not_taken_over(plan, as_of, snapshots, county_staff, media):
    from django.utils import timezone

    report, _ = evaluation_report_request(actor=county_staff, plan=plan, as_of=as_of, queue=False)
    EvaluationReport.objects.filter(pk=report.pk).update(status=ReportStatus.RENDERING, started_at=timezone.now())
    assert evaluation_report_render(report_id=report.pk).status == ReportStatus.RENDERING
    # One left "rendering" by a worker killed long ago is taken over by the redelivered task.
    EvaluationReport.objects.filter(pk=report.pk).update(started_at=timezone.now() - timezone.timedelta(hours=2))
    assert evaluation_report_render(report_id=report.pk).status == ReportStatus.DONE


def test_the_task_skips_a_report_already_issued_and_one_that_does_not_exist(
    plan, as_of, snapshots, county_staff, media
):
    from indicators.tasks import render_report

    report = issue(county_staff, plan, as_of)
    name = report.pdf.name
    assert render_report.run(report_id=report.pk)["status"] == ReportStatus.DONE
    report.refresh_from_db()
    assert report.pdf.name == name
    assert render_report.run(report_id=987654)["status"] == "missing"
