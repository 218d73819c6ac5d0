"""The child-welfare API: scoped viewsets reusing the pages' FilterSets."""

from childwelfare.api import serializers as s
from childwelfare.filters import ChildInstitutionFilterSet, ChildWorkerFilterSet, StationFilterSet
from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation
from civilaffairs.api.generic import ScopedViewSet


class StationViewSet(ScopedViewSet):
    model = MinorProtectionStation
    select_related = ("region__parent",)
    serializer_class = s.MinorProtectionStationSerializer
    filterset_class = StationFilterSet


class ChildInstitutionViewSet(ScopedViewSet):
    model = ChildWelfareInstitution
    serializer_class = s.ChildWelfareInstitutionSerializer
    filterset_class = ChildInstitutionFilterSet


class ChildWorkerViewSet(ScopedViewSet):
    model = ChildWorker
    select_related = ("person",)
    serializer_class = s.ChildWorkerSerializer
    filterset_class = ChildWorkerFilterSet
