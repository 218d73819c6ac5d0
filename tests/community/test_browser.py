"""In a real headless Chromium: county staff register a social organisation (a wrong credit code is explained in
Chinese and nothing is saved), submit and accept its annual report, and see it counted on the list."""

import pytest

from community.models import SocialOrganization
from tests.community.factories import make_uscc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("pass-12345")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def test_staff_register_an_organisation_and_review_its_report(browser, live_server, county_staff, township_a):
    page = browser.new_page()
    login(page, live_server, "staff")
    page.goto(f"{live_server.url}/community/organisations/")
    page.get_by_role("link", name="新增").click()
    page.get_by_label("名称").fill("甲镇太极拳协会")
    code = make_uscc("social_group")
    page.get_by_label("统一社会信用代码").fill(code[:-1] + ("0" if code[-1] != "0" else "1"))
    page.get_by_label("类型").select_option(label="社会团体")
    page.get_by_label("业务领域").select_option(label="文体类")
    page.get_by_label("住所地（乡镇、村或县本级）").select_option(label="甲镇")
    page.get_by_label("登记日期").fill("2023-05-06")
    page.get_by_role("button", name="保存").click()
    assert "统一社会信用代码校验位不符" in page.locator("main").inner_text()
    assert not SocialOrganization.objects.filter(name="甲镇太极拳协会").exists()

    page.get_by_label("统一社会信用代码").fill(code)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/community/organisations/*/")
    assert "甲镇太极拳协会" in page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("link", name="新增").click()
    page.get_by_label("专职工作人员数").fill("4")
    page.get_by_label("提交日期").fill("2024-03-01")
    page.get_by_label("报告年度").fill("2023")
    page.get_by_role("button", name="保存").click()
    assert "年度报告已登记，待审核" in page.locator("main").inner_text()
    page.get_by_role("link", name="审核年度报告").click()
    page.get_by_label("审核通过").check()
    page.get_by_label("审核日期").fill("2024-03-20")
    page.get_by_role("button", name="确认").click()
    assert "报告审核结果：审核通过" in page.locator("main").inner_text()
    page.close()
