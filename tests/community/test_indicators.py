"""Every community indicator, computed through the registry from records built by hand in townships A and B of the
test county, with the edge records that must not count (closed the day before or on the as-of date, dated after it,
in another county, merely planned or filed) and the ones that must (closing the day after, held at county level).

Each test asserts the county value, each township's breakdown, and exactly which records the drill-down lists.
"""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from civilaffairs.choices import RegionLevel, UrbanRural
from civilaffairs.models import RegionStat
from community.choices import (
    CertificateLevel,
    DonationKind,
    OrgCategory,
    OrgStatus,
    Platform,
    RegistrationKind,
    ReportStatus,
)
from indicators import registry
from indicators.registry import COUNTY_LEVEL
from tests.community.conftest import AS_OF, TOMORROW, YESTERDAY
from tests.community.factories import (
    AnnualReportFactory,
    CharityFactory,
    DesignationFactory,
    DonationFactory,
    FacilityFactory,
    IncubationCentreFactory,
    OutletFactory,
    PlatformAccessFactory,
    SalesReturnFactory,
    SocialOrganizationFactory,
    SocialWorkerFactory,
    VolunteerFactory,
    VolunteerStationFactory,
    certified,
)
from tests.factories import PersonFactory, region

pytestmark = pytest.mark.django_db

COMMUNITY_CODES = [
    "community.facility_area_per_100_households",
    "community.volunteer_station_facility_coverage",
    "community.service_facility_coverage",
    "community.urban_community_info_platform_coverage",
    "community.rural_community_info_platform_coverage",
    "community.rural_community_building_coverage",
    "community.social_work_talent_count",
    "community.certified_social_worker_count",
    "community.certified_social_workers_per_1000_population",
    "community.social_work_service_org_count",
    "community.social_org_count",
    "community.social_orgs_per_10000_population",
    "community.social_org_incubation_centre_coverage",
    "community.social_org_fulltime_staff",
    "community.charity_donations_received",
    "community.lottery_outlet_count",
    "community.lottery_sales",
    "community.registered_volunteer_share",
]


def compute(code, geo, as_of=AS_OF):
    return registry.get(code).compute(geo["county"], as_of)


def key(township) -> str:
    return township.code[:9]


def values(result) -> dict:
    return {k: (None if v["value"] is None else round(v["value"], 4)) for k, v in result.breakdown.items()}


def drilled(code, geo, part, as_of=AS_OF) -> set:
    return set(registry.get(code).drilldown(geo["county"], as_of, part).values_list("pk", flat=True))


def pks(*objects) -> set:
    return {o.pk for o in objects}


# --- the catalogue ---------------------------------------------------------------------------------------------


def test_all_eighteen_community_definitions_are_registered_as_the_catalogue_describes():
    definitions = yaml.safe_load((Path(settings.BASE_DIR) / "fixtures/indicators/definitions.yaml").read_text())
    community = {d["code"]: d for d in definitions if d["code"].startswith("community.")}
    assert sorted(community) == sorted(COMMUNITY_CODES)
    for code, definition in community.items():
        computation = registry.get(code)
        assert computation.name == definition["name"], code
        assert computation.unit == definition["unit"], code
        assert computation.kind == definition["kind"], code
        assert computation.direction == definition["direction"], code
        assert computation.flow == definition["flow"], code
        assert computation.formula == definition["formula"], code


def test_plan_rows_printed_in_wan_yi_or_thousands_carry_the_scale_of_their_unit():
    """The computations return yuan and persons; 万元 / 亿元 / 万人 / 千人 rows divide by their scale."""
    expected = {"万元": 10_000, "亿元": 100_000_000, "万人": 10_000, "千人": 1_000}
    checked = 0
    for path in (Path(settings.BASE_DIR) / "fixtures/plans").glob("*.yaml"):
        for row in yaml.safe_load(path.read_text())["rows"]:
            if not (row.get("definition") or "").startswith("community."):
                continue
            checked += 1
            assert row["scale"] == expected.get(row["unit"], 1), (path.name, row["order"], row["unit"])
            computation = registry.get(row["definition"])
            if row["scale"] == 1 and computation.unit not in ("%", "‰"):
                assert row["unit"] == computation.unit, (path.name, row["order"])
    assert checked == 29  # 7 渠县 + 5 奉节 + 8 南川区 + 4 民乐县 + 5 高新区


