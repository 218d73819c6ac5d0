"""The community API: the same permissions and scoping as the pages, and the status actions calling the services."""

import datetime

import pytest
from rest_framework.test import APIClient

from community.choices import OrgStatus, ReportStatus
from community.models import CommunityServiceFacility, SocialWorker
from tests.community import factories as f
from tests.factories import make_id_number

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("facilities", "facility"),
    ("volunteer-stations", "station"),
    ("platform-accesses", "platform"),
    ("rural-community-recognitions", "designation"),
    ("organisations", "org"),
    ("annual-reports", "report"),
    ("incubation-centres", "centre"),
    ("social-workers", "worker"),
    ("volunteers", "volunteer"),
    ("donations", "donation"),
    ("lottery-outlets", "outlet"),
    ("lottery-sales", "sales"),
]


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def ids(response) -> set:
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_and_role_less_users_are_refused(no_role_user, world):
    for path, _key in ENDPOINTS:
        assert api().get(f"/api/community/{path}/").status_code in (401, 403), path
        assert api(no_role_user).get(f"/api/community/{path}/").status_code == 403, path


def test_caseworkers_see_their_township_only(caseworker_a, caseworker_b, world):
    for path, key in ENDPOINTS:
        assert world[key].pk in ids(api(caseworker_a).get(f"/api/community/{path}/")), path
        assert world[key].pk not in ids(api(caseworker_b).get(f"/api/community/{path}/")), path
        assert api(caseworker_b).get(f"/api/community/{path}/{world[key].pk}/").status_code == 404, path


def test_caseworkers_and_leaders_cannot_write(caseworker_a, county_leader, world, village_a):
    for user in (caseworker_a, county_leader):
        response = api(user).post("/api/community/lottery-outlets/", {"outlet_number": "Z9", "name": "x"})
        assert response.status_code == 403
        assert (
            api(user).patch(f"/api/community/facilities/{world['facility'].pk}/", {"name": "改名"}).status_code == 403
        )


def test_list_endpoints_keep_a_query_budget(county_staff, world, village_a, django_assert_max_num_queries):
    for _ in range(20):
        f.FacilityFactory(village=village_a).served_villages.add(village_a)
        f.SocialWorkerFactory(region=village_a)
    for path, _key in ENDPOINTS:
        with django_assert_max_num_queries(8):
            assert api(county_staff).get(f"/api/community/{path}/").status_code == 200, path


def test_staff_create_a_facility_and_cannot_place_it_outside_the_county(county_staff, village_a, other_county):
    data = {
        "name": "甲1村综合服务站",
        "kind": "service_station",
        "village": village_a.code,
        "served_villages": [],
        "building_area_m2": "250.00",
        "tenure": "rented",
        "opened_on": "2023-01-01",
    }
    response = api(county_staff).post("/api/community/facilities/", data, format="json")
    assert response.status_code == 201, response.json()
    assert CommunityServiceFacility.objects.get(pk=response.json()["id"]).village == village_a
    outside = api(county_staff).post(
        "/api/community/facilities/", {**data, "village": other_county["village"].code}, format="json"
    )
    assert outside.status_code == 400 and "village" in outside.json()


def test_model_rules_apply_through_the_api(county_staff, village_a):
    response = api(county_staff).post(
        "/api/community/lottery-outlets/",
        {"outlet_number": "99019999", "name": "网点", "region": village_a.code, "address": "路1号",
         "opened_on": "2023-01-01", "closed_on": "2024-01-01"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "撤销原因" in str(response.json())


def test_organisation_end_action(county_staff, caseworker_a, world):
    org = world["org"]
    path = f"/api/community/organisations/{org.pk}/end/"
    body = {"status": "revoked", "on": "2024-02-01", "reason": "连续两年未年检"}
    assert api(caseworker_a).post(path, body, format="json").status_code == 403
    response = api(county_staff).post(path, body, format="json")
    assert response.status_code == 200 and response.json()["status"] == OrgStatus.REVOKED
    again = api(county_staff).post(path, body, format="json")
    assert again.status_code == 400 and "已处于" in str(again.json())


def test_annual_report_submit_and_review_actions(county_staff, world):
    org = world["org"]
    created = api(county_staff).post(
        "/api/community/annual-reports/",
        {"organization": org.pk, "year": 2024, "fulltime_staff": 8, "submitted_on": "2025-03-01"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == ReportStatus.SUBMITTED
    path = f"/api/community/annual-reports/{created.json()['id']}/review/"
    assert (
        api(county_staff).post(path, {"accept": True, "on": "2025-03-20"}, format="json").json()["status"] == "accepted"
    )
    assert api(county_staff).post(path, {"accept": False, "opinion": "再看"}, format="json").status_code == 400


def test_social_worker_create_and_transfer(county_staff, village_a, township_a, township_b):
    number = make_id_number(datetime.date(1993, 3, 3))
    response = api(county_staff).post(
        "/api/community/social-workers/",
        {
            "id_number": number,
            "person_name": "钱社工",
            "residence": village_a.code,
            "region": township_a.code,
            "employer_kind": "station",
            "employer_name": "甲镇社工站",
            "certificate_level": "none",
            "talent_basis": "degree",
            "active_from": "2022-09-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    worker_id = response.json()["id"]
    moved = api(county_staff).post(
        f"/api/community/social-workers/{worker_id}/transfer/",
        {"on": "2024-03-01", "region": township_b.code, "employer_kind": "agency", "employer_name": "乙镇社工中心"},
        format="json",
    )
    assert moved.status_code == 201, moved.json()
    assert SocialWorker.objects.filter(person__id_number=number).count() == 2
    assert SocialWorker.objects.get(pk=worker_id).active_to == datetime.date(2024, 3, 1)


def test_volunteer_id_numbers_are_masked_for_roles_that_may_not_see_them(county_leader, county_staff, world):
    number = world["volunteer"].id_number
    led = api(county_leader).get(f"/api/community/volunteers/{world['volunteer'].pk}/").json()
    assert led["id_number"] != number and led["id_number"].endswith(number[-4:])
    assert api(county_staff).get(f"/api/community/volunteers/{world['volunteer'].pk}/").json()["id_number"] == number
