"""The six funeral and marriage computations, run through the registry on hand-built records in two townships,
with the edge records every definition names: closed today vs tomorrow, dated after the as-of date, in another
county, held at county level. Each test checks the county value, each township's value and the drill-down lists."""

import datetime
from decimal import Decimal

import pytest

from civilaffairs.choices import Role
from funeral.choices import BurialZoneKind, CrossProvinceBusiness, FacilityType, Fuel, RegistrationKind
from indicators import registry
from indicators.registry import COUNTY_LEVEL
from tests.factories import UserFactory, region
from tests.funeral.conftest import AS_OF
from tests.funeral.factories import (
    BurialZoneFactory,
    ConstructionProjectFactory,
    CountFactory,
    CrematorFactory,
    CrossProvinceFactory,
    EmissionTestFactory,
    FuneralFacilityFactory,
    OfficeFactory,
    approve_progress,
    cross_province_both,
)

pytestmark = pytest.mark.django_db

TOMORROW = AS_OF + datetime.timedelta(days=1)


def key(township) -> str:
    return township.code[:9]


def pks(queryset) -> set:
    return set(queryset.values_list("pk", flat=True))


def compute(code, where, as_of=AS_OF):
    return registry.get(code).compute(where, as_of)


def drill(code, where, part, as_of=AS_OF):
    return pks(registry.get(code).drilldown(where, as_of, part))


# --- 城乡公益性安葬（放）设施覆盖率（村（社区）口径） ----------------------------------------------------------------

VILLAGE = "funeral.village_public_burial_facility_coverage"


@pytest.fixture
def village_world(geo, township_a, township_b, other_village):
    county = geo["county"]
    a1, a2 = geo["villages"][township_a.code]
    b1, b2 = geo["villages"][township_b.code]
    a3 = region("990101100203", "甲3村", "village", "村", township_a)
    a3.abolished_on = AS_OF  # abolished today: no longer a village on the as-of date
    a3.save()
    a4 = region("990101100204", "甲4村", "village", "村", township_a)
    a4.abolished_on = TOMORROW  # abolished tomorrow: still counts, uncovered
    a4.save()
    # Township A: a rural public cemetery in 甲1村 serving 甲2村 too.
    FuneralFacilityFactory(name="甲1村公墓", region=a1, served=[a2])
    # Township B: 乙1村 has only a commercial cemetery, a burial site closed today, one opening tomorrow and a
    # planned one; 乙2村 is served by a township columbarium closing tomorrow and by a county one (counted once).
    FuneralFacilityFactory(
        name="经营性公墓", region=b1, facility_type=FacilityType.COMMERCIAL_CEMETERY, is_public=False
    )
    FuneralFacilityFactory(name="乙1村安葬点", region=b1, facility_type=FacilityType.RURAL_BURIAL_SITE, closed_on=AS_OF)
    FuneralFacilityFactory(name="乙1村新公墓", region=b1, opened_on=TOMORROW)
    FuneralFacilityFactory(name="规划公墓", region=township_b, opened_on=None, served=[b1])
    FuneralFacilityFactory(
        name="乙镇骨灰堂", region=township_b, facility_type=FacilityType.COLUMBARIUM, closed_on=TOMORROW, served=[b2]
    )
    FuneralFacilityFactory(name="县公益性骨灰堂", region=county, facility_type=FacilityType.COLUMBARIUM, served=[b2])
    # A non-burial facility serving 乙1村 does not cover it.
    FuneralFacilityFactory(
        name="乙镇殡仪服务站", region=township_b, facility_type=FacilityType.SERVICE_STATION, served=[b1]
    )
    FuneralFacilityFactory(name="邻县公墓", region=other_village)
    return {"a1": a1, "a2": a2, "a4": a4, "b1": b1, "b2": b2}


