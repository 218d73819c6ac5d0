"""API serializers; breakdowns are cut to what the viewer may see (a township user: their own township)."""

from django.db import IntegrityError
from django.utils.translation import gettext as _
from rest_framework import serializers

from civilaffairs.models import Region
from indicators.choices import ReportKind
from indicators.models import (
    EvaluationReport,
    IndicatorDefinition,
    ManualInput,
    ManualInputType,
    Plan,
    PlanRow,
    Snapshot,
)
from indicators.selectors import figure_source, visible_breakdown


class IndicatorDefinitionSerializer(serializers.ModelSerializer):
    is_registered = serializers.BooleanField(read_only=True)

    class Meta:
        model = IndicatorDefinition
        fields = [
            "code",
            "name",
            "unit",
            "kind",
            "direction",
            "flow",
            "formula",
            "numerator",
            "denominator",
            "records",
            "manual_inputs",
            "version",
            "is_registered",
        ]


class PlanSerializer(serializers.ModelSerializer):
    jurisdiction_name = serializers.CharField(source="jurisdiction.name", read_only=True)

    class Meta:
        model = Plan
        fields = [
            "code",
            "jurisdiction",
            "jurisdiction_name",
            "title",
            "title_note",
            "table_title",
            "document_number",
            "issued_on",
            "source_file",
            "baseline_year",
            "target_year",
            "reference_levels",
        ]


class PlanRowSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="plan.code", read_only=True)
    definition = serializers.CharField(source="definition.code", read_only=True, default=None)
    manual_input_type = serializers.CharField(source="manual_input_type.code", read_only=True, default=None)
    target_reference = serializers.CharField(source="target_reference.code", read_only=True, default=None)

    class Meta:
        model = PlanRow
        fields = [
            "id",
            "plan",
            "order",
            "number",
            "name",
            "unit",
            "attribute",
            "binding",
            "baseline_text",
            "baseline_value",
            "baseline_source",
            "target_text",
            "target_source",
            "target_operator",
            "target_value",
            "target_reference",
            "reference_targets",
            "definition",
            "manual_input_type",
            "scale",
            "manual_reason",
            "notes",
        ]


class SnapshotSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="row.plan.code", read_only=True)
    order = serializers.IntegerField(source="row.order", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    source = serializers.SerializerMethodField()
    denominator_source_text = serializers.CharField(read_only=True)
    breakdown = serializers.SerializerMethodField()

    class Meta:
        model = Snapshot
        fields = [
            "id",
            "plan",
            "row",
            "order",
            "as_of",
            "value",
            "numerator",
            "denominator",
            "expected_value",
            "target_used",
            "status",
            "status_label",
            "is_manual",
            "source",
            "manual_inputs",
            "denominator_source",
            "denominator_source_text",
            "notes",
            "definition_code",
            "definition_version",
            "computed_at",
            "breakdown",
        ]

    def get_source(self, snapshot: Snapshot) -> str:
        return str(figure_source(snapshot.row, snapshot).label)

    def get_breakdown(self, snapshot: Snapshot) -> list[dict]:
        names = self.context.get("township_names")
        entries = visible_breakdown(snapshot, self.context["request"].user, snapshot.row.plan, names)
        return [breakdown_entry(entry) for entry in entries]


def breakdown_entry(entry) -> dict:
    return {
        "township": entry.key,
        "name": entry.name,
        "numerator": None if entry.numerator is None else str(entry.numerator),
        "denominator": None if entry.denominator is None else str(entry.denominator),
        "value": None if entry.value is None else str(entry.value),
    }


class ManualInputTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ManualInputType
        fields = ["code", "name", "unit", "value_type", "level", "period", "source", "description", "used_by"]


class ScopedRegionField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Region.objects.for_user(self.context["request"].user).filter(level__in=["county", "township"])


class ManualInputSerializer(serializers.ModelSerializer):
    type = serializers.SlugRelatedField(slug_field="code", queryset=ManualInputType.objects.all())
    region = ScopedRegionField()
    entered_by = serializers.StringRelatedField()
    approved_by = serializers.StringRelatedField()
    evidence_url = serializers.SerializerMethodField()

    class Meta:
        model = ManualInput
        fields = [
            "id",
            "type",
            "region",
            "subject",
            "period_year",
            "as_of",
            "effective_on",
            "value",
            "boolean_value",
            "source",
            "evidence",
            "evidence_url",
            "note",
            "status",
            "entered_by",
            "entered_at",
            "approved_by",
            "approved_at",
        ]
        read_only_fields = ["effective_on", "status", "entered_at", "approved_at"]
        extra_kwargs = {"evidence": {"write_only": True, "required": False}}

    def get_evidence_url(self, obj: ManualInput) -> str | None:
        from django.urls import reverse

        return reverse("indicators:manualinput_evidence", args=[obj.pk]) if obj.evidence else None

    def create(self, validated_data):
        from django.core.exceptions import ValidationError as DjangoValidationError

        from indicators.services import manual_input_create

        try:
            return manual_input_create(actor=self.context["request"].user, **validated_data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        except IntegrityError:
            raise serializers.ValidationError(_("This record already exists (perhaps submitted twice).")) from None

    def update(self, instance, validated_data):
        from django.core.exceptions import ValidationError as DjangoValidationError

        for key, value in validated_data.items():
            setattr(instance, key, value)
        instance.effective_on = instance.compute_effective_on()
        try:
            instance.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        instance.save()
        return instance


class EvaluationReportSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="plan.code", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    requested_by = serializers.StringRelatedField()
    download_url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = EvaluationReport
        fields = [
            "id",
            "plan",
            "as_of",
            "kind",
            "kind_label",
            "version",
            "status",
            "status_label",
            "progress_done",
            "progress_total",
            "percent",
            "message",
            "error",
            "issuing_body",
            "sha256",
            "page_count",
            "byte_size",
            "requested_by",
            "requested_at",
            "started_at",
            "issued_at",
            "download_url",
            "page_url",
        ]
        read_only_fields = fields

    def get_download_url(self, report: EvaluationReport) -> str | None:
        from django.urls import reverse

        return reverse("indicatorreport-download", args=[report.pk]) if report.sha256 else None

    def get_page_url(self, report: EvaluationReport) -> str:
        return report.get_absolute_url()


class EvaluationReportRequestSerializer(serializers.Serializer):
    plan = serializers.CharField(help_text="plan code, e.g. fengjie-14")
    as_of = serializers.DateField()
    kind = serializers.ChoiceField(choices=ReportKind.choices, default=ReportKind.MIDTERM)
