"""The seven assistance definitions computed from hand-built records through the registry, with the edges the
definitions name (closed today vs tomorrow, dated after the as-of date, another county, held at county level), the
per-township breakdown, and drill-downs that list exactly the records counted.

Disability coverages on 2024-06-30 (``disabled`` fixture; the test county admits 低保 households only and grades
1–2 for care unless a test says otherwise):

=====  =====  ===============================  ========  ===========  ==================================
who    where  certificate                      household  receives     counted in
=====  =====  ===============================  ========  ===========  ==================================
D1     A      physical 1                       低保 HA1    living+care  living num/den, care num/den
D2     A      mental 3                         低保 HA1    —            living den
D3     A      physical 2                       —         care from 7月  care den (approved from next month)
D4     A      physical 1, cancelled today      —         —            nothing
D5     B      physical 2, cancelled tomorrow   低保 HB2    —            living den, care den
D6     B      physical 1, died yesterday       —         —            nothing
D7     B      physical 1, issued tomorrow      —         —            nothing
D8     county physical 2                       —         care         care num/den (county-level group)
D9     other  physical 1                       —         —            nothing (another county)
D10    B      physical 4                       低保 ended 5月  living      nothing (household left 低保)
D11    B      physical 2                       —         care         care num/den
D12    B      physical 1, equivalent benefit   —         —            nothing
D13    B      physical 3                       单人保      living       living num/den
=====  =====  ===============================  ========  ===========  ==================================
"""

import datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from assistance.choices import (
    LowIncomeCategory,
    Programme,
    Relationship,
    StandardKind,
    VagrantOutcome,
    WelfareInstitutionOrigin,
    WelfareInstitutionType,
)
from assistance.models import (
    Enrolment,
    EnrolmentAmount,
    EnrolmentMember,
    HouseholdMember,
    LowIncomeHousehold,
    VagrantCase,
    WelfareInstitution,
)
from civilaffairs.models import Region
from indicators import registry
from indicators.registry import COUNTY_LEVEL
from tests.assistance.factories import HouseholdFactory, certify, set_standard
from tests.factories import PersonFactory, build_county, make_id_number

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2024, 6, 30)
TOMORROW = AS_OF + datetime.timedelta(days=1)
YESTERDAY = AS_OF - datetime.timedelta(days=1)
LIVING = "assistance.hardship_disability_living_subsidy_coverage"
CARE = "assistance.severe_disability_care_subsidy_coverage"
BOTH = "assistance.disability_two_subsidies_coverage"


def compute(code, region, as_of=AS_OF):
    return registry.get(code).compute(region, as_of)


def pks(code, region, part, as_of=AS_OF):
    return set(registry.get(code).drilldown(region, as_of, part).values_list("pk", flat=True))


def township(geo, index):
    return geo["townships"][index].code[:9]


def breakdown(result, key):
    entry = result.breakdown[key]
    return entry["numerator"], entry["denominator"]


# --- hand-built records ------------------------------------------------------------------------------------


def person(region, name, **kwargs):
    return PersonFactory(region=region, name=name, id_number=make_id_number(datetime.date(1980, 1, 1)), **kwargs)


def household(village, *people):
    house = HouseholdFactory(village=village)
    for index, member in enumerate(people):
        HouseholdMember.objects.create(
            household=house,
            person=member,
            relationship=Relationship.HEAD if index == 0 else Relationship.CHILD,
            joined_on=datetime.date(2015, 1, 1),
        )
    house.head = people[0]
    house.save()
    return house


def enrolment(house, programme, people, start, end=None, single=False):
    row = Enrolment.objects.create(
        programme=programme,
        household=house,
        payee=people[0],
        urban_rural="rural",
        single_person=single,
        status="ended" if end else "active",
        start_month=start,
        end_month=end,
        recheck_interval_months=12,
    )
    for member in people:
        EnrolmentMember.objects.create(enrolment=row, person=member, programme=programme, active=end is None)
    EnrolmentAmount.objects.create(
        enrolment=row, effective_from=start, amount=Decimal("100"), members_count=len(people), reason="import"
    )
    return row