def test_village_coverage_counts_villages_a_public_burial_facility_in_use_stands_in_or_serves(
    geo, township_a, township_b, village_world
):
    result = compute(VILLAGE, geo["county"])
    assert result.numerator.total == 3 and result.denominator.total == 5
    assert result.value == Decimal(60)
    assert result.breakdown[key(township_a)]["numerator"] == 2
    assert result.breakdown[key(township_a)]["denominator"] == 3
    assert result.breakdown[key(township_b)]["value"] == Decimal(50)
    assert COUNTY_LEVEL not in result.breakdown
    w = village_world
    assert drill(VILLAGE, geo["county"], "numerator") == {w["a1"].pk, w["a2"].pk, w["b2"].pk}
    assert drill(VILLAGE, geo["county"], "denominator") == {w["a1"].pk, w["a2"].pk, w["a4"].pk, w["b1"].pk, w["b2"].pk}


def test_village_coverage_for_one_township_and_after_a_facility_closes(geo, township_b, village_world):
    assert compute(VILLAGE, township_b).value == Decimal(50)
    # Tomorrow the township columbarium has closed but the county one still serves 乙2村, and the new cemetery in
    # 乙1村 is open.
    tomorrow = compute(VILLAGE, township_b, TOMORROW)
    assert (tomorrow.numerator.total, tomorrow.value) == (2, Decimal(100))


# --- 县级公益性安葬（放）设施覆盖率 ----------------------------------------------------------------------------------

COUNTY = "funeral.county_public_burial_facility_coverage"


def test_county_coverage_is_100_with_a_cremation_zone_and_a_public_facility_in_use(geo, township_a, township_b):
    BurialZoneFactory(township=township_a, kind=BurialZoneKind.CREMATION)
    BurialZoneFactory(township=township_b, kind=BurialZoneKind.BURIAL_REFORM)
    FuneralFacilityFactory(
        name="县城市公益性公墓", region=geo["county"], facility_type=FacilityType.URBAN_PUBLIC_CEMETERY
    )
    result = compute(COUNTY, geo["county"])
    assert (result.numerator.total, result.denominator.total, result.value) == (1, 1, Decimal(100))
    assert result.breakdown[COUNTY_LEVEL]["value"] == Decimal(100)
    assert drill(COUNTY, geo["county"], "numerator") == {geo["county"].pk}
    assert any("参考（不参与计算）" in note for note in result.notes)


def test_county_coverage_is_0_with_only_a_commercial_or_closed_facility(geo, township_a, village_a):
    BurialZoneFactory(township=township_a, kind=BurialZoneKind.CREMATION)
    FuneralFacilityFactory(
        name="经营性公墓", region=village_a, facility_type=FacilityType.COMMERCIAL_CEMETERY, is_public=False
    )
    FuneralFacilityFactory(name="已关闭公墓", region=village_a, closed_on=AS_OF)
    FuneralFacilityFactory(name="明日启用公墓", region=village_a, opened_on=TOMORROW)
    result = compute(COUNTY, geo["county"])
    assert (result.numerator.total, result.denominator.total, result.value) == (0, 1, Decimal(0))
    assert drill(COUNTY, geo["county"], "numerator") == set()
    assert drill(COUNTY, geo["county"], "denominator") == {geo["county"].pk}
    assert compute(COUNTY, geo["county"], TOMORROW).value == Decimal(100)


def test_county_without_cremation_zone_has_no_value(geo, township_a, village_a):
    zone = BurialZoneFactory(township=township_a, kind=BurialZoneKind.CREMATION, valid_to=AS_OF)
    FuneralFacilityFactory(name="甲村公墓", region=village_a)
    result = compute(COUNTY, geo["county"])
    assert result.denominator.total == 0 and result.value is None
    assert any("不适用" in note for note in result.notes)
    assert compute(COUNTY, geo["county"], AS_OF - datetime.timedelta(days=1)).value == Decimal(100)
    assert zone.township == township_a


def test_county_coverage_over_two_counties_counts_each_county_once(geo, township_a, village_a, other_county):
    BurialZoneFactory(township=township_a, kind=BurialZoneKind.CREMATION)
    FuneralFacilityFactory(name="甲村公墓", region=village_a)
    FuneralFacilityFactory(name="甲村公墓二", region=village_a)
    BurialZoneFactory(township=other_county["townships"][0], kind=BurialZoneKind.CREMATION)
    result = compute(COUNTY, geo["province"])
    assert (result.numerator.total, result.denominator.total, result.value) == (1, 2, Decimal(50))
    assert drill(COUNTY, geo["province"], "numerator") == {geo["county"].pk}
    assert compute(COUNTY, geo["county"]).value == Decimal(100)


