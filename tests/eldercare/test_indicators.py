"""Each elder-care definition computed from hand-built records, through the registry, with the edges the
definitions name: closed today vs tomorrow, filed today vs tomorrow, a version dated after the as-of date, a site in
another county, a site held by the county itself, facilities vs institutions.

Expected figures on 2024-06-30 (``sites`` fixture):

=====================  ======  =======  =====  =========  =========  ==========================
site                   where   beds     nurs.  mode       counted?   why
=====================  ======  =======  =====  =========  =========  ==========================
甲敬老院 (2024 version)   A1      100      60     entrusted  yes        2024-07-01 version is future
乙福利院                 B       50       10     gov        yes
县社会福利院              county  200      100    gov        yes        county-level group
甲民办 (closed today)     A2      80       40     private    no         closed on the date
乙民办 (closes tomorrow)  B1      40       20     private    yes
乙今日备案                B2      30       30     private    yes        filed on the date
甲明日备案                A1      60       0      private    no         filed after the date
甲未备案                  A1      10       0      private    no         never filed
甲新建                    A2      90       90     private    no         opens tomorrow
丙县养老院                other   500      500    gov        no         other county
甲社区养老服务中心 (fac.)   A2      20       0      gov        beds only  not an institution
乙日间照料中心 (fac.)       B1      0 (+8 rest beds)  p-p     beds only  rest beds never count
乙幸福院 (fac., closed)    B2      12       0      gov        no         closed yesterday
=====================  ======  =======  =====  =========  =========  ==========================
"""

import datetime
from decimal import Decimal

import pytest
import yaml
from django.conf import settings

from civilaffairs.models import RegionStat
from eldercare.choices import QualityResult, RemovalReason, VisitType
from indicators import registry
from indicators.registry import COUNTY_LEVEL
from tests.indicators.factories import ManualInputFactory, ManualInputTypeFactory

from .conftest import AS_OF, TOMORROW, YESTERDAY
from .factories import AssessmentFactory, ElderlyFactory, VisitFactory, elderly_person

CODES = [
    "eldercare.nursing_bed_share",
    "eldercare.township_comprehensive_institution_coverage",
    "eldercare.home_elderly_visit_rate",
    "eldercare.beds_per_1000_elderly",
    "eldercare.institution_quality_compliance_rate",
    "eldercare.government_operated_bed_share",
]


def compute(code, region, as_of=AS_OF):
    return registry.get(code).compute(region, as_of)


def pks(code, region, part, as_of=AS_OF):
    return set(registry.get(code).drilldown(region, as_of, part).values_list("pk", flat=True))


def value(result, key):
    return result.breakdown[key]["value"].quantize(Decimal("0.01"))


def t9(region):
    return region.code[:9]


@pytest.mark.parametrize("code", CODES)
def test_computation_matches_its_definition(code):
    definitions = yaml.safe_load((settings.BASE_DIR / "fixtures/indicators/definitions.yaml").read_text("utf-8"))
    definition = next(d for d in definitions if d["code"] == code)
    computation = registry.get(code)
    assert (computation.name, computation.unit, computation.kind, computation.direction, computation.flow) == (
        definition["name"],
        definition["unit"],
        definition["kind"],
        definition["direction"],
        definition["flow"],
    )
    assert computation.formula == definition["formula"]


# --- nursing-bed share ------------------------------------------------------------------------------------


def test_nursing_bed_share_counts_institutions_in_service_with_the_inventory_in_force(
    geo, township_a, township_b, sites
):
    result = compute("eldercare.nursing_bed_share", geo["county"])
    assert result.numerator.total == 220 and result.denominator.total == 420
    assert result.value.quantize(Decimal("0.01")) == Decimal("52.38")
    assert (
        result.breakdown[t9(township_a)]["numerator"] == 60 and result.breakdown[t9(township_a)]["denominator"] == 100
    )
    assert value(result, t9(township_a)) == Decimal("60.00")
    assert (
        result.breakdown[t9(township_b)]["numerator"] == 60 and result.breakdown[t9(township_b)]["denominator"] == 120
    )
    assert value(result, t9(township_b)) == Decimal("50.00")
    assert value(result, COUNTY_LEVEL) == Decimal("50.00")


def test_nursing_bed_share_drilldown_lists_the_inventory_versions_counted(geo, sites):
    expected = {
        sites[k].pk for k in ("a_home_v2024", "b_welfare_v2024", "county_home_v", "closes_tomorrow_v", "filed_today_v")
    }
    assert pks("eldercare.nursing_bed_share", geo["county"], "numerator") == expected
    assert pks("eldercare.nursing_bed_share", geo["county"], "denominator") == expected


