"""The funeral API: permission matrix per endpoint, scoping, query budgets, and the service-backed writes."""

import datetime

import pytest
from rest_framework.test import APIClient

from funeral.choices import BurialZoneKind, CrossProvinceBusiness, FacilityType, RegistrationKind
from funeral.models import BurialZone, CrematorEmissionTest, CrossProvinceAuthorisation, MarriageRegistrationCount
from tests.funeral.factories import (
    BurialZoneFactory,
    ConstructionProjectFactory,
    CountFactory,
    CrematorFactory,
    FuneralFacilityFactory,
    OfficeFactory,
    approve_progress,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "facilities",
    "burial-zones",
    "cremators",
    "projects",
    "marriage-offices",
    "cross-province",
    "marriage-counts",
]


@pytest.fixture
def world(geo, township_a, township_b, village_a, village_b):
    county = geo["county"]
    home = FuneralFacilityFactory(name="县殡仪馆", region=county, facility_type=FacilityType.FUNERAL_HOME)
    return {
        "facility_a": FuneralFacilityFactory(name="甲村公墓", region=village_a),
        "facility_b": FuneralFacilityFactory(name="乙村公墓", region=village_b),
        "home": home,
        "cremator": CrematorFactory(facility=home),
        "zone_a": BurialZoneFactory(township=township_a),
        "project": ConstructionProjectFactory(name="区殡仪馆改扩建工程", region=county),
        "office": OfficeFactory(name="县婚姻登记中心", region=county),
    }


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anonymous_gets_401_or_403_everywhere(world):
    for name in ENDPOINTS:
        assert api().get(f"/api/funeral/{name}/").status_code in (401, 403), name


def test_user_without_role_is_refused(no_role_user, world):
    for name in ENDPOINTS:
        assert api(no_role_user).get(f"/api/funeral/{name}/").status_code == 403, name


def test_county_staff_list_every_register(county_staff, world, django_assert_max_num_queries):
    for name in ENDPOINTS:
        with django_assert_max_num_queries(8):
            response = api(county_staff).get(f"/api/funeral/{name}/")
        assert response.status_code == 200, name


def test_township_user_sees_own_township_facilities_and_nothing_of_marriage(caseworker_a, caseworker_b, world):
    names = {row["name"] for row in api(caseworker_a).get("/api/funeral/facilities/").json()["results"]}
    assert names == {"甲村公墓"}
    assert api(caseworker_b).get(f"/api/funeral/facilities/{world['facility_a'].pk}/").status_code == 404
    assert api(caseworker_a).get("/api/funeral/marriage-counts/").status_code == 403
    assert api(caseworker_a).post("/api/funeral/facilities/", {}).status_code == 403


def test_facility_create_validates_like_the_page(county_staff, world, township_a, village_a):
    data = {
        "name": "经营性公墓",
        "facility_type": FacilityType.COMMERCIAL_CEMETERY,
        "is_public": True,
        "region": village_a.code,
    }
    response = api(county_staff).post("/api/funeral/facilities/", data, format="json")
    assert response.status_code == 400 and "is_public" in response.json()
    data = {
        **data,
        "name": "甲镇骨灰堂",
        "facility_type": FacilityType.COLUMBARIUM,
        "served_villages": [village_a.code],
    }
    response = api(county_staff).post("/api/funeral/facilities/", data, format="json")
    assert response.status_code == 201 and response.json()["served_villages"] == [village_a.code]


def test_facility_outside_the_jurisdiction_cannot_be_chosen(county_staff, world, other_village):
    data = {"name": "邻县公墓", "facility_type": FacilityType.RURAL_PUBLIC_CEMETERY, "region": other_village.code}
    assert api(county_staff).post("/api/funeral/facilities/", data, format="json").status_code == 400


