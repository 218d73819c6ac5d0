"""Factories of the child-welfare registers."""

import datetime

import factory

from childwelfare.choices import InstitutionKind, StationKind, WorkerRole
from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinorProtectionStation

    name = factory.Sequence(lambda n: f"未成年人保护工作站{n}")
    kind = StationKind.TOWNSHIP_STATION
    established_on = datetime.date(2022, 1, 1)
    staff_count = 2


class ChildInstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildWelfareInstitution

    name = factory.Sequence(lambda n: f"儿童福利院{n}")
    kind = InstitutionKind.CHILD_WELFARE
    opened_on = datetime.date(2000, 1, 1)
    beds = 60


class ChildWorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildWorker

    role = WorkerRole.DIRECTOR
    appointed_on = datetime.date(2021, 3, 1)
