"""The five jurisdictions load from fixtures with one command, idempotently."""

import pytest
from django.core.management import call_command

from civilaffairs.models import Region, RegionStat

pytestmark = pytest.mark.django_db

FENGJIE_TOWNSHIPS = (
    "永安街道 鱼复街道 夔门街道 夔州街道 草堂镇 竹园镇 朱衣镇 安坪镇 新民镇 吐祥镇 公平镇 白帝镇 兴隆镇 甲高镇 康乐镇 "
    "青龙镇 五马镇 羊市镇 永乐镇 汾河镇 青莲镇 大树镇 平安乡 鹤峰乡 红土乡 康坪乡 石岗乡 冯坪乡 岩湾乡 "
    "太和土家族乡 云雾土家族乡 长安土家族乡 龙桥土家族乡"
).split()


@pytest.fixture
def loaded(db):
    call_command("load_reference", only=["regions"])


def county(code6):
    return Region.objects.get(code=code6 + "000000")


def test_five_jurisdictions_load(loaded):
    names = {code: county(code).name for code in ["511725", "500236", "500119", "620722", "500190"]}
    assert names == {
        "511725": "渠县",
        "500236": "奉节县",
        "500119": "南川区",
        "620722": "民乐县",
        "500190": "重庆高新区",
    }
    assert county("500190").note  # the local code is documented on the region


def test_fengjie_has_its_33_townships_by_name_and_392_villages(loaded):
    fengjie = county("500236")
    townships = fengjie.descendants().townships()
    assert sorted(townships.values_list("name", flat=True)) == sorted(FENGJIE_TOWNSHIPS)
    assert fengjie.descendants().villages().count() == 392
    assert Region.objects.get(name="诗城路社区", parent__name="永安街道").kind == "社区"


def test_township_counts_follow_the_notes(loaded):
    expected = {"511725": 37, "500119": 34, "620722": 11}
    for code, count in expected.items():
        assert county(code).descendants().townships().count() == count, code


def test_every_village_code_is_prefixed_by_its_township(loaded):
    for village in Region.objects.villages().select_related("parent"):
        assert village.code[:9] == village.parent.code[:9]
        assert len(village.code) == 12


def test_2020_statistics_from_the_seed(loaded):
    stat = RegionStat.objects.get(region_id="500236000000", year=2020)
    assert (stat.resident_population, stat.aged_60_plus) == (744836, 165812)
    assert stat.source


def test_loading_again_changes_nothing(loaded):
    before = (Region.objects.count(), RegionStat.objects.count())
    call_command("load_reference", only=["regions"])
    assert (Region.objects.count(), RegionStat.objects.count()) == before