# --- 城乡社区综合服务设施 -------------------------------------------------------------------------------------


def households(village, year, value, field="households"):
    return RegionStat.objects.create(region=village, year=year, source="公安户籍统计", **{field: value})


def test_facility_area_per_100_households(geo, township_a, township_b, villages_a, villages_b, other_county):
    a1, a2 = villages_a
    b1, b2 = villages_b
    counted_a = FacilityFactory(village=a1, building_area_m2=Decimal("300"))
    closes_tomorrow = FacilityFactory(village=a2, building_area_m2=Decimal("100"), closed_on=TOMORROW)
    FacilityFactory(village=a2, building_area_m2=Decimal("700"), closed_on=AS_OF)
    FacilityFactory(village=a2, building_area_m2=Decimal("800"), closed_on=YESTERDAY)
    FacilityFactory(village=a1, building_area_m2=Decimal("900"), opened_on=None)  # planned, under construction
    counted_b = FacilityFactory(village=b1, building_area_m2=Decimal("500"))
    counted_b.served_villages.add(b2, a1)  # serves several villages: its area still counts once
    FacilityFactory(village=b2, building_area_m2=Decimal("650"), opened_on=TOMORROW)
    FacilityFactory(village=other_county["village"], building_area_m2=Decimal("5000"))
    stats_2024 = [
        households(a1, 2024, 400),
        households(a2, 2024, 600),
        households(b1, 2024, 500),
        households(b2, 2024, 500),
    ]
    households(a1, 2023, 9000)  # an older year is not used
    households(other_county["village"], 2024, 100)

    result = compute("community.facility_area_per_100_households", geo)

    assert result.numerator.total == Decimal("900")
    assert result.denominator.total == Decimal("2000")
    assert result.value == Decimal("45")
    assert values(result) == {key(township_a): Decimal("40"), key(township_b): Decimal("50")}
    assert result.denominator_source == {
        "field": "households",
        "year": 2024,
        "level": "village",
        "sources": ["公安户籍统计"],
        "is_demo": False,
        "manual": False,
    }
    assert result.manual_inputs == []
    code = "community.facility_area_per_100_households"
    assert drilled(code, geo, "numerator") == pks(counted_a, closes_tomorrow, counted_b)
    assert drilled(code, geo, "denominator") == pks(*stats_2024)


def test_facility_area_without_household_figures_has_no_value_and_says_why(geo, villages_a):
    FacilityFactory(village=villages_a[0])
    result = compute("community.facility_area_per_100_households", geo)
    assert result.value is None
    assert result.numerator.total == Decimal("300")
    assert any("户数" in note for note in result.notes)


def test_volunteer_station_facility_coverage(geo, township_a, township_b, villages_a, villages_b, other_county):
    a1, a2 = villages_a
    b1, b2 = villages_b
    with_station = FacilityFactory(village=a1)
    VolunteerStationFactory(facility=with_station)
    station_closed = FacilityFactory(village=a2)
    VolunteerStationFactory(facility=station_closed, closed_on=YESTERDAY)
    station_tomorrow = FacilityFactory(village=a2)
    VolunteerStationFactory(facility=station_tomorrow, established_on=TOMORROW)
    two_stations = FacilityFactory(village=b1)
    VolunteerStationFactory(facility=two_stations)
    VolunteerStationFactory(facility=two_stations, established_on=AS_OF)
    no_station = FacilityFactory(village=b2)
    closed_facility = FacilityFactory(village=b2, closed_on=AS_OF)
    VolunteerStationFactory(facility=closed_facility)
    VolunteerStationFactory(facility=None, region=township_a)  # in an institution, not a community facility
    VolunteerStationFactory(facility=FacilityFactory(village=other_county["village"]))

    code = "community.volunteer_station_facility_coverage"
    result = compute(code, geo)

    assert (result.numerator.total, result.denominator.total) == (2, 5)
    assert result.value == Decimal(40)
    assert values(result) == {key(township_a): Decimal("33.3333"), key(township_b): Decimal("50")}
    assert drilled(code, geo, "numerator") == pks(with_station, two_stations)
    assert drilled(code, geo, "denominator") == pks(
        with_station, station_closed, station_tomorrow, two_stations, no_station
    )


