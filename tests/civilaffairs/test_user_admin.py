"""A 系统管理员 manages the users (and their API tokens) of their own jurisdiction, and nothing more."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token

from civilaffairs.choices import RegionLevel, Role
from civilaffairs.models import User
from tests.factories import UserFactory, region

pytestmark = pytest.mark.django_db

PASSWORD = "Kuimen-2025-pass"


@pytest.fixture
def tree(db):
    chongqing = region("500000000000", "重庆市", RegionLevel.PROVINCE, "直辖市")
    counties = region("500200000000", "县", RegionLevel.CITY, "市辖县", chongqing)
    fengjie = region("500236000000", "奉节县", RegionLevel.COUNTY, "县", counties)
    sichuan = region("510000000000", "四川省", RegionLevel.PROVINCE, "省")
    dazhou = region("511700000000", "达州市", RegionLevel.CITY, "地级市", sichuan)
    quxian = region("511725000000", "渠县", RegionLevel.COUNTY, "县", dazhou)
    return {
        "fengjie": fengjie,
        "yongan": region("500236001000", "永安街道", RegionLevel.TOWNSHIP, "街道", fengjie),
        "quxian": quxian,
        "qu_township": region("511725100000", "渠江街道", RegionLevel.TOWNSHIP, "街道", quxian),
    }


@pytest.fixture
def fengjie_admin(tree):
    return UserFactory(username="fj_admin", role=Role.ADMIN, jurisdiction=tree["fengjie"], is_staff=True)


@pytest.fixture
def fengjie_caseworker(tree):
    return UserFactory(username="fj_cw", role=Role.CASEWORKER, jurisdiction=tree["yongan"])


@pytest.fixture
def qu_caseworker(tree):
    return UserFactory(username="qu_cw", role=Role.CASEWORKER, jurisdiction=tree["qu_township"])


def new_user_form(username: str, jurisdiction, role=Role.CASEWORKER) -> dict:
    return {
        "username": username,
        "usable_password": "true",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "永安街道经办人 新",
        "role": role,
        "jurisdiction": jurisdiction.code,
        "phone": "",
    }


def change_form(user: User, **overrides) -> dict:
    data = {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "jurisdiction": user.jurisdiction_id,
        "phone": "",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "08:00:00",
    }
    data.update(overrides)
    return data


def test_admin_creates_a_caseworker_for_a_township_of_the_county(client_for, fengjie_admin, tree):
    response = client_for(fengjie_admin).post(
        "/admin/civilaffairs/user/add/", new_user_form("yongan_new", tree["yongan"])
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = User.objects.get(username="yongan_new")
    assert (created.role, created.jurisdiction, created.is_staff, created.is_superuser) == (
        Role.CASEWORKER,
        tree["yongan"],
        False,
        False,
    )
    assert created.check_password(PASSWORD)


def test_admin_gives_a_new_colleague_the_staff_site_their_role_needs(client_for, fengjie_admin, tree):
    form = new_user_form("fj_staff2", tree["fengjie"], role=Role.COUNTY_STAFF)
    assert client_for(fengjie_admin).post("/admin/civilaffairs/user/add/", form).status_code == 302
    assert User.objects.get(username="fj_staff2").is_staff


def test_admin_cannot_place_a_user_in_another_county(client_for, fengjie_admin, tree):
    response = client_for(fengjie_admin).post(
        "/admin/civilaffairs/user/add/", new_user_form("qu_new", tree["qu_township"])
    )
    assert response.status_code == 200
    assert "jurisdiction" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="qu_new").exists()


def test_admin_neither_lists_nor_opens_another_countys_users(
    client_for, fengjie_admin, fengjie_caseworker, qu_caseworker
):
    client = client_for(fengjie_admin)
    listed = set(client.get("/admin/civilaffairs/user/").context["cl"].result_list)
    assert fengjie_caseworker in listed and qu_caseworker not in listed
    url = f"/admin/civilaffairs/user/{qu_caseworker.pk}/change/"
    assert client.get(url).status_code == 302  # the admin's "does not exist", nothing shown
    client.post(url, change_form(qu_caseworker, display_name="改名", is_active=""))
    qu_caseworker.refresh_from_db()
    assert qu_caseworker.is_active and qu_caseworker.display_name != "改名"
    password_page = client.get(f"/admin/civilaffairs/user/{qu_caseworker.pk}/password/")
    assert password_page.status_code == 404


def test_admin_cannot_move_own_user_into_another_county(client_for, fengjie_admin, fengjie_caseworker, tree):
    response = client_for(fengjie_admin).post(
        f"/admin/civilaffairs/user/{fengjie_caseworker.pk}/change/",
        change_form(fengjie_caseworker, jurisdiction=tree["qu_township"].code),
    )
    assert response.status_code == 200
    fengjie_caseworker.refresh_from_db()
    assert fengjie_caseworker.jurisdiction == tree["yongan"]


def test_admin_cannot_make_anyone_superuser_or_staff(client_for, fengjie_admin, fengjie_caseworker):
    response = client_for(fengjie_admin).post(
        f"/admin/civilaffairs/user/{fengjie_caseworker.pk}/change/",
        change_form(fengjie_caseworker, is_superuser="on", is_staff="on", display_name="李娜"),
    )
    assert response.status_code == 302
    fengjie_caseworker.refresh_from_db()
    assert fengjie_caseworker.display_name == "李娜"  # the edit went through, the flags did not
    assert not fengjie_caseworker.is_superuser and not fengjie_caseworker.is_staff
    page = client_for(fengjie_admin).get(f"/admin/civilaffairs/user/{fengjie_caseworker.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page


def test_admin_does_not_see_a_superuser_of_the_county(client_for, fengjie_admin, tree):
    root = UserFactory(username="root_fj", role="", jurisdiction=tree["fengjie"], is_superuser=True, is_staff=True)
    client = client_for(fengjie_admin)
    assert root not in client.get("/admin/civilaffairs/user/").context["cl"].result_list
    assert client.get(f"/admin/civilaffairs/user/{root.pk}/password/").status_code == 404


def test_admin_creates_api_tokens_for_own_users_only(client_for, fengjie_admin, fengjie_caseworker, qu_caseworker):
    client = client_for(fengjie_admin)
    assert client.post("/admin/authtoken/tokenproxy/add/", {"user": fengjie_caseworker.pk}).status_code == 302
    assert Token.objects.filter(user=fengjie_caseworker).exists()
    response = client.post("/admin/authtoken/tokenproxy/add/", {"user": qu_caseworker.pk})
    assert response.status_code == 200 and "user" in response.context["adminform"].form.errors
    assert not Token.objects.filter(user=qu_caseworker).exists()
    Token.objects.create(user=qu_caseworker)
    listed = {token.user for token in client.get("/admin/authtoken/tokenproxy/").context["cl"].result_list}
    assert listed == {fengjie_caseworker}


def test_county_staff_cannot_manage_users(client_for, tree, fengjie_caseworker):
    staff = UserFactory(username="fj_staff", role=Role.COUNTY_STAFF, jurisdiction=tree["fengjie"], is_staff=True)
    assert client_for(staff).get("/admin/civilaffairs/user/").status_code == 403
    assert client_for(staff).get("/admin/authtoken/tokenproxy/").status_code == 403


# --- The API token endpoint ---------------------------------------------------------------------------------


@pytest.fixture
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def test_token_endpoint_gives_a_token_that_opens_the_api(client, fengjie_caseworker, fresh_throttle):
    fengjie_caseworker.set_password(PASSWORD)
    fengjie_caseworker.save()
    response = client.post("/api/core/token/", {"username": "fj_cw", "password": PASSWORD})
    assert response.status_code == 200
    key = response.json()["token"]
    assert key == Token.objects.get(user=fengjie_caseworker).key
    assert client.get("/api/core/persons/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_token_endpoint_refuses_a_wrong_password_in_chinese(client, fengjie_caseworker, fresh_throttle):
    response = client.post("/api/core/token/", {"username": "fj_cw", "password": "wrong"})
    assert response.status_code == 400
    assert "无法使用提供的认证信息登录" in response.content.decode()
    assert not Token.objects.exists()


def test_token_endpoint_is_throttled(client, fengjie_caseworker, fresh_throttle):
    statuses = [
        client.post("/api/core/token/", {"username": f"guess{n}", "password": "x"}).status_code for n in range(11)
    ]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_api_root_names_the_token_endpoint(client_for, fengjie_caseworker):
    assert client_for(fengjie_caseworker).get("/api/").json()["token"].endswith("/api/core/token/")


def test_token_endpoint_locks_an_account_after_repeated_failures_like_the_login_page(
    client, fengjie_caseworker, fresh_throttle
):
    fengjie_caseworker.set_password(PASSWORD)
    fengjie_caseworker.save()
    for _attempt in range(5):
        assert client.post("/api/core/token/", {"username": "fj_cw", "password": "guess"}).status_code == 400
    locked = client.post("/api/core/token/", {"username": "fj_cw", "password": PASSWORD})
    assert locked.status_code == 400  # the right password, refused: django-axes locked the account
    assert not Token.objects.filter(user=fengjie_caseworker).exists()
