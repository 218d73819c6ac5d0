"""The elder-care API: scoped viewsets reusing the pages' FilterSets; writes call the pages' services."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from civilaffairs.api.generic import ScopedViewSet, drf_error, run_service
from eldercare import selectors, services
from eldercare.api import serializers as s
from eldercare.filters import (
    AssessmentFilterSet,
    ElderlyFilterSet,
    FacilityFilterSet,
    InstitutionFilterSet,
    InventoryFilterSet,
    VisitFilterSet,
)
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderlyPerson,
    ElderlyVisit,
)


class InstitutionViewSet(ScopedViewSet):
    """养老机构 with the beds, nursing beds and operation mode in force today."""

    serializer_class = s.ElderCareInstitutionSerializer
    filterset_class = InstitutionFilterSet

    def get_queryset(self):
        qs = ElderCareInstitution.objects.for_user(self.request.user).select_related("region", "region__parent")
        return selectors.with_current_inventory(qs).order_by("pk")


class FacilityViewSet(InstitutionViewSet):
    """社区养老服务设施 with the residential beds and operation mode in force today."""

    serializer_class = s.ElderCareFacilitySerializer
    filterset_class = FacilityFilterSet

    def get_queryset(self):
        qs = CommunityElderCareFacility.objects.for_user(self.request.user).select_related("region", "region__parent")
        return selectors.with_current_inventory(qs).order_by("pk")


class InventoryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Dated inventory versions; a version is never edited — a correction is a new version."""

    serializer_class = s.ElderCareInventorySerializer
    filterset_class = InventoryFilterSet

    def get_queryset(self):
        return ElderCareBedInventory.objects.for_user(self.request.user).select_related("recorded_by").order_by("pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        site = data.pop("site")
        try:
            serializer.instance = services.inventory_record(
                actor=self.request.user, site=site, inventory=ElderCareBedInventory(**data)
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from None


class AssessmentViewSet(ScopedViewSet):
    model = ElderCareQualityAssessment
    serializer_class = s.ElderCareAssessmentSerializer
    filterset_class = AssessmentFilterSet


class ElderlyViewSet(ScopedViewSet):
    """The roster of special-difficulty elderly; ``POST …/{id}/remove/`` takes an entry off the roster."""

    model = ElderlyPerson
    select_related = ("person", "person__region", "person__region__parent")
    serializer_class = s.ElderlyPersonSerializer
    filterset_class = ElderlyFilterSet
    action_permissions = {"remove": ["eldercare.change_elderlyperson"]}

    @extend_schema(request=s.ElderlyRemovalSerializer, responses=s.ElderlyPersonSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        entry = self.get_object()
        data = s.ElderlyRemovalSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return run_service(
            lambda: services.elderly_remove(actor=request.user, elderly=entry, **data.validated_data),
            lambda removed: Response(self.get_serializer(removed).data),
        )


class VisitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ElderlyVisitSerializer
    filterset_class = VisitFilterSet

    def get_queryset(self):
        qs = ElderlyVisit.objects.for_user(self.request.user).select_related("elderly__person", "recorded_by")
        return qs.order_by("-visited_on", "-pk")