# --- 环保节能火化炉数量 -------------------------------------------------------------------------------------------

CREMATORS = "funeral.eco_cremator_count"


@pytest.fixture
def cremator_world(geo, township_a, other_village):
    home = FuneralFacilityFactory(
        name="县殡仪馆",
        region=geo["county"],
        facility_type=FacilityType.FUNERAL_HOME,
        opened_on=datetime.date(2010, 1, 1),
    )
    centre = FuneralFacilityFactory(
        name="甲镇殡仪服务中心", region=township_a, facility_type=FacilityType.SERVICE_CENTRE, is_public=True
    )
    other_home = FuneralFacilityFactory(
        name="邻县殡仪馆", region=other_village, facility_type=FacilityType.FUNERAL_HOME
    )

    def cremator(facility=home, tests=((datetime.date(2024, 1, 10), True),), **kwargs):
        unit = CrematorFactory(facility=facility, **kwargs)
        for tested_on, passed in tests:
            EmissionTestFactory(cremator=unit, tested_on=tested_on, passed=passed)
        return unit

    counted = {
        "tested_this_year": cremator(),
        "tested_11_months_ago": cremator(tests=((datetime.date(2023, 7, 1), True),)),
        "scrapped_tomorrow": cremator(scrap_due_on=TOMORROW),
        "at_township_centre": cremator(facility=centre, fuel=Fuel.NATURAL_GAS, has_flue_gas_treatment=False),
        "decommissioned_tomorrow": cremator(decommissioned_on=TOMORROW),
    }
    excluded = {
        "test_12_months_old": cremator(tests=((datetime.date(2023, 6, 30), True),)),
        "latest_test_failed": cremator(tests=((datetime.date(2023, 9, 1), True), (datetime.date(2024, 3, 1), False))),
        "scrap_date_today": cremator(scrap_due_on=AS_OF),
        "not_eco": cremator(is_eco=False, has_flue_gas_treatment=False),
        "decommissioned_today": cremator(decommissioned_on=AS_OF),
        "commissioned_tomorrow": cremator(commissioned_on=TOMORROW),
        "only_tested_after": cremator(tests=((datetime.date(2024, 7, 5), True),)),
        "never_tested": cremator(tests=()),
        "other_county": cremator(facility=other_home),
    }
    return counted, excluded


def test_eco_cremator_count_counts_eco_units_in_use_tested_clean_and_within_service_life(
    geo, township_a, cremator_world
):
    counted, _excluded = cremator_world
    result = compute(CREMATORS, geo["county"])
    assert result.value == Decimal(5) and result.denominator is None
    assert result.breakdown[COUNTY_LEVEL]["value"] == Decimal(4)
    assert result.breakdown[key(township_a)]["value"] == Decimal(1)
    assert drill(CREMATORS, geo["county"], "numerator") == {unit.pk for unit in counted.values()}
    assert any("12个月" in note for note in result.notes)


