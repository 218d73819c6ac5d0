"""Region statistics stay inside the jurisdiction: API writes, the admin and the region pages."""

import pytest

from civilaffairs.choices import Role
from civilaffairs.models import RegionStat
from tests.factories import UserFactory, build_county

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_county(geo):
    return build_county("990102", "邻县")


@pytest.fixture
def own_stat(geo):
    return RegionStat.objects.create(region=geo["county"], year=2020, resident_population=1000, source="统计局")


@pytest.fixture
def other_stat(other_county):
    return RegionStat.objects.create(
        region=other_county["county"], year=2020, resident_population=555777, source="统计局"
    )


@pytest.fixture
def staff_in_admin(geo):
    return UserFactory(username="staff_admin", role=Role.COUNTY_STAFF, jurisdiction=geo["county"], is_staff=True)


def stat_payload(region_code: str, year: int = 2021) -> dict:
    return {"region": region_code, "year": year, "resident_population": 1200, "source": "统计局"}


def test_county_staff_posts_a_stat_for_own_county(client_for, county_staff, geo):
    response = client_for(county_staff).post("/api/core/region-stats/", stat_payload(geo["county"].code))
    assert response.status_code == 201, response.content
    assert RegionStat.objects.filter(region=geo["county"], year=2021).exists()


def test_county_staff_cannot_post_a_stat_for_another_county(client_for, county_staff, other_county):
    response = client_for(county_staff).post("/api/core/region-stats/", stat_payload(other_county["county"].code))
    assert response.status_code == 400
    assert "region" in response.json()
    assert not RegionStat.objects.filter(region=other_county["county"]).exists()


def test_county_staff_cannot_move_own_stat_into_another_county(client_for, county_staff, own_stat, other_county):
    response = client_for(county_staff).patch(
        f"/api/core/region-stats/{own_stat.pk}/",
        {"region": other_county["county"].code},
        content_type="application/json",
    )
    assert response.status_code == 400
    own_stat.refresh_from_db()
    assert own_stat.region_id.startswith("990101")


def test_other_countys_stat_is_404_in_the_api(client_for, county_staff, other_stat):
    client = client_for(county_staff)
    assert client.get(f"/api/core/region-stats/{other_stat.pk}/").status_code == 404
    response = client.patch(
        f"/api/core/region-stats/{other_stat.pk}/", {"resident_population": 1}, content_type="application/json"
    )
    assert response.status_code == 404
    other_stat.refresh_from_db()
    assert other_stat.resident_population == 555777


def test_a_second_stat_for_the_same_region_and_year_is_refused(client_for, county_staff, own_stat, geo):
    response = client_for(county_staff).post("/api/core/region-stats/", stat_payload(geo["county"].code, 2020))
    assert response.status_code == 400
    assert RegionStat.objects.filter(region=geo["county"], year=2020).count() == 1


def admin_form(region_code: str) -> dict:
    return {"region": region_code, "year": "2022", "resident_population": "900", "source": "统计局", "note": ""}


def test_admin_refuses_a_stat_for_another_county(client_for, staff_in_admin, other_county):
    response = client_for(staff_in_admin).post(
        "/admin/civilaffairs/regionstat/add/", admin_form(other_county["county"].code)
    )
    assert response.status_code == 200  # the form again, with the error
    assert "region" in response.context["adminform"].form.errors
    assert not RegionStat.objects.filter(region=other_county["county"]).exists()


def test_admin_saves_a_stat_for_own_county(client_for, staff_in_admin, geo):
    response = client_for(staff_in_admin).post("/admin/civilaffairs/regionstat/add/", admin_form(geo["county"].code))
    assert response.status_code == 302
    assert RegionStat.objects.filter(region=geo["county"], year=2022).exists()


def test_admin_does_not_list_or_open_another_countys_stat(client_for, staff_in_admin, own_stat, other_stat):
    client = client_for(staff_in_admin)
    listing = client.get("/admin/civilaffairs/regionstat/")
    assert list(listing.context["cl"].result_list) == [own_stat]
    response = client.get(f"/admin/civilaffairs/regionstat/{other_stat.pk}/change/")
    assert response.status_code == 302  # the admin's "does not exist" redirect, nothing shown
    assert "555777" not in response.content.decode()


def test_region_page_of_another_county_is_404(client_for, county_staff, other_stat, other_county):
    client = client_for(county_staff)
    assert client.get(f"/regions/{other_county['county'].code}/").status_code == 404
    assert client.get(f"/regions/{other_county['townships'][0].code}/").status_code == 404
    assert "邻县" not in client.get("/regions/").content.decode()


def test_region_page_of_own_county_shows_its_stats_and_the_path_above(client_for, county_staff, own_stat, geo):
    client = client_for(county_staff)
    response = client.get(f"/regions/{geo['county'].code}/")
    assert response.status_code == 200
    assert list(response.context["stats"]) == [own_stat]
    # The city above is on the breadcrumb: its page opens, but shows neither its figures nor its other counties.
    RegionStat.objects.create(region=geo["city"], year=2020, resident_population=4242424, source="统计局")
    build_county("990102", "邻县")
    city_page = client.get(f"/regions/{geo['city'].code}/")
    assert city_page.status_code == 200
    assert "4242424" not in city_page.content.decode() and "4,242,424" not in city_page.content.decode()
    assert [c.name for c in city_page.context["children"]] == ["测试县"]