def test_service_facility_coverage_counts_villages_served(geo, township_a, township_b, villages_a, villages_b):
    a1, a2 = villages_a
    b1, b2 = villages_b
    abolished_yesterday = region(f"{township_b.code[:9]}203", "乙3村", RegionLevel.VILLAGE, "村", township_b, "rural")
    abolished_yesterday.abolished_on = YESTERDAY
    abolished_yesterday.save()
    abolished_tomorrow = region(f"{township_b.code[:9]}204", "乙4村", RegionLevel.VILLAGE, "村", township_b, "rural")
    abolished_tomorrow.abolished_on = TOMORROW
    abolished_tomorrow.save()
    serving = FacilityFactory(village=a1)
    serving.served_villages.add(a2)
    FacilityFactory(village=b1, closed_on=YESTERDAY)
    FacilityFactory(village=b2, opened_on=TOMORROW)
    FacilityFactory(village=abolished_yesterday)
    FacilityFactory(village=abolished_tomorrow)
    old = FacilityFactory(village=b1, closed_on=YESTERDAY)
    old.served_villages.add(b2)

    code = "community.service_facility_coverage"
    result = compute(code, geo)

    assert (result.numerator.total, result.denominator.total) == (3, 5)
    assert result.value == Decimal(60)
    assert values(result) == {key(township_a): Decimal("100"), key(township_b): Decimal("33.3333")}
    assert drilled(code, geo, "numerator") == {a1.code, a2.code, abolished_tomorrow.code}
    assert drilled(code, geo, "denominator") == {a1.code, a2.code, b1.code, b2.code, abolished_tomorrow.code}


# --- 信息平台 and 农村社区建设 ----------------------------------------------------------------------------------


def test_urban_community_platform_coverage_counts_recognised_platforms(
    geo, township_a, township_b, villages_a, community_a, community_b, settings
):
    community_a2 = region(
        f"{township_a.code[:9]}102", "甲二社区", RegionLevel.VILLAGE, "社区", township_a, UrbanRural.URBAN
    )
    PlatformAccessFactory(village=community_a)
    PlatformAccessFactory(village=community_b, platform=Platform.OTHER, platform_name="某商业小程序")
    PlatformAccessFactory(village=community_a2, disconnected_on=YESTERDAY)
    PlatformAccessFactory(village=villages_a[0])  # a 村 is not an urban community

    code = "community.urban_community_info_platform_coverage"
    result = compute(code, geo)
    assert (result.numerator.total, result.denominator.total) == (1, 3)
    assert values(result) == {key(township_a): Decimal(50), key(township_b): Decimal(0)}
    assert drilled(code, geo, "numerator") == {community_a.code}
    assert drilled(code, geo, "denominator") == {community_a.code, community_a2.code, community_b.code}

    # A county that recognises the other platform too (a setting, not code).
    settings.CIVILAFFAIRS = {"counties": {"990101": {"community_recognised_platforms": ["provincial", "other"]}}}
    assert compute(code, geo).numerator.total == 2


def test_rural_community_platform_coverage_counts_villages_and_rural_communities(
    geo, township_a, township_b, villages_a, villages_b, community_a
):
    a1, a2 = villages_a
    b1, b2 = villages_b
    rural_community = region(
        f"{township_b.code[:9]}103", "乙场镇社区", RegionLevel.VILLAGE, "社区", township_b, UrbanRural.RURAL
    )
    PlatformAccessFactory(village=a1)
    PlatformAccessFactory(village=a2, connected_on=TOMORROW)
    PlatformAccessFactory(village=b1, platform=Platform.NATIONAL)
    PlatformAccessFactory(village=rural_community)
    PlatformAccessFactory(village=community_a)  # urban: not in this indicator

    code = "community.rural_community_info_platform_coverage"
    result = compute(code, geo)
    assert (result.numerator.total, result.denominator.total) == (3, 5)
    assert values(result) == {key(township_a): Decimal(50), key(township_b): Decimal("66.6667")}
    assert drilled(code, geo, "numerator") == {a1.code, b1.code, rural_community.code}
    assert drilled(code, geo, "denominator") == {a1.code, a2.code, b1.code, b2.code, rural_community.code}