@pytest.fixture
def disabled(geo, village_a, village_b):
    county = geo["county"]
    other = build_county("990202", name="邻县", townships=1, villages=1)
    other_village = other["villages"][other["townships"][0].code][0]
    june = datetime.date(2023, 6, 1)
    d = {}
    # Township A
    head_a = person(village_a, "甲户主")
    d["D1"], d["D2"] = person(village_a, "D1"), person(village_a, "D2")
    ha1 = household(village_a, head_a, d["D1"], d["D2"])
    enrolment(ha1, Programme.DIBAO, [head_a, d["D1"], d["D2"]], datetime.date(2023, 1, 1))
    certify(d["D1"], category="4", grade=1)
    certify(d["D2"], category="6", grade=3)
    enrolment(ha1, Programme.LIVING_SUBSIDY, [d["D1"]], june)
    enrolment(ha1, Programme.CARE_SUBSIDY, [d["D1"]], june)
    d["D3"] = person(village_a, "D3")
    ha2 = household(village_a, d["D3"])
    certify(d["D3"], grade=2)
    enrolment(ha2, Programme.CARE_SUBSIDY, [d["D3"]], datetime.date(2024, 7, 1))
    d["D4"] = person(village_a, "D4")
    certify(d["D4"], grade=1, cancelled_on=AS_OF)
    # Township B
    head_b = person(village_b, "乙户主")
    d["D5"] = person(village_b, "D5")
    hb2 = household(village_b, head_b, d["D5"])
    enrolment(hb2, Programme.DIBAO, [head_b, d["D5"]], datetime.date(2022, 1, 1))
    certify(d["D5"], grade=2, cancelled_on=TOMORROW)
    d["D6"] = person(village_b, "D6", death_date=YESTERDAY)
    certify(d["D6"], grade=1)
    d["D7"] = person(village_b, "D7")
    certify(d["D7"], grade=1, issued_on=TOMORROW)
    head_b3 = person(village_b, "乙退保户主")
    d["D10"] = person(village_b, "D10")
    hb3 = household(village_b, head_b3, d["D10"])
    enrolment(hb3, Programme.DIBAO, [head_b3, d["D10"]], datetime.date(2022, 1, 1), end=datetime.date(2024, 5, 1))
    certify(d["D10"], grade=4)
    enrolment(hb3, Programme.LIVING_SUBSIDY, [d["D10"]], june)
    d["D11"] = person(village_b, "D11")
    hb4 = household(village_b, d["D11"])
    certify(d["D11"], grade=2)
    enrolment(hb4, Programme.CARE_SUBSIDY, [d["D11"]], datetime.date(2024, 1, 1))
    d["D12"] = person(village_b, "D12")
    certify(d["D12"], grade=1, equivalent_care_benefit=True)
    head_b5 = person(village_b, "乙单人保户主")
    d["D13"] = person(village_b, "D13")
    hb5 = household(village_b, head_b5, d["D13"])
    enrolment(hb5, Programme.DIBAO, [d["D13"]], datetime.date(2023, 3, 1), single=True)
    certify(d["D13"], grade=3)
    enrolment(hb5, Programme.LIVING_SUBSIDY, [d["D13"]], june)
    # County level and another county
    d["D8"] = person(county, "D8")
    certify(d["D8"], grade=2)
    hc = household(village_a, person(village_a, "县级代领户主"))
    enrolment(hc, Programme.CARE_SUBSIDY, [d["D8"]], june)
    d["D9"] = person(other_village, "D9")
    certify(d["D9"], grade=1)
    other_house = household(other_village, d["D9"])
    enrolment(other_house, Programme.CARE_SUBSIDY, [d["D9"]], june)
    return d


def cert_pks(d, *names):
    return {
        d[name].disability_certificates.get(cancelled_on__isnull=True).pk
        if d[name].disability_certificates.filter(cancelled_on__isnull=True).exists()
        else d[name].disability_certificates.get().pk
        for name in names
    }


