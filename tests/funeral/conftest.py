"""Funeral fixtures: the as-of date of the indicator tests and a second county whose records must never count."""

import datetime

import pytest

from tests.factories import build_county

AS_OF = datetime.date(2024, 6, 30)


@pytest.fixture
def other_county(geo):
    return build_county("990202", name="邻县")


@pytest.fixture
def other_village(other_county):
    township = other_county["townships"][0]
    return other_county["villages"][township.code][0]
