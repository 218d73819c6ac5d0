"""Elder-care fixtures: the test county's sites and roster, with every edge the definitions name."""

import datetime

import pytest

from civilaffairs.choices import RegionLevel
from civilaffairs.models import Region
from eldercare.choices import ClosureReason, FacilityType, InstitutionType, OperationMode, Ownership
from tests.factories import build_county

from .factories import COMPREHENSIVE, FacilityFactory, InstitutionFactory, inventory

AS_OF = datetime.date(2024, 6, 30)
YESTERDAY = AS_OF - datetime.timedelta(days=1)
TOMORROW = AS_OF + datetime.timedelta(days=1)


@pytest.fixture
def other_county(db):
    return build_county("990202", name="丙县", townships=1, villages=1)


@pytest.fixture
def sites(geo, township_a, township_b, other_county):
    """Institutions and facilities in townships A and B, at county level and in another county (see the notes in
    tests/eldercare/test_indicators.py for the expected figures)."""
    a1, a2 = geo["villages"][township_a.code]
    b1, b2 = geo["villages"][township_b.code]
    county = geo["county"]
    s = {}

    s["a_home"] = InstitutionFactory(name="甲敬老院", region=a1, institution_type=InstitutionType.TEKUN_HOME)
    s["a_home_v2023"] = inventory(
        s["a_home"], datetime.date(2023, 1, 1), 100, 30, OperationMode.ENTRUSTED, ("full_care", "day_care")
    )
    s["a_home_v2024"] = inventory(
        s["a_home"], datetime.date(2024, 1, 1), 100, 60, OperationMode.ENTRUSTED, COMPREHENSIVE
    )
    s["a_home_future"] = inventory(s["a_home"], TOMORROW, 120, 90, OperationMode.GOVERNMENT, COMPREHENSIVE)

    s["b_welfare"] = InstitutionFactory(
        name="乙福利院",
        region=township_b,
        institution_type=InstitutionType.WELFARE_HOME,
        opened_on=datetime.date(2010, 1, 1),
    )
    s["b_welfare_v2020"] = inventory(
        s["b_welfare"], datetime.date(2020, 1, 1), 50, 10, OperationMode.GOVERNMENT, COMPREHENSIVE
    )
    # Functions cut back before the date: no longer comprehensive.
    s["b_welfare_v2024"] = inventory(
        s["b_welfare"], datetime.date(2024, 3, 1), 50, 10, OperationMode.GOVERNMENT, ("full_care",)
    )

    s["county_home"] = InstitutionFactory(
        name="县社会福利院",
        region=county,
        institution_type=InstitutionType.WELFARE_HOME,
        opened_on=datetime.date(2000, 1, 1),
    )
    s["county_home_v"] = inventory(
        s["county_home"], datetime.date(2019, 1, 1), 200, 100, OperationMode.GOVERNMENT, COMPREHENSIVE
    )

    s["closed_today"] = InstitutionFactory(
        name="甲民办养老院（今日停业）",
        region=a2,
        ownership=Ownership.PRIVATE,
        institution_type=InstitutionType.PRIVATE_HOME,
        opened_on=datetime.date(2018, 1, 1),
        closed_on=AS_OF,
        closure_reason=ClosureReason.SUSPENDED,
    )
    s["closed_today_v"] = inventory(s["closed_today"], datetime.date(2018, 1, 1), 80, 40, functions=COMPREHENSIVE)

    s["closes_tomorrow"] = InstitutionFactory(
        name="乙民办养老院（明日停业）",
        region=b1,
        ownership=Ownership.PRIVATE,
        institution_type=InstitutionType.PRIVATE_HOME,
        opened_on=datetime.date(2018, 1, 1),
        closed_on=TOMORROW,
        closure_reason=ClosureReason.DEREGISTERED,
    )
    s["closes_tomorrow_v"] = inventory(s["closes_tomorrow"], datetime.date(2018, 1, 1), 40, 20, functions=COMPREHENSIVE)

    s["filed_today"] = InstitutionFactory(
        name="乙今日备案养老院",
        region=b2,
        ownership=Ownership.PRIVATE,
        institution_type=InstitutionType.PRIVATE_HOME,
        opened_on=datetime.date(2024, 6, 1),
        filed_on=AS_OF,
    )
    s["filed_today_v"] = inventory(s["filed_today"], datetime.date(2024, 6, 1), 30, 30)

    s["filed_tomorrow"] = InstitutionFactory(
        name="甲明日备案养老院",
        region=a1,
        ownership=Ownership.PRIVATE,
        institution_type=InstitutionType.PRIVATE_HOME,
        opened_on=datetime.date(2024, 6, 1),
        filed_on=TOMORROW,
    )
    s["filed_tomorrow_v"] = inventory(s["filed_tomorrow"], datetime.date(2024, 6, 1), 60, 0, functions=COMPREHENSIVE)

    s["never_filed"] = InstitutionFactory(
        name="甲未备案养老院",
        region=a1,
        ownership=Ownership.PRIVATE,
        institution_type=InstitutionType.PRIVATE_HOME,
        opened_on=datetime.date(2023, 1, 1),
        filed_on=None,
    )
    s["never_filed_v"] = inventory(s["never_filed"], datetime.date(2023, 1, 1), 10, 0)

    s["opens_tomorrow"] = InstitutionFactory(
        name="甲新建养老院", region=a2, ownership=Ownership.PRIVATE, opened_on=TOMORROW, filed_on=TOMORROW
    )
    s["opens_tomorrow_v"] = inventory(s["opens_tomorrow"], TOMORROW, 90, 90)

    other_village = other_county["villages"][other_county["townships"][0].code][0]
    s["other_county"] = InstitutionFactory(name="丙县养老院", region=other_village)
    s["other_county_v"] = inventory(s["other_county"], datetime.date(2020, 1, 1), 500, 500, functions=COMPREHENSIVE)

    s["a_centre"] = FacilityFactory(name="甲社区养老服务中心", region=a2, facility_type=FacilityType.COMMUNITY_CENTRE)
    s["a_centre_v"] = inventory(
        s["a_centre"], datetime.date(2021, 1, 1), 20, 0, OperationMode.GOVERNMENT, COMPREHENSIVE, day_rest=10
    )

    s["b_daycare"] = FacilityFactory(name="乙日间照料中心", region=b1, facility_type=FacilityType.DAY_CARE_CENTRE)
    s["b_daycare_v"] = inventory(
        s["b_daycare"], datetime.date(2021, 1, 1), 0, 0, OperationMode.PUBLIC_PRIVATE, ("day_care",), day_rest=8
    )

    s["b_mutual_closed"] = FacilityFactory(
        name="乙幸福院（昨日关闭）",
        region=b2,
        facility_type=FacilityType.RURAL_MUTUAL_AID,
        opened_on=datetime.date(2019, 1, 1),
        closed_on=YESTERDAY,
        closure_reason=ClosureReason.MERGED,
    )
    s["b_mutual_closed_v"] = inventory(s["b_mutual_closed"], datetime.date(2019, 1, 1), 12, 0, functions=COMPREHENSIVE)
    return s