def test_rural_community_building_coverage_counts_recognitions_in_force(
    geo, township_a, township_b, villages_a, villages_b, community_a, other_county
):
    a1, a2 = villages_a
    b1, b2 = villages_b
    DesignationFactory(village=a1)
    DesignationFactory(village=a2, revoked_on=YESTERDAY, revoke_reason="复核不达标")
    DesignationFactory(village=b1, designated_on=TOMORROW)
    DesignationFactory(village=b2, designated_on=AS_OF)
    DesignationFactory(village=other_county["village"])

    code = "community.rural_community_building_coverage"
    result = compute(code, geo)
    assert (result.numerator.total, result.denominator.total) == (2, 4)
    assert values(result) == {key(township_a): Decimal(50), key(township_b): Decimal(50)}
    assert drilled(code, geo, "numerator") == {a1.code, b2.code}
    # Villages only (not the urban 社区), of this county, existing on the date.
    assert drilled(code, geo, "denominator") == {a1.code, a2.code, b1.code, b2.code}


def test_rural_community_building_coverage_drops_a_village_abolished_the_day_before(
    geo, township_a, township_b, villages_a, villages_b
):
    a1, _a2 = villages_a
    abolished = region(f"{township_a.code[:9]}203", "甲3村", RegionLevel.VILLAGE, "村", township_a, "rural")
    abolished.abolished_on = YESTERDAY
    abolished.save()
    DesignationFactory(village=abolished)
    DesignationFactory(village=a1)
    code = "community.rural_community_building_coverage"
    result = compute(code, geo)
    assert (result.numerator.total, result.denominator.total) == (1, 4)
    assert values(result) == {key(township_a): Decimal(50), key(township_b): Decimal(0)}
    assert drilled(code, geo, "numerator") == {a1.code}
    assert abolished.code not in drilled(code, geo, "denominator")
    # The day before the abolition it still counted, with its designation.
    day_before = compute(code, geo, YESTERDAY - datetime.timedelta(days=1))
    assert (day_before.numerator.total, day_before.denominator.total) == (2, 5)


# --- 社会工作 -----------------------------------------------------------------------------------------------


@pytest.fixture
def workers(geo, township_a, township_b, village_a, village_b, other_county):
    county = geo["county"]
    w = {
        "a_village": SocialWorkerFactory(region=village_a, **certified(CertificateLevel.ASSISTANT)),
        "a_township": SocialWorkerFactory(region=township_a, **certified(CertificateLevel.LOCAL_ASSISTANT)),
        "a_left_yesterday": SocialWorkerFactory(region=village_a, active_to=YESTERDAY, leave_reason="resigned"),
        "a_left_on_as_of": SocialWorkerFactory(region=village_a, active_to=AS_OF, leave_reason="resigned"),
        "a_leaves_tomorrow": SocialWorkerFactory(
            region=village_a, active_to=TOMORROW, leave_reason="retired", **certified(on=TOMORROW)
        ),
        "b_starts_tomorrow": SocialWorkerFactory(region=village_b, active_from=TOMORROW, **certified()),
        "b_died": SocialWorkerFactory(
            region=village_b, person=PersonFactory(region=village_b, death_date=YESTERDAY), **certified()
        ),
        "b_active": SocialWorkerFactory(region=village_b, **certified(CertificateLevel.SENIOR)),
        "county": SocialWorkerFactory(
            region=county, person=PersonFactory(region=village_a), **certified(CertificateLevel.SOCIAL_WORKER)
        ),
        "other_county": SocialWorkerFactory(region=other_county["village"], **certified()),
    }
    moved = PersonFactory(region=village_b)
    w["moved_old"] = SocialWorkerFactory(
        region=village_a, person=moved, active_to=datetime.date(2023, 1, 1), leave_reason="transferred"
    )
    w["moved_new"] = SocialWorkerFactory(region=village_b, person=moved, active_from=datetime.date(2023, 1, 1))
    return w


def test_social_work_talent_count(geo, township_a, township_b, workers):
    code = "community.social_work_talent_count"
    result = compute(code, geo)
    assert result.value == 6
    assert values(result) == {key(township_a): 3, key(township_b): 2, COUNTY_LEVEL: 1}
    assert drilled(code, geo, "numerator") == pks(
        workers["a_village"], workers["a_township"], workers["a_leaves_tomorrow"], workers["b_active"],
        workers["moved_new"], workers["county"],
    )  # fmt: skip
    # As of before the move, the moved person counted in township A.
    earlier = compute(code, geo, datetime.date(2022, 6, 30))
    assert workers["moved_old"].pk in drilled(code, geo, "numerator", datetime.date(2022, 6, 30))
    assert earlier.breakdown[key(township_a)]["value"] > values(result)[key(township_a)]