def test_living_subsidy_coverage(geo, disabled):
    county = geo["county"]
    result = compute(LIVING, county)
    assert (result.numerator.total, result.denominator.total) == (2, 4)
    assert result.value == Decimal(50)
    assert breakdown(result, township(geo, 0)) == (1, 2)
    assert breakdown(result, township(geo, 1)) == (1, 2)
    assert COUNTY_LEVEL not in result.breakdown
    assert pks(LIVING, county, "denominator") == cert_pks(disabled, "D1", "D2", "D5", "D13")
    assert pks(LIVING, county, "numerator") == cert_pks(disabled, "D1", "D13")
    assert any("残联" in note or "federation" in note for note in result.notes)


def test_care_subsidy_coverage(geo, disabled):
    county = geo["county"]
    result = compute(CARE, county)
    assert (result.numerator.total, result.denominator.total) == (3, 5)
    assert result.value == Decimal(60)
    assert breakdown(result, township(geo, 0)) == (1, 2)
    assert breakdown(result, township(geo, 1)) == (1, 2)
    assert breakdown(result, COUNTY_LEVEL) == (1, 1)
    assert pks(CARE, county, "denominator") == cert_pks(disabled, "D1", "D3", "D5", "D8", "D11")
    assert pks(CARE, county, "numerator") == cert_pks(disabled, "D1", "D8", "D11")
    # A township's own figure: drill-down for township A only.
    township_a = geo["townships"][0]
    assert pks(CARE, township_a, "numerator") == cert_pks(disabled, "D1")


def test_two_subsidies_combined_per_person_and_subsidy(geo, disabled):
    county = geo["county"]
    result = compute(BOTH, county)
    assert (result.numerator.total, result.denominator.total) == (5, 9)
    assert result.value.quantize(Decimal("0.01")) == Decimal("55.56")
    assert breakdown(result, township(geo, 0)) == (2, 4)
    assert breakdown(result, township(geo, 1)) == (2, 4)
    assert breakdown(result, COUNTY_LEVEL) == (1, 1)
    # The drill-down lists each person once even when counted for both subsidies.
    assert pks(BOTH, county, "denominator") == cert_pks(disabled, "D1", "D2", "D3", "D5", "D8", "D11", "D13")
    assert pks(BOTH, county, "numerator") == cert_pks(disabled, "D1", "D8", "D11", "D13")
    assert any("2" in note and "4" in note for note in result.notes)


def test_care_extension_to_grade_3_mental_is_dated(geo, disabled):
    county = geo["county"]
    with override_settings(CIVILAFFAIRS={"disability_care_extension_from": "2024-01-01"}):
        assert compute(CARE, county).denominator.total == 6  # D2 (mental 3) now counts; D13 is physical
    with override_settings(CIVILAFFAIRS={"disability_care_extension_from": "2024-07-01"}):
        assert compute(CARE, county).denominator.total == 5


def test_living_extension_to_low_income_households(geo, disabled, village_a):
    county = geo["county"]
    poor = person(village_a, "低收入户主")
    d14 = person(village_a, "D14")
    house = household(village_a, poor, d14)
    certify(d14, grade=2)
    LowIncomeHousehold.objects.create(
        household=house,
        category=LowIncomeCategory.LOW_INCOME,
        recognised_on=datetime.date(2024, 1, 1),
        source="proactive",
    )
    assert compute(LIVING, county).denominator.total == 4
    rule = {"disability_living_groups": {"dibao": "2016-01-01", "low_income": "2024-06-30"}}
    with override_settings(CIVILAFFAIRS=rule):
        assert compute(LIVING, county).denominator.total == 5
    later = {"disability_living_groups": {"dibao": "2016-01-01", "low_income": "2024-07-01"}}
    with override_settings(CIVILAFFAIRS=later):
        assert compute(LIVING, county).denominator.total == 4


# --- Standards ----------------------------------------------------------------------------------------------