def test_eco_cremator_count_per_township_for_two_townships(geo, township_a, township_b, other_village):
    yesterday = AS_OF - datetime.timedelta(days=1)
    tested = datetime.date(2024, 1, 10)

    def cremator(facility, **kwargs):
        unit = CrematorFactory(facility=facility, **kwargs)
        EmissionTestFactory(cremator=unit, tested_on=tested, passed=True)
        return unit

    home = FuneralFacilityFactory(name="县殡仪馆", region=geo["county"], facility_type=FacilityType.FUNERAL_HOME)
    a_centre = FuneralFacilityFactory(
        name="甲镇殡仪服务中心", region=township_a, facility_type=FacilityType.SERVICE_CENTRE
    )
    b_village = geo["villages"][township_b.code][0]
    b_centre = FuneralFacilityFactory(
        name="乙镇殡仪服务中心", region=b_village, facility_type=FacilityType.SERVICE_CENTRE
    )
    b_closed = FuneralFacilityFactory(
        name="乙镇旧火化点（昨日关闭）",
        region=township_b,
        facility_type=FacilityType.SERVICE_CENTRE,
        closed_on=yesterday,
    )
    counted = {cremator(home), cremator(a_centre), cremator(b_centre)}
    cremator(b_centre, decommissioned_on=yesterday)
    cremator(b_centre, scrap_due_on=yesterday)
    cremator(b_closed)  # in working order, but its facility closed the day before
    cremator(FuneralFacilityFactory(name="邻县殡仪馆", region=other_village, facility_type=FacilityType.FUNERAL_HOME))

    result = compute(CREMATORS, geo["county"])
    assert result.value == Decimal(3) and result.denominator is None
    assert result.breakdown[COUNTY_LEVEL]["value"] == Decimal(1)
    assert result.breakdown[key(township_a)]["value"] == Decimal(1)
    assert result.breakdown[key(township_b)]["value"] == Decimal(1)
    assert drill(CREMATORS, geo["county"], "numerator") == {unit.pk for unit in counted}
    # The day before yesterday, B's decommissioned, scrapped and closed-facility units all still counted.
    day_before = compute(CREMATORS, geo["county"], yesterday - datetime.timedelta(days=1))
    assert day_before.breakdown[key(township_b)]["value"] == Decimal(4)


def test_eco_cremator_count_follows_the_county_test_validity_setting(geo, cremator_world, settings):
    settings.CIVILAFFAIRS = {"counties": {"990101": {"funeral_emission_test_valid_months": 6}}}
    counted, _ = cremator_world
    assert compute(CREMATORS, geo["county"]).value == Decimal(4)
    assert counted["tested_11_months_ago"].pk not in drill(CREMATORS, geo["county"], "numerator")


def test_eco_cremator_drilldown_shows_the_latest_test_date(geo, cremator_world):
    counted, _ = cremator_world
    rows = registry.get(CREMATORS).drilldown(geo["county"], AS_OF, "numerator")
    dates = {row.pk: row.last_tested_on for row in rows}
    assert dates[counted["tested_11_months_ago"].pk] == datetime.date(2023, 7, 1)


# --- 殡葬设施建设项目完成进度 ----------------------------------------------------------------------------------------

PROJECTS = "funeral.facility_project_progress"


@pytest.fixture
def people(geo):
    staff = UserFactory(username="progress_staff", role=Role.COUNTY_STAFF, jurisdiction=geo["county"])
    admin = UserFactory(username="progress_admin", role=Role.ADMIN, jurisdiction=geo["county"])
    return staff, admin


@pytest.fixture
def project_world(geo, township_a, other_county, people):
    staff, admin = people
    county = geo["county"]
    in_progress = ConstructionProjectFactory(name="区殡仪馆改扩建工程", region=county)
    approve_progress(in_progress, 40, datetime.date(2023, 12, 31), entered_by=staff, approved_by=admin)
    latest = approve_progress(in_progress, 60, datetime.date(2024, 3, 31), entered_by=staff, approved_by=admin)
    approve_progress(in_progress, 80, datetime.date(2024, 9, 30), entered_by=staff, approved_by=admin)
    from indicators.choices import ManualInputStatus
    from indicators.models import ManualInput

    draft = approve_progress(in_progress, 90, datetime.date(2024, 6, 1), entered_by=staff, approved_by=admin)
    ManualInput.objects.filter(pk=draft.pk).update(status=ManualInputStatus.DRAFT, approved_by=None)
    completed = ConstructionProjectFactory(
        name="花山生态陵园建设工程", region=township_a, completed_on=AS_OF, started_on=datetime.date(2021, 4, 1)
    )
    not_started = ConstructionProjectFactory(name="公益性骨灰堂建设工程", region=county, started_on=None)
    approve_progress(not_started, 30, datetime.date(2024, 5, 31), entered_by=staff, approved_by=admin)
    ConstructionProjectFactory(name="殡仪服务站建设项目", region=county, in_indicator_table=False)
    ConstructionProjectFactory(name="邻县殡仪馆工程", region=other_county["county"])
    return {"in_progress": in_progress, "completed": completed, "not_started": not_started, "latest": latest}


