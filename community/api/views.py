"""The community API: scoped viewsets reusing the pages' FilterSets; status changes as explicit endpoints that call
the pages' services (``POST .../organisations/{id}/end/``, ``.../annual-reports/{id}/review/``,
``.../social-workers/{id}/transfer/``). Nothing is deleted through the API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action

from civilaffairs.api.generic import ScopedViewSet, respond_with, run_service
from community import filters, services
from community.api import serializers as s
from community.models import (
    CharityDonation,
    CommunityPlatformAccess,
    CommunityServiceFacility,
    IncubationCentre,
    LotteryOutlet,
    LotterySalesReturn,
    RuralCommunityDesignation,
    SocialOrganization,
    SocialOrgAnnualReport,
    SocialWorker,
    Volunteer,
    VolunteerStation,
)


class FacilityViewSet(ScopedViewSet):
    model = CommunityServiceFacility
    serializer_class = s.FacilitySerializer
    filterset_class = filters.FacilityFilterSet

    def get_queryset(self):
        return super().get_queryset().prefetch_related("served_villages")


class VolunteerStationViewSet(ScopedViewSet):
    model = VolunteerStation
    serializer_class = s.VolunteerStationSerializer
    filterset_class = filters.VolunteerStationFilterSet


class PlatformAccessViewSet(ScopedViewSet):
    model = CommunityPlatformAccess
    serializer_class = s.PlatformAccessSerializer
    filterset_class = filters.PlatformAccessFilterSet


class DesignationViewSet(ScopedViewSet):
    model = RuralCommunityDesignation
    serializer_class = s.DesignationSerializer
    filterset_class = filters.DesignationFilterSet


class SocialOrganizationViewSet(ScopedViewSet):
    model = SocialOrganization
    serializer_class = s.SocialOrganizationSerializer
    filterset_class = filters.SocialOrganizationFilterSet
    action_permissions = {"end": ["community.end_socialorganization"]}

    @extend_schema(request=s.OrganizationEndSerializer, responses=s.SocialOrganizationSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """注销 / 撤销 / 吊销 / 取缔 from a date (``services.organization_end``)."""
        org = self.get_object()
        data = s.OrganizationEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return run_service(
            lambda: services.organization_end(actor=request.user, organization=org, **data.validated_data),
            respond_with(s.SocialOrganizationSerializer, request),
        )


class AnnualReportViewSet(ScopedViewSet):
    model = SocialOrgAnnualReport
    serializer_class = s.AnnualReportSerializer
    filterset_class = filters.AnnualReportFilterSet
    select_related = ("organization",)
    action_permissions = {"review": ["community.review_socialorgannualreport"]}

    def _submit(self, request, report, status_code):
        data = s.AnnualReportSerializer(
            report, data=request.data, context={"request": request}, partial=bool(report.pk)
        )
        data.is_valid(raise_exception=True)
        for name, value in data.validated_data.items():
            setattr(report, name, value)
        return run_service(
            lambda: services.annual_report_submit(actor=request.user, report=report),
            respond_with(s.AnnualReportSerializer, request, status_code),
        )

    def create(self, request, *args, **kwargs):
        return self._submit(request, SocialOrgAnnualReport(), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        return self._submit(request, self.get_object(), status.HTTP_200_OK)

    @extend_schema(request=s.ReviewSerializer, responses=s.AnnualReportSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Accept or return a submitted report (``services.annual_report_review``)."""
        report = self.get_object()
        data = s.ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return run_service(
            lambda: services.annual_report_review(actor=request.user, report=report, **data.validated_data),
            respond_with(s.AnnualReportSerializer, request),
        )


class IncubationCentreViewSet(ScopedViewSet):
    model = IncubationCentre
    serializer_class = s.IncubationCentreSerializer
    filterset_class = filters.IncubationCentreFilterSet


class SocialWorkerViewSet(ScopedViewSet):
    model = SocialWorker
    serializer_class = s.SocialWorkerSerializer
    filterset_class = filters.SocialWorkerFilterSet
    select_related = ("person",)

    def get_serializer_class(self):
        return s.SocialWorkerCreateSerializer if self.action == "create" else s.SocialWorkerSerializer

    @extend_schema(request=s.SocialWorkerCreateSerializer, responses=s.SocialWorkerSerializer)
    def create(self, request, *args, **kwargs):
        data = s.SocialWorkerCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        id_number, name, residence = values.pop("id_number"), values.pop("person_name"), values.pop("residence", None)
        worker = SocialWorker(**values)
        return run_service(
            lambda: services.social_worker_register(
                actor=request.user, id_number=id_number, name=name, residence=residence, worker=worker
            ),
            respond_with(s.SocialWorkerSerializer, request, status.HTTP_201_CREATED),
        )

    @extend_schema(request=s.TransferSerializer, responses=s.SocialWorkerSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        """Move to another post: closes this record, opens a new one (``services.social_worker_transfer``)."""
        worker = self.get_object()
        data = s.TransferSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        return run_service(
            lambda: services.social_worker_transfer(actor=request.user, worker=worker, **data.validated_data),
            respond_with(s.SocialWorkerSerializer, request, status.HTTP_201_CREATED),
        )


class VolunteerViewSet(ScopedViewSet):
    model = Volunteer
    serializer_class = s.VolunteerSerializer
    filterset_class = filters.VolunteerFilterSet


class DonationViewSet(ScopedViewSet):
    model = CharityDonation
    serializer_class = s.DonationSerializer
    filterset_class = filters.DonationFilterSet


class LotteryOutletViewSet(ScopedViewSet):
    model = LotteryOutlet
    serializer_class = s.LotteryOutletSerializer
    filterset_class = filters.LotteryOutletFilterSet


class SalesReturnViewSet(ScopedViewSet):
    model = LotterySalesReturn
    serializer_class = s.SalesReturnSerializer
    filterset_class = filters.SalesReturnFilterSet
