"""Factories of the indicators app."""

import datetime
from decimal import Decimal

import factory

from indicators.choices import Kind, ManualInputStatus, TargetOperator
from indicators.models import IndicatorDefinition, ManualInput, ManualInputType, Plan, PlanRow, Snapshot


class IndicatorDefinitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorDefinition
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"tests.definition_{n}")
    name = factory.Sequence(lambda n: f"测试指标{n}")
    unit = "%"
    kind = Kind.RATIO_100
    formula = "分子 ÷ 分母 × 100"


class ManualInputTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManualInputType
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"tests.manual_{n}")
    name = factory.Sequence(lambda n: f"人工数据{n}")
    unit = "%"
    source = "统计公报"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("code",)

    code = "test-14"
    title = "测试县“十四五”民政事业发展规划"
    table_title = "“十四五”时期民政事业发展主要指标"
    baseline_year = 2020
    target_year = 2025


class PlanRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanRow

    plan = factory.SubFactory(PlanFactory)
    order = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: str(o.order))
    name = factory.Sequence(lambda n: f"测试指标行{n}")
    unit = "%"
    attribute = "预期性"
    baseline_text = "40"
    baseline_value = Decimal(40)
    target_text = "≥80"
    target_operator = TargetOperator.GE
    target_value = Decimal(80)


class ManualInputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManualInput

    type = factory.SubFactory(ManualInputTypeFactory)
    period_year = 2023
    value = Decimal("5.5")
    source = "《2023年统计公报》"
    status = ManualInputStatus.APPROVED
    approved_at = factory.LazyFunction(lambda: datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC))


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    row = factory.SubFactory(PlanRowFactory)
    as_of = datetime.date(2023, 12, 31)
    value = Decimal(50)
    status = "on_track"
    computed_at = factory.LazyFunction(lambda: datetime.datetime(2024, 1, 1, 2, 30, tzinfo=datetime.UTC))