def test_project_progress_averages_the_linked_projects_latest_approved_progress(geo, township_a, project_world):
    w = project_world
    result = compute(PROJECTS, geo["county"])
    assert result.numerator.total == Decimal("1.6") and result.denominator.total == 3
    assert round(result.value, 2) == Decimal("53.33")
    assert result.breakdown[COUNTY_LEVEL]["value"] == Decimal(30)
    assert result.breakdown[key(township_a)]["value"] == Decimal(100)
    assert drill(PROJECTS, geo["county"], "numerator") == {w["in_progress"].pk, w["completed"].pk}
    assert drill(PROJECTS, geo["county"], "denominator") == {
        w["in_progress"].pk,
        w["completed"].pk,
        w["not_started"].pk,
    }
    used = {(m["subject"], m["value"]) for m in result.manual_inputs}
    assert ("区殡仪馆改扩建工程", "60.0000") in used
    assert any(n.startswith("区殡仪馆改扩建工程：在建，计入进度 60%") for n in result.notes), result.notes
    assert any("未登记开工日期" in n for n in result.notes)


def test_project_progress_before_completion_and_with_no_figure(geo, project_world):
    day_before = AS_OF - datetime.timedelta(days=1)
    result = compute(PROJECTS, geo["county"], day_before)
    # 花山 is under construction without a figure (0); 区殡仪馆 is at 60%.
    assert result.numerator.total == Decimal("0.6")
    assert round(result.value, 2) == Decimal(20)


def test_project_progress_drilldown_shows_the_share_counted(geo, project_world):
    rows = registry.get(PROJECTS).drilldown(geo["county"], AS_OF, "denominator")
    shares = {row.name: row.progress_share for row in rows}
    assert shares == {
        "区殡仪馆改扩建工程": Decimal(60),
        "花山生态陵园建设工程": Decimal(100),
        "公益性骨灰堂建设工程": 0,
    }


# --- 婚姻登记机构在线登记率 -----------------------------------------------------------------------------------------

ONLINE = "funeral.marriage_online_registration_rate"


@pytest.fixture
def count_world(geo, township_a, other_county):
    centre = OfficeFactory(name="县婚姻登记中心", region=geo["county"])
    station = OfficeFactory(name="甲镇婚姻登记处", region=township_a)
    other = OfficeFactory(name="邻县婚姻登记中心", region=other_county["county"])
    counted = [
        CountFactory(office=centre, date=datetime.date(2024, 1, 1), total=10, online=9),
        CountFactory(office=centre, date=AS_OF, kind=RegistrationKind.DIVORCE, total=5, online=5),
        CountFactory(
            office=centre,
            date=datetime.date(2024, 3, 1),
            kind=RegistrationKind.CERTIFICATE_REISSUE,
            total=4,
            online=2,
            backfilled=2,
        ),
        CountFactory(
            office=station,
            date=datetime.date(2024, 4, 1),
            kind=RegistrationKind.SUPPLEMENTARY_MARRIAGE,
            total=6,
            online=3,
            cross_province=1,
        ),
    ]
    annulment = CountFactory(
        office=centre, date=datetime.date(2024, 2, 1), kind=RegistrationKind.ANNULMENT, total=1, online=0
    )
    CountFactory(office=centre, date=datetime.date(2023, 12, 31), total=100, online=0)  # last year
    CountFactory(office=centre, date=TOMORROW, total=100, online=0)  # after the as-of date
    backfill_only = CountFactory(office=station, date=datetime.date(2024, 4, 2), total=20, online=0, backfilled=20)
    CountFactory(office=other, date=datetime.date(2024, 5, 1), total=50, online=0)
    return {"counted": counted, "annulment": annulment, "backfill_only": backfill_only}