@pytest.fixture
def dibao_standards(geo):
    county = geo["county"]
    rows = {
        "urban_2020": set_standard(county, StandardKind.DIBAO, "620", datetime.date(2020, 1, 1), "urban"),
        "rural_2020": set_standard(county, StandardKind.DIBAO, "496", datetime.date(2020, 1, 1), "rural"),
        "urban_2024": set_standard(county, StandardKind.DIBAO, "650", datetime.date(2024, 7, 1), "urban"),
        "rural_2024": set_standard(county, StandardKind.DIBAO, "530", datetime.date(2024, 7, 1), "rural"),
        "urban_future": set_standard(county, StandardKind.DIBAO, "700", datetime.date(2025, 7, 1), "urban"),
    }
    other = build_county("990202", name="邻县", townships=1, villages=1)["county"]
    set_standard(other, StandardKind.DIBAO, "900", datetime.date(2024, 7, 1), "urban")
    return rows


def test_standard_growth_is_the_lower_of_urban_and_rural(geo, dibao_standards):
    county = geo["county"]
    as_of = datetime.date(2025, 3, 1)
    result = compute("assistance.dibao_standard_growth", county, as_of)
    # urban 650 / 620 − 1 = 4.84 %; rural 530 / 496 − 1 = 6.85 %: the lower, urban.
    assert result.value.quantize(Decimal("0.0001")) == Decimal("4.8387")
    assert (result.numerator.total, result.denominator.total) == (Decimal("650.00"), Decimal("620.00"))
    for key in (township(geo, 0), township(geo, 1)):
        assert result.breakdown[key]["value"] == result.value
    assert any("6.85" in note for note in result.notes)
    code = "assistance.dibao_standard_growth"
    assert pks(code, county, "numerator", as_of) == {dibao_standards["urban_2024"].pk, dibao_standards["rural_2024"].pk}
    assert pks(code, county, "denominator", as_of) == {
        dibao_standards["urban_2020"].pk,
        dibao_standards["rural_2020"].pk,
    }


def test_standard_growth_without_a_standard_a_year_earlier_has_no_data(geo, dibao_standards):
    result = compute("assistance.dibao_standard_growth", geo["county"], datetime.date(2020, 6, 1))
    assert result.value is None and not result.has_data


def test_standard_growth_is_compared_by_the_engine_with_the_rows_reference(geo, dibao_standards, county_staff):
    from indicators.choices import TargetOperator
    from indicators.engine import row_figure
    from tests.indicators.factories import (
        IndicatorDefinitionFactory,
        ManualInputFactory,
        ManualInputTypeFactory,
        PlanFactory,
        PlanRowFactory,
    )

    county = geo["county"]
    growth = ManualInputTypeFactory(code="resident_consumption_growth", name="上年度居民人均消费支出增速")
    ManualInputFactory(type=growth, region=county, period_year=2024, value=Decimal("4.5"), entered_by=county_staff)
    plan = PlanFactory(code="test-assist-14", jurisdiction=county)
    row = PlanRowFactory(
        plan=plan,
        order=1,
        definition=IndicatorDefinitionFactory(code="assistance.dibao_standard_growth", kind="external_comparison"),
        target_operator=TargetOperator.REF_GE,
        target_value=None,
        target_reference=growth,
        baseline_value=None,
    )
    figure = row_figure(row, datetime.date(2025, 3, 1))
    assert figure.value.quantize(Decimal("0.01")) == Decimal("4.84")
    assert figure.assessment.status == "met"  # 4.84 ≥ 4.5
    references = [mi for mi in figure.manual_inputs if mi.get("role") == "reference"]
    assert len(references) == 1 and Decimal(references[0]["value"]) == Decimal("4.5")
    assert any("4.5" in note for note in figure.notes)  # the computation names the comparison figure too
    growth_row = ManualInputFactory(
        type=growth,
        region=county,
        period_year=2025,
        value=Decimal("5.0"),
        entered_by=county_staff,
        as_of=datetime.date(2025, 2, 1),
    )
    assert growth_row.effective_on <= datetime.date(2025, 3, 1)
    assert row_figure(row, datetime.date(2025, 3, 1)).assessment.status == "behind"  # 4.84 < 5.0


