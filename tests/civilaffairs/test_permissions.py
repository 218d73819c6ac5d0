"""Permission matrix of the core pages and endpoints: anonymous, no permission, in scope, other township."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(person_a, placename_a, sign_a, marker_a):
    return {
        "/": None,
        "/persons/": "view",
        f"/persons/{person_a.pk}/": "view",
        "/persons/new/": "add",
        f"/persons/{person_a.pk}/edit/": "change",
        "/regions/": "view",
        "/placenames/": "view",
        f"/placenames/{placename_a.pk}/": "view",
        "/placenames/new/": "add",
        "/placenames/signs/": "view",
        f"/placenames/signs/{sign_a.pk}/": "view",
        "/placenames/markers/": "view",
        f"/placenames/markers/{marker_a.pk}/": "view",
        "/placenames/markers/new/": "add",
        "/audit/": "audit",
        "/api/core/persons/": "view",
        f"/api/core/persons/{person_a.pk}/": "view",
        "/api/core/regions/": "view",
        "/api/schema/": None,
    }


@pytest.fixture
def placename_a(village_a):
    from civilaffairs.models import PlaceName

    return PlaceName.objects.create(name="甲村路", category="road", region=village_a)


@pytest.fixture
def sign_a(placename_a, village_a):
    from civilaffairs.models import PlaceNameSign

    return PlaceNameSign.objects.create(place_name=placename_a, region=village_a, location="村口", condition="damaged")


@pytest.fixture
def marker_a(township_a):
    from civilaffairs.models import BoundaryMarker

    return BoundaryMarker.objects.create(
        number="001", boundary_name="测试县—邻县县界", boundary_level="county", region=township_a, location="山口"
    )


def test_anonymous_is_sent_to_login_or_refused(client, pages):
    for url in pages:
        response = client.get(url)
        if url.startswith("/api/"):
            assert response.status_code in (401, 403), url
        else:
            assert response.status_code == 302 and "/login/" in response["Location"], url


def test_user_without_role_gets_403_on_every_permissioned_page(client_for, no_role_user, pages):
    client = client_for(no_role_user)
    for url, need in pages.items():
        if need is None:
            continue
        assert client.get(url).status_code == 403, url


def test_caseworker_in_scope(client_for, caseworker_a, pages):
    client = client_for(caseworker_a)
    expected_forbidden = {"/placenames/new/", "/placenames/markers/new/", "/audit/"}
    for url in pages:
        status = client.get(url).status_code
        assert status == (403 if url in expected_forbidden else 200), (url, status)


def test_other_township_gets_404_on_objects(client_for, caseworker_b, person_a, placename_a, sign_a, marker_a):
    client = client_for(caseworker_b)
    for url in [
        f"/persons/{person_a.pk}/",
        f"/persons/{person_a.pk}/edit/",
        f"/placenames/{placename_a.pk}/",
        f"/placenames/signs/{sign_a.pk}/",
        f"/placenames/markers/{marker_a.pk}/",
        f"/api/core/persons/{person_a.pk}/",
    ]:
        assert client.get(url).status_code == 404, url


def test_county_staff_keeps_place_names(client_for, county_staff, village_a):
    from civilaffairs.models import PlaceName

    response = client_for(county_staff).post(
        "/placenames/new/", {"name": "新华路", "category": "road", "region": village_a.code, "status": "standard"}
    )
    assert response.status_code == 302
    assert PlaceName.objects.filter(name="新华路").exists()


def test_leader_cannot_edit_persons(client_for, county_leader, person_a):
    assert client_for(county_leader).get(f"/persons/{person_a.pk}/edit/").status_code == 403


def test_marker_inspection_before_installation_is_refused(client_for, county_staff, township_a):
    response = client_for(county_staff).post(
        "/placenames/markers/new/",
        {
            "number": "009",
            "boundary_name": "测试县—邻县县界",
            "boundary_level": "county",
            "region": township_a.code,
            "location": "垭口",
            "installed_on": "2020-05-01",
            "last_joint_inspection_on": "2019-05-01",
            "condition": "good",
        },
    )
    assert response.status_code == 200
    assert "联检" in response.content.decode()


def test_home_lists_damaged_signs_for_county_staff(client_for, county_staff, sign_a):
    html = client_for(county_staff).get("/").content.decode()
    assert "地名标志" in html
