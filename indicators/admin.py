"""Back-office admin for the indicators: plans and rows are reference data (fixtures); manual figures are
entered and approved on the app's own pages, so the admin shows them read-only."""

from django.contrib import admin

from indicators.models import (
    EvaluationReport,
    IndicatorDefinition,
    ManualInput,
    ManualInputType,
    Plan,
    PlanRow,
    Snapshot,
)


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit", "kind", "version")
    search_fields = ("code", "name")


@admin.register(ManualInputType)
class ManualInputTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "unit", "value_type", "source")
    search_fields = ("code", "name")


class PlanRowInline(admin.TabularInline):
    model = PlanRow
    extra = 0
    fields = ("order", "number", "name", "unit", "attribute", "baseline_text", "target_text", "definition")
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "jurisdiction", "baseline_year", "target_year")
    readonly_fields = ("recompute_lock", "recompute_locked_at")
    inlines = [PlanRowInline]

    def get_queryset(self, request):
        return Plan.objects.for_user(request.user)


@admin.register(PlanRow)
class PlanRowAdmin(admin.ModelAdmin):
    list_display = ("plan", "order", "name", "unit", "attribute", "definition", "manual_input_type")
    list_filter = ("plan", "binding")
    search_fields = ("name",)
    autocomplete_fields = ("definition",)

    def get_queryset(self, request):
        return PlanRow.objects.for_user(request.user).select_related("plan", "definition", "manual_input_type")


@admin.register(ManualInput)
class ManualInputAdmin(admin.ModelAdmin):
    list_display = ("type", "region", "period_year", "as_of", "value", "boolean_value", "status", "entered_by")
    list_filter = ("status", "type")

    def get_queryset(self, request):
        return ManualInput.objects.for_user(request.user).select_related("type", "region", "entered_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ("row", "as_of", "value", "status", "computed_at")
    list_filter = ("status", "row__plan")
    date_hierarchy = "as_of"

    def get_queryset(self, request):
        return Snapshot.objects.for_user(request.user).select_related("row__plan")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(EvaluationReport)
class EvaluationReportAdmin(admin.ModelAdmin):
    """Read-only: reports are issued on the plan's page and never edited or deleted (an issued PDF is kept with its
    hash, decision 0008); the file is downloaded from the report's page, which checks the jurisdiction."""

    list_display = ("plan", "kind", "as_of", "version", "status", "page_count", "sha256", "requested_by", "issued_at")
    list_filter = ("status", "kind", "plan")
    # The frozen JSON and the file stay out of the form: the file is delivered by the report's page only.
    fields = readonly_fields = [f.name for f in EvaluationReport._meta.fields if f.name not in ("id", "frozen", "pdf")]

    def get_queryset(self, request):
        return EvaluationReport.objects.for_user(request.user).select_related("plan", "requested_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
