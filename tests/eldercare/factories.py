"""Factories of the elder-care registers (factory_boy)."""

import datetime

import factory

from eldercare.choices import (
    FacilityType,
    InstitutionType,
    OperationMode,
    Ownership,
    QualityResult,
    VisitType,
)
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderlyPerson,
    ElderlyVisit,
)
from tests.factories import PersonFactory, make_id_number


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElderCareInstitution

    name = factory.Sequence(lambda n: f"测试养老院{n}")
    institution_type = InstitutionType.TEKUN_HOME
    ownership = Ownership.PUBLIC
    opened_on = datetime.date(2015, 1, 1)
    filed_on = factory.LazyAttribute(lambda o: o.opened_on)
    filing_number = factory.Sequence(lambda n: f"备{n:05d}")


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityElderCareFacility

    name = factory.Sequence(lambda n: f"测试社区养老服务站{n}")
    facility_type = FacilityType.COMMUNITY_STATION
    ownership = Ownership.PUBLIC
    opened_on = datetime.date(2021, 1, 1)


FUNCTION_NAMES = ("full_care", "day_care", "home_service", "meals", "rehab", "guidance")


def inventory(site, effective_on, total=0, nursing=0, mode=None, functions=(), day_rest=0):
    """One dated inventory version; ``functions`` are the short names (full_care, day_care, home_service…)."""
    if mode is None:
        mode = OperationMode.PRIVATE if site.ownership == Ownership.PRIVATE else OperationMode.GOVERNMENT
    return ElderCareBedInventory.objects.create(
        site=site,
        effective_on=effective_on,
        total_beds=total,
        nursing_beds=nursing,
        day_rest_beds=day_rest,
        operation_mode=mode,
        **{f"offers_{name}": name in functions for name in FUNCTION_NAMES},
    )


COMPREHENSIVE = ("full_care", "day_care", "home_service")


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElderCareQualityAssessment

    assessed_on = datetime.date(2024, 3, 1)
    result = QualityResult.PASS
    inspector = "县民政局养老服务科"
    problems = factory.LazyAttribute(lambda o: "消防通道堆放杂物" if o.result == QualityResult.FAIL else "")


def elderly_person(region, *, born=datetime.date(1950, 3, 1), death_date=None, name=None):
    kwargs = {"region": region, "id_number": make_id_number(born), "death_date": death_date}
    if name:
        kwargs["name"] = name
    return PersonFactory(**kwargs)


class ElderlyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElderlyPerson

    listed_on = datetime.date(2023, 1, 1)
    lives_at_home = True
    is_living_alone = True


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElderlyVisit

    region = factory.LazyAttribute(lambda o: o.elderly.person.region)
    visit_type = VisitType.HOME
    visitor_name = "养老助理 王芳"
    findings = "身体状况稳定，独自生活，屋内整洁"
    assistance = "测量血压，代购药品"
