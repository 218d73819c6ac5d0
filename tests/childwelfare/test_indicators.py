"""Child-welfare definitions computed from hand-built stations and institutions, through the registry.

Townships on 2024-06-30: A (station since 2022, plus a second one), B (station closed today, another opening
tomorrow), C (station established today); D abolished today and an industrial park are not townships.
"""

import datetime
from decimal import Decimal

import pytest
import yaml
from django.conf import settings
from django.utils import translation

from childwelfare.choices import InstitutionKind, StationKind
from indicators import registry
from indicators.registry import COUNTY_LEVEL

from .conftest import AS_OF, TOMORROW
from .factories import ChildInstitutionFactory, StationFactory

CODES = [
    "childwelfare.township_minor_protection_station_coverage",
    "childwelfare.minor_protection_model_site_coverage",
    "childwelfare.minor_rescue_institution_coverage",
]
STATION = "childwelfare.township_minor_protection_station_coverage"
MODEL = "childwelfare.minor_protection_model_site_coverage"
RESCUE = "childwelfare.minor_rescue_institution_coverage"


def compute(code, region, as_of=AS_OF):
    return registry.get(code).compute(region, as_of)


def pks(code, region, part, as_of=AS_OF):
    return set(registry.get(code).drilldown(region, as_of, part).values_list("pk", flat=True))


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


@pytest.fixture
def stations(geo, township_a, township_b, township_c, not_counted_units, other_county):
    a1, a2 = geo["villages"][township_a.code]
    b1, b2 = geo["villages"][township_b.code]
    abolished, _park = not_counted_units
    s = {}
    s["a"] = StationFactory(
        name="甲镇未成年人保护工作站", region=township_a, is_model=True, model_recognised_on=datetime.date(2023, 1, 1)
    )
    s["a_second"] = StationFactory(name="甲镇第二工作站", region=township_a, established_on=datetime.date(2023, 5, 1))
    s["b_closed_today"] = StationFactory(
        name="乙镇工作站（今日撤销）",
        region=township_b,
        established_on=datetime.date(2020, 1, 1),
        closed_on=AS_OF,
        is_model=True,
        model_recognised_on=datetime.date(2021, 1, 1),
    )
    s["b_tomorrow"] = StationFactory(name="乙镇新工作站", region=township_b, established_on=TOMORROW)
    s["c_today"] = StationFactory(name="丙乡工作站", region=township_c, established_on=AS_OF)
    s["abolished"] = StationFactory(name="丁镇工作站", region=abolished, established_on=datetime.date(2020, 1, 1))
    other_township = other_county["townships"][0]
    s["other_county"] = StationFactory(name="丙县工作站", region=other_township)
    # Village level
    s["a1_model"] = StationFactory(
        name="甲1村示范点",
        kind=StationKind.VILLAGE_POINT,
        region=a1,
        is_model=True,
        model_recognised_on=datetime.date(2024, 1, 1),
    )
    s["a2_model_tomorrow"] = StationFactory(
        name="甲2村儿童之家",
        kind=StationKind.CHILDRENS_HOME,
        region=a2,
        is_model=True,
        model_recognised_on=TOMORROW,
    )
    s["b1_revoked_today"] = StationFactory(
        name="乙1村示范点（今日撤销示范）",
        kind=StationKind.VILLAGE_POINT,
        region=b1,
        is_model=True,
        model_recognised_on=datetime.date(2022, 1, 1),
        model_revoked_on=AS_OF,
    )
    s["b1_plain"] = StationFactory(name="乙1村工作点", kind=StationKind.VILLAGE_POINT, region=b1)
    s["b2_revoked_tomorrow"] = StationFactory(
        name="乙2村示范点",
        kind=StationKind.VILLAGE_POINT,
        region=b2,
        is_model=True,
        model_recognised_on=datetime.date(2022, 1, 1),
        model_revoked_on=TOMORROW,
    )
    return s


def test_station_coverage_counts_townships_with_an_open_station(geo, township_a, township_b, township_c, stations):
    result = compute(STATION, geo["county"])
    assert (result.numerator.total, result.denominator.total) == (2, 3)
    assert result.value.quantize(Decimal("0.01")) == Decimal("66.67")
    assert result.breakdown[township_a.code[:9]]["numerator"] == 1  # two stations, counted once
    assert result.breakdown[township_b.code[:9]]["value"] == 0
    assert pks(STATION, geo["county"], "numerator") == {township_a.pk, township_c.pk}
    assert pks(STATION, geo["county"], "denominator") == {township_a.pk, township_b.pk, township_c.pk}


