"""Serializers of the child-welfare API; model rules apply on every write, regions are limited to the jurisdiction."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation
from civilaffairs.api.generic import CleanModelSerializer, ScopedRegionField, drf_error
from civilaffairs.choices import RegionLevel

REGION_LEVELS = [RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]


class MinorProtectionStationSerializer(CleanModelSerializer):
    region = ScopedRegionField(levels=REGION_LEVELS)
    region_name = serializers.CharField(source="region.full_name", read_only=True)

    class Meta:
        model = MinorProtectionStation
        fields = [
            "id",
            "name",
            "kind",
            "region",
            "region_name",
            "established_on",
            "closed_on",
            "staff_count",
            "staff_names",
            "address",
            "phone",
            "is_model",
            "model_recognised_on",
            "model_recognised_by",
            "model_revoked_on",
            "note",
        ]


class ChildWelfareInstitutionSerializer(CleanModelSerializer):
    region = ScopedRegionField(levels=REGION_LEVELS)

    class Meta:
        model = ChildWelfareInstitution
        fields = [
            "id",
            "name",
            "kind",
            "region",
            "opened_on",
            "closed_on",
            "rescue_function_since",
            "approval_document",
            "beds",
            "address",
            "note",
        ]


class ChildWorkerSerializer(CleanModelSerializer):
    """``id_number`` names the person on create (in the user's jurisdiction); shown masked unless allowed."""

    region = ScopedRegionField(levels=REGION_LEVELS)
    id_number = serializers.CharField(write_only=True, required=False)
    person_id_number = serializers.SerializerMethodField()
    name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = ChildWorker
        fields = [
            "id",
            "id_number",
            "person",
            "person_id_number",
            "name",
            "role",
            "region",
            "appointed_on",
            "left_on",
            "trained_on",
            "phone",
            "note",
        ]
        read_only_fields = ["person"]
        validators = []

    def get_person_id_number(self, obj) -> str:
        return obj.person.id_number_for(self.context["request"].user)

    def create(self, validated_data):
        from django.core.exceptions import ValidationError as DjangoValidationError

        from eldercare.forms import person_in_jurisdiction

        number = validated_data.pop("id_number", "")
        if not number:
            raise serializers.ValidationError({"id_number": [_("This field is required.")]})
        try:
            validated_data["person"] = person_in_jurisdiction(self.context["request"].user, number)
        except DjangoValidationError as exc:
            raise drf_error(exc) from None
        return super().create(validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("id_number", None)
        return super().update(instance, validated_data)
