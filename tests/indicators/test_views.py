"""Dashboard pages: permission matrix (anonymous, no permission, in scope, other township), what each viewer sees,
drill-down scoping, query budgets, Excel, the recompute button."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from civilaffairs.choices import JobStatus, Role
from civilaffairs.models import JobRun
from indicators.models import Snapshot
from indicators.services import plan_recompute
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PLAN = "/indicators/plans/test-14/"
ROW = PLAN + "rows/1/"
RECORDS = ROW + "records/"


@pytest.fixture
def computed(plan, people, as_of):
    plan_recompute(plan=plan, as_of=as_of)
    return plan


@pytest.fixture
def other_county_staff(db):
    from tests.factories import build_county

    other = build_county("990102", name="邻县", townships=1, villages=1)
    return UserFactory(username="staff_other", role=Role.COUNTY_STAFF, jurisdiction=other["county"])


def html(response) -> str:
    return response.content.decode()


def table_row(page: str, order: int) -> str:
    """The HTML of one row of the dashboard table."""
    match = re.search(rf'<tr[^>]*data-row="{order}".*?</tr>', page, re.S)
    assert match, f"row {order} not in the table"
    return match.group(0)


def flag(fragment: str) -> str | None:
    """The source flag shown in a fragment ("人工填报" / "系统计算＋人工填报"), or None."""
    match = re.search(r'class="badge[^"]*manual-flag"[^>]*>([^<]+)<', fragment)
    return match.group(1) if match else None


# A snapshot computed at 15:24 Shanghai time (07:24 UTC) on 5 December 2026: the time must show, in local time.
COMPUTED_AT = datetime.datetime(2026, 12, 5, 7, 24, tzinfo=datetime.UTC)


# --- permission matrix -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/indicators/", PLAN, ROW, RECORDS + "?part=numerator", "/indicators/definitions/"])
def test_anonymous_is_sent_to_login(client, computed, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("url", ["/indicators/", PLAN, ROW, RECORDS + "?part=numerator", "/indicators/manual-inputs/"])
def test_a_user_without_a_role_is_refused(client_for, computed, no_role_user, url):
    assert client_for(no_role_user).get(url).status_code == 403


@pytest.mark.parametrize("url", [PLAN, ROW, RECORDS + "?part=numerator"])
def test_another_countys_staff_cannot_even_see_the_plan_exists(client_for, computed, other_county_staff, url):
    assert client_for(other_county_staff).get(url).status_code == 404


@pytest.mark.parametrize("user", ["county_staff", "county_leader", "county_admin", "caseworker_a", "reviewer_a"])
def test_county_and_township_users_read_the_dashboard(client_for, computed, user, request):
    client = client_for(request.getfixturevalue(user))
    assert client.get(PLAN).status_code == 200
    assert client.get(ROW).status_code == 200


# --- the table ---------------------------------------------------------------------------------------------


def test_the_table_shows_baseline_target_current_expected_status_and_freshness(client_for, computed, county_leader):
    page = html(client_for(county_leader).get(PLAN))
    assert "在世人员中女性占比（%）" in page and "≥80" in page and "66.67" in page and "67.97" in page
    assert "滞后" in page and "status-behind" in page
    assert "约束性" in page and "人工填报" in page and "规划未列" in page
    assert 'data-testid="freshness"' in page and "数据截至2024年6月30日" in page
    assert "≥75" in page  # the city target of the reference columns


def test_the_listing_opens_the_only_plan_directly(client_for, computed, county_staff):
    response = client_for(county_staff).get("/indicators/")
    assert response.status_code == 302 and response["Location"] == PLAN


def test_binding_rows_can_be_sorted_first(client_for, computed, county_leader):
    page = html(client_for(county_leader).get(PLAN + "?sort=binding"))
    assert page.index('data-row="5"') < page.index('data-row="2"')
    page = html(client_for(county_leader).get(PLAN))
    assert page.index('data-row="2"') < page.index('data-row="5"')


def test_a_township_user_sees_their_township_beside_the_county(client_for, computed, caseworker_a):
    page = html(client_for(caseworker_a).get(PLAN))
    assert "66.67" in page  # county value (an aggregate)
    assert "本乡镇" in page or "your township" in page.lower()


def test_the_table_answers_within_a_query_budget(client_for, computed, county_leader, django_assert_max_num_queries):
    client = client_for(county_leader)
    with django_assert_max_num_queries(20):
        assert client.get(PLAN).status_code == 200


def test_the_table_exports_to_excel(client_for, computed, county_staff):
    response = client_for(county_staff).get(PLAN + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[2]
    assert header[:6] == ("序号", "指标", "单位", "属性", "2020年", "2025年目标值")
    first = rows[3]
    assert first[1] == "在世人员中女性占比（%）" and first[header.index("当前值")] == pytest.approx(66.6667)
    assert rows[5][header.index("来源")] == "人工填报"
    assert first[header.index("来源")] == "系统计算"


def test_the_excel_sheet_flags_rows_and_gives_the_computed_at_time(
    client_for, plan, people, as_of, approved_growth, county_staff
):
    plan_recompute(plan=plan, as_of=as_of)
    Snapshot.objects.filter(row__plan=plan).update(computed_at=COMPUTED_AT)
    response = client_for(county_staff).get(PLAN + "?export=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, body = rows[2], {row[0]: row for row in rows[3:]}
    source, computed = header.index("来源"), header.index("计算时间")
    assert [body[str(n)][source] for n in range(1, 7)] == [
        "系统计算",
        "系统计算",
        "人工填报",
        "系统计算＋人工填报",
        "系统计算",
        "未计算",
    ]
    assert body["1"][computed] == "2026-12-05 15:24"


def test_a_failed_run_shows_on_the_dashboard_with_the_previous_figures(client_for, computed, county_leader, as_of):
    JobRun.objects.create(
        job="indicators.recompute",
        key=f"test-14:{as_of}",
        title="x",
        region=computed.jurisdiction,
        status=JobStatus.FAILED,
        error="数据库连接中断",
    )
    page = html(client_for(county_leader).get(PLAN))
    assert 'data-testid="job-failed"' in page and "数据库连接中断" in page and "66.67" in page


def test_each_row_is_flagged_by_where_its_figure_comes_from(
    client_for, plan, people, as_of, approved_growth, county_leader
):
    """Row 4 is computed from records but compared with a manually entered growth rate: its own flag, distinct from
    the manual row 3 and the purely computed row 1 — on the dashboard and on each row's page."""
    plan_recompute(plan=plan, as_of=as_of)
    client = client_for(county_leader)
    page = html(client.get(PLAN))
    assert flag(table_row(page, 1)) is None
    assert flag(table_row(page, 3)) == "人工填报"
    assert flag(table_row(page, 4)) == "系统计算＋人工填报"
    row_page = html(client.get(PLAN + "rows/4/"))
    assert flag(row_page.split("</h1>")[0]) == "系统计算＋人工填报"
    assert flag(html(client.get(PLAN + "rows/3/")).split("</h1>")[0]) == "人工填报"
    assert flag(html(client.get(ROW)).split("</h1>")[0]) is None


