"""API under /api/indicators/: plans, rows, snapshots, breakdowns, the table as JSON and Excel, manual figures."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from civilaffairs.choices import Role
from indicators.choices import ManualInputStatus
from indicators.models import ManualInput
from indicators.services import plan_recompute
from tests.factories import UserFactory, build_county
from tests.indicators.factories import ManualInputFactory

pytestmark = pytest.mark.django_db

API = "/api/indicators/"


@pytest.fixture
def computed(plan, people, as_of):
    plan_recompute(plan=plan, as_of=as_of)
    return plan


@pytest.fixture
def stranger(db):
    other = build_county("990102", name="邻县", townships=1, villages=1)
    return UserFactory(username="stranger", role=Role.COUNTY_STAFF, jurisdiction=other["county"])


@pytest.mark.parametrize(
    "url",
    [
        "plans/",
        "plans/test-14/",
        "plans/test-14/table/",
        "rows/",
        "snapshots/",
        "breakdowns/?plan=test-14&order=1",
        "definitions/",
        "manual-inputs/",
    ],
)
def test_anonymous_and_roleless_users_are_refused(client_for, computed, no_role_user, url):
    assert client_for(None).get(API + url).status_code in (401, 403)
    assert client_for(no_role_user).get(API + url).status_code in (403, 404)


def test_plans_are_scoped_to_the_jurisdiction(client_for, computed, county_leader, caseworker_a, stranger):
    assert [p["code"] for p in client_for(county_leader).get(API + "plans/").json()["results"]] == ["test-14"]
    assert [p["code"] for p in client_for(caseworker_a).get(API + "plans/").json()["results"]] == ["test-14"]
    assert client_for(stranger).get(API + "plans/").json()["results"] == []
    assert client_for(stranger).get(API + "plans/test-14/table/").status_code == 404
    assert client_for(stranger).get(API + "snapshots/").json()["results"] == []


def test_the_table_as_json(client_for, computed, county_leader, as_of):
    data = client_for(county_leader).get(API + "plans/test-14/table/").json()
    assert data["as_of"] == as_of.isoformat() and len(data["rows"]) == 6
    first = data["rows"][0]
    assert (
        first["name"] == "在世人员中女性占比（%）"
        and first["target_operator"] == ">="
        and first["target_value"] == "80"
    )
    assert first["snapshot"]["value"] == "66.6667" and first["snapshot"]["status"] == "behind"
    assert first["snapshot"]["computed_at"] and first["reference_targets"] == {"city": "≥75", "national": "≥80"}
    assert data["rows"][2]["source"] == "人工填报" and data["rows"][5]["target_display"] == "规划未列"


def test_the_json_table_says_where_each_figure_comes_from_and_when_it_was_computed(
    client_for, plan, people, as_of, approved_growth, county_leader
):
    import datetime

    from indicators.models import Snapshot

    plan_recompute(plan=plan, as_of=as_of)
    Snapshot.objects.filter(row__plan=plan).update(
        computed_at=datetime.datetime(2026, 12, 5, 7, 24, tzinfo=datetime.UTC)
    )
    client = client_for(county_leader)
    rows = client.get(API + "plans/test-14/table/").json()["rows"]
    assert [row["source"] for row in rows] == [
        "系统计算",
        "系统计算",
        "人工填报",
        "系统计算＋人工填报",
        "系统计算",
        "未计算",
    ]
    assert rows[3]["snapshot"]["manual_inputs"][0]["role"] == "reference"
    assert rows[0]["snapshot"]["computed_at"] == "2026-12-05T15:24:00+08:00"
    snapshots = client.get(API + f"snapshots/?plan=test-14&as_of={as_of}").json()["results"]
    by_order = {item["order"]: item for item in snapshots}
    assert by_order[4]["source"] == "系统计算＋人工填报" and by_order[1]["source"] == "系统计算"
    assert by_order[1]["computed_at"] == "2026-12-05T15:24:00+08:00"
    breakdown = client.get(API + "breakdowns/?plan=test-14&order=1").json()
    assert breakdown["computed_at"] == "2026-12-05T15:24:00+08:00"


def test_the_table_as_excel(client_for, computed, county_leader):
    response = client_for(county_leader).get(API + "plans/test-14/table/?format=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert names[0] == "在世人员中女性占比（%）" and len(names) == 6


def test_snapshots_filter_by_plan_and_date_and_cut_breakdowns_per_viewer(
    client_for, computed, county_staff, caseworker_a, as_of
):
    url = API + f"snapshots/?plan=test-14&as_of={as_of}&order=1"
    county = client_for(county_staff).get(url).json()["results"]
    assert len(county) == 1 and {b["township"] for b in county[0]["breakdown"]} == {"990101100", "990101101", "county"}
    township = client_for(caseworker_a).get(url).json()["results"]
    assert [b["township"] for b in township[0]["breakdown"]] == ["990101100"]
    assert township[0]["value"] == "66.6667"  # the county aggregate stays visible


def test_snapshot_list_within_a_query_budget(client_for, computed, county_staff, as_of, django_assert_max_num_queries):
    for day in range(1, 5):
        plan_recompute(plan=computed, as_of=as_of.replace(day=day))
    client = client_for(county_staff)
    with django_assert_max_num_queries(10):
        response = client.get(API + "snapshots/?plan=test-14")
    assert response.status_code == 200 and response.json()["count"] == 30


def test_the_breakdown_endpoint(client_for, computed, county_staff, caseworker_a):
    data = client_for(county_staff).get(API + "breakdowns/?plan=test-14&order=1").json()
    names = {t["name"]: t["value"] for t in data["townships"]}
    assert names["甲镇"] == "66.6667" and names["乙镇"] == "50.0000"
    own = client_for(caseworker_a).get(API + "breakdowns/?plan=test-14&order=1").json()
    assert [t["name"] for t in own["townships"]] == ["甲镇"]
    assert client_for(county_staff).get(API + "breakdowns/?plan=test-14&order=99").status_code == 404


def test_rows_list_the_mapping(client_for, computed, county_leader):
    rows = client_for(county_leader).get(API + "rows/?plan__code=test-14").json()["results"]
    assert [r["definition"] for r in rows][:2] == ["tests.women_share", "tests.living_persons"]
    assert rows[2]["manual_input_type"] == "funeral.cross_province_marriage" and rows[3]["target_reference"]


def test_staff_queue_a_recompute_through_the_api(client_for, computed, county_staff, county_leader):
    from unittest import mock

    with mock.patch("indicators.tasks.recompute_plan.delay"):
        response = client_for(county_staff).post(API + "plans/test-14/recompute/", {"as_of": "2024-07-01"})
    assert response.status_code == 202 and response.json()["url"].startswith("/jobs/")
    assert client_for(county_leader).post(API + "plans/test-14/recompute/").status_code == 403


def test_manual_inputs_crud_and_approval(client_for, geo, growth_type, county_staff, county_admin, caseworker_a):
    staff = client_for(county_staff)
    created = staff.post(
        API + "manual-inputs/",
        {
            "type": growth_type.code,
            "region": geo["county"].pk,
            "period_year": 2023,
            "value": "5.8",
            "source": "统计公报",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == ManualInputStatus.DRAFT
    assert (
        staff.patch(API + f"manual-inputs/{pk}/", {"value": "5.9"}, content_type="application/json").status_code == 200
    )
    assert staff.post(API + f"manual-inputs/{pk}/approve/").status_code == 403  # staff do not approve
    approved = client_for(county_admin).post(API + f"manual-inputs/{pk}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == ManualInputStatus.APPROVED
    assert ManualInput.objects.get(pk=pk).value == D("5.9")
    assert staff.patch(API + f"manual-inputs/{pk}/", {"value": "1"}, content_type="application/json").status_code == 400
    assert staff.delete(API + f"manual-inputs/{pk}/").status_code == 400
    assert client_for(caseworker_a).get(API + "manual-inputs/").status_code == 403


def test_an_admin_cannot_approve_their_own_figure_through_the_api(client_for, geo, growth_type, county_admin):
    entry = ManualInputFactory(
        type=growth_type, region=geo["county"], entered_by=county_admin, status="draft", approved_at=None
    )
    response = client_for(county_admin).post(API + f"manual-inputs/{entry.pk}/approve/")
    assert response.status_code == 400 and "填报人以外" in response.content.decode()


def test_a_figure_for_a_region_outside_the_jurisdiction_is_refused(client_for, growth_type, county_staff, stranger):
    other_county = stranger.jurisdiction
    response = client_for(county_staff).post(
        API + "manual-inputs/",
        {"type": growth_type.code, "region": other_county.pk, "period_year": 2023, "value": "5", "source": "x"},
    )
    assert response.status_code == 400 and not ManualInput.objects.exists()