def test_zone_designation_through_the_api_ends_the_previous_one(county_staff, township_a, world):
    data = {
        "township": township_a.code,
        "kind": BurialZoneKind.BURIAL_REFORM,
        "valid_from": "2022-07-01",
        "document": "县政府通告",
    }
    response = api(county_staff).post("/api/funeral/burial-zones/", data, format="json")
    assert response.status_code == 201
    world["zone_a"].refresh_from_db()
    assert world["zone_a"].valid_to == datetime.date(2022, 7, 1)
    again = api(county_staff).post("/api/funeral/burial-zones/", data, format="json")
    assert again.status_code == 400 and BurialZone.objects.filter(township=township_a).count() == 2


def test_emission_tests_and_decommission_endpoints(county_staff, county_leader, world):
    url = f"/api/funeral/cremators/{world['cremator'].pk}/emission-tests/"
    data = {"tested_on": "2024-09-01", "tested_by": "监测站", "report_number": "R-1", "passed": True}
    assert api(county_leader).post(url, data, format="json").status_code == 403
    assert api(county_staff).post(url, data, format="json").status_code == 201
    assert api(county_staff).post(url, data, format="json").status_code == 201  # same report: returned, not doubled
    assert CrematorEmissionTest.objects.filter(cremator=world["cremator"]).count() == 1
    assert [t["report_number"] for t in api(county_leader).get(url).json()] == ["R-1"]
    decommission = f"/api/funeral/cremators/{world['cremator'].pk}/decommission/"
    response = api(county_staff).post(decommission, {"on": "2025-01-01", "reason": "更新改造"}, format="json")
    assert response.status_code == 200 and response.json()["decommissioned_on"] == "2025-01-01"


def test_project_api_reports_latest_progress_flagged_manual(county_staff, county_admin, world):
    approve_progress(
        world["project"], 50, datetime.date(2020, 12, 31), entered_by=county_staff, approved_by=county_admin
    )
    row = api(county_staff).get(f"/api/funeral/projects/{world['project'].pk}/").json()
    assert row["latest_progress"]["value"] == "50.0000" and row["latest_progress"]["manual"] is True
    assert row["status"] == "under_construction"


def test_cross_province_enable_and_suspend(county_staff, world):
    url = f"/api/funeral/marriage-offices/{world['office'].pk}/cross-province/"
    data = {"businesses": CrossProvinceBusiness.values, "enabled_on": "2021-06-01", "document": "试点通知"}
    response = api(county_staff).post(url, data, format="json")
    assert response.status_code == 201 and len(response.json()) == 2
    item = CrossProvinceAuthorisation.objects.get(office=world["office"], business=CrossProvinceBusiness.DIVORCE)
    response = api(county_staff).post(f"/api/funeral/cross-province/{item.pk}/suspend/", {"on": "2021-06-01"})
    assert response.status_code == 400
    response = api(county_staff).post(f"/api/funeral/cross-province/{item.pk}/suspend/", {"on": "2024-01-01"})
    assert response.status_code == 200 and response.json()["suspended_on"] == "2024-01-01"


def test_count_post_is_an_upsert(county_staff, world, other_county):
    data = {
        "office": world["office"].pk,
        "date": "2024-05-20",
        "kind": RegistrationKind.MARRIAGE,
        "total": 30,
        "online": 30,
        "cross_province": 2,
    }
    assert api(county_staff).post("/api/funeral/marriage-counts/", data, format="json").status_code == 201
    assert api(county_staff).post("/api/funeral/marriage-counts/", data, format="json").status_code == 200
    assert MarriageRegistrationCount.objects.filter(office=world["office"]).count() == 1
    bad = {**data, "online": 40}
    assert api(county_staff).post("/api/funeral/marriage-counts/", bad, format="json").status_code == 400
    foreign = OfficeFactory(name="邻县婚姻登记中心", region=other_county["county"])
    assert (
        api(county_staff)
        .post("/api/funeral/marriage-counts/", {**data, "office": foreign.pk}, format="json")
        .status_code
        == 400
    )
    CountFactory(office=foreign)
    ids = {row["office"] for row in api(county_staff).get("/api/funeral/marriage-counts/").json()["results"]}
    assert ids == {world["office"].pk}
