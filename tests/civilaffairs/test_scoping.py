"""A caseworker of one township gets nothing of another township's persons — page, API, search, export."""

import datetime
import io

import openpyxl
import pytest

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_list_shows_only_own_township(client_for, caseworker_a, person_a, person_b):
    html = client_for(caseworker_a).get("/persons/").content.decode()
    assert person_a.name in html
    assert person_b.name not in html
    assert "共 1 条记录" in html


def test_direct_url_of_other_township_is_404_not_403(client_for, caseworker_a, person_b):
    client = client_for(caseworker_a)
    assert client.get(f"/persons/{person_b.pk}/").status_code == 404
    assert client.get(f"/persons/{person_b.pk}/edit/").status_code == 404
    assert client.post(f"/persons/{person_b.pk}/edit/", {"name": "x"}).status_code == 404


def test_search_by_id_number_of_other_township_finds_nothing(client_for, caseworker_a, person_b):
    for query in (person_b.id_number, person_b.name, person_b.id_number[:10]):
        response = client_for(caseworker_a).get("/persons/", {"q": query})
        assert list(response.context["object_list"]) == []
        assert person_b.get_absolute_url() not in response.content.decode()


def test_api_list_and_detail_are_scoped(client_for, caseworker_a, person_a, person_b):
    client = client_for(caseworker_a)
    data = client.get("/api/core/persons/").json()
    ids = {row["id"] for row in data["results"]}
    assert ids == {person_a.pk}
    assert client.get(f"/api/core/persons/{person_b.pk}/").status_code == 404
    data = client.get("/api/core/persons/", {"q": person_b.id_number}).json()
    assert data["count"] == 0


def test_api_cannot_create_person_in_other_township(client_for, caseworker_a, village_b):
    from tests.factories import make_id_number

    response = client_for(caseworker_a).post(
        "/api/core/persons/", {"id_number": make_id_number(), "name": "越界", "region": village_b.code}
    )
    assert response.status_code == 400
    assert "region" in response.json()


def test_form_cannot_move_person_into_other_township(client_for, caseworker_a, person_a, village_b):
    response = client_for(caseworker_a).post(
        f"/persons/{person_a.pk}/edit/",
        {"id_number": person_a.id_number, "name": person_a.name, "region": village_b.code},
    )
    assert response.status_code == 200  # the form refuses the choice
    person_a.refresh_from_db()
    assert person_a.region.code.startswith(caseworker_a.jurisdiction.prefix)


def test_export_contains_only_own_township(client_for, caseworker_a, person_a, person_b):
    response = client_for(caseworker_a).get("/persons/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [person_a.name]


def test_leader_sees_masked_ids_in_page_api_and_export(client_for, county_leader, person_a):
    client = client_for(county_leader)
    masked = person_a.masked_id_number
    assert masked in client.get("/persons/").content.decode()
    assert person_a.id_number not in client.get(f"/persons/{person_a.pk}/").content.decode()
    assert client.get(f"/api/core/persons/{person_a.pk}/").json()["id_number"] == masked
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/persons/", {"export": "xlsx"}).content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [masked]


def test_county_staff_sees_every_township_of_the_county(client_for, county_staff, person_a, person_b):
    html = client_for(county_staff).get("/persons/").content.decode()
    assert person_a.name in html and person_b.name in html


def test_user_without_jurisdiction_sees_nothing(client_for, person_a):
    from civilaffairs.choices import Role
    from tests.factories import UserFactory

    lost = UserFactory(role=Role.COUNTY_STAFF, jurisdiction=None)
    assert client_for(lost).get("/api/core/persons/").json()["count"] == 0


def test_a_masked_number_does_not_come_with_the_birth_date_it_hides(client_for, county_leader, county_staff, village_a):
    """The masked middle of a number is the birth date: shown beside it, the date would unmask the number."""
    from tests.factories import make_id_number

    person = PersonFactory(region=village_a, name="出生甲", id_number=make_id_number(datetime.date(1957, 3, 28)))
    leader = client_for(county_leader)
    for page in ("/persons/", f"/persons/{person.pk}/"):
        html = leader.get(page).content.decode()
        assert "1957年3月28日" not in html and "1957-03-28" not in html
        assert "1957年" in html
    api = leader.get(f"/api/core/persons/{person.pk}/").json()
    assert api["birth_date"] is None and api["birth_year"] == 1957
    sheet = openpyxl.load_workbook(io.BytesIO(leader.get("/persons/", {"export": "xlsx"}).content)).active
    assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["1957年"]
    # Staff, who see whole numbers, see the whole date.
    staff = client_for(county_staff)
    assert "1957年3月28日" in staff.get(f"/persons/{person.pk}/").content.decode()
    assert staff.get(f"/api/core/persons/{person.pk}/").json()["birth_date"] == "1957-03-28"
