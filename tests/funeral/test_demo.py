"""The funeral demo records on the real region fixtures agree with the seeds: 奉节 41% (161 of 392 villages) in 2020
rising with laggards left, ≈ 8 000 registrations a year, 南川's projects at 50% in 2020."""

import datetime
import random
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from civilaffairs.demo import DemoContext
from civilaffairs.models import Region
from indicators import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    from civilaffairs.demo_data import seed_users
    from funeral import demo_data
    from tests.funeral.factories import progress_type

    call_command("load_reference", only=["regions"], stdout=StringIO())
    progress_type()
    ctx = DemoContext(rng=random.Random(2025), scale=1.0, today=datetime.date(2026, 6, 30))
    seed_users(ctx)
    for seeder in (
        demo_data.seed_projects,
        demo_data.seed_facilities,
        demo_data.seed_zones,
        demo_data.seed_cremators,
        demo_data.seed_marriage,
    ):
        seeder(ctx)
    return ctx


def value(code, county, as_of):
    return registry.get(code).compute(Region.objects.get(code=county), as_of)


def test_fengjie_village_coverage_starts_at_the_plans_41_percent_and_leaves_laggards(seeded):
    code = "funeral.village_public_burial_facility_coverage"
    baseline = value(code, "500236000000", datetime.date(2020, 12, 31))
    assert (baseline.numerator.total, baseline.denominator.total) == (161, 392)
    later = value(code, "500236000000", datetime.date(2026, 6, 30))
    assert Decimal(80) < later.value < Decimal(100)
    lagging = [key for key, row in later.breakdown.items() if row["value"] is not None and row["value"] < 50]
    assert "500236120" in lagging  # 康乐镇: outside project #15


def test_fengjie_marriage_counts_are_about_8000_a_year_and_cross_province_opens_in_2021(seeded):
    from funeral.models import MarriageRegistrationCount

    year = MarriageRegistrationCount.objects.filter(office__region_id="500236000000", date__year=2022).aggregate(
        total=Sum("total")
    )["total"]
    assert 7000 < year < 9000
    rate = "funeral.marriage_cross_province_office_rate"
    assert value(rate, "500236000000", datetime.date(2021, 5, 31)).value == 0
    assert value(rate, "500236000000", datetime.date(2021, 6, 1)).value == 100


def test_nanchuan_projects_start_at_50_percent(seeded):
    result = value("funeral.facility_project_progress", "500119000000", datetime.date(2020, 12, 31))
    assert result.value == Decimal(50) and result.denominator.total == 2


def test_quxian_and_minle_county_coverage_and_cremators(seeded):
    coverage = "funeral.county_public_burial_facility_coverage"
    assert value(coverage, "511725000000", datetime.date(2022, 12, 31)).value == 0
    assert value(coverage, "511725000000", datetime.date(2024, 12, 31)).value == 100
    assert value(coverage, "620722000000", datetime.date(2020, 12, 31)).value == 100
    cremators = "funeral.eco_cremator_count"
    assert value(cremators, "511725000000", datetime.date(2024, 12, 31)).value == 4
    assert value(cremators, "620722000000", datetime.date(2024, 12, 31)).value == 3
