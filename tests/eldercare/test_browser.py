"""In a real headless Chromium: a caseworker finds who is due a visit, records the visit, and the person leaves the
list; the visit shows on the person's roster page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_records_a_due_visit(browser, live_server, caseworker_a, world):
    page = browser.new_page()
    page.goto(f"{live_server.url}/login/?next=/eldercare/visits/due/")
    page.get_by_label("用户名").fill("cw_a")
    page.get_by_label("密码").fill("pass-12345")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/eldercare/visits/due/")
    body = page.locator("main").inner_text()
    assert "甲镇未探访老人" in body and "乙镇未探访老人" not in body
    page.get_by_role("link", name="甲镇未探访老人").click()
    page.get_by_role("link", name="登记探访").click()
    page.get_by_label("探访人").fill("养老助理 李梅")
    page.get_by_label("发现的问题").fill("独居，腿脚不便")
    page.get_by_label("帮扶措施").fill("联系村医上门")
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("text=探访已登记")
    assert "联系村医上门" in page.get_by_test_id("visits").inner_text()
    page.goto(f"{live_server.url}/eldercare/visits/due/")
    assert "甲镇未探访老人" not in page.locator("main").inner_text()
    page.close()
