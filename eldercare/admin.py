"""Back-office admin of the elder-care registers, scoped like every other path."""

from django.contrib import admin

from civilaffairs.admin import ScopedAdminMixin
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderlyPerson,
    ElderlyVisit,
)


class InventoryInline(admin.TabularInline):
    model = ElderCareBedInventory
    extra = 0
    fields = ("effective_on", "total_beds", "nursing_beds", "day_rest_beds", "operation_mode", "operator_name")
    readonly_fields = fields
    can_delete = False


@admin.register(ElderCareInstitution)
class InstitutionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "institution_type", "region", "ownership", "opened_on", "filed_on", "closed_on")
    list_filter = ("institution_type", "ownership")
    search_fields = ("name", "filing_number")
    raw_id_fields = ("region",)
    inlines = [InventoryInline]


@admin.register(CommunityElderCareFacility)
class FacilityAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "facility_type", "region", "ownership", "opened_on", "closed_on")
    list_filter = ("facility_type", "ownership")
    search_fields = ("name",)
    raw_id_fields = ("region", "hub")
    inlines = [InventoryInline]


@admin.register(ElderCareQualityAssessment)
class AssessmentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("institution", "assessed_on", "kind", "result", "score", "inspector")
    list_filter = ("result", "kind")
    raw_id_fields = ("institution", "recorded_by")


@admin.register(ElderlyPerson)
class ElderlyAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "listed_on", "removed_on", "lives_at_home")
    list_filter = ("lives_at_home", "removal_reason")
    search_fields = ("person__name",)
    raw_id_fields = ("person",)


@admin.register(ElderlyVisit)
class VisitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("elderly", "visited_on", "visit_type", "visitor_name", "region")
    list_filter = ("visit_type",)
    raw_id_fields = ("elderly", "region", "recorded_by")
    date_hierarchy = "visited_on"
