"""Fixtures of the indicators tests: test computations, a small plan on the test county, persons as records."""

import datetime
from decimal import Decimal

import pytest

from civilaffairs.choices import Role
from indicators import registry
from indicators.choices import Kind, ManualValueType, TargetOperator
from tests.factories import PersonFactory, UserFactory, build_county
from tests.indicators import computations
from tests.indicators.factories import (
    IndicatorDefinitionFactory,
    ManualInputFactory,
    ManualInputTypeFactory,
    PlanFactory,
    PlanRowFactory,
)

AS_OF = datetime.date(2024, 6, 30)


@pytest.fixture(autouse=True)
def test_computations():
    """Register the test computations for one test, then take them out of the registry again."""
    registry.autodiscover()
    added = []
    for cls in computations.ALL:
        if cls.code not in registry._registry:
            registry.register(cls)
            added.append(cls.code)
    yield
    for code in added:
        registry._registry.pop(code, None)


@pytest.fixture
def as_of():
    return AS_OF


@pytest.fixture
def people(geo, village_a, village_b):
    """Living women/men in townships A and B, one at county level, and the edge records that must not count."""
    county = geo["county"]
    other = build_county("990102", name="邻县", townships=1, villages=1)
    other_village = other["villages"][other["townships"][0].code][0]
    women_a = [PersonFactory(region=village_a, name=n, id_number=_id(female=True)) for n in ("甲女一", "甲女二")]
    men_a = [PersonFactory(region=village_a, name="甲男一", id_number=_id())]
    died_yesterday = PersonFactory(
        region=village_a, name="甲女昨日去世", id_number=_id(female=True), death_date=AS_OF - datetime.timedelta(days=1)
    )
    dies_tomorrow = PersonFactory(
        region=village_b, name="乙男明日去世", id_number=_id(), death_date=AS_OF + datetime.timedelta(days=1)
    )
    women_b = [PersonFactory(region=village_b, name="乙女一", id_number=_id(female=True))]
    county_level = PersonFactory(region=county, name="县本级女", id_number=_id(female=True))
    other_county = PersonFactory(region=other_village, name="邻县女", id_number=_id(female=True))
    return {
        "women_a": women_a,
        "men_a": men_a,
        "women_b": women_b,
        "died_yesterday": died_yesterday,
        "dies_tomorrow": dies_tomorrow,
        "county_level": county_level,
        "other_county": other_county,
    }


def _id(female: bool = False) -> str:
    from tests.factories import make_id_number

    return make_id_number(datetime.date(1960, 3, 3), female=female)


@pytest.fixture
def growth_type(db):
    return ManualInputTypeFactory(code="stats.consumption_growth", name="上年度居民人均消费支出增速", unit="%")


@pytest.fixture
def availability_type(db):
    return ManualInputTypeFactory(
        code="funeral.cross_province_marriage", name="婚姻登记跨省通办", unit="%", value_type=ManualValueType.BOOLEAN
    )


@pytest.fixture
def plan(geo, growth_type, availability_type):
    """A six-row plan on the test county exercising every kind of row."""
    plan = PlanFactory(code="test-14", jurisdiction=geo["county"], reference_levels=["city", "national"])
    women = IndicatorDefinitionFactory(
        code="tests.women_share", name="女性占比", kind=Kind.RATIO_100, formula="在世女性人数 ÷ 在世人数 × 100"
    )
    living = IndicatorDefinitionFactory(code="tests.living_persons", name="在世人数", kind=Kind.COUNT, unit="人")
    missing = IndicatorDefinitionFactory(code="tests.not_registered", name="尚未注册的指标", kind=Kind.COUNT)
    PlanRowFactory(
        plan=plan,
        order=1,
        name="在世人员中女性占比（%）",
        definition=women,
        binding=True,
        attribute="约束性",
        baseline_text="40",
        baseline_value=Decimal(40),
        target_text="≥80",
        target_operator=TargetOperator.GE,
        target_value=Decimal(80),
        reference_targets={"city": "≥75", "national": "≥80"},
        notes=["表中目标与正文不一致：正文为75%。"],
    )
    PlanRowFactory(
        plan=plan,
        order=2,
        name="在世人员数（万人）",
        unit="万人",
        definition=living,
        scale=Decimal(10000),
        baseline_text="0.0002",
        baseline_value=Decimal("0.0002"),
        target_text="0.001",
        target_operator=TargetOperator.EQ,
        target_value=Decimal("0.001"),
    )
    PlanRowFactory(
        plan=plan,
        order=3,
        name="婚姻登记“跨省通办”实施率",
        manual_input_type=availability_type,
        manual_reason="婚姻登记信息在全国系统中，本系统只记录是否开通。",
        baseline_text="—",
        baseline_value=None,
        target_text="100",
        target_operator=TargetOperator.EQ,
        target_value=Decimal(100),
    )
    PlanRowFactory(
        plan=plan,
        order=4,
        name="女性占比年度增幅",
        definition=women,
        baseline_text="—",
        baseline_value=None,
        target_text="不低于上年度居民人均消费支出增速",
        target_operator=TargetOperator.REF_GE,
        target_value=None,
        target_reference=growth_type,
    )
    PlanRowFactory(plan=plan, order=5, name="尚未注册的指标（个）", unit="个", definition=missing, binding=True)
    PlanRowFactory(
        plan=plan,
        order=6,
        name="福利彩票销售网点数量（个）",
        unit="个",
        baseline_text="",
        baseline_value=None,
        target_text="",
        target_operator=None,
        target_value=None,
        manual_reason="规划未列",
    )
    return plan


@pytest.fixture
def staff_b(township_b):
    return UserFactory(username="staff_b", role=Role.COUNTY_STAFF, jurisdiction=township_b)


@pytest.fixture
def approved_growth(geo, growth_type, county_staff, county_admin):
    return ManualInputFactory(
        type=growth_type,
        region=geo["county"],
        period_year=2023,
        value=Decimal("50"),
        entered_by=county_staff,
        approved_by=county_admin,
    )


@pytest.fixture
def celery_worker_running():
    """A real Celery worker thread on the project's app (broker from settings), stopped after the test.

    The worker thread's database connection is closed after each task: with CONN_MAX_AGE it would otherwise
    outlive the test and keep PostgreSQL from dropping the test database.
    """
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from civilaffairs.celery import app

    def close_connection(**kwargs):
        from django.db import connection

        connection.close()

    app.loader.import_default_modules()
    task_postrun.connect(close_connection, weak=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1, shutdown_timeout=30) as worker:
            yield worker
    finally:
        task_postrun.disconnect(close_connection)
