"""Denominators no register holds (户数, 户籍人口, 常住人口, 60岁及以上人口): one rule for all of them
(docs/decisions/0003, "Denominators"). The region statistic (RegionStat, per region and year, with its source) is the
denominator; only where the jurisdiction has none does the approved manual figure of the same code stand in, flagged
人工填报. The snapshot and the row page say which year and source were used; the row page lists only the manual
figures the figure actually used."""

import re
from decimal import Decimal as D
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from civilaffairs.models import RegionStat
from indicators import registry
from indicators.choices import Kind, ManualInputStatus, SnapshotStatus
from indicators.models import Snapshot
from indicators.registry import COUNTY_LEVEL
from indicators.services import plan_recompute
from tests.indicators.factories import (
    IndicatorDefinitionFactory,
    ManualInputFactory,
    ManualInputTypeFactory,
    PlanFactory,
    PlanRowFactory,
)

pytestmark = pytest.mark.django_db

CODE = "tests.women_per_1000_residents"
ROW = "/indicators/plans/test-stat-14/rows/1/"


@pytest.fixture
def stat_plan(geo):
    plan = PlanFactory(code="test-stat-14", jurisdiction=geo["county"])
    definition = IndicatorDefinitionFactory(code=CODE, name="每千常住人口在世女性数", kind=Kind.PER_1000, unit="‰")
    PlanRowFactory(plan=plan, order=1, name="每千常住人口在世女性数（‰）", unit="‰", definition=definition)
    return plan


@pytest.fixture
def residents_type(db):
    return ManualInputTypeFactory(code="resident_population", name="常住人口", unit="人")


def resident(region, year, value, source="第七次人口普查"):
    return RegionStat.objects.create(region=region, year=year, resident_population=value, source=source)


def manual(residents_type, region, value, staff, admin, **fields):
    return ManualInputFactory(
        type=residents_type,
        region=region,
        period_year=2023,
        value=D(value),
        entered_by=staff,
        approved_by=admin,
        **fields,
    )


def html(response) -> str:
    return response.content.decode()


def flag(page: str) -> str | None:
    match = re.search(r'class="badge[^"]*manual-flag"[^>]*>([^<]+)<', page.split("</h1>")[0])
    return match.group(1) if match else None


def denominator_line(page: str) -> str:
    return re.search(r'data-testid="denominator-source">([^<]*)<', page).group(1)


def test_the_region_statistic_is_the_denominator_and_the_manual_figure_beside_it_is_not_used(
    geo, township_a, township_b, people, as_of, stat_plan, residents_type, county_staff, county_admin, client_for
):
    stats = {resident(township_a, 2020, 2000), resident(township_b, 2020, 1000)}
    resident(township_a, 2025, 99_999)  # a later year is not used on 2024-06-30
    other_township = people["other_county"].region.parent
    resident(other_township, 2020, 50_000)
    unused = manual(residents_type, geo["county"], 9999, county_staff, county_admin)

    result = registry.get(CODE).compute(geo["county"], as_of)
    assert (result.numerator.total, result.denominator.total) == (4, 3000)
    assert result.breakdown[township_a.code[:9]]["value"] == 1 and result.breakdown[township_b.code[:9]]["value"] == 1
    assert result.breakdown[COUNTY_LEVEL]["value"] is None  # the county's own records have no own population
    assert result.denominator_source == {
        "field": "resident_population",
        "year": 2020,
        "level": "township",
        "sources": ["第七次人口普查"],
        "is_demo": False,
        "manual": False,
    }
    assert result.manual_inputs == []
    assert set(registry.get(CODE).drilldown(geo["county"], as_of, "denominator")) == stats

    plan_recompute(plan=stat_plan, as_of=as_of)
    snapshot = Snapshot.objects.get(row__plan=stat_plan)
    assert snapshot.denominator_source["year"] == 2020 and snapshot.manual_inputs == []
    page = html(client_for(county_staff).get(ROW))
    assert denominator_line(page) == "分母：2020年常住人口（各乡镇（街道）数据；来源：第七次人口普查）"
    assert flag(page) is None
    assert 'data-testid="manual-inputs"' not in page and unused.source not in page


def test_without_a_region_statistic_the_approved_manual_figure_is_used_and_flagged(
    geo, township_a, township_b, people, as_of, stat_plan, residents_type, county_staff, county_admin, client_for
):
    used = {
        manual(residents_type, township_a, 2000, county_staff, county_admin, source="甲镇统计年报"),
        manual(residents_type, township_b, 1000, county_staff, county_admin, source="乙镇统计年报"),
    }
    manual(residents_type, geo["county"], 7777, county_staff, None, status=ManualInputStatus.DRAFT, approved_at=None)

    result = registry.get(CODE).compute(geo["county"], as_of)
    assert (result.numerator.total, result.denominator.total) == (4, 3000)
    assert result.breakdown[township_a.code[:9]]["denominator"] == 2000
    assert result.denominator_source["manual"] is True and result.denominator_source["level"] == "township"
    assert {entry["id"] for entry in result.manual_inputs} == {figure.pk for figure in used}
    assert set(registry.get(CODE).drilldown(geo["county"], as_of, "denominator")) == used

    plan_recompute(plan=stat_plan, as_of=as_of)
    client = client_for(county_staff)
    page = html(client.get(ROW))
    assert (
        denominator_line(page)
        == "分母：2023年常住人口（各乡镇（街道）数据；人工填报，来源：乙镇统计年报；甲镇统计年报）"
    )
    assert flag(page) == "系统计算＋人工填报"
    listed = re.search(r'data-testid="manual-inputs".*?</table>', page, re.S).group(0)
    assert "甲镇统计年报" in listed and "乙镇统计年报" in listed and "7777" not in listed
    records = client.get(ROW + "records/?part=denominator")
    assert records.status_code == 200
    assert {cells[0] for _obj, cells in records.context["rows"]} == {"甲镇", "乙镇"}


