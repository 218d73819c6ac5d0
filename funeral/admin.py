"""Back-office admin (scoped like every other path). Zones, 跨省通办 and counts change through their services, so
here they are read-only; facilities, cremators, projects and offices may be corrected."""

from django.contrib import admin
from import_export.admin import ExportMixin

from civilaffairs.admin import ScopedAdminMixin
from funeral import models, resources


class ViewerExportMixin(ExportMixin):
    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.FuneralFacility)
class FuneralFacilityAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [resources.FuneralFacilityResource]
    list_display = ("name", "facility_type", "is_public", "region", "opened_on", "closed_on")
    list_filter = ("facility_type", "is_public")
    search_fields = ("name",)
    raw_id_fields = ("region", "project")
    filter_horizontal = ("served_villages",)


@admin.register(models.BurialZone)
class BurialZoneAdmin(ScopedAdminMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("township", "kind", "valid_from", "valid_to", "document")
    list_filter = ("kind",)


class EmissionTestInline(ReadOnlyMixin, admin.TabularInline):
    model = models.CrematorEmissionTest
    extra = 0


@admin.register(models.Cremator)
class CrematorAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [resources.CrematorResource]
    list_display = ("facility", "number", "fuel", "is_eco", "commissioned_on", "scrap_due_on", "decommissioned_on")
    list_filter = ("is_eco", "fuel")
    raw_id_fields = ("facility",)
    readonly_fields = ("decommissioned_on", "decommission_reason")
    inlines = [EmissionTestInline]


@admin.register(models.ConstructionProject)
class ConstructionProjectAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [resources.ConstructionProjectResource]
    list_display = ("name", "region", "planned_investment", "planned_start_year", "planned_end_year", "completed_on")
    list_filter = ("in_indicator_table", "nature")
    search_fields = ("name",)
    raw_id_fields = ("region",)


class CrossProvinceInline(ReadOnlyMixin, admin.TabularInline):
    model = models.CrossProvinceAuthorisation
    extra = 0


@admin.register(models.MarriageRegistrationOffice)
class MarriageOfficeAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [resources.MarriageOfficeResource]
    list_display = ("name", "region", "opened_on", "closed_on", "online_since")
    raw_id_fields = ("region",)
    inlines = [CrossProvinceInline]


@admin.register(models.MarriageRegistrationCount)
class MarriageCountAdmin(ScopedAdminMixin, ReadOnlyMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [resources.MarriageCountResource]
    list_display = ("office", "date", "kind", "total", "online", "cross_province", "backfilled")
    list_filter = ("kind",)
    date_hierarchy = "date"
