"""Back-office admin for the indicators: plans and rows are reference data (fixtures); manual figures are
entered and approved on the app's own pages, so the admin shows them read-only."""

from django.contrib import admin

from indicators.models import IndicatorDefinition, ManualInput, ManualInputType, Plan, PlanRow, Snapshot


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
