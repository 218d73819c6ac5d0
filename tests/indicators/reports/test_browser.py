"""In a real headless Chromium: county staff click 生成评估报告 on the dashboard, watch the progress bar (htmx polling)
finish through a real Celery worker, and download the PDF."""

import hashlib
from pathlib import Path

import pytest

from indicators.services import plan_recompute
from tests.indicators.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_generate_a_report_follow_its_progress_and_download_it(
    browser, live_server, plan, people, as_of, county_staff, media, request
):
    plan_recompute(plan=plan, as_of=as_of)
    request.getfixturevalue("celery_worker_running")
    page = browser.new_page(accept_downloads=True)
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/indicators/plans/{plan.code}/")
    page.get_by_label("报告数据截至").fill(as_of.isoformat())
    page.get_by_label("类型").select_option(label="中期评估")
    page.get_by_role("button", name="生成评估报告").click()
    page.wait_for_url("**/indicators/reports/*/")
    assert "报告已加入生成队列" in page.content()
    page.wait_for_selector('[data-testid="report-progress"][data-status="done"]', timeout=90_000)
    progress = page.get_by_test_id("report-progress").inner_text()
    assert "100%" in progress and "已出具" in progress
    shown_hash = page.get_by_test_id("report-sha256").inner_text().strip()

    with page.expect_download() as info:
        page.get_by_test_id("report-download").click()
    download = info.value
    content = Path(download.path()).read_bytes()
    assert content[:5] == b"%PDF-"
    assert hashlib.sha256(content).hexdigest() == shown_hash
    assert download.suggested_filename.endswith(".pdf") and "中期评估报告" in download.suggested_filename

    page.goto(f"{live_server.url}/indicators/plans/{plan.code}/reports/")
    assert "第1版" in page.get_by_test_id("report-list").inner_text()
    page.close()
