"""API serializers. Choices of regions and related records are limited to the requesting user's jurisdiction; every
write runs the model's own validation (``full_clean``) so the API refuses what the pages refuse, in Chinese."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from civilaffairs.api.generic import CleanModelSerializer, ScopedRegionField, ScopedRelatedField
from civilaffairs.choices import RegionLevel
from funeral.choices import CREMATION_TYPES, BurialZoneKind, CrossProvinceBusiness, RegistrationKind
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

ANY_LEVEL = [RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]


class FuneralFacilitySerializer(CleanModelSerializer):
    region = ScopedRegionField(levels=ANY_LEVEL)
    region_name = serializers.CharField(source="region.full_name", read_only=True)
    served_villages = ScopedRegionField(levels=[RegionLevel.VILLAGE], many=True, required=False)
    project = ScopedRelatedField(model=ConstructionProject, required=False, allow_null=True)
    in_use_today = serializers.SerializerMethodField()

    class Meta:
        model = FuneralFacility
        fields = [
            "id",
            "name",
            "facility_type",
            "is_public",
            "region",
            "region_name",
            "address",
            "operator",
            "capacity",
            "occupied",
            "area_mu",
            "opened_on",
            "closed_on",
            "project",
            "served_villages",
            "note",
            "in_use_today",
        ]

    def get_in_use_today(self, obj) -> bool:
        return obj.in_use_on(timezone.localdate())


class BurialZoneSerializer(serializers.ModelSerializer):
    township_name = serializers.CharField(source="township.name", read_only=True)

    class Meta:
        model = BurialZone
        fields = ["id", "township", "township_name", "kind", "valid_from", "valid_to", "document", "note"]
        read_only_fields = fields


class BurialZoneDesignateSerializer(serializers.Serializer):
    township = ScopedRegionField(levels=[RegionLevel.TOWNSHIP])
    kind = serializers.ChoiceField(choices=BurialZoneKind.choices)
    valid_from = serializers.DateField()
    document = serializers.CharField(max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EmissionTestSerializer(serializers.ModelSerializer):
    class Meta:
        model = CrematorEmissionTest
        fields = ["id", "tested_on", "tested_by", "report_number", "standard", "passed", "note"]


class EmissionTestInputSerializer(serializers.Serializer):
    tested_on = serializers.DateField()
    tested_by = serializers.CharField(max_length=100)
    report_number = serializers.CharField(max_length=60)
    passed = serializers.BooleanField()
    standard = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DecommissionSerializer(serializers.Serializer):
    on = serializers.DateField()
    reason = serializers.CharField(max_length=200)


class CrematorSerializer(CleanModelSerializer):
    facility = ScopedRelatedField(model=FuneralFacility, filters={"facility_type__in": sorted(CREMATION_TYPES)})
    facility_name = serializers.CharField(source="facility.name", read_only=True)

    class Meta:
        model = Cremator
        fields = [
            "id",
            "facility",
            "facility_name",
            "number",
            "kind",
            "model_name",
            "manufacturer",
            "fuel",
            "has_flue_gas_treatment",
            "is_eco",
            "commissioned_on",
            "scrap_due_on",
            "decommissioned_on",
            "decommission_reason",
            "note",
        ]
        read_only_fields = ["decommissioned_on", "decommission_reason"]


class ConstructionProjectSerializer(CleanModelSerializer):
    region = ScopedRegionField(levels=ANY_LEVEL)
    status = serializers.SerializerMethodField()
    latest_progress = serializers.SerializerMethodField()
    counted_progress = serializers.SerializerMethodField()

    class Meta:
        model = ConstructionProject
        fields = [
            "id",
            "name",
            "plan",
            "plan_item",
            "in_indicator_table",
            "nature",
            "region",
            "location",
            "scale",
            "planned_investment",
            "planned_start_year",
            "planned_end_year",
            "started_on",
            "completed_on",
            "remark",
            "note",
            "status",
            "latest_progress",
            "counted_progress",
        ]

    def validate_plan(self, plan):
        from indicators.models import Plan

        if plan is not None and not Plan.objects.for_user(self.context["request"].user).filter(pk=plan.pk).exists():
            raise serializers.ValidationError(_("Not found in your jurisdiction."))
        return plan

    def get_status(self, obj) -> str:
        return obj.status_on(timezone.localdate())

    def get_latest_progress(self, obj) -> dict | None:
        """The latest approved 形象进度 figure, flagged as a manual figure."""
        figure = obj.latest_progress(timezone.localdate())
        return None if figure is None else {**figure.as_dict(), "manual": True}

    def get_counted_progress(self, obj) -> str:
        return str(obj.progress_fraction(timezone.localdate()) * 100)


class CrossProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = CrossProvinceAuthorisation
        fields = ["id", "office", "business", "enabled_on", "suspended_on", "document", "note"]
        read_only_fields = fields


class CrossProvinceEnableSerializer(serializers.Serializer):
    businesses = serializers.ListField(
        child=serializers.ChoiceField(choices=CrossProvinceBusiness.choices), allow_empty=False
    )
    enabled_on = serializers.DateField()
    document = serializers.CharField(max_length=200)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SuspendSerializer(serializers.Serializer):
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class MarriageOfficeSerializer(CleanModelSerializer):
    region = ScopedRegionField(levels=[RegionLevel.COUNTY, RegionLevel.TOWNSHIP])
    cross_province = CrossProvinceSerializer(many=True, read_only=True)

    class Meta:
        model = MarriageRegistrationOffice
        fields = ["id", "name", "region", "address", "opened_on", "closed_on", "online_since", "note", "cross_province"]


class MarriageCountSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)

    class Meta:
        model = MarriageRegistrationCount
        fields = [
            "id",
            "office",
            "office_name",
            "date",
            "kind",
            "total",
            "online",
            "cross_province",
            "backfilled",
            "note",
        ]
        read_only_fields = fields


class MarriageCountInputSerializer(serializers.Serializer):
    office = ScopedRelatedField(model=MarriageRegistrationOffice)
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=RegistrationKind.choices)
    total = serializers.IntegerField(min_value=0)
    online = serializers.IntegerField(min_value=0, default=0)
    cross_province = serializers.IntegerField(min_value=0, default=0)
    backfilled = serializers.IntegerField(min_value=0, default=0)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