def test_certified_social_worker_count_counts_only_the_national_certificate(geo, township_a, township_b, workers):
    code = "community.certified_social_worker_count"
    result = compute(code, geo)
    assert result.value == 3  # the local 社工员 and a certificate obtained tomorrow do not count
    assert values(result) == {key(township_a): 1, key(township_b): 1, COUNTY_LEVEL: 1}
    assert drilled(code, geo, "numerator") == pks(workers["a_village"], workers["b_active"], workers["county"])


def test_certified_social_workers_per_1000_registered_population(geo, township_a, township_b, workers, other_county):
    a = households(township_a, 2024, 10_000, "registered_population")
    b = households(township_b, 2024, 20_000, "registered_population")
    households(other_county["townships"][0], 2024, 50_000, "registered_population")
    code = "community.certified_social_workers_per_1000_population"
    result = compute(code, geo)
    assert result.denominator.total == 30_000
    assert result.value == Decimal("0.1")
    assert values(result) == {key(township_a): Decimal("0.1"), key(township_b): Decimal("0.05"), COUNTY_LEVEL: None}
    # The numerator lists exactly the nationally certified workers in post (not the local 社工员, not a certificate
    # obtained tomorrow, not one who left yesterday or died, not the other county's).
    assert drilled(code, geo, "numerator") == pks(workers["a_village"], workers["b_active"], workers["county"])
    assert drilled(code, geo, "denominator") == pks(a, b)
    assert (result.denominator_source["year"], result.denominator_source["level"]) == (2024, "township")
    assert result.denominator_source["sources"] == ["公安户籍统计"]
    # The denominator's records page shows the statistics with their own columns and relations.
    computation = registry.get(code)
    rows = computation.drilldown(geo["county"], AS_OF, "denominator").select_related(
        *computation.select_related_for("denominator")
    )
    cells = {tuple(str(accessor(obj, None)) for _h, accessor in computation.columns_for("denominator")) for obj in rows}
    assert cells == {
        (township_a.name, "2024年", "10000", "公安户籍统计"),
        (township_b.name, "2024年", "20000", "公安户籍统计"),
    }


# --- 社会组织 -----------------------------------------------------------------------------------------------


def org(authority, region, **fields):
    return SocialOrganizationFactory(registration_authority=authority, region=region, **fields)


def ended(status, on):
    return {"status": status, "ended_on": on, "end_reason": "登记管理机关决定"}


def test_social_work_service_org_count(geo, township_a, township_b, village_b, other_county):
    county = geo["county"]
    sw = {"category": OrgCategory.SOCIAL_WORK}
    counted_a = org(county, township_a, **sw)
    org(county, village_b, **sw, **ended(OrgStatus.DEREGISTERED, YESTERDAY))
    ends_tomorrow = org(county, village_b, **sw, **ended(OrgStatus.DEREGISTERED, TOMORROW))
    org(county, township_b, registered_on=TOMORROW, **sw)
    at_county = org(county, county, **sw)
    org(county, township_a)  # another field
    org(county, township_a, uscc="", registration_kind=RegistrationKind.FILED, **sw)
    org(other_county["county"], other_county["townships"][0], **sw)

    code = "community.social_work_service_org_count"
    result = compute(code, geo)
    assert result.value == 3
    assert values(result) == {key(township_a): 1, key(township_b): 1, COUNTY_LEVEL: 1}
    assert drilled(code, geo, "numerator") == pks(counted_a, ends_tomorrow, at_county)


@pytest.fixture
def orgs(geo, township_a, township_b, village_a, other_county):
    county = geo["county"]
    return {
        "a": org(county, village_a),
        "a_registered_today": org(county, township_a, registered_on=AS_OF),
        "a_revoked_today": org(county, township_a, **ended(OrgStatus.REVOKED, AS_OF)),
        "a_filed": org(county, village_a, uscc="", registration_kind=RegistrationKind.FILED),
        "b": org(county, township_b),
        "b_tomorrow": org(county, township_b, registered_on=TOMORROW),
        "county": org(county, county),
        "other": org(other_county["county"], other_county["townships"][0]),
    }


def test_social_org_count_counts_registered_organisations_in_good_standing(geo, township_a, township_b, orgs):
    code = "community.social_org_count"
    result = compute(code, geo)
    assert result.value == 4
    assert values(result) == {key(township_a): 2, key(township_b): 1, COUNTY_LEVEL: 1}
    assert drilled(code, geo, "numerator") == pks(orgs["a"], orgs["a_registered_today"], orgs["b"], orgs["county"])