def test_rural_urban_ratio(geo, dibao_standards):
    county = geo["county"]
    code = "assistance.rural_urban_dibao_ratio"
    result = compute(code, county, datetime.date(2025, 3, 1))
    assert result.value.quantize(Decimal("0.01")) == Decimal("81.54")  # 530 / 650
    assert result.breakdown[township(geo, 1)]["value"] == result.value
    assert pks(code, county, "numerator", datetime.date(2025, 3, 1)) == {dibao_standards["rural_2024"].pk}
    assert compute(code, county, datetime.date(2024, 6, 30)).value.quantize(Decimal("0.01")) == Decimal("80.00")
    # A unified 城乡统筹 standard from 2025: the ratio is 100.
    set_standard(county, StandardKind.DIBAO, "680", datetime.date(2025, 1, 1), "")
    assert compute(code, county, datetime.date(2025, 3, 1)).value == Decimal(100)


# --- 流浪乞讨救助 ------------------------------------------------------------------------------------------------


def case(region, name, *, closed_on, outcome, identity_on=datetime.date(2024, 1, 10), **fields):
    return VagrantCase.objects.create(
        region=region,
        intake_on=datetime.date(2023, 12, 20) if closed_on and closed_on.year == 2023 else datetime.date(2024, 1, 5),
        intake_place="汽车站",
        found_by="patrol",
        stated_name=name,
        identity_established=identity_on is not None,
        identity_on=identity_on,
        identity_method="face" if identity_on else "",
        outcome=outcome or "",
        outcome_on=closed_on,
        closed_on=closed_on,
        **fields,
    )


@pytest.fixture
def vagrants(geo):
    a, b = geo["townships"]
    county = geo["county"]
    other = build_county("990202", name="邻县", townships=1, villages=1)["townships"][0]
    o = VagrantOutcome
    return {
        "A_home": case(a, "甲返乡", closed_on=datetime.date(2024, 3, 5), outcome=o.ESCORTED_HOME),
        "A_left": case(a, "甲自行离站", closed_on=datetime.date(2024, 4, 1), outcome=o.LEFT),
        "A_died": case(a, "甲死亡", closed_on=datetime.date(2024, 4, 2), outcome=o.DIED),
        "A_settled": case(a, "甲落户", closed_on=datetime.date(2024, 4, 3), outcome=o.SETTLED),
        "A_unknown": case(
            a, "甲未查明", closed_on=datetime.date(2024, 4, 4), outcome=o.TRANSFERRED_CARE, identity_on=None
        ),
        "A_late_id": case(
            a,
            "甲离站后查明",
            closed_on=datetime.date(2024, 2, 1),
            outcome=o.LEFT,
            identity_on=datetime.date(2024, 3, 1),
        ),
        "B_today": case(b, "乙亲属接回", closed_on=AS_OF, outcome=o.COLLECTED),
        "B_tomorrow": case(b, "乙明日结案", closed_on=TOMORROW, outcome=o.ESCORTED_HOME),
        "B_last_year": case(b, "乙去年", closed_on=datetime.date(2023, 12, 31), outcome=o.ESCORTED_HOME),
        "B_open": case(b, "乙在站", closed_on=None, outcome=""),
        "county": case(county, "县站移交", closed_on=datetime.date(2024, 2, 1), outcome=o.TRANSFERRED_HOME_STATION),
        "other": case(other, "邻县返乡", closed_on=datetime.date(2024, 3, 1), outcome=o.ESCORTED_HOME),
    }