def test_nursing_bed_share_follows_the_dates(geo, sites):
    # The day after: 乙民办 has closed, 甲明日备案 is filed (0 of 60 nursing), 甲新建 has opened (90 of 90) and
    # 甲敬老院's 2024-07-01 version applies (90 of 120).
    result = compute("eldercare.nursing_bed_share", geo["county"], TOMORROW)
    assert result.numerator.total == 90 + 10 + 100 + 30 + 0 + 90
    assert result.denominator.total == 120 + 50 + 200 + 30 + 60 + 90


def test_nursing_bed_share_has_no_value_without_institutions(geo):
    result = compute("eldercare.nursing_bed_share", geo["county"])
    assert result.value is None and not result.has_data


def test_nursing_bed_share_of_a_township(township_a, sites):
    result = compute("eldercare.nursing_bed_share", township_a)
    assert (result.numerator.total, result.denominator.total) == (60, 100)
    assert pks("eldercare.nursing_bed_share", township_a, "numerator") == {sites["a_home_v2024"].pk}


# --- government-operated share and beds per 1000 ----------------------------------------------------------


def test_government_operated_bed_share_spans_institutions_and_facilities(geo, township_a, township_b, sites):
    result = compute("eldercare.government_operated_bed_share", geo["county"])
    assert (result.numerator.total, result.denominator.total) == (270, 440)
    assert result.value.quantize(Decimal("0.01")) == Decimal("61.36")
    assert (
        result.breakdown[t9(township_a)]["numerator"] == 20 and result.breakdown[t9(township_a)]["denominator"] == 120
    )
    assert (
        result.breakdown[t9(township_b)]["numerator"] == 50 and result.breakdown[t9(township_b)]["denominator"] == 120
    )
    assert value(result, COUNTY_LEVEL) == Decimal("100.00")
    assert pks("eldercare.government_operated_bed_share", geo["county"], "numerator") == {
        sites["b_welfare_v2024"].pk,
        sites["county_home_v"].pk,
        sites["a_centre_v"].pk,
    }
    assert pks("eldercare.government_operated_bed_share", geo["county"], "denominator") == {
        sites[k].pk
        for k in (
            "a_home_v2024",
            "b_welfare_v2024",
            "county_home_v",
            "closes_tomorrow_v",
            "filed_today_v",
            "a_centre_v",
            "b_daycare_v",
        )
    }


def test_operation_mode_is_taken_from_the_version_in_force(geo, sites):
    # From 2024-07-01 甲敬老院 is government-run (its new version); 乙民办 has closed.
    result = compute("eldercare.government_operated_bed_share", geo["county"], TOMORROW)
    assert result.numerator.total == 120 + 50 + 200 + 20
    assert result.denominator.total == 120 + 50 + 200 + 30 + 60 + 90 + 20 + 0


@pytest.fixture
def aged_stats(township_a, township_b):
    return [
        RegionStat.objects.create(region=region, year=year, aged_60_plus=aged, source="统计局年报", is_demo=False)
        for region, year, aged in ((township_a, 2023, 4000), (township_b, 2023, 6000), (township_a, 2025, 9999))
    ]


def test_beds_per_1000_elderly_uses_the_latest_region_statistics(geo, township_a, township_b, sites, aged_stats):
    result = compute("eldercare.beds_per_1000_elderly", geo["county"])
    assert (result.numerator.total, result.denominator.total) == (440, 10000)
    assert result.value == Decimal(44)
    assert value(result, t9(township_a)) == Decimal("30.00")
    assert value(result, t9(township_b)) == Decimal("20.00")
    assert result.breakdown[COUNTY_LEVEL]["value"] is None  # the county's own beds have no own population
    assert (result.denominator_source["year"], result.denominator_source["sources"]) == (2023, ["统计局年报"])
    assert result.denominator_source["manual"] is False and result.manual_inputs == []
    assert pks("eldercare.beds_per_1000_elderly", geo["county"], "numerator") == pks(
        "eldercare.government_operated_bed_share", geo["county"], "denominator"
    )
    # The denominator's records are the 2023 statistics used (not 2025's, later than the as-of date).
    assert pks("eldercare.beds_per_1000_elderly", geo["county"], "denominator") == {s.pk for s in aged_stats[:2]}


