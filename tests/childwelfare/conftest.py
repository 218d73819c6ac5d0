import datetime

import pytest

from civilaffairs.choices import RegionLevel
from civilaffairs.models import Region
from tests.factories import build_county

AS_OF = datetime.date(2024, 6, 30)
TOMORROW = AS_OF + datetime.timedelta(days=1)


@pytest.fixture
def other_county(db):
    return build_county("990202", name="丙县", townships=1, villages=1)


@pytest.fixture
def township_c(geo):
    """A third township with no villages; its station opens on the as-of date."""
    return Region.objects.create(
        code="990101102000", name="丙镇", level=RegionLevel.TOWNSHIP, kind="乡", parent=geo["county"]
    )


@pytest.fixture
def not_counted_units(geo):
    county = geo["county"]
    abolished = Region.objects.create(
        code="990101103000",
        name="丁镇（已撤并）",
        level=RegionLevel.TOWNSHIP,
        kind="镇",
        parent=county,
        abolished_on=AS_OF,
    )
    park = Region.objects.create(
        code="990101104000", name="工业园区", level=RegionLevel.TOWNSHIP, kind="功能区", parent=county
    )
    return abolished, park


@pytest.fixture
def world(geo, township_a, township_b, village_a, village_b):
    from tests.factories import PersonFactory

    from .factories import ChildInstitutionFactory, ChildWorkerFactory, StationFactory

    w = {}
    for key, township, village in (("a", township_a, village_a), ("b", township_b, village_b)):
        w[key] = {
            "station": StationFactory(name=f"{township.name}未成年人保护工作站", region=township),
            "point": StationFactory(name=f"{village.name}儿童之家", kind="childrens_home", region=village),
            "worker": ChildWorkerFactory(
                person=PersonFactory(region=village, name=f"{village.name}儿童主任"), region=village
            ),
        }
    w["institution"] = ChildInstitutionFactory(name="测试县儿童福利院", region=geo["county"])
    return w