def test_vagrant_return_rate(geo, vagrants):
    county = geo["county"]
    code = "assistance.vagrant_return_rate"
    result = compute(code, county)
    assert (result.numerator.total, result.denominator.total) == (3, 4)
    assert result.value == Decimal(75)
    assert breakdown(result, township(geo, 0)) == (1, 2)
    assert breakdown(result, township(geo, 1)) == (1, 1)
    assert breakdown(result, COUNTY_LEVEL) == (1, 1)
    v = vagrants
    assert pks(code, county, "denominator") == {v["A_home"].pk, v["A_left"].pk, v["B_today"].pk, v["county"].pk}
    assert pks(code, county, "numerator") == {v["A_home"].pk, v["B_today"].pk, v["county"].pk}
    assert registry.get(code).flow


# --- 精神卫生福利机构 --------------------------------------------------------------------------------------------


def institution(region, name, *, type_=WelfareInstitutionType.MENTAL_HEALTH, origin=WelfareInstitutionOrigin.NEW, **f):
    return WelfareInstitution.objects.create(region=region, name=name, institution_type=type_, origin=origin, **f)


def test_new_mental_health_institutions_milestone(geo):
    a, b = geo["townships"][0], geo["townships"][1]
    b_village = geo["villages"][b.code][0]
    county = geo["county"]
    other = build_county("990202", name="邻县", townships=1, villages=1)["county"]
    at_county = institution(county, "县精神康复福利中心", opened_on=datetime.date(2022, 5, 1))
    in_a = institution(a, "甲镇精神卫生福利院", opened_on=datetime.date(2021, 6, 1), closed_on=TOMORROW)
    in_b = institution(b_village, "乙镇精神康复站", opened_on=datetime.date(2021, 1, 1))  # first day of the period
    institution(a, "甲镇老院", opened_on=datetime.date(2020, 12, 31))
    institution(county, "改扩建", origin=WelfareInstitutionOrigin.EXPANDED, opened_on=datetime.date(2023, 1, 1))
    institution(county, "明日投用", opened_on=TOMORROW)
    institution(a, "今日停办", opened_on=datetime.date(2021, 6, 1), closed_on=AS_OF)
    institution(b, "乙镇昨日停办", opened_on=datetime.date(2022, 3, 1), closed_on=YESTERDAY)
    institution(county, "儿童福利院", type_=WelfareInstitutionType.CHILD_WELFARE, opened_on=datetime.date(2022, 1, 1))
    institution(county, "在建精神卫生中心", construction_progress=60)
    institution(other, "邻县精神卫生中心", opened_on=datetime.date(2022, 1, 1))
    code = "assistance.new_mental_health_welfare_institutions"
    result = compute(code, county)
    assert result.value == Decimal(3) and result.denominator is None
    assert breakdown(result, township(geo, 0)) == (1, None)
    assert breakdown(result, township(geo, 1)) == (1, None)
    assert breakdown(result, COUNTY_LEVEL) == (1, None)
    assert {key: entry["value"] for key, entry in result.breakdown.items()} == {
        township(geo, 0): 1,
        township(geo, 1): 1,
        COUNTY_LEVEL: 1,
    }
    assert pks(code, county, "numerator") == {at_county.pk, in_a.pk, in_b.pk}
    assert any("在建精神卫生中心" in note and "60%" in note for note in result.notes)
    # The day before yesterday 乙镇's second institution was still open.
    assert breakdown(compute(code, county, YESTERDAY - datetime.timedelta(days=1)), township(geo, 1))[0] == 2


def test_computations_match_the_definitions_file():
    import yaml
    from django.conf import settings

    path = settings.BASE_DIR / "fixtures" / "indicators" / "definitions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data if isinstance(data, list) else data["definitions"]
    ours = [d for d in items if d["code"].startswith("assistance.")]
    assert len(ours) == 7
    for definition in ours:
        computation = registry.get(definition["code"])
        for field in ("name", "unit", "kind", "direction", "flow", "formula"):
            assert getattr(computation, field) == definition[field], (definition["code"], field)


def test_region_above_a_county_gets_no_standard_figure(geo, dibao_standards):
    province = Region.objects.get(code=geo["province"].code)
    result = compute("assistance.dibao_standard_growth", province, datetime.date(2025, 3, 1))
    assert result.value is None
