"""In a real headless Chromium: a caseworker logs in, registers a household with two members, submits a 低保
application and finds it on the home page's to-do list."""

import pytest

from assistance.models import Application, Household
from tests.factories import make_id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_registers_household_applies_and_sees_the_todo(
    browser, live_server, caseworker_a, village_a, standards
):
    page = browser.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("cw_a")
    page.get_by_label("密码").fill("pass-12345")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/assistance/households/new/")
    page.get_by_label("村（社区）").select_option(village_a.code)
    page.get_by_label("住址").fill("甲1村3组12号")
    page.get_by_label("银行账号").fill("6228480012345678")
    head_id, child_id = make_id_number(), make_id_number()
    rows = page.get_by_test_id("member-row")
    first, second = rows.nth(0), rows.nth(1)
    first.locator("input[name$='-id_number']").fill(head_id)
    first.locator("input[name$='-name']").fill("陈大林")
    first.locator("select[name$='-relationship']").select_option("head")
    first.locator("input[name$='-monthly_income']").fill("300")
    second.locator("input[name$='-id_number']").fill(child_id)
    second.locator("input[name$='-name']").fill("陈小林")
    second.locator("select[name$='-relationship']").select_option("child")
    second.locator("select[name$='-labour_capacity']").select_option("none")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/assistance/households/*/")
    assert "家庭已保存，共2名成员" in page.locator("main").inner_text()
    household = Household.objects.get()
    assert household.members.count() == 2

    page.get_by_role("link", name="申请最低生活保障（低保）").click()
    page.get_by_label("申请理由").fill("户主务农收入低，子女无劳动能力")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(f"{live_server.url}/assistance/applications/*/")
    application = Application.objects.get()
    assert application.number in page.locator("main").inner_text()
    assert page.get_by_test_id("status").inner_text() == "已申请"

    page.goto(f"{live_server.url}/")
    todos = page.get_by_test_id("todo-list").inner_text()
    assert application.number in todos and "陈大林" in todos
    page.close()


def test_reviewer_grants_an_advance_and_sees_the_regularisation_todo(
    browser, live_server, reviewer_a, caseworker_a, village_a, standards
):
    from tests.assistance.factories import make_household, submit

    household = make_household(village_a, ["0", "0"], names=["火灾户主", "火灾家属"])
    app = submit(caseworker_a, household, kind="temporary", temporary_type="emergency", temporary_months=1)
    page = browser.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("rv_a")
    page.get_by_label("密码").fill("pass-12345")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{app.get_absolute_url()}")
    page.get_by_test_id("actions").get_by_role("link", name="先行救助").click()
    page.get_by_label("先行救助金额").fill("800")
    page.get_by_label("先行救助理由").fill("房屋失火，急需衣被和口粮")
    page.get_by_role("button", name="先行救助").click()
    assert "乡镇先行救助最多500.00元" in page.locator("main").inner_text()
    page.get_by_label("先行救助金额").fill("300")
    page.get_by_role("button", name="先行救助").click()
    page.wait_for_url(f"{live_server.url}{app.get_absolute_url()}")
    advance = page.get_by_test_id("advance").inner_text()
    assert "300.00元" in advance and "补办手续期限" in advance

    page.goto(f"{live_server.url}/")
    todos = page.get_by_test_id("todo-list").inner_text()
    assert "先行救助300.00元待补办审批" in todos and app.number in todos
    page.close()
