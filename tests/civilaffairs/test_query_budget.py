"""List pages and list endpoints cost a fixed number of queries, whatever the number of rows (no N+1)."""

import datetime

import pytest
from auditlog.context import set_actor

from civilaffairs.models import BoundaryMarker, PlaceName, PlaceNameSign, RegionStat
from tests.factories import PersonFactory, build_county

pytestmark = pytest.mark.django_db

ROWS = 35


@pytest.fixture
def big_county(geo, county_staff):
    """35 rows of every core register, in villages of different townships, each written by a user (audited)."""
    extra = build_county("990101", "测试县", townships=4, villages=9)
    villages = [v for vs in extra["villages"].values() for v in vs]
    with set_actor(county_staff):
        for n in range(ROWS):
            village = villages[n % len(villages)]
            person = PersonFactory(region=village, name=f"王{n}")
            person.phone = f"1380000{n:04d}"
            person.save()
            name = PlaceName.objects.create(name=f"路{n}", category="road", region=village)
            PlaceNameSign.objects.create(place_name=name, region=village, location=f"{n}号", condition="damaged")
            BoundaryMarker.objects.create(
                number=f"{n:03d}",
                boundary_name="测试县—邻县县界",
                boundary_level="county",
                region=village.parent,
                location="山口",
                last_joint_inspection_on=datetime.date(2018, 5, 1),
            )
            RegionStat.objects.create(region=village, year=2020, resident_population=100 + n, source="统计局")
    return extra


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/persons/", 12),
        ("/regions/", 12),
        ("/placenames/", 12),
        ("/placenames/signs/", 12),
        ("/placenames/markers/", 12),
        ("/audit/", 12),
        ("/api/core/persons/", 10),
        ("/api/core/regions/", 10),
        ("/api/core/region-stats/", 10),
    ],
)
def test_list_costs_a_fixed_number_of_queries(
    client_for, county_staff, big_county, url, budget, django_assert_max_num_queries
):
    client = client_for(county_staff)
    client.get("/")  # session and permission caches warm, as for a user already working
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    if url.startswith("/api/"):
        assert len(response.json()["results"]) >= 30
    else:
        assert len(response.context["object_list"]) >= 30


def test_audit_page_names_changed_regions_not_their_codes(client_for, county_staff, big_county):
    html = client_for(county_staff).get("/audit/").content.decode()
    villages = [v for vs in big_county["villages"].values() for v in vs]
    village = villages[(ROWS - 1) % len(villages)]  # where the last rows, on the first page, were written
    assert f"→ {village.name}" in html
