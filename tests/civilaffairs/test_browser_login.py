"""In a real headless Chromium: the Chinese login page, a login, the home page with the user's jurisdiction."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_logs_in_and_sees_home_and_scoped_persons(browser, live_server, caseworker_a, person_a, person_b):
    page = browser.new_page()
    page.goto(f"{live_server.url}/persons/")
    assert "/login/" in page.url  # deny by default
    assert page.get_by_role("heading", name="登录").is_visible()
    page.get_by_label("用户名").fill("cw_a")
    page.get_by_label("密码").fill("pass-12345")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/persons/")
    assert caseworker_a.jurisdiction.name in page.get_by_test_id("current-user").inner_text()
    body = page.locator("main").inner_text()
    assert person_a.name in body
    assert person_b.name not in body
    page.close()
