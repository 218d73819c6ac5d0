"""The engine with a test computation: county and township values from one grouped query, drill-down, rows of
every kind (computed, scaled, manual, reference target, unregistered, blank)."""

import datetime
from decimal import Decimal as D

import pytest

from indicators import registry
from indicators.choices import ManualInputStatus, SnapshotStatus
from indicators.engine import row_figure
from indicators.registry import COUNTY_LEVEL
from tests.indicators.computations import WomenShare
from tests.indicators.factories import ManualInputFactory

pytestmark = pytest.mark.django_db


def key(region):
    return region.code[:9]


def test_county_value_is_computed_from_records_not_averaged_from_townships(geo, people, as_of, township_a, township_b):
    result = registry.get("tests.women_share").compute(geo["county"], as_of)
    # Living: A 2 women + 1 man (one woman died yesterday), B 1 woman + 1 man dying tomorrow, county level 1 woman.
    assert result.numerator.total == 4 and result.denominator.total == 6
    assert round(result.value, 2) == D("66.67")  # the average of township ratios would be 72.22
    assert result.breakdown[key(township_a)]["numerator"] == 2
    assert result.breakdown[key(township_a)]["denominator"] == 3
    assert round(result.breakdown[key(township_a)]["value"], 2) == D("66.67")
    assert result.breakdown[key(township_b)]["value"] == 50
    assert result.breakdown[COUNTY_LEVEL]["value"] == 100


def test_each_part_is_one_grouped_query(geo, people, as_of, django_assert_num_queries):
    with django_assert_num_queries(2):
        registry.get("tests.women_share").compute(geo["county"], as_of)


def test_drilldown_lists_exactly_the_counted_records(geo, people, as_of, township_a):
    computation = registry.get("tests.women_share")
    numerator = set(computation.drilldown(geo["county"], as_of, "numerator"))
    expected = {*people["women_a"], *people["women_b"], people["county_level"]}
    assert numerator == expected
    denominator = set(computation.drilldown(geo["county"], as_of, "denominator"))
    assert denominator == expected | {*people["men_a"], people["dies_tomorrow"]}
    assert people["died_yesterday"] not in denominator and people["other_county"] not in denominator
    within_a = set(computation.drilldown(geo["county"], as_of, "numerator").within(township_a))
    assert within_a == set(people["women_a"])


def test_a_row_figure_carries_value_breakdown_version_and_status(plan, people, as_of, township_a, township_b):
    row = plan.rows.select_related("plan__jurisdiction", "definition").get(order=1)
    figure = row_figure(row, as_of)
    assert round(figure.value, 2) == D("66.67")
    assert figure.numerator == 4 and figure.denominator == 6
    assert figure.definition_version == WomenShare.version
    assert figure.breakdown[key(township_a)] == {"numerator": "2.0000", "denominator": "3.0000", "value": "66.6667"}
    assert figure.breakdown[COUNTY_LEVEL]["value"] == "100.0000"
    # 2024-06-30 is 1277 of 1826 days: expected 40 + 40 × 0.6993 ≈ 67.97 > 66.67.
    assert figure.assessment.status == SnapshotStatus.BEHIND
    assert D("67.9") < figure.assessment.expected < D("68.0")


def test_every_township_gets_a_figure_even_without_records(plan, geo, as_of, township_b, village_a):
    from tests.factories import PersonFactory

    PersonFactory(region=village_a, sex="F")
    row = plan.rows.select_related("plan__jurisdiction", "definition").get(order=1)
    figure = row_figure(row, as_of)
    assert figure.breakdown[key(township_b)] == {"numerator": "0", "denominator": "0.0000", "value": None}


def test_the_row_scale_turns_persons_into_ten_thousands(plan, people, as_of):
    row = plan.rows.select_related("plan__jurisdiction", "definition").get(order=2)
    figure = row_figure(row, as_of)
    assert figure.value == D("0.0006") and figure.numerator == 6  # 6 living persons = 0.0006 万人
    assert figure.assessment.status == SnapshotStatus.BEHIND


