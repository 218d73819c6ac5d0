"""Funeral and marriage factories: facilities, zones, cremators with tests, projects, offices and daily counts."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import factory
from django.utils import timezone

from funeral.choices import BurialZoneKind, CrossProvinceBusiness, FacilityType, Fuel, RegistrationKind
from funeral.models import (
    BurialZone,
    ConstructionProject,
    Cremator,
    CrematorEmissionTest,
    CrossProvinceAuthorisation,
    FuneralFacility,
    MarriageRegistrationCount,
    MarriageRegistrationOffice,
)

_numbers = itertools.count(1)


class FuneralFacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FuneralFacility
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"公益性公墓{n}")
    facility_type = FacilityType.RURAL_PUBLIC_CEMETERY
    is_public = True
    opened_on = datetime.date(2020, 1, 1)

    @factory.post_generation
    def served(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.served_villages.set(extracted)


class BurialZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BurialZone

    kind = BurialZoneKind.CREMATION
    valid_from = datetime.date(2015, 1, 1)
    document = "县政府关于划定火葬区和土葬改革区的通告"


class CrematorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cremator

    number = factory.LazyFunction(lambda: f"{next(_numbers)}号炉")
    fuel = Fuel.LIGHT_DIESEL
    has_flue_gas_treatment = True
    is_eco = True
    commissioned_on = datetime.date(2018, 6, 1)
    scrap_due_on = datetime.date(2030, 6, 1)


class EmissionTestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrematorEmissionTest

    tested_on = datetime.date(2024, 9, 1)
    tested_by = "达州市生态环境监测站"
    report_number = factory.Sequence(lambda n: f"DZJC-{n:05d}")
    passed = True


class ConstructionProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConstructionProject

    name = factory.Sequence(lambda n: f"殡葬设施建设工程{n}")
    in_indicator_table = True
    planned_start_year = 2020
    planned_end_year = 2025
    started_on = datetime.date(2020, 3, 1)


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarriageRegistrationOffice

    name = factory.Sequence(lambda n: f"婚姻登记处{n}")
    opened_on = datetime.date(2010, 1, 1)
    online_since = datetime.date(2012, 1, 1)


class CrossProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrossProvinceAuthorisation

    business = CrossProvinceBusiness.MARRIAGE
    enabled_on = datetime.date(2021, 6, 1)
    document = "民政部办公厅关于开展婚姻登记“跨省通办”试点工作的通知"


class CountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarriageRegistrationCount

    date = datetime.date(2024, 5, 20)
    kind = RegistrationKind.MARRIAGE
    total = 10
    online = 10


def cross_province_both(office, enabled_on=datetime.date(2021, 6, 1), suspended_on=None):
    """Open 结婚 and 离婚 跨省通办 at an office (what the indicator requires)."""
    return [
        CrossProvinceFactory(office=office, business=b, enabled_on=enabled_on, suspended_on=suspended_on)
        for b in CrossProvinceBusiness.values
    ]


def approve_progress(project, value, as_of, *, entered_by, approved_by, source="项目月报"):
    """An approved 形象进度 figure for a project (the manual figure type comes from the fixture loader)."""
    from indicators.choices import ManualInputStatus
    from indicators.models import ManualInput

    figure_type = progress_type()
    return ManualInput.objects.create(
        type=figure_type,
        region=project.region,
        subject=project.name,
        as_of=as_of,
        value=Decimal(value),
        source=source,
        status=ManualInputStatus.APPROVED,
        entered_by=entered_by,
        approved_by=approved_by,
        approved_at=timezone.now(),
    )


def progress_type():
    from indicators.choices import ManualLevel, ManualPeriod, ManualValueType
    from indicators.models import ManualInputType

    figure_type, _ = ManualInputType.objects.get_or_create(
        code="project_progress",
        defaults={
            "name": "建设项目形象进度",
            "unit": "%",
            "value_type": ManualValueType.PERCENT,
            "level": ManualLevel.PROJECT,
            "period": ManualPeriod.AS_OF,
        },
    )
    return figure_type
