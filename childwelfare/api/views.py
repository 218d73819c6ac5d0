"""The child-welfare API: scoped viewsets reusing the pages' FilterSets."""

from rest_framework import viewsets

from childwelfare.api import serializers as s
from childwelfare.filters import ChildInstitutionFilterSet, ChildWorkerFilterSet, StationFilterSet
from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation

NO_DELETE = ["get", "post", "put", "patch", "head", "options"]


class StationViewSet(viewsets.ModelViewSet):
    serializer_class = s.MinorProtectionStationSerializer
    filterset_class = StationFilterSet
    http_method_names = NO_DELETE

    def get_queryset(self):
        return (
            MinorProtectionStation.objects.for_user(self.request.user).select_related("region__parent").order_by("pk")
        )


class ChildInstitutionViewSet(viewsets.ModelViewSet):
    serializer_class = s.ChildWelfareInstitutionSerializer
    filterset_class = ChildInstitutionFilterSet
    http_method_names = NO_DELETE

    def get_queryset(self):
        return ChildWelfareInstitution.objects.for_user(self.request.user).order_by("pk")


class ChildWorkerViewSet(viewsets.ModelViewSet):
    serializer_class = s.ChildWorkerSerializer
    filterset_class = ChildWorkerFilterSet
    http_method_names = NO_DELETE

    def get_queryset(self):
        return ChildWorker.objects.for_user(self.request.user).select_related("person").order_by("pk")