def test_beds_per_1000_elderly_falls_back_to_the_approved_manual_figure(geo, sites, county_staff, county_admin):
    aged = ManualInputTypeFactory(code="aged_60_plus", name="60岁及以上老年人口", unit="人")
    figure = ManualInputFactory(
        type=aged,
        region=geo["county"],
        period_year=2023,
        value=Decimal(8800),
        entered_by=county_staff,
        approved_by=county_admin,
    )
    result = compute("eldercare.beds_per_1000_elderly", geo["county"])
    assert result.denominator.total == 8800
    assert result.value.quantize(Decimal("0.01")) == Decimal("50.00")
    assert [m["id"] for m in result.manual_inputs] == [figure.pk]
    assert result.denominator_source["manual"] is True
    assert pks("eldercare.beds_per_1000_elderly", geo["county"], "denominator") == {figure.pk}


def test_beds_per_1000_elderly_without_population_says_so(geo, sites):
    result = compute("eldercare.beds_per_1000_elderly", geo["county"])
    assert result.value is None
    assert any("60" in note for note in result.notes)


# --- comprehensive coverage ---------------------------------------------------------------------------------


def test_comprehensive_coverage_counts_each_township_once(geo, township_a, township_b, sites, extra_township_units):
    result = compute("eldercare.township_comprehensive_institution_coverage", geo["county"])
    # A: 甲敬老院 (2024 version) and the community centre; B: 乙民办, which closes tomorrow. The abolished township
    # and the industrial park are not in the denominator; 县社会福利院 is in no township.
    assert (result.numerator.total, result.denominator.total) == (2, 2)
    assert result.value == Decimal(100)
    assert value(result, t9(township_a)) == Decimal("100.00")
    assert value(result, t9(township_b)) == Decimal("100.00")
    assert set(result.breakdown) == {t9(township_a), t9(township_b)}  # the county's own home is in no township
    code = "eldercare.township_comprehensive_institution_coverage"
    assert pks(code, geo["county"], "numerator") == {township_a.pk, township_b.pk}
    assert pks(code, geo["county"], "denominator") == {township_a.pk, township_b.pk}


def test_comprehensive_coverage_per_township_with_edges_that_decide(geo, township_a, township_b, other_county):
    """Built by hand: A has one comprehensive home; B's only comprehensive site closed the day before; a third
    township (丙镇) has one that opens tomorrow; the other county's comprehensive home counts nowhere."""
    from civilaffairs.choices import RegionLevel
    from civilaffairs.models import Region
    from eldercare.choices import ClosureReason

    from .factories import COMPREHENSIVE, InstitutionFactory, inventory

    county = geo["county"]
    township_c = Region.objects.create(
        code="990101102000", name="丙镇", level=RegionLevel.TOWNSHIP, kind="镇", parent=county
    )
    a1 = geo["villages"][township_a.code][0]
    b1 = geo["villages"][township_b.code][0]
    home_a = InstitutionFactory(name="甲综合养老院", region=a1)
    inventory(home_a, datetime.date(2022, 1, 1), 60, 30, functions=COMPREHENSIVE)
    closed_b = InstitutionFactory(
        name="乙综合养老院（昨日停业）",
        region=b1,
        opened_on=datetime.date(2018, 1, 1),
        closed_on=YESTERDAY,
        closure_reason=ClosureReason.SUSPENDED,
    )
    inventory(closed_b, datetime.date(2018, 1, 1), 40, 20, functions=COMPREHENSIVE)
    partial_b = InstitutionFactory(name="乙托养院", region=township_b)
    inventory(partial_b, datetime.date(2022, 1, 1), 40, 20, functions=("full_care",))
    opens_c = InstitutionFactory(name="丙综合养老院", region=township_c, opened_on=TOMORROW, filed_on=TOMORROW)
    inventory(opens_c, TOMORROW, 30, 30, functions=COMPREHENSIVE)
    other_village = other_county["villages"][other_county["townships"][0].code][0]
    inventory(InstitutionFactory(name="丙县综合养老院", region=other_village), datetime.date(2020, 1, 1), 90, 90,
              functions=COMPREHENSIVE)  # fmt: skip

    code = "eldercare.township_comprehensive_institution_coverage"
    result = compute(code, geo["county"])
    assert (result.numerator.total, result.denominator.total) == (1, 3)
    assert value(result, t9(township_a)) == Decimal("100.00")
    assert value(result, t9(township_b)) == Decimal("0.00")
    assert value(result, t9(township_c)) == Decimal("0.00")
    assert pks(code, geo["county"], "numerator") == {township_a.pk}
    assert pks(code, geo["county"], "denominator") == {township_a.pk, township_b.pk, township_c.pk}
    # The day before yesterday B's home was still in service; tomorrow 丙镇's opens.
    assert compute(code, geo["county"], YESTERDAY - datetime.timedelta(days=1)).numerator.total == 2
    assert pks(code, geo["county"], "numerator", TOMORROW) == {township_a.pk, township_c.pk}


