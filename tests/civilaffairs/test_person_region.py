"""A person lives in a village or community; legacy rows registered at a township still show the right place."""

import io

import openpyxl
import pytest

from civilaffairs.models import Person
from tests.factories import PersonFactory, make_id_number

pytestmark = pytest.mark.django_db


def test_api_refuses_a_township_as_a_persons_region(client_for, caseworker_a, township_a):
    response = client_for(caseworker_a).post(
        "/api/core/persons/", {"id_number": make_id_number(), "name": "王五", "region": township_a.code}
    )
    assert response.status_code == 400
    assert "region" in response.json()
    assert not Person.objects.exists()


def test_api_accepts_a_village(client_for, caseworker_a, village_a):
    response = client_for(caseworker_a).post(
        "/api/core/persons/", {"id_number": make_id_number(), "name": "王五", "region": village_a.code}
    )
    assert response.status_code == 201
    assert Person.objects.get().region == village_a


def cells(response, person) -> dict:
    headers = [str(c.header) for c in response.context["columns"]]
    for obj, row in response.context["rows"]:
        if obj == person:
            return dict(zip(headers, [value for _column, value in row], strict=True))
    raise AssertionError(f"{person} not listed")


def test_list_shows_township_and_village_for_village_and_legacy_township_rows(
    client_for, county_staff, village_a, township_b
):
    in_village = PersonFactory(region=village_a, name="村民")
    legacy = PersonFactory(region=township_b, name="旧登记")
    response = client_for(county_staff).get("/persons/")
    assert cells(response, in_village)["乡镇（街道）"] == "甲镇"
    assert cells(response, in_village)["村（社区）"] == village_a.name
    # A row registered at 乙镇 itself: its township is 乙镇, not the county above it, and it has no village.
    assert cells(response, legacy)["乡镇（街道）"] == "乙镇"
    assert cells(response, legacy)["村（社区）"] in ("", None)


def test_export_shows_the_township_of_legacy_rows(client_for, county_staff, township_b):
    PersonFactory(region=township_b, name="旧登记")
    response = client_for(county_staff).get("/persons/", {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert row["乡镇（街道）"] == "乙镇"
    assert row["村（社区）"] in ("", None)