def test_social_orgs_per_10000_registered_population(geo, township_a, township_b, orgs):
    a = households(township_a, 2024, 10_000, "registered_population")
    b = households(township_b, 2024, 30_000, "registered_population")
    households(township_a, 2025, 99_999, "registered_population")  # a later year is not used on 2024-06-30
    code = "community.social_orgs_per_10000_population"
    result = compute(code, geo)
    assert (result.numerator.total, result.denominator.total) == (4, 40_000)
    assert result.value == 1
    assert values(result) == {key(township_a): 2, key(township_b): Decimal("0.3333"), COUNTY_LEVEL: None}
    # Registered today counts; revoked today, only filed, registered tomorrow and the other county's do not.
    assert drilled(code, geo, "numerator") == pks(orgs["a"], orgs["a_registered_today"], orgs["b"], orgs["county"])
    assert drilled(code, geo, "denominator") == pks(a, b)
    assert result.denominator_source["year"] == 2024


def test_incubation_centre_coverage_counts_townships_with_a_centre(geo, township_a, township_b, village_a):
    county = geo["county"]
    township_c = region("990101102000", "丙镇", RegionLevel.TOWNSHIP, "镇", county, "rural")
    township_d = region("990101103000", "丁镇", RegionLevel.TOWNSHIP, "镇", county, "rural")
    township_d.abolished_on = YESTERDAY
    township_d.save()
    IncubationCentreFactory(region=village_a)
    IncubationCentreFactory(region=township_b, closed_on=YESTERDAY)
    IncubationCentreFactory(region=township_b, opened_on=TOMORROW)
    IncubationCentreFactory(region=township_c, level="county")  # the county 孵化园 covers only its own township
    IncubationCentreFactory(region=township_d)

    code = "community.social_org_incubation_centre_coverage"
    result = compute(code, geo)
    assert (result.numerator.total, result.denominator.total) == (2, 3)
    assert values(result) == {key(township_a): 100, key(township_b): 0, key(township_c): 100}
    assert drilled(code, geo, "numerator") == {township_a.code, township_c.code}
    assert drilled(code, geo, "denominator") == {township_a.code, township_b.code, township_c.code}


def test_fulltime_staff_sums_the_latest_accepted_report_or_the_registration_figure(
    geo, township_a, township_b, village_a, other_county
):
    county = geo["county"]

    def report(organisation, year, staff, status=ReportStatus.ACCEPTED, reviewed=None):
        return AnnualReportFactory(
            organization=organisation,
            year=year,
            fulltime_staff=staff,
            status=status,
            reviewed_on=reviewed if status != ReportStatus.SUBMITTED else None,
        )

    two_reports = org(county, village_a)
    report(two_reports, 2022, 5, reviewed=datetime.date(2023, 4, 1))
    report(two_reports, 2023, 7, reviewed=datetime.date(2024, 5, 1))
    accepted_tomorrow = org(county, township_a)
    report(accepted_tomorrow, 2022, 4, reviewed=datetime.date(2023, 4, 1))
    report(accepted_tomorrow, 2023, 9, reviewed=TOMORROW)
    no_report = org(county, township_b, fulltime_staff_at_registration=3)
    pending = org(county, township_b, fulltime_staff_at_registration=2)
    report(pending, 2023, 20, status=ReportStatus.SUBMITTED)
    report(pending, 2022, 30, status=ReportStatus.RETURNED, reviewed=datetime.date(2023, 4, 1))
    gone = org(county, township_b, **ended(OrgStatus.DEREGISTERED, YESTERDAY))
    report(gone, 2023, 50, reviewed=datetime.date(2024, 3, 1))
    at_county = org(county, county)
    report(at_county, 2023, 10, reviewed=datetime.date(2024, 4, 1))
    foreign = org(other_county["county"], other_county["townships"][0])
    report(foreign, 2023, 99, reviewed=datetime.date(2024, 4, 1))

    code = "community.social_org_fulltime_staff"
    result = compute(code, geo)
    assert result.value == 26
    assert values(result) == {key(township_a): 11, key(township_b): 5, COUNTY_LEVEL: 10}
    rows = registry.get(code).drilldown(county, AS_OF, "numerator")
    assert {o.pk: o.counted_staff for o in rows} == {
        two_reports.pk: 7,
        accepted_tomorrow.pk: 4,
        no_report.pk: 3,
        pending.pk: 2,
        at_county.pk: 10,
    }