def test_comprehensive_coverage_drops_a_township_whose_sites_closed_or_cut_functions(
    geo, township_a, township_b, sites
):
    # The next day 乙民办 has closed; 乙福利院 cut its functions in March; 乙幸福院 closed the day before.
    code = "eldercare.township_comprehensive_institution_coverage"
    result = compute(code, geo["county"], TOMORROW)
    assert (result.numerator.total, result.denominator.total) == (1, 2)
    assert result.breakdown[t9(township_b)]["numerator"] == 0 and result.breakdown[t9(township_b)]["denominator"] == 1
    assert pks(code, geo["county"], "numerator", TOMORROW) == {township_a.pk}


def test_comprehensive_coverage_uses_the_county_function_list(geo, township_a, township_b, sites, settings):
    settings.CIVILAFFAIRS = {"counties": {"990101": {"comprehensive_required_functions": ["full_care", "guidance"]}}}
    result = compute("eldercare.township_comprehensive_institution_coverage", geo["county"])
    assert result.numerator.total == 0
    assert any("对下指导" in note for note in result.notes)


# --- visits -------------------------------------------------------------------------------------------------


@pytest.fixture
def roster(geo, township_a, township_b, other_county):
    a1, a2 = geo["villages"][township_a.code]
    b1, b2 = geo["villages"][township_b.code]
    r = {}
    r["visited"] = ElderlyFactory(person=elderly_person(a1))
    VisitFactory(elderly=r["visited"], visited_on=datetime.date(2024, 6, 15))
    r["visited_too_early"] = ElderlyFactory(person=elderly_person(a1), is_living_alone=False, is_disabled=True)
    VisitFactory(elderly=r["visited_too_early"], visited_on=datetime.date(2024, 5, 31))
    VisitFactory(elderly=r["visited_too_early"], visited_on=datetime.date(2024, 6, 20), visit_type=VisitType.PHONE)
    r["listed_recently"] = ElderlyFactory(person=elderly_person(a2), listed_on=datetime.date(2024, 6, 10))
    VisitFactory(elderly=r["listed_recently"], visited_on=datetime.date(2024, 6, 12))
    r["listed_one_cycle_ago"] = ElderlyFactory(person=elderly_person(a2), listed_on=datetime.date(2024, 5, 31))
    VisitFactory(elderly=r["listed_one_cycle_ago"], visited_on=datetime.date(2024, 6, 1))
    r["in_institution"] = ElderlyFactory(person=elderly_person(b1), lives_at_home=False)
    VisitFactory(elderly=r["in_institution"], visited_on=datetime.date(2024, 6, 15))
    r["removed_today"] = ElderlyFactory(
        person=elderly_person(b1), removed_on=AS_OF, removal_reason=RemovalReason.ENTERED_INSTITUTION
    )
    VisitFactory(elderly=r["removed_today"], visited_on=datetime.date(2024, 6, 15))
    r["removed_tomorrow"] = ElderlyFactory(
        person=elderly_person(b1), removed_on=TOMORROW, removal_reason=RemovalReason.MOVED_OUT
    )
    VisitFactory(elderly=r["removed_tomorrow"], visited_on=AS_OF)
    r["died"] = ElderlyFactory(person=elderly_person(b2, death_date=datetime.date(2024, 6, 1)))
    r["under_60"] = ElderlyFactory(person=elderly_person(b2, born=datetime.date(1964, 7, 1)))
    r["visited_after"] = ElderlyFactory(person=elderly_person(b2), listed_on=datetime.date(2022, 1, 1))
    VisitFactory(elderly=r["visited_after"], visited_on=datetime.date(2024, 7, 1))
    other_village = other_county["villages"][other_county["townships"][0].code][0]
    r["other_county"] = ElderlyFactory(person=elderly_person(other_village))
    VisitFactory(elderly=r["other_county"], visited_on=datetime.date(2024, 6, 15))
    return r


def test_visit_rate_counts_people_visited_at_home_in_the_last_cycle(geo, township_a, township_b, roster):
    result = compute("eldercare.home_elderly_visit_rate", geo["county"])
    assert (result.numerator.total, result.denominator.total) == (3, 5)
    assert result.value == Decimal(60)
    assert value(result, t9(township_a)) == Decimal("66.67")
    assert value(result, t9(township_b)) == Decimal("50.00")
    code = "eldercare.home_elderly_visit_rate"
    assert pks(code, geo["county"], "numerator") == {
        roster[k].pk for k in ("visited", "listed_one_cycle_ago", "removed_tomorrow")
    }
    assert pks(code, geo["county"], "denominator") == {
        roster[k].pk
        for k in ("visited", "visited_too_early", "listed_one_cycle_ago", "removed_tomorrow", "visited_after")
    }
    assert any("2024-06-01" in note for note in result.notes)


