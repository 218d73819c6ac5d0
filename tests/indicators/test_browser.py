"""In a real headless Chromium: the dashboard draws its charts, a row opens with its bar chart and trend, and the
recompute button runs through a real Celery worker while the job page shows the progress."""

import pytest

from indicators.services import plan_recompute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pass-12345")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def test_staff_read_the_dashboard_open_a_row_and_recompute(
    browser, live_server, plan, people, as_of, county_staff, request
):
    plan_recompute(plan=plan, as_of=as_of.replace(day=1))
    plan_recompute(plan=plan, as_of=as_of)
    page = browser.new_page()
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/indicators/")
    table = page.get_by_test_id("plan-table")
    assert "在世人员中女性占比（%）" in table.inner_text()
    assert page.locator('tr[data-row="1"] td.status-behind').is_visible()
    page.wait_for_selector("[data-spark] svg")  # ECharts drew the trend sparkline

    table.get_by_role("link", name="在世人员中女性占比（%）").click()
    page.wait_for_selector("#bar-chart canvas")
    page.wait_for_selector("#trend-chart canvas")
    assert "甲镇" in page.get_by_test_id("breakdown").inner_text()

    request.getfixturevalue("celery_worker_running")  # a real worker from here on
    page.goto(f"{live_server.url}/indicators/plans/{plan.code}/")
    page.get_by_test_id("recompute").click()
    page.wait_for_url("**/jobs/*/")
    page.wait_for_selector('[data-testid="job-progress"][data-status="succeeded"]', timeout=30_000)
    assert "100%" in page.get_by_test_id("job-progress").inner_text()
    page.get_by_role("link", name="查看指标表").click()
    assert page.get_by_test_id("plan-table").is_visible()
    page.close()


def test_a_township_user_sees_only_their_township_on_the_row_page(
    browser, live_server, plan, people, as_of, caseworker_a
):
    plan_recompute(plan=plan, as_of=as_of)
    page = browser.new_page()
    login(page, live_server, "cw_a")
    page.goto(f"{live_server.url}/indicators/plans/{plan.code}/rows/1/")
    breakdown = page.get_by_test_id("breakdown").inner_text()
    assert "甲镇" in breakdown and "乙镇" not in breakdown
    page.get_by_test_id("breakdown").get_by_role("link").first.click()
    rows = page.get_by_test_id("drilldown").inner_text()
    assert "甲女一" in rows and "乙女一" not in rows
    page.close()