def test_an_unregistered_computation_gives_no_data_with_a_note(plan, people, as_of):
    row = plan.rows.select_related("plan__jurisdiction", "definition").get(order=5)
    figure = row_figure(row, as_of)
    assert figure.value is None and figure.assessment.status == SnapshotStatus.NO_DATA
    assert "计算未注册" in figure.notes


def test_a_manual_row_uses_the_latest_approved_figure_up_to_the_date(
    plan, geo, availability_type, as_of, county_staff, county_admin
):
    row = plan.rows.select_related("plan__jurisdiction", "manual_input_type").get(order=3)
    assert row_figure(row, as_of).assessment.status == SnapshotStatus.NO_DATA
    common = {"type": availability_type, "region": geo["county"], "entered_by": county_staff, "value": None}
    ManualInputFactory(**common, period_year=2022, boolean_value=False, approved_by=county_admin)
    ManualInputFactory(**common, as_of=datetime.date(2024, 5, 1), boolean_value=True, approved_by=county_admin)
    ManualInputFactory(**common, as_of=datetime.date(2024, 6, 1), boolean_value=False, status=ManualInputStatus.DRAFT)
    ManualInputFactory(**common, as_of=datetime.date(2024, 7, 1), boolean_value=False, approved_by=county_admin)
    figure = row_figure(row, as_of)
    assert figure.is_manual and figure.value == 100  # the yes of 1 May 2024; the draft and July's no do not count
    assert figure.assessment.status == SnapshotStatus.MET
    assert figure.manual_inputs[0]["period"] == "2024年5月1日"


def test_a_reference_target_reads_the_manual_figure(plan, people, as_of, approved_growth):
    row = plan.rows.select_related("plan__jurisdiction", "definition", "target_reference").get(order=4)
    figure = row_figure(row, as_of)
    assert figure.assessment.status == SnapshotStatus.MET  # 66.67 ≥ 50
    assert figure.assessment.target == D(50)
    assert figure.manual_inputs[-1]["role"] == "reference"


def test_a_blank_row_stays_blank(plan, as_of):
    row = plan.rows.select_related("plan__jurisdiction").get(order=6)
    figure = row_figure(row, as_of)
    assert figure.value is None and figure.assessment.status == SnapshotStatus.NO_DATA
    assert figure.notes == ["规划未列"]


def test_registering_two_computations_under_one_code_is_refused():
    class Clash(WomenShare):
        pass

    with pytest.raises(ValueError):
        registry.register(Clash)


def test_manual_figure_is_none_before_any_approved_input(geo, growth_type):
    assert registry.manual_figure(growth_type.code, geo["county"], datetime.date(2024, 1, 1)) is None


def test_manual_figures_gives_the_latest_per_project(geo, township_a, county_staff, county_admin):
    from tests.indicators.factories import ManualInputTypeFactory

    progress = ManualInputTypeFactory(code="project_progress", name="建设项目形象进度", level="project")
    common = {"type": progress, "entered_by": county_staff, "approved_by": county_admin}
    ManualInputFactory(
        **common, region=geo["county"], subject="区殡仪馆改扩建工程", as_of=datetime.date(2024, 3, 31), value=D(40)
    )
    ManualInputFactory(
        **common, region=geo["county"], subject="区殡仪馆改扩建工程", as_of=datetime.date(2024, 6, 30), value=D(65)
    )
    ManualInputFactory(
        **common, region=township_a, subject="花山生态陵园建设工程", as_of=datetime.date(2024, 5, 31), value=D(20)
    )
    ManualInputFactory(
        **common, region=township_a, subject="花山生态陵园建设工程", as_of=datetime.date(2024, 9, 30), value=D(90)
    )
    figures = {
        f.subject: f.value
        for f in registry.manual_figures("project_progress", geo["county"], datetime.date(2024, 7, 1))
    }
    assert figures == {"区殡仪馆改扩建工程": D(65), "花山生态陵园建设工程": D(20)}
    assert (
        registry.manual_figure("project_progress", geo["county"], datetime.date(2024, 7, 1), "区殡仪馆改扩建工程").value
        == 65
    )