def test_visit_rate_drilldown_shows_the_last_visit_up_to_the_date(geo, roster):
    rows = registry.get("eldercare.home_elderly_visit_rate").drilldown(geo["county"], AS_OF, "denominator")
    last = {row.pk: row.last_visited_on for row in rows}
    assert last[roster["visited_too_early"].pk] == datetime.date(2024, 6, 20)
    assert last[roster["visited_after"].pk] is None


def test_visit_rate_counts_phone_visits_where_the_county_says_so(geo, roster, settings):
    settings.CIVILAFFAIRS = {"counties": {"990101": {"elderly_visit_counted_types": ["home", "phone"]}}}
    result = compute("eldercare.home_elderly_visit_rate", geo["county"])
    assert (result.numerator.total, result.denominator.total) == (4, 5)


def test_visit_rate_follows_the_county_visit_cycle(geo, roster, settings):
    # A 60-day cycle: 甲 2's visit on 31 May counts, but the two people listed less than 60 days ago drop out.
    settings.CIVILAFFAIRS = {"counties": {"990101": {"elderly_visit_cycle_days": 60}}}
    result = compute("eldercare.home_elderly_visit_rate", geo["county"])
    assert (result.numerator.total, result.denominator.total) == (3, 4)


# --- quality --------------------------------------------------------------------------------------------------


@pytest.fixture
def assessments(sites, other_county):
    a = {}
    AssessmentFactory(institution=sites["a_home"], assessed_on=datetime.date(2024, 3, 1), result=QualityResult.FAIL)
    a["a_recheck"] = AssessmentFactory(
        institution=sites["a_home"], assessed_on=datetime.date(2024, 4, 15), result=QualityResult.PASS, kind="recheck"
    )
    AssessmentFactory(institution=sites["b_welfare"], assessed_on=datetime.date(2024, 1, 10), result=QualityResult.PASS)
    AssessmentFactory(institution=sites["b_welfare"], assessed_on=datetime.date(2024, 5, 1), result=QualityResult.FAIL)
    # Exactly twelve months before: outside the window, so 县社会福利院 counts as not inspected.
    AssessmentFactory(institution=sites["county_home"], assessed_on=datetime.date(2023, 6, 30))
    AssessmentFactory(institution=sites["closes_tomorrow"], assessed_on=datetime.date(2023, 7, 1))
    AssessmentFactory(institution=sites["filed_today"], assessed_on=TOMORROW)
    AssessmentFactory(institution=sites["closed_today"], assessed_on=datetime.date(2024, 1, 1))
    AssessmentFactory(institution=sites["other_county"], assessed_on=datetime.date(2024, 1, 1))
    return a


def test_quality_rate_uses_the_latest_assessment_of_the_last_twelve_months(
    geo, township_a, township_b, sites, assessments
):
    code = "eldercare.institution_quality_compliance_rate"
    result = compute(code, geo["county"])
    assert (result.numerator.total, result.denominator.total) == (2, 5)
    assert result.value == Decimal(40)
    assert value(result, t9(township_a)) == Decimal("100.00")
    assert value(result, t9(township_b)) == Decimal("33.33")
    assert value(result, COUNTY_LEVEL) == Decimal("0.00")
    assert pks(code, geo["county"], "numerator") == {sites["a_home"].pk, sites["closes_tomorrow"].pk}
    assert pks(code, geo["county"], "denominator") == {
        sites[k].pk for k in ("a_home", "b_welfare", "county_home", "closes_tomorrow", "filed_today")
    }


def test_quality_drilldown_shows_the_deciding_assessment(geo, sites, assessments):
    rows = registry.get("eldercare.institution_quality_compliance_rate").drilldown(geo["county"], AS_OF, "denominator")
    by_pk = {row.pk: (row.latest_assessed_on, row.latest_result) for row in rows}
    assert by_pk[sites["a_home"].pk] == (datetime.date(2024, 4, 15), QualityResult.PASS)
    assert by_pk[sites["b_welfare"].pk] == (datetime.date(2024, 5, 1), QualityResult.FAIL)
    assert by_pk[sites["county_home"].pk] == (None, None)
