"""The demo records of 奉节县 reproduce the plan's 2020 figures (notes/001.md §5) and move towards its 2025 targets,
with some townships lagging — computed through the registry, as the dashboard will."""

import datetime
import random
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from civilaffairs.demo import DemoContext
from civilaffairs.demo_data import seed_region_stats
from civilaffairs.models import Region
from civilaffairs.services import regions_load
from community import demo_data
from indicators import registry

pytestmark = pytest.mark.django_db

END_2020 = datetime.date(2020, 12, 31)
END_2025 = datetime.date(2025, 12, 31)


@pytest.fixture
def fengjie():
    regions_load([Path(settings.BASE_DIR) / "fixtures/regions/500236.yaml"])
    ctx = DemoContext(rng=random.Random(2025), scale=1.0, today=datetime.date(2026, 6, 30))
    seed_region_stats(ctx)
    for seeder in (
        demo_data.seed_community_facilities,
        demo_data.seed_community_organisations,
        demo_data.seed_community_social_workers,
        demo_data.seed_community_lottery,
    ):
        seeder(ctx)
    return Region.objects.get(code="500236000000")


def value(code, region, as_of):
    return registry.get(code).compute(region, as_of).value


def test_fengjie_demo_reproduces_2020_reaches_the_targets_with_laggards_and_seeds_once(fengjie):
    assert value("community.volunteer_station_facility_coverage", fengjie, END_2020) == pytest.approx(40, abs=0.5)
    assert value("community.volunteer_station_facility_coverage", fengjie, END_2025) >= 80
    assert (
        registry.get("community.volunteer_station_facility_coverage").compute(fengjie, END_2020).denominator.total
        == 392
    )
    assert value("community.social_work_talent_count", fengjie, END_2020) == 1980
    assert value("community.social_work_talent_count", fengjie, END_2025) >= 2500
    # 190 持证 in 2020 = 130 national certificates + 60 社工员 (a local qualification)
    assert value("community.certified_social_worker_count", fengjie, END_2020) == 130
    assert value("community.lottery_outlet_count", fengjie, END_2020) == 65
    assert value("community.lottery_outlet_count", fengjie, END_2025) >= 80
    donations = value("community.charity_donations_received", fengjie, END_2020) / Decimal(10_000)
    assert donations == pytest.approx(Decimal("3057.2"), abs=Decimal("30"))
    assert value("community.charity_donations_received", fengjie, END_2025) >= 50_000_000
    assert value("community.facility_area_per_100_households", fengjie, END_2025) >= 30

    # Some townships lag: the dashboard has laggards to drill into.
    result = registry.get("community.volunteer_station_facility_coverage").compute(fengjie, END_2025)
    shares = sorted(entry["value"] for entry in result.breakdown.values() if entry["value"] is not None)
    assert shares[0] < 60 <= shares[-1]

    # Seeding again adds nothing.
    from community.models import CommunityServiceFacility

    count = CommunityServiceFacility.objects.count()
    ctx = DemoContext(rng=random.Random(1), scale=1.0, today=datetime.date(2026, 6, 30))
    assert demo_data.seed_community_facilities(ctx) == "already seeded"
    assert CommunityServiceFacility.objects.count() == count