def test_online_rate_counts_this_years_registrations_without_backfills_or_annulments(geo, township_a, count_world):
    result = compute(ONLINE, geo["county"])
    assert (result.numerator.total, result.denominator.total) == (19, 23)
    assert round(result.value, 2) == Decimal("82.61")
    assert (result.breakdown[COUNTY_LEVEL]["numerator"], result.breakdown[COUNTY_LEVEL]["denominator"]) == (16, 17)
    assert result.breakdown[key(township_a)]["value"] == Decimal(50)
    expected = {row.pk for row in count_world["counted"]}
    assert drill(ONLINE, geo["county"], "numerator") == expected
    assert drill(ONLINE, geo["county"], "denominator") == expected


def test_online_rate_per_township_for_two_townships(geo, township_a, township_b, other_county):
    yesterday = AS_OF - datetime.timedelta(days=1)
    centre = OfficeFactory(name="县婚姻登记中心", region=geo["county"])
    a_office = OfficeFactory(name="甲镇婚姻登记处", region=township_a)
    b_office = OfficeFactory(name="乙镇婚姻登记处", region=geo["villages"][township_b.code][0])
    b_closed = OfficeFactory(name="乙镇旧登记处（昨日撤销）", region=township_b, closed_on=yesterday)
    other = OfficeFactory(name="邻县婚姻登记中心", region=other_county["county"])
    centre_jan = CountFactory(office=centre, date=datetime.date(2024, 1, 1), total=10, online=8)
    a_mar = CountFactory(office=a_office, date=datetime.date(2024, 3, 1), total=5, online=5)
    b_jan = CountFactory(office=b_office, date=datetime.date(2024, 1, 1), total=4, online=4)
    b_today = CountFactory(office=b_office, date=AS_OF, total=2, online=0)  # none online: denominator only
    # Registered at the old office before it closed yesterday: this year's registrations, counted.
    b_closed_may = CountFactory(office=b_closed, date=datetime.date(2024, 5, 1), total=6, online=3)
    CountFactory(office=b_office, date=datetime.date(2023, 12, 31), total=50, online=0)
    CountFactory(office=b_office, date=TOMORROW, total=50, online=0)
    CountFactory(office=other, date=datetime.date(2024, 5, 1), total=9, online=0)

    result = compute(ONLINE, geo["county"])
    assert (result.numerator.total, result.denominator.total) == (20, 27)
    assert round(result.value, 2) == Decimal("74.07")
    assert result.breakdown[COUNTY_LEVEL]["value"] == Decimal(80)
    assert result.breakdown[key(township_a)]["value"] == Decimal(100)
    assert (result.breakdown[key(township_b)]["numerator"], result.breakdown[key(township_b)]["denominator"]) == (7, 12)
    assert round(result.breakdown[key(township_b)]["value"], 2) == Decimal("58.33")
    assert drill(ONLINE, geo["county"], "numerator") == {c.pk for c in (centre_jan, a_mar, b_jan, b_closed_may)}
    assert drill(ONLINE, geo["county"], "denominator") == {
        c.pk for c in (centre_jan, a_mar, b_jan, b_today, b_closed_may)
    }


def test_online_rate_counts_annulments_where_the_county_says_so(geo, count_world, settings):
    settings.CIVILAFFAIRS = {"counties": {"990101": {"marriage_count_annulments": True}}}
    result = compute(ONLINE, geo["county"])
    assert (result.numerator.total, result.denominator.total) == (19, 24)
    assert count_world["annulment"].pk in drill(ONLINE, geo["county"], "denominator")
    assert any("撤销婚姻按县级设置计入" in n for n in result.notes)


def test_online_rate_has_no_value_before_any_registration_of_the_year(geo, count_world):
    assert compute(ONLINE, geo["county"], datetime.date(2023, 1, 1)).value is None


# --- 婚姻登记“跨省通办”实施率 ---------------------------------------------------------------------------------------

CROSS = "funeral.marriage_cross_province_office_rate"