def test_the_denominator_records_page_lists_the_region_statistics_with_their_own_columns(
    geo, township_a, township_b, people, as_of, stat_plan, county_staff, client_for
):
    resident(township_a, 2020, 2000)
    resident(township_b, 2020, 1000, source="公安户籍统计")
    plan_recompute(plan=stat_plan, as_of=as_of)
    response = client_for(county_staff).get(ROW + "records/?part=denominator")
    assert response.status_code == 200
    assert [column.header for column in response.context["columns"]] == ["区域", "年度", "常住人口", "来源"]
    cells = sorted(tuple(cells) for _obj, cells in response.context["rows"])
    assert cells == [("乙镇", "2020年", 1000, "公安户籍统计"), ("甲镇", "2020年", 2000, "第七次人口普查")]
    numerator = client_for(county_staff).get(ROW + "records/?part=numerator")
    assert [column.header for column in numerator.context["columns"]] == ["姓名", "性别"]


def test_without_any_figure_the_row_has_no_data_and_says_which_figure_is_missing(
    geo, people, as_of, stat_plan, residents_type, county_staff, client_for
):
    ManualInputFactory(type=residents_type, region=geo["county"], entered_by=county_staff, status="draft")
    plan_recompute(plan=stat_plan, as_of=as_of)
    snapshot = Snapshot.objects.get(row__plan=stat_plan)
    assert snapshot.value is None and snapshot.status == SnapshotStatus.NO_DATA
    assert "本辖区尚未录入常住人口数据，无法计算。" in snapshot.notes
    assert denominator_line(html(client_for(county_staff).get(ROW))) == "本辖区尚未录入常住人口数据，无法计算。"


def test_the_json_table_carries_the_denominator_source(
    geo, township_a, people, as_of, stat_plan, county_leader, client_for
):
    resident(geo["county"], 2020, 4000)
    plan_recompute(plan=stat_plan, as_of=as_of)
    row = client_for(county_leader).get("/api/indicators/plans/test-stat-14/table/").json()["rows"][0]
    assert row["snapshot"]["denominator_source"]["year"] == 2020
    assert row["snapshot"]["denominator_source_text"] == (
        "分母：2020年常住人口（仅有全辖区数据，不分乡镇（街道）；来源：第七次人口普查）"
    )
    assert row["source"] == "系统计算"


# --- the catalogue declares exactly what the computations read -------------------------------------------------


def fixture(name):
    return yaml.safe_load((Path(settings.BASE_DIR) / "fixtures" / "indicators" / name).read_text(encoding="utf-8"))


def test_every_manual_figure_a_definition_declares_is_read_by_its_computation():
    for definition in fixture("definitions.yaml"):
        computation = registry.get(definition["code"])
        assert set(definition["manual_inputs"] or []) == set(computation.manual_inputs), definition["code"]


def test_every_manual_figure_type_is_read_somewhere():
    """No type is declared and then ignored: each is read by a computation or is a plan row's reference target."""
    read = {code for c in registry.all_computations().values() for code in c.manual_inputs}
    referenced = set()
    for path in (Path(settings.BASE_DIR) / "fixtures" / "plans").glob("*.yaml"):
        for row in yaml.safe_load(path.read_text(encoding="utf-8"))["rows"]:
            referenced |= {row.get("target_reference"), row.get("manual_input_type")} - {None}
    for figure_type in fixture("manual_inputs.yaml"):
        assert figure_type["code"] in read | referenced, figure_type["code"]
        for code in figure_type.get("used_by") or []:
            assert figure_type["code"] in registry.get(code).manual_inputs, (figure_type["code"], code)


def test_every_region_statistic_denominator_reads_region_statistics_first():
    stat_based = {code for code, c in registry.all_computations().items() if c.region_stats}
    assert {
        "community.facility_area_per_100_households",
        "community.certified_social_workers_per_1000_population",
        "community.social_orgs_per_10000_population",
        "community.registered_volunteer_share",
        "eldercare.beds_per_1000_elderly",
    } <= stat_based
    for code in stat_based:
        computation = registry.get(code)
        assert isinstance(computation, registry.StatDenominator), code
        assert computation.manual_inputs == computation.region_stats, code
