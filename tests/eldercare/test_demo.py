"""The elder-care and child-welfare demo records on the real region fixtures agree with the seeds' 2020 figures
(奉节: 护理型 32.3%, comprehensive 19 of 33 townships; 民乐: 护理型 3.8%, stations 2 of 11; 南川: 30 beds per
1000 elderly), move towards the 2025 targets and leave lagging townships to drill into."""

import datetime
import random
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from civilaffairs.demo import DemoContext
from civilaffairs.models import Region
from indicators import registry

pytestmark = pytest.mark.django_db

BASELINE, LATER = datetime.date(2020, 12, 31), datetime.date(2026, 6, 30)


@pytest.fixture
def seeded():
    from childwelfare.demo_data import seed_childwelfare
    from eldercare.demo_data import seed_eldercare_roster, seed_eldercare_sites

    call_command("load_reference", only=["regions"], stdout=StringIO())
    ctx = DemoContext(rng=random.Random(2025), scale=0.25, today=LATER)
    seed_eldercare_sites(ctx)
    seed_eldercare_roster(ctx)
    seed_childwelfare(ctx)
    return ctx


def value(code, county, as_of):
    return registry.get(code).compute(Region.objects.get(code=f"{county}000000"), as_of)


def test_baselines_reproduce_the_seeds(seeded):
    assert round(value("eldercare.nursing_bed_share", "500236", BASELINE).value, 1) == Decimal("32.4")
    coverage = value("eldercare.township_comprehensive_institution_coverage", "500236", BASELINE)
    assert (coverage.numerator.total, coverage.denominator.total) == (19, 33)
    assert round(value("eldercare.nursing_bed_share", "620722", BASELINE).value, 1) == Decimal("3.8")
    assert round(value("eldercare.nursing_bed_share", "500119", BASELINE).value, 1) == Decimal("31.5")
    assert round(value("eldercare.beds_per_1000_elderly", "500119", BASELINE).value) == 30
    stations = value("childwelfare.township_minor_protection_station_coverage", "620722", BASELINE)
    assert (stations.numerator.total, stations.denominator.total) == (2, 11)


def test_progress_towards_2025_with_laggards(seeded):
    nursing = value("eldercare.nursing_bed_share", "500236", LATER)
    assert nursing.value > 55
    lagging = [k for k, row in nursing.breakdown.items() if row["value"] is not None and row["value"] < 40]
    assert lagging, "some townships should lag"
    coverage = value("eldercare.township_comprehensive_institution_coverage", "500236", LATER)
    assert 80 < coverage.value < 100
    stations = value("childwelfare.township_minor_protection_station_coverage", "500236", LATER)
    assert 80 < stations.value < 100
    visits = value("eldercare.home_elderly_visit_rate", "511725", LATER)
    assert 60 < visits.value < 100 and visits.denominator.total > 0
    assert value("childwelfare.minor_rescue_institution_coverage", "511725", BASELINE).value == 0
    assert value("childwelfare.minor_rescue_institution_coverage", "511725", LATER).value == 100


def test_seeding_twice_adds_nothing(seeded):
    from eldercare.demo_data import seed_eldercare_sites
    from eldercare.models import ElderCareInstitution

    before = ElderCareInstitution.objects.count()
    assert seed_eldercare_sites(seeded) == "already present"
    assert ElderCareInstitution.objects.count() == before