def test_cross_province_rate_counts_operating_offices_with_both_businesses_open(
    geo, township_a, township_b, other_county
):
    centre = OfficeFactory(name="县婚姻登记中心", region=geo["county"])
    cross_province_both(centre)
    only_marriage = OfficeFactory(name="甲镇登记处", region=township_a)
    CrossProvinceFactory(office=only_marriage, business=CrossProvinceBusiness.MARRIAGE)
    suspended = OfficeFactory(name="乙镇登记处", region=township_b)
    CrossProvinceFactory(office=suspended, business=CrossProvinceBusiness.MARRIAGE)
    CrossProvinceFactory(office=suspended, business=CrossProvinceBusiness.DIVORCE, suspended_on=AS_OF)
    closed = OfficeFactory(name="乙镇旧登记处", region=township_b, closed_on=AS_OF)
    cross_province_both(closed)
    OfficeFactory(name="乙镇新登记处", region=township_b, opened_on=TOMORROW)
    late = OfficeFactory(name="乙镇二登记处", region=township_b)
    cross_province_both(late, enabled_on=TOMORROW)
    cross_province_both(OfficeFactory(name="邻县登记中心", region=other_county["county"]))

    result = compute(CROSS, geo["county"])
    assert (result.numerator.total, result.denominator.total, result.value) == (1, 4, Decimal(25))
    assert result.breakdown[COUNTY_LEVEL]["value"] == Decimal(100)
    assert result.breakdown[key(township_a)]["value"] == Decimal(0)
    assert (result.breakdown[key(township_b)]["numerator"], result.breakdown[key(township_b)]["denominator"]) == (0, 2)
    assert drill(CROSS, geo["county"], "numerator") == {centre.pk}
    assert drill(CROSS, geo["county"], "denominator") == {centre.pk, only_marriage.pk, suspended.pk, late.pk}
    # The day before, the suspended office still had both open; the next day the late one opens.
    assert compute(CROSS, geo["county"], AS_OF - datetime.timedelta(days=1)).numerator.total == 3
    assert compute(CROSS, geo["county"], TOMORROW).numerator.total == 2


def test_every_definition_in_the_fixture_is_registered_with_its_attributes():
    import yaml
    from django.conf import settings

    path = settings.BASE_DIR / "fixtures" / "indicators" / "definitions.yaml"
    definitions = [d for d in yaml.safe_load(path.read_text(encoding="utf-8")) if d["code"].startswith("funeral.")]
    assert len(definitions) == 6
    for definition in definitions:
        computation = registry.get(definition["code"])
        assert computation.name == definition["name"]
        assert computation.unit == definition["unit"]
        assert computation.kind == definition["kind"]
        assert computation.direction == definition["direction"]
        assert computation.flow == definition["flow"]
        assert computation.formula == definition["formula"]


def test_plan_row_snapshot_and_drilldown_page_through_the_engine(
    client_for, county_staff, geo, township_a, project_world
):
    """The engine stores the figure with its notes and manual figures, and the drill-down page lists the projects
    counted with the share each contributes."""
    from django.urls import reverse

    from indicators.models import Snapshot
    from indicators.services import plan_recompute
    from tests.indicators.factories import IndicatorDefinitionFactory, PlanFactory, PlanRowFactory

    plan = PlanFactory(code="test-funeral-14", jurisdiction=geo["county"])
    definition = IndicatorDefinitionFactory(code=PROJECTS, name="殡葬设施建设项目完成进度")
    row = PlanRowFactory(plan=plan, definition=definition, name="区殡仪馆改扩建工程和花山生态陵园建设工程（%）")
    plan_recompute(plan=plan, as_of=AS_OF)
    snapshot = Snapshot.objects.get(row=row, as_of=AS_OF)
    assert round(snapshot.value, 2) == Decimal("53.33")
    # Computed from the projects with their manually entered progress: flagged as such, not as purely computed.
    assert snapshot.manual_inputs and not snapshot.is_manual
    row_page = client_for(county_staff).get(row.get_absolute_url()).content.decode()
    assert 'data-source="hybrid">系统计算＋人工填报<' in row_page.split("</h1>")[0]
    table = client_for(county_staff).get(f"/api/indicators/plans/{plan.code}/table/").json()
    assert table["rows"][0]["source"] == "系统计算＋人工填报"
    response = client_for(county_staff).get(
        reverse("indicators:row_records", args=[plan.code, row.order]), {"part": "numerator", "as_of": "2024-06-30"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "区殡仪馆改扩建工程" in page and "60%" in page and "100%" in page
    assert "公益性骨灰堂建设工程" not in page