def test_station_coverage_the_day_before_and_after(geo, township_a, township_b, township_c, stations):
    # The day before: A, B (its station closes only on the date) and D, abolished only on the date; C not yet.
    before = compute(STATION, geo["county"], AS_OF - datetime.timedelta(days=1))
    assert (before.numerator.total, before.denominator.total) == (3, 4)
    after = compute(STATION, geo["county"], TOMORROW)
    assert after.numerator.total == 3
    assert pks(STATION, geo["county"], "numerator", TOMORROW) == {township_a.pk, township_b.pk, township_c.pk}


def test_model_site_coverage_pools_townships_and_villages(geo, township_a, township_b, township_c, stations):
    a1, a2 = geo["villages"][township_a.code]
    b1, b2 = geo["villages"][township_b.code]
    result = compute(MODEL, geo["county"])
    assert (result.numerator.total, result.denominator.total) == (3, 7)
    assert result.value.quantize(Decimal("0.01")) == Decimal("42.86")
    assert (
        result.breakdown[township_a.code[:9]]["numerator"],
        result.breakdown[township_a.code[:9]]["denominator"],
    ) == (2, 3)
    assert (
        result.breakdown[township_b.code[:9]]["numerator"],
        result.breakdown[township_b.code[:9]]["denominator"],
    ) == (1, 3)
    assert (
        result.breakdown[township_c.code[:9]]["numerator"],
        result.breakdown[township_c.code[:9]]["denominator"],
    ) == (0, 1)
    assert pks(MODEL, geo["county"], "numerator") == {township_a.pk, a1.pk, b2.pk}
    assert pks(MODEL, geo["county"], "denominator") == {
        township_a.pk,
        township_b.pk,
        township_c.pk,
        a1.pk,
        a2.pk,
        b1.pk,
        b2.pk,
    }
    with translation.override("zh-hans"):
        notes = compute(MODEL, geo["county"]).notes
    assert notes == ["乡镇示范站：3个中有1个（33.3%）。", "村（社区）示范点：4个中有2个（50.0%）。"]


@pytest.fixture
def rescue(geo, township_a, other_county):
    return {
        "welfare": ChildInstitutionFactory(name="测试县儿童福利院", region=geo["county"]),
        "plated_tomorrow": ChildInstitutionFactory(
            name="测试县未成年人救助保护中心（儿童福利院加挂）",
            kind=InstitutionKind.COMBINED,
            region=geo["county"],
            rescue_function_since=TOMORROW,
        ),
        "closed_today": ChildInstitutionFactory(
            name="甲镇临时救助保护点",
            kind=InstitutionKind.RESCUE_CENTRE,
            region=township_a,
            opened_on=datetime.date(2019, 1, 1),
            rescue_function_since=datetime.date(2019, 1, 1),
            closed_on=AS_OF,
        ),
        "other_county": ChildInstitutionFactory(
            name="丙县未成年人救助保护中心",
            kind=InstitutionKind.RESCUE_CENTRE,
            region=other_county["county"],
            rescue_function_since=datetime.date(2019, 1, 1),
        ),
    }


def test_rescue_coverage_is_zero_until_the_institution_is_plated(geo, rescue):
    result = compute(RESCUE, geo["county"])
    assert (result.numerator.total, result.denominator.total) == (0, 1)
    assert result.value == 0
    assert result.breakdown[COUNTY_LEVEL]["denominator"] == 1
    assert pks(RESCUE, geo["county"], "numerator") == set()
    assert pks(RESCUE, geo["county"], "denominator") == {geo["county"].pk}


def test_rescue_coverage_is_100_from_the_plating_date(geo, rescue):
    result = compute(RESCUE, geo["county"], TOMORROW)
    assert result.value == 100
    assert pks(RESCUE, geo["county"], "numerator", TOMORROW) == {geo["county"].pk}


def test_rescue_coverage_counts_an_institution_held_by_a_township(geo, township_a, rescue):
    # The day before, the township's rescue point was still running: it serves the county.
    assert compute(RESCUE, geo["county"], AS_OF - datetime.timedelta(days=1)).value == 100


def test_rescue_coverage_over_a_city_counts_each_county(geo, rescue, other_county):
    result = compute(RESCUE, geo["city"])
    # 990101's city is 9901; 丙县 (990202) belongs to another city.
    assert (result.numerator.total, result.denominator.total) == (0, 1)
