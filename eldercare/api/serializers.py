"""Serializers of the elder-care API. Writes go through the same services and model rules as the pages; every
related choice (region, site, roster entry) is limited to the requesting user's jurisdiction."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from civilaffairs.api.generic import CleanModelSerializer, ScopedRegionField, ScopedRelatedField, drf_error
from civilaffairs.choices import RegionLevel
from eldercare.choices import ELDERLY_CATEGORIES, SERVICE_FUNCTIONS, RemovalReason
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderCareSite,
    ElderlyPerson,
    ElderlyVisit,
)

SITE_LEVELS = [RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]


INVENTORY_FIELDS = [
    "effective_on",
    "total_beds",
    "nursing_beds",
    "day_rest_beds",
    "operation_mode",
    "operator_name",
    *[f"offers_{name}" for name in SERVICE_FUNCTIONS],
    "note",
]


class ElderCareInventorySerializer(serializers.ModelSerializer):
    site = ScopedRelatedField(ElderCareSite)
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = ElderCareBedInventory
        fields = ["id", "site", *INVENTORY_FIELDS, "recorded_by", "created_at"]
        read_only_fields = ["recorded_by", "created_at"]
        validators = []  # one version per site and day: reported by the service


class ElderCareFirstInventorySerializer(serializers.ModelSerializer):
    effective_on = serializers.DateField(required=False)

    class Meta:
        model = ElderCareBedInventory
        fields = INVENTORY_FIELDS


SITE_FIELDS = [
    "id",
    "name",
    "region",
    "region_name",
    "address",
    "ownership",
    "opened_on",
    "closed_on",
    "closure_reason",
    "medical_integration",
    "medical_partner",
    "phone",
    "note",
    "current_total_beds",
    "current_nursing_beds",
    "current_operation_mode",
    "inventory",
]


class ElderCareSiteSerializer(CleanModelSerializer):
    """A site; ``inventory`` (the first version of beds, mode, functions) is required on create only."""

    region = ScopedRegionField(levels=SITE_LEVELS)
    region_name = serializers.CharField(source="region.full_name", read_only=True)
    current_total_beds = serializers.IntegerField(read_only=True, allow_null=True)
    current_nursing_beds = serializers.IntegerField(read_only=True, allow_null=True)
    current_operation_mode = serializers.CharField(read_only=True, allow_null=True)
    inventory = ElderCareFirstInventorySerializer(write_only=True, required=False)

    def validate(self, attrs):
        if self.instance is None and "inventory" not in attrs:
            raise serializers.ValidationError(
                {"inventory": [_("Give the first inventory version (beds, operation mode).")]}
            )
        return attrs

    def create(self, validated_data):
        from eldercare import services

        inventory = ElderCareBedInventory(**validated_data.pop("inventory"))
        site = self.Meta.model(**validated_data)
        try:
            return services.site_create(actor=self.context["request"].user, site=site, inventory=inventory)
        except DjangoValidationError as exc:
            raise drf_error(exc) from None

    def update(self, instance, validated_data):
        validated_data.pop("inventory", None)
        return super().update(instance, validated_data)


class ElderCareInstitutionSerializer(ElderCareSiteSerializer):
    class Meta:
        model = ElderCareInstitution
        fields = [
            *SITE_FIELDS,
            "institution_type",
            "filing_number",
            "filed_on",
            "credit_code",
            "star_rating",
            "star_rated_on",
        ]


class ElderCareFacilitySerializer(ElderCareSiteSerializer):
    hub = ScopedRelatedField(ElderCareInstitution, required=False, allow_null=True)

    class Meta:
        model = CommunityElderCareFacility
        fields = [*SITE_FIELDS, "facility_type", "floor_area", "hub"]


class ElderCareAssessmentSerializer(CleanModelSerializer):
    institution = ScopedRelatedField(ElderCareInstitution)

    class Meta:
        model = ElderCareQualityAssessment
        fields = [
            "id",
            "institution",
            "assessed_on",
            "kind",
            "standard",
            "result",
            "score",
            "inspector",
            "problems",
            "rectification_due_on",
            "rectified_on",
        ]
        validators = []

    def create(self, validated_data):
        validated_data["recorded_by"] = self.context["request"].user
        return super().create(validated_data)


CATEGORY_FIELDS = [f"is_{name}" for name in ELDERLY_CATEGORIES]


class ElderlyPersonSerializer(CleanModelSerializer):
    """A roster entry. ``id_number`` names the person on create (looked up in the user's jurisdiction); it is shown
    masked unless the role may see full numbers."""

    id_number = serializers.CharField(write_only=True, required=False)
    person_id_number = serializers.SerializerMethodField()
    name = serializers.CharField(source="person.name", read_only=True)
    region = serializers.CharField(source="person.region_id", read_only=True)
    region_name = serializers.CharField(source="person.region.full_name", read_only=True)

    class Meta:
        model = ElderlyPerson
        fields = [
            "id",
            "id_number",
            "person",
            "person_id_number",
            "name",
            "region",
            "region_name",
            "listed_on",
            "removed_on",
            "removal_reason",
            "lives_at_home",
            *CATEGORY_FIELDS,
            "disability_level",
            "contact_name",
            "contact_phone",
            "visitor_name",
            "note",
        ]
        read_only_fields = ["person", "removed_on", "removal_reason"]

    def get_person_id_number(self, obj) -> str:
        return obj.person.id_number_for(self.context["request"].user)

    def create(self, validated_data):
        from eldercare import services
        from eldercare.forms import person_in_jurisdiction

        user = self.context["request"].user
        number = validated_data.pop("id_number", "")
        if not number:
            raise serializers.ValidationError({"id_number": [_("This field is required.")]})
        try:
            person = person_in_jurisdiction(user, number)
            data = services.EnrolInput(
                listed_on=validated_data["listed_on"],
                lives_at_home=validated_data.get("lives_at_home", True),
                categories=tuple(n for n in ELDERLY_CATEGORIES if validated_data.get(f"is_{n}")),
                disability_level=validated_data.get("disability_level", ""),
                contact_name=validated_data.get("contact_name", ""),
                contact_phone=validated_data.get("contact_phone", ""),
                visitor_name=validated_data.get("visitor_name", ""),
                note=validated_data.get("note", ""),
            )
            return services.elderly_enrol(actor=user, person=person, data=data)
        except DjangoValidationError as exc:
            raise drf_error(exc) from None

    def update(self, instance, validated_data):
        validated_data.pop("id_number", None)
        return super().update(instance, validated_data)


class ElderlyRemovalSerializer(serializers.Serializer):
    removed_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=RemovalReason.choices)


class ElderlyVisitSerializer(serializers.ModelSerializer):
    elderly = ScopedRelatedField(ElderlyPerson)
    name = serializers.CharField(source="elderly.person.name", read_only=True)
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = ElderlyVisit
        fields = [
            "id",
            "elderly",
            "name",
            "region",
            "visited_on",
            "visit_type",
            "visitor_name",
            "findings",
            "assistance",
            "needs_follow_up",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["region", "recorded_by", "created_at"]
        validators = []  # duplicates are reported by the service

    def create(self, validated_data):
        from eldercare import services

        elderly = validated_data.pop("elderly")
        try:
            return services.visit_record(
                actor=self.context["request"].user, elderly=elderly, data=services.VisitInput(**validated_data)
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from None
