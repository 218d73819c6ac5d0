"""Child-welfare pages and API: permission matrix, scoping, query budgets, the rules a clerk would hit, the person
page and the training to-do."""

import datetime

import pytest
from django.urls import reverse

from childwelfare.models import ChildWorker, MinorProtectionStation
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LISTS = ["childwelfare:station_list", "childwelfare:institution_list", "childwelfare:worker_list"]


def details(w, key="a"):
    return [
        reverse("childwelfare:station_detail", args=[w[key]["station"].pk]),
        reverse("childwelfare:station_detail", args=[w[key]["point"].pk]),
        reverse("childwelfare:worker_detail", args=[w[key]["worker"].pk]),
    ]


def test_anonymous_and_roleless_users_are_refused(client, client_for, no_role_user, world):
    other = client_for(no_role_user)
    for url in [reverse(n) for n in LISTS] + details(world):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert other.get(url).status_code == 403


def test_township_users_read_their_own_township_only(client_for, caseworker_a, world):
    client = client_for(caseworker_a)
    for url in details(world, "a"):
        assert client.get(url).status_code == 200
    for url in details(world, "b"):
        assert client.get(url).status_code == 404
    html = client.get(reverse("childwelfare:station_list")).content.decode()
    assert "甲镇未成年人保护工作站" in html and "乙镇未成年人保护工作站" not in html
    assert client.get(reverse("childwelfare:station_create")).status_code == 403


@pytest.mark.parametrize("name", LISTS)
def test_list_pages_keep_a_query_budget(
    client_for, county_staff, world, village_a, name, django_assert_max_num_queries
):
    from .factories import ChildWorkerFactory, StationFactory

    for i in range(20):
        StationFactory(name=f"站{i}", kind="village_point", region=village_a)
        ChildWorkerFactory(
            person=PersonFactory(region=village_a), region=village_a, appointed_on=datetime.date(2022, 1, i + 1)
        )
    client = client_for(county_staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_a_township_station_must_be_in_a_township(client_for, county_staff, village_a, township_a):
    client = client_for(county_staff)
    data = {
        "name": "甲1村工作站",
        "kind": "township_station",
        "region": village_a.pk,
        "established_on": "2023-01-01",
        "staff_count": 2,
    }
    response = client.post(reverse("childwelfare:station_create"), data)
    assert response.status_code == 200 and "乡镇工作站须设在乡镇（街道）" in response.content.decode()
    response = client.post(reverse("childwelfare:station_create"), {**data, "region": township_a.pk, "is_model": "on"})
    assert "请填写示范认定日期" in response.content.decode()
    response = client.post(
        reverse("childwelfare:station_create"),
        {**data, "region": township_a.pk, "is_model": "on", "model_recognised_on": "2023-06-01"},
    )
    assert (
        response.status_code == 302
        and MinorProtectionStation.objects.filter(name="甲1村工作站", is_model=True).exists()
    )


def test_county_staff_appoint_a_child_director_by_id_number(client_for, county_staff, village_a, township_a):
    person = PersonFactory(region=village_a, name="吴主任")
    client = client_for(county_staff)
    data = {"id_number": person.id_number, "role": "director", "region": village_a.pk, "appointed_on": "2022-03-01"}
    assert client.post(reverse("childwelfare:worker_create"), data).status_code == 302
    response = client.post(reverse("childwelfare:worker_create"), data)
    assert response.status_code == 200 and ChildWorker.objects.filter(person=person).count() == 1
    response = client.post(reverse("childwelfare:worker_create"), {**data, "role": "supervisor"})
    assert "儿童督导员在乡镇（街道）任职" in response.content.decode()


def test_person_page_lists_the_post_and_home_lists_training_due(client_for, county_staff, world):
    worker = world["a"]["worker"]
    client = client_for(county_staff)
    html = client.get(reverse("person_detail", args=[worker.person.pk])).content.decode()
    assert "儿童主任" in html and "在岗" in html
    assert "2名儿童督导员、儿童主任尚未参加岗前培训" in client.get(reverse("home")).content.decode()


def test_api_is_scoped_and_validates(client, client_for, caseworker_a, county_staff, no_role_user, world, township_a):
    for name in ("stations", "institutions", "workers"):
        assert client.get(f"/api/childwelfare/{name}/").status_code in (401, 403)
        assert client_for(no_role_user).get(f"/api/childwelfare/{name}/").status_code == 403
    rows = client_for(caseworker_a).get("/api/childwelfare/stations/").json()["results"]
    assert {r["name"] for r in rows} == {"甲镇未成年人保护工作站", "甲1村儿童之家"}
    assert client_for(caseworker_a).get(f"/api/childwelfare/stations/{world['b']['station'].pk}/").status_code == 404
    assert client_for(caseworker_a).post("/api/childwelfare/stations/", {}).status_code == 403
    staff = client_for(county_staff)
    payload = {
        "name": "县未成年人救助保护中心",
        "kind": "rescue_centre",
        "region": township_a.pk,
        "opened_on": "2023-01-01",
    }
    response = staff.post("/api/childwelfare/institutions/", payload, content_type="application/json")
    assert response.status_code == 400 and "请填写批准设立或挂牌" in str(response.json())
    response = staff.post(
        "/api/childwelfare/institutions/",
        {**payload, "rescue_function_since": "2023-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 201