# --- 慈善 -------------------------------------------------------------------------------------------------


def test_charity_donations_received_in_the_year_to_date(geo, township_a, township_b, village_b, other_county):
    county = geo["county"]
    county_charity = CharityFactory(registration_authority=county, region=county)
    township_charity = CharityFactory(registration_authority=county, region=township_a)
    b_charity = CharityFactory(registration_authority=county, region=village_b)
    # Deregistered yesterday: what it received this year while registered still counts (a flow over the year).
    b_ended = CharityFactory(
        registration_authority=county, region=township_b, **ended(OrgStatus.DEREGISTERED, YESTERDAY)
    )
    foreign = CharityFactory(registration_authority=other_county["county"], region=other_county["townships"][0])
    cash = DonationFactory(recipient=county_charity, received_on=datetime.date(2024, 3, 1), cash_yuan=Decimal(1000))
    goods = DonationFactory(
        recipient=township_charity,
        received_on=datetime.date(2024, 1, 1),
        cash_yuan=Decimal(0),
        in_kind_yuan=Decimal(500),
        in_kind_description="棉被",
    )
    DonationFactory(recipient=township_charity, received_on=datetime.date(2023, 12, 31), cash_yuan=Decimal(9999))
    DonationFactory(recipient=county_charity, received_on=TOMORROW, cash_yuan=Decimal(7777))
    refund = DonationFactory(
        recipient=township_charity, kind=DonationKind.REFUND, received_on=datetime.date(2024, 4, 1), cash_yuan=200
    )
    DonationFactory(
        recipient=township_charity, source_charity=county_charity, received_on=datetime.date(2024, 5, 1), cash_yuan=300
    )
    from_outside = DonationFactory(
        recipient=township_charity, source_charity=foreign, received_on=datetime.date(2024, 5, 2), cash_yuan=400
    )
    b_today = DonationFactory(recipient=b_charity, received_on=AS_OF, cash_yuan=Decimal(250))
    b_before_end = DonationFactory(recipient=b_ended, received_on=datetime.date(2024, 2, 1), cash_yuan=Decimal(50))
    DonationFactory(recipient=b_charity, received_on=TOMORROW, cash_yuan=Decimal(6666))
    DonationFactory(recipient=foreign, received_on=datetime.date(2024, 3, 1), cash_yuan=Decimal(5000))

    code = "community.charity_donations_received"
    result = compute(code, geo)
    assert result.value == Decimal(2000)
    assert values(result) == {key(township_a): Decimal(700), key(township_b): Decimal(300), COUNTY_LEVEL: Decimal(1000)}
    assert drilled(code, geo, "numerator") == pks(cash, goods, refund, from_outside, b_today, b_before_end)


# --- 福利彩票 ----------------------------------------------------------------------------------------------


def test_lottery_outlet_count(geo, township_a, township_b, village_a, village_b, other_county):
    open_a = OutletFactory(region=village_a)
    OutletFactory(region=village_a, closed_on=AS_OF, close_reason="迁出本县")
    closes_tomorrow = OutletFactory(region=township_a, closed_on=TOMORROW, close_reason="业主申请撤销")
    OutletFactory(region=village_b, opened_on=TOMORROW)
    suspended = OutletFactory(region=village_b, is_suspended=True)
    OutletFactory(region=other_county["village"])

    code = "community.lottery_outlet_count"
    result = compute(code, geo)
    assert result.value == 3
    assert values(result) == {key(township_a): 2, key(township_b): 1}
    assert drilled(code, geo, "numerator") == pks(open_a, closes_tomorrow, suspended)


