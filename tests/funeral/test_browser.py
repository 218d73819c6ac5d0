"""In a real headless Chromium: county staff find the funeral menu, open a construction project and see its latest
approved progress flagged 人工填报, then enter a daily marriage registration count."""

import datetime

import pytest

from funeral.models import MarriageRegistrationCount
from tests.funeral.factories import ConstructionProjectFactory, OfficeFactory, approve_progress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_see_project_progress_and_enter_a_count(browser, live_server, county_staff, county_admin, geo):
    project = ConstructionProjectFactory(name="区殡仪馆改扩建工程", region=geo["county"])
    approve_progress(project, 62, datetime.date(2024, 6, 30), entered_by=county_staff, approved_by=county_admin)
    OfficeFactory(name="县婚姻登记中心", region=geo["county"])

    page = browser.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("staff")
    page.get_by_label("密码").fill("pass-12345")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("button", name="殡葬与婚姻").or_(page.get_by_role("link", name="殡葬与婚姻")).first.click()
    page.get_by_role("link", name="殡葬设施建设项目").click()
    page.get_by_role("link", name="区殡仪馆改扩建工程").click()
    card = page.get_by_test_id("project-progress")
    assert "人工填报" in card.inner_text()
    assert page.get_by_test_id("latest-progress").inner_text() == "62%"

    page.goto(f"{live_server.url}/funeral/marriage/counts/new/")
    page.get_by_label("日期").fill("2024-05-20")
    page.get_by_label("登记类别").select_option(label="结婚登记")
    page.get_by_label("登记件数").fill("52")
    page.get_by_label("联网实时办理件数").fill("52")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/funeral/marriage/counts/")
    assert "52" in page.get_by_test_id("count-totals").inner_text()
    assert MarriageRegistrationCount.objects.get().total == 52
    page.close()
