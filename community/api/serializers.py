"""Serializers of the community API. Every related choice is limited to the requesting user's jurisdiction, and
every write runs the model's own validation (``full_clean``) so the API refuses what the pages refuse."""

from __future__ import annotations

from rest_framework import serializers

from civilaffairs.api.generic import CleanModelSerializer, ScopedRegionField, ScopedRelatedField
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


class FacilitySerializer(CleanModelSerializer):
    village = ScopedRegionField()
    served_villages = ScopedRegionField(many=True, required=False)

    class Meta:
        model = CommunityServiceFacility
        fields = [
            "id",
            "name",
            "kind",
            "village",
            "served_villages",
            "address",
            "building_area_m2",
            "tenure",
            "has_service_hall",
            "has_committee_office",
            "has_social_org_room",
            "has_activity_room",
            "other_functions",
            "opened_on",
            "closed_on",
            "investment_yuan",
            "note",
        ]


class VolunteerStationSerializer(CleanModelSerializer):
    facility = ScopedRelatedField(CommunityServiceFacility, required=False, allow_null=True)
    region = ScopedRegionField(required=False)

    class Meta:
        model = VolunteerStation
        fields = ["id", "name", "facility", "region", "established_on", "closed_on", "operator", "phone", "note"]


class PlatformAccessSerializer(CleanModelSerializer):
    village = ScopedRegionField()

    class Meta:
        model = CommunityPlatformAccess
        fields = ["id", "village", "platform", "platform_name", "account", "connected_on", "disconnected_on", "note"]


class DesignationSerializer(CleanModelSerializer):
    village = ScopedRegionField()

    class Meta:
        model = RuralCommunityDesignation
        fields = [
            "id",
            "village",
            "designated_on",
            "document_number",
            "criteria",
            "is_demonstration",
            "revoked_on",
            "revoke_reason",
        ]


class SocialOrganizationSerializer(CleanModelSerializer):
    registration_authority = ScopedRegionField()
    region = ScopedRegionField()
    incubation_centre = ScopedRelatedField(IncubationCentre, required=False, allow_null=True)

    class Meta:
        model = SocialOrganization
        fields = [
            "id",
            "name",
            "uscc",
            "org_type",
            "registration_kind",
            "category",
            "registration_authority",
            "region",
            "registered_on",
            "status",
            "ended_on",
            "end_reason",
            "legal_representative",
            "business_supervisor",
            "address",
            "phone",
            "fulltime_staff_at_registration",
            "assessment_grade",
            "is_charity",
            "charity_recognised_on",
            "has_public_fundraising",
            "incubation_centre",
            "note",
        ]
        read_only_fields = ["status", "ended_on", "end_reason"]


class OrganizationEndSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["deregistered", "revoked", "licence_revoked", "banned"])
    on = serializers.DateField()
    reason = serializers.CharField(max_length=200)


class AnnualReportSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(SocialOrganization)

    class Meta:
        model = SocialOrgAnnualReport
        fields = [
            "id",
            "organization",
            "year",
            "fulltime_staff",
            "volunteers",
            "total_assets_yuan",
            "income_yuan",
            "submitted_on",
            "status",
            "reviewed_on",
            "review_opinion",
        ]
        read_only_fields = ["status", "reviewed_on", "review_opinion"]


class ReviewSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    opinion = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    on = serializers.DateField(required=False)


class IncubationCentreSerializer(CleanModelSerializer):
    region = ScopedRegionField()
    operator = ScopedRelatedField(SocialOrganization, required=False, allow_null=True)

    class Meta:
        model = IncubationCentre
        fields = ["id", "name", "level", "region", "address", "operator", "area_m2", "opened_on", "closed_on", "note"]


WORKER_FIELDS = [
    "region",
    "employer_kind",
    "employer_name",
    "employer_org",
    "certificate_level",
    "certificate_number",
    "certified_on",
    "talent_basis",
    "active_from",
    "active_to",
    "leave_reason",
    "note",
]


class SocialWorkerSerializer(CleanModelSerializer):
    region = ScopedRegionField()
    employer_org = ScopedRelatedField(SocialOrganization, required=False, allow_null=True)
    person_name = serializers.CharField(source="person.name", read_only=True)
    id_number = serializers.SerializerMethodField()

    class Meta:
        model = SocialWorker
        fields = ["id", "person", "person_name", "id_number", *WORKER_FIELDS]
        read_only_fields = ["person"]

    def get_id_number(self, obj) -> str:
        return obj.person.id_number_for(self.context["request"].user)


class SocialWorkerCreateSerializer(serializers.ModelSerializer):
    """A new record: the person by 公民身份号码 (registered if new, with the village of residence)."""

    id_number = serializers.CharField(max_length=20)
    person_name = serializers.CharField(max_length=50)
    residence = ScopedRegionField(required=False, allow_null=True)
    region = ScopedRegionField()
    employer_org = ScopedRelatedField(SocialOrganization, required=False, allow_null=True)

    class Meta:
        model = SocialWorker
        fields = ["id_number", "person_name", "residence", *WORKER_FIELDS[:-3], "note"]


class TransferSerializer(serializers.Serializer):
    on = serializers.DateField()
    region = ScopedRegionField()
    employer_kind = serializers.ChoiceField(choices=SocialWorker._meta.get_field("employer_kind").choices)
    employer_name = serializers.CharField(max_length=120)


class VolunteerSerializer(CleanModelSerializer):
    region = ScopedRegionField()

    class Meta:
        model = Volunteer
        fields = [
            "id",
            "id_number",
            "name",
            "region",
            "registered_on",
            "deregistered_on",
            "source",
            "external_id",
            "team",
            "service_hours",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["id_number"] = instance.id_number_for(self.context["request"].user)
        return data


class DonationSerializer(CleanModelSerializer):
    recipient = ScopedRelatedField(SocialOrganization)
    source_charity = ScopedRelatedField(SocialOrganization, required=False, allow_null=True)

    class Meta:
        model = CharityDonation
        fields = [
            "id",
            "recipient",
            "kind",
            "received_on",
            "donor_name",
            "donor_type",
            "source_charity",
            "cash_yuan",
            "in_kind_yuan",
            "in_kind_description",
            "receipt_number",
            "purpose",
            "note",
        ]


class LotteryOutletSerializer(CleanModelSerializer):
    region = ScopedRegionField()

    class Meta:
        model = LotteryOutlet
        fields = [
            "id",
            "outlet_number",
            "name",
            "kind",
            "region",
            "address",
            "operator_name",
            "operator_phone",
            "opened_on",
            "closed_on",
            "close_reason",
            "is_suspended",
            "note",
        ]


class SalesReturnSerializer(CleanModelSerializer):
    outlet = ScopedRelatedField(LotteryOutlet)

    class Meta:
        model = LotterySalesReturn
        fields = ["id", "outlet", "month", "sales_yuan"]