def test_lottery_sales_sum_the_months_of_the_year_to_date(
    geo, township_a, township_b, village_a, village_b, other_county
):
    outlet_a = OutletFactory(region=village_a, opened_on=datetime.date(2020, 1, 1))
    outlet_b = OutletFactory(region=village_b, opened_on=datetime.date(2020, 1, 1))
    SalesReturnFactory(outlet=outlet_a, month=datetime.date(2023, 12, 1), sales_yuan=Decimal(9999))
    jan = SalesReturnFactory(outlet=outlet_a, month=datetime.date(2024, 1, 1), sales_yuan=Decimal(100))
    jun = SalesReturnFactory(outlet=outlet_a, month=datetime.date(2024, 6, 1), sales_yuan=Decimal(200))
    SalesReturnFactory(outlet=outlet_a, month=datetime.date(2024, 7, 1), sales_yuan=Decimal(8888))
    mar = SalesReturnFactory(outlet=outlet_b, month=datetime.date(2024, 3, 1), sales_yuan=Decimal(50))
    SalesReturnFactory(outlet=OutletFactory(region=other_county["village"]), month=datetime.date(2024, 3, 1))

    code = "community.lottery_sales"
    result = compute(code, geo)
    assert result.value == Decimal(350)
    assert values(result) == {key(township_a): Decimal(300), key(township_b): Decimal(50)}
    assert drilled(code, geo, "numerator") == pks(jan, jun, mar)
    assert not result.notes  # June, the as-of month, is in

    mid_august = compute(code, geo, datetime.date(2024, 8, 15))
    assert mid_august.value == Decimal(350 + 8888)
    # August's report is not in yet: the note says the sales run to July only ("销售月报仅录入至2024年07月").
    assert any(re.search(r"2024\D+07", note) for note in mid_august.notes)


# --- 志愿服务 ----------------------------------------------------------------------------------------------


def test_registered_volunteer_share_of_resident_population(
    geo, township_a, township_b, village_a, village_b, other_county
):
    active = VolunteerFactory(region=village_a)
    VolunteerFactory(region=village_a, deregistered_on=YESTERDAY)
    leaves_tomorrow = VolunteerFactory(region=village_a, deregistered_on=TOMORROW)
    VolunteerFactory(region=village_b, registered_on=TOMORROW)
    township_level = VolunteerFactory(region=township_b)
    VolunteerFactory(region=other_county["village"])
    households(township_a, 2024, 100, "resident_population")
    households(township_b, 2024, 200, "resident_population")

    code = "community.registered_volunteer_share"
    result = compute(code, geo)
    assert (result.numerator.total, result.denominator.total) == (3, 300)
    assert result.value == 1
    assert values(result) == {key(township_a): 2, key(township_b): Decimal("0.5")}
    assert drilled(code, geo, "numerator") == pks(active, leaves_tomorrow, township_level)


def test_a_county_level_population_only_gives_the_county_value_without_township_split(geo, village_a):
    VolunteerFactory(region=village_a)
    households(geo["county"], 2020, 1000, "resident_population")
    result = compute("community.registered_volunteer_share", geo)
    assert result.value == Decimal("0.1")
    assert result.breakdown[key(village_a.parent)]["value"] is None  # no township denominator


def test_every_computation_answers_on_an_empty_county_without_error(geo):
    for code in COMMUNITY_CODES:
        result = compute(code, geo)
        assert result.numerator.total in (0, None), code
        assert registry.get(code).drilldown(geo["county"], AS_OF, "numerator").count() == 0, code


def test_a_plan_row_printed_in_wan_yuan_shows_the_donations_in_wan_yuan(geo, township_a):
    """奉节 row 8 (慈善组织接受社会捐赠总额, 万元, scale 10 000): 30 572 000 yuan booked → 3057.2 on the dashboard."""
    from indicators.choices import Kind
    from indicators.engine import row_figure
    from tests.indicators.factories import IndicatorDefinitionFactory, PlanFactory, PlanRowFactory

    charity = CharityFactory(registration_authority=geo["county"], region=geo["county"])
    DonationFactory(recipient=charity, received_on=datetime.date(2020, 6, 1), cash_yuan=Decimal("30000000"))
    DonationFactory(recipient=charity, received_on=datetime.date(2020, 9, 1), cash_yuan=Decimal("572000"))
    definition = IndicatorDefinitionFactory(code="community.charity_donations_received", kind=Kind.SUM, unit="元")
    plan = PlanFactory(code="test-community", jurisdiction=geo["county"])
    row = PlanRowFactory(
        plan=plan,
        definition=definition,
        unit="万元",
        scale=Decimal(10000),
        baseline_value=Decimal("3057.2"),
        target_value=Decimal(5000),
    )
    figure = row_figure(row, datetime.date(2020, 12, 31))
    assert figure.value == Decimal("3057.2")
    assert figure.numerator == Decimal("30572000")
    assert figure.breakdown["county"]["value"] == "3057.2000"