@pytest.fixture
def extra_township_units(geo):
    """A township abolished today and a non-township unit at township level: neither is in a denominator."""
    county = geo["county"]
    abolished = Region.objects.create(
        code="990101102000",
        name="丙镇（已撤并）",
        level=RegionLevel.TOWNSHIP,
        kind="镇",
        parent=county,
        abolished_on=AS_OF,
    )
    park = Region.objects.create(
        code="990101103000", name="工业园区管委会", level=RegionLevel.TOWNSHIP, kind="功能区", parent=county
    )
    return abolished, park


@pytest.fixture
def world(geo, township_a, township_b, village_a, village_b):
    """A few records per township for the pages: an institution, a facility, an assessment, two roster entries and
    visits in A; the same in B."""
    from .factories import AssessmentFactory, ElderlyFactory, VisitFactory, elderly_person

    w = {}
    for key, township, village in (("a", township_a, village_a), ("b", township_b, village_b)):
        home = InstitutionFactory(name=f"{township.name}敬老院", region=village)
        inventory(home, datetime.date(2020, 1, 1), 80, 30, OperationMode.ENTRUSTED, COMPREHENSIVE)
        facility = FacilityFactory(name=f"{township.name}社区养老服务站", region=village)
        inventory(facility, datetime.date(2021, 1, 1), 10, 0, OperationMode.GOVERNMENT, ("day_care",))
        assessment = AssessmentFactory(institution=home, assessed_on=datetime.date(2024, 3, 1))
        elderly = ElderlyFactory(person=elderly_person(village, name=f"{township.name}老人"))
        visit = VisitFactory(elderly=elderly, visited_on=datetime.date.today() - datetime.timedelta(days=3))
        unvisited = ElderlyFactory(
            person=elderly_person(village, name=f"{township.name}未探访老人"), is_empty_nest=True
        )
        w[key] = {
            "institution": home,
            "facility": facility,
            "assessment": assessment,
            "elderly": elderly,
            "visit": visit,
            "unvisited": unvisited,
        }
    county_home = InstitutionFactory(name="县社会福利院", region=geo["county"])
    inventory(county_home, datetime.date(2020, 1, 1), 200, 120, OperationMode.GOVERNMENT, COMPREHENSIVE)
    w["county_home"] = county_home
    return w
