import pytest

pytestmark = pytest.mark.django_db


def test_login_then_home_shows_name_and_jurisdiction(client, caseworker_a):
    response = client.post("/login/", {"username": "cw_a", "password": "pass-12345"}, follow=True)
    html = response.content.decode()
    assert caseworker_a.display_name in html
    assert caseworker_a.jurisdiction.name in html
    assert "退出" in html


def test_wrong_password_shows_chinese_error(client, caseworker_a):
    html = client.post("/login/", {"username": "cw_a", "password": "nope"}).content.decode()
    assert "请输入一个正确的用户名和密码" in html


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, caseworker_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "cw_a", "password": "wrong"})
    response = client.post("/login/", {"username": "cw_a", "password": "pass-12345"})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_ends_session(client_for, caseworker_a):
    client = client_for(caseworker_a)
    assert client.post("/logout/").status_code == 302
    assert client.get("/persons/").status_code == 302
