"""The funeral and marriage API: scoped viewsets reusing the pages' FilterSets; multi-row or idempotent writes as
explicit endpoints calling the same services as the pages (``POST .../cremators/{id}/emission-tests/`` etc.).

A record outside the jurisdiction is 404; a refusal of a service is 400 with the Chinese reason.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from civilaffairs.api.generic import ScopedViewSet, run_service
from funeral import services
from funeral.api import serializers as s
from funeral.filters import (
    BurialZoneFilterSet,
    ConstructionProjectFilterSet,
    CrematorFilterSet,
    FuneralFacilityFilterSet,
    MarriageCountFilterSet,
    MarriageOfficeFilterSet,
)
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


class FuneralFacilityViewSet(ScopedViewSet):
    serializer_class = s.FuneralFacilitySerializer
    filterset_class = FuneralFacilityFilterSet

    def get_queryset(self):
        return (
            FuneralFacility.objects.for_user(self.request.user)
            .select_related("region", "region__parent")
            .prefetch_related("served_villages")
            .order_by("region_id", "name")
        )


class BurialZoneViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Designations of townships as 火葬区 / 土葬改革区; ``POST`` designates (the one in force ends that day)."""

    serializer_class = s.BurialZoneSerializer
    filterset_class = BurialZoneFilterSet

    def get_queryset(self):
        return BurialZone.objects.for_user(self.request.user).select_related("township").order_by("township_id")

    @extend_schema(request=s.BurialZoneDesignateSerializer, responses={201: s.BurialZoneSerializer})
    def create(self, request):
        data = s.BurialZoneDesignateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        return run_service(
            lambda: services.burial_zone_designate(actor=request.user, **data.validated_data),
            lambda zone: Response(s.BurialZoneSerializer(zone).data, status=status.HTTP_201_CREATED),
        )


class CrematorViewSet(ScopedViewSet):
    serializer_class = s.CrematorSerializer
    filterset_class = CrematorFilterSet
    action_permissions = {
        "emission_tests": ["funeral.view_crematoremissiontest"],
        "record_emission_test": ["funeral.add_crematoremissiontest"],
        "decommission": ["funeral.change_cremator"],
    }

    def get_queryset(self):
        return Cremator.objects.for_user(self.request.user).select_related("facility").order_by("facility_id", "number")

    @extend_schema(responses={200: s.EmissionTestSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="emission-tests")
    def emission_tests(self, request, pk=None):
        cremator = self.get_object()
        tests = CrematorEmissionTest.objects.for_user(request.user).filter(cremator=cremator)
        return Response(s.EmissionTestSerializer(tests, many=True).data)

    @extend_schema(request=s.EmissionTestInputSerializer, responses={201: s.EmissionTestSerializer})
    @emission_tests.mapping.post
    def record_emission_test(self, request, pk=None):
        cremator = self.get_object()
        data = s.EmissionTestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return run_service(
            lambda: services.emission_test_record(actor=request.user, cremator=cremator, **data.validated_data),
            lambda test: Response(s.EmissionTestSerializer(test).data, status=status.HTTP_201_CREATED),
        )

    @extend_schema(request=s.DecommissionSerializer, responses={200: s.CrematorSerializer})
    @action(detail=True, methods=["post"])
    def decommission(self, request, pk=None):
        cremator = self.get_object()
        data = s.DecommissionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return run_service(
            lambda: services.cremator_decommission(actor=request.user, cremator=cremator, **data.validated_data),
            lambda unit: Response(s.CrematorSerializer(unit, context={"request": request}).data),
        )


class ConstructionProjectViewSet(ScopedViewSet):
    """Projects with their status and latest approved progress (a manual figure, flagged ``manual``)."""

    serializer_class = s.ConstructionProjectSerializer
    filterset_class = ConstructionProjectFilterSet

    def get_queryset(self):
        return ConstructionProject.objects.for_user(self.request.user).select_related("region").order_by("region_id")


class MarriageOfficeViewSet(ScopedViewSet):
    serializer_class = s.MarriageOfficeSerializer
    filterset_class = MarriageOfficeFilterSet
    action_permissions = {"enable_cross_province": ["funeral.add_crossprovinceauthorisation"]}

    def get_queryset(self):
        return (
            MarriageRegistrationOffice.objects.for_user(self.request.user)
            .prefetch_related("cross_province")
            .order_by("region_id", "name")
        )

    @extend_schema(request=s.CrossProvinceEnableSerializer, responses={201: s.CrossProvinceSerializer(many=True)})
    @action(detail=True, methods=["post"], url_path="cross-province")
    def enable_cross_province(self, request, pk=None):
        office = self.get_object()
        data = s.CrossProvinceEnableSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return run_service(
            lambda: services.cross_province_enable(actor=request.user, office=office, **data.validated_data),
            lambda items: Response(s.CrossProvinceSerializer(items, many=True).data, status=status.HTTP_201_CREATED),
        )


class CrossProvinceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.CrossProvinceSerializer
    filterset_fields = ["office", "business"]
    action_permissions = {"suspend": ["funeral.change_crossprovinceauthorisation"]}

    def get_queryset(self):
        return CrossProvinceAuthorisation.objects.for_user(self.request.user).order_by("office_id", "business")

    @extend_schema(request=s.SuspendSerializer, responses={200: s.CrossProvinceSerializer})
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        item = self.get_object()
        data = s.SuspendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return run_service(
            lambda: services.cross_province_suspend(actor=request.user, authorisation=item, **data.validated_data),
            lambda result: Response(s.CrossProvinceSerializer(result).data),
        )


class MarriageCountViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Daily counts per office and kind. ``POST`` enters or corrects one (upsert on office, day, kind): 201 when new,
    200 when it corrected or repeated an existing count."""

    serializer_class = s.MarriageCountSerializer
    filterset_class = MarriageCountFilterSet

    def get_queryset(self):
        return MarriageRegistrationCount.objects.for_user(self.request.user).select_related("office")

    @extend_schema(request=s.MarriageCountInputSerializer, responses={201: s.MarriageCountSerializer})
    def create(self, request):
        data = s.MarriageCountInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)

        def done(result):
            row, created = result
            code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
            return Response(s.MarriageCountSerializer(row).data, status=code)

        return run_service(
            lambda: services.count_record(actor=request.user, data=services.CountInput(**data.validated_data)), done
        )
