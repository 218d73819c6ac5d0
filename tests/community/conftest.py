"""Community fixtures: a neighbouring county for edge records, and the as-of date every indicator test uses."""

import datetime

import pytest

from civilaffairs.choices import RegionLevel, UrbanRural
from tests.factories import build_county, region

AS_OF = datetime.date(2024, 6, 30)
YESTERDAY = AS_OF - datetime.timedelta(days=1)
TOMORROW = AS_OF + datetime.timedelta(days=1)


@pytest.fixture
def as_of():
    return AS_OF


@pytest.fixture
def other_county(db):
    """Another county: its records never count in the test county."""
    other = build_county("990202", name="邻县", townships=1, villages=1)
    other["village"] = other["villages"][other["townships"][0].code][0]
    return other


@pytest.fixture
def villages_a(geo, township_a):
    return geo["villages"][township_a.code]


@pytest.fixture
def villages_b(geo, township_b):
    return geo["villages"][township_b.code]


@pytest.fixture
def community_a(township_a):
    """An urban community (社区) in township A."""
    return region(f"{township_a.code[:9]}101", "甲一社区", RegionLevel.VILLAGE, "社区", township_a, UrbanRural.URBAN)


@pytest.fixture
def community_b(township_b):
    return region(f"{township_b.code[:9]}101", "乙一社区", RegionLevel.VILLAGE, "社区", township_b, UrbanRural.URBAN)


@pytest.fixture
def world(geo, township_a, township_b, village_a, village_b):
    """One record of every register in township A (and B where a page shows both), for the page and API tests."""
    from tests.community import factories as f

    county = geo["county"]
    facility_a = f.FacilityFactory(village=village_a, name="甲1村便民服务中心")
    facility_b = f.FacilityFactory(village=village_b, name="乙1村便民服务中心")
    org_a = f.SocialOrganizationFactory(registration_authority=county, region=township_a, name="甲镇老年协会")
    org_b = f.SocialOrganizationFactory(registration_authority=county, region=township_b, name="乙镇文艺协会")
    charity_a = f.CharityFactory(registration_authority=county, region=township_a, name="甲镇慈善会")
    outlet_a = f.OutletFactory(region=village_a, name="甲1村投注站")
    return {
        "facility": facility_a,
        "facility_b": facility_b,
        "station": f.VolunteerStationFactory(facility=facility_a, name="甲1村志愿服务站"),
        "platform": f.PlatformAccessFactory(village=village_a),
        "designation": f.DesignationFactory(village=village_a),
        "org": org_a,
        "org_b": org_b,
        "report": f.AnnualReportFactory(organization=org_a, year=2023),
        "centre": f.IncubationCentreFactory(region=township_a, name="甲镇孵化基地"),
        "worker": f.SocialWorkerFactory(region=village_a),
        "volunteer": f.VolunteerFactory(region=village_a, name="甲志愿者"),
        "donation": f.DonationFactory(recipient=charity_a, received_on=datetime.date(2024, 3, 1)),
        "outlet": outlet_a,
        "sales": f.SalesReturnFactory(outlet=outlet_a, month=datetime.date(2024, 3, 1)),
    }