def test_the_flag_follows_what_the_snapshot_used(client_for, plan, people, as_of, county_leader):
    """Without an approved reference figure, row 4's snapshot used no manual figure: it is not flagged."""
    plan_recompute(plan=plan, as_of=as_of)
    assert flag(table_row(html(client_for(county_leader).get(PLAN)), 4)) is None


def test_the_table_shows_when_each_figure_was_computed_to_the_minute(client_for, computed, county_leader):
    Snapshot.objects.filter(row__plan=computed).update(computed_at=COMPUTED_AT)
    page = html(client_for(county_leader).get(PLAN))
    cell = re.search(r'<td class="small computed-at">([^<]*)</td>', table_row(page, 1)).group(1)
    assert cell == "2026年12月5日 15:24"


def test_the_row_page_and_the_records_page_show_the_computed_at_time(client_for, computed, county_staff):
    Snapshot.objects.filter(row__plan=computed).update(computed_at=COMPUTED_AT)
    client = client_for(county_staff)
    row_page = html(client.get(ROW))
    cell = re.search(r'data-testid="computed-at">([^<]*)<', row_page).group(1)
    assert cell == "2026年12月5日 15:24"
    records = html(client.get(RECORDS + "?part=numerator"))
    basis = re.search(r'data-testid="drilldown-basis">(.*?)</p>', records, re.S).group(1)
    assert "2026年12月5日 15:24" in basis


# --- the row page ------------------------------------------------------------------------------------------


def test_the_row_page_shows_definition_breakdown_trend_notes(client_for, computed, county_leader):
    page = html(client_for(county_leader).get(ROW))
    assert "在世女性人数 ÷ 在世人数 × 100" in page  # the formula in words
    assert "甲镇" in page and "乙镇" in page  # both townships in the breakdown
    assert "表中目标与正文不一致" in page  # the row's note
    assert 'id="bar-chart"' in page and 'id="trend-chart"' in page and "echarts.min.js" in page
    assert 'data-testid="computed-at"' in page


