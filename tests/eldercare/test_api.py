"""The elder-care API: scoping (other township → 404, lists only the jurisdiction), role permissions, writes through
the services with Chinese errors, query budgets."""

import datetime

import pytest

from eldercare.models import ElderCareInstitution, ElderlyPerson, ElderlyVisit
from tests.factories import PersonFactory, make_id_number

pytestmark = pytest.mark.django_db

ENDPOINTS = ["institutions", "facilities", "inventories", "assessments", "elderly", "visits"]


def url(name, pk=None, action=None):
    path = f"/api/eldercare/{name}/"
    if pk is not None:
        path += f"{pk}/"
    if action:
        path += f"{action}/"
    return path


@pytest.mark.parametrize("name", ENDPOINTS)
def test_anonymous_and_roleless_users_are_refused(client, client_for, no_role_user, world, name):
    assert client.get(url(name)).status_code in (401, 403)
    assert client_for(no_role_user).get(url(name)).status_code == 403


@pytest.mark.parametrize("name", ENDPOINTS)
def test_lists_are_scoped_and_keep_a_query_budget(client_for, caseworker_a, world, name, django_assert_max_num_queries):
    client = client_for(caseworker_a)
    with django_assert_max_num_queries(8):
        response = client.get(url(name))
    assert response.status_code == 200
    assert response.json()["count"] >= 1


def test_other_township_gets_404(client_for, caseworker_b, world):
    client = client_for(caseworker_b)
    a = world["a"]
    for name, pk in (
        ("institutions", a["institution"].pk),
        ("facilities", a["facility"].pk),
        ("assessments", a["assessment"].pk),
        ("elderly", a["elderly"].pk),
        ("visits", a["visit"].pk),
    ):
        assert client.get(url(name, pk)).status_code == 404, name
    names = [row["name"] for row in client.get(url("elderly")).json()["results"]]
    assert "甲镇老人" not in names and "乙镇老人" in names


def test_county_staff_create_an_institution_with_its_first_inventory(client_for, county_staff, township_a):
    payload = {
        "name": "夔州街道养老服务中心",
        "institution_type": "township_centre",
        "region": township_a.pk,
        "ownership": "public",
        "opened_on": "2022-03-01",
        "filed_on": "2022-03-05",
        "inventory": {
            "total_beds": 50,
            "nursing_beds": 30,
            "operation_mode": "public_private",
            "offers_full_care": True,
        },
    }
    client = client_for(county_staff)
    response = client.post(url("institutions"), payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    institution = ElderCareInstitution.objects.get(name="夔州街道养老服务中心")
    assert institution.inventory.get().nursing_beds == 30
    detail = client.get(url("institutions", institution.pk)).json()
    assert detail["current_total_beds"] == 50 and detail["current_operation_mode"] == "public_private"
    # Without the inventory: refused.
    response = client.post(url("institutions"), {**payload, "inventory": None}, content_type="application/json")
    assert response.status_code == 400


def test_inventory_versions_are_appended_not_edited(client_for, county_staff, world):
    client = client_for(county_staff)
    home = world["a"]["institution"]
    payload = {
        "site": home.pk,
        "effective_on": "2024-02-01",
        "total_beds": 80,
        "nursing_beds": 90,
        "operation_mode": "entrusted",
    }
    response = client.post(url("inventories"), payload, content_type="application/json")
    assert response.status_code == 400 and "护理型床位不能多于床位数" in str(response.json())
    response = client.post(url("inventories"), {**payload, "nursing_beds": 60}, content_type="application/json")
    assert response.status_code == 201
    version = response.json()["id"]
    edit = client.patch(url("inventories", version), {"nursing_beds": 1}, content_type="application/json")
    assert edit.status_code in (403, 405)  # no change permission, and no update route at all
    assert home.inventory.get(pk=version).nursing_beds == 60
    response = client.post(url("inventories"), {**payload, "nursing_beds": 60}, content_type="application/json")
    assert response.status_code == 400 and "同一天" in str(response.json())


def test_caseworker_enrols_visits_and_removes_through_the_api(client_for, caseworker_a, caseworker_b, village_a):
    person = PersonFactory(region=village_a, id_number=make_id_number(datetime.date(1945, 8, 1)), name="周老太")
    client = client_for(caseworker_a)
    payload = {"id_number": person.id_number, "listed_on": "2024-01-01", "is_empty_nest": True}
    response = client.post(url("elderly"), payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    entry_id = response.json()["id"]
    again = client.post(url("elderly"), payload, content_type="application/json")
    assert again.status_code == 400 and "已经在名册中" in str(again.json())
    visit = {
        "elderly": entry_id,
        "visited_on": datetime.date.today().isoformat(),
        "visit_type": "home",
        "visitor_name": "网格员 陈刚",
        "findings": "居住安全",
        "assistance": "更换燃气报警器",
    }
    assert client.post(url("visits"), visit, content_type="application/json").status_code == 201
    twice = client.post(url("visits"), visit, content_type="application/json")
    assert twice.status_code == 400 and ElderlyVisit.objects.filter(elderly_id=entry_id).count() == 1
    # Another township can neither visit nor remove this person.
    other = client_for(caseworker_b)
    assert other.post(url("visits"), visit, content_type="application/json").status_code == 400
    assert (
        other.post(url("elderly", entry_id, "remove"), {"removed_on": "2024-06-01", "reason": "died"}).status_code
        == 404
    )
    response = client.post(url("elderly", entry_id, "remove"), {"removed_on": "2024-06-01", "reason": "died"})
    assert response.status_code == 200 and response.json()["removal_reason"] == "died"
    assert ElderlyPerson.objects.get(pk=entry_id).removed_on == datetime.date(2024, 6, 1)


def test_leaders_read_but_cannot_write(client_for, county_leader, world):
    client = client_for(county_leader)
    assert client.get(url("institutions")).status_code == 200
    response = client.post(
        url("elderly", world["a"]["elderly"].pk, "remove"), {"removed_on": "2024-06-01", "reason": "died"}
    )
    assert response.status_code == 403
    assert client.post(url("assessments"), {}, content_type="application/json").status_code == 403


def test_id_numbers_are_masked_for_leaders(client_for, county_leader, county_staff, world):
    number = world["a"]["elderly"].person.id_number
    staff_rows = client_for(county_staff).get(url("elderly")).json()["results"]
    leader_rows = client_for(county_leader).get(url("elderly")).json()["results"]
    assert number in [r["person_id_number"] for r in staff_rows]
    assert number not in [r["person_id_number"] for r in leader_rows]
