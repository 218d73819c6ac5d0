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