def test_a_township_user_sees_only_their_townships_breakdown(client_for, computed, caseworker_a):
    page = html(client_for(caseworker_a).get(ROW))
    assert "甲镇" in page and "乙镇" not in page and "县级" not in page


def test_the_record_links_count_what_they_open(client_for, computed, caseworker_a, county_staff):
    """A township viewer's record list holds its own township's records: the link says how many it will show."""
    county = {part: value for part, _label, value in client_for(county_staff).get(ROW).context["parts"]}
    own = {part: value for part, _label, value in client_for(caseworker_a).get(ROW).context["parts"]}
    assert county["numerator"] == 4 and own["numerator"] == 2
    listed = client_for(caseworker_a).get(RECORDS + "?part=numerator").context["page_obj"].paginator.count
    assert listed == own["numerator"]


def test_the_manual_row_shows_its_figures_flagged(client_for, computed, county_leader, geo, availability_type):
    page = html(client_for(county_leader).get(PLAN + "rows/3/"))
    assert "人工填报" in page and "婚姻登记信息在全国系统中" in page


# --- drill-down --------------------------------------------------------------------------------------------


def names_in(response) -> set[str]:
    return {obj.name for obj in response.context["page_obj"].object_list}


def test_the_drilldown_lists_the_counted_records(client_for, computed, county_staff, people):
    response = client_for(county_staff).get(RECORDS + "?part=numerator")
    assert names_in(response) == {"甲女一", "甲女二", "乙女一", "县本级女"}
    response = client_for(county_staff).get(RECORDS + "?part=denominator&township=990101101")
    assert names_in(response) == {"乙女一", "乙男明日去世"}
    response = client_for(county_staff).get(RECORDS + "?part=numerator&township=county")
    assert names_in(response) == {"县本级女"}


def test_a_township_user_drills_only_into_their_own_records(client_for, computed, caseworker_a):
    client = client_for(caseworker_a)
    assert names_in(client.get(RECORDS + "?part=numerator")) == {"甲女一", "甲女二"}
    assert names_in(client.get(RECORDS + "?part=numerator&township=990101101")) == set()
    assert names_in(client.get(RECORDS + "?part=numerator&township=county")) == set()


def test_the_drilldown_is_paginated_within_a_query_budget(
    client_for, computed, county_staff, village_a, django_assert_max_num_queries
):
    from tests.factories import PersonFactory

    PersonFactory.create_batch(60, region=village_a, sex="F")
    client = client_for(county_staff)
    with django_assert_max_num_queries(12):
        response = client.get(RECORDS + "?part=numerator&as_of=2099-01-01")
    assert response.status_code == 200 and len(response.context["page_obj"].object_list) == 50


def test_a_bad_part_or_a_manual_row_has_no_drilldown(client_for, computed, county_staff):
    client = client_for(county_staff)
    assert client.get(RECORDS + "?part=everything").status_code == 404
    assert client.get(PLAN + "rows/3/records/?part=numerator").status_code == 404


# --- recompute button --------------------------------------------------------------------------------------


def test_county_staff_queue_a_recompute_and_follow_its_progress(
    client_for, computed, county_staff, django_capture_on_commit_callbacks
):
    from unittest import mock

    client = client_for(county_staff)
    with mock.patch("indicators.tasks.recompute_plan.delay") as delay, django_capture_on_commit_callbacks(execute=True):
        response = client.post(PLAN + "recompute/", {"as_of": "2024-07-01"})
    job = JobRun.objects.get(key="test-14:2024-07-01")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    delay.assert_called_once_with(plan_code="test-14", as_of="2024-07-01", job_id=job.pk)
    # A second click while it is queued follows the same job.
    again = client.post(PLAN + "recompute/", {"as_of": "2024-07-01"})
    assert (
        again["Location"] == f"/jobs/{job.pk}/"
        and JobRun.objects.filter(key__startswith="test-14:2024-07").count() == 1
    )
    assert client.get(f"/jobs/{job.pk}/").status_code == 200


@pytest.mark.parametrize("user", ["county_leader", "caseworker_a"])
def test_leaders_and_townships_cannot_recompute(client_for, computed, user, request):
    assert client_for(request.getfixturevalue(user)).post(PLAN + "recompute/").status_code == 403


def test_a_future_date_is_refused(client_for, computed, county_staff):
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = client_for(county_staff).post(PLAN + "recompute/", {"as_of": future}, follow=True)
    assert "未来" in html(response) or not JobRun.objects.filter(key=f"test-14:{future}").exists()
    assert not JobRun.objects.filter(key=f"test-14:{future}").exists()
