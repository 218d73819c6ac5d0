"""Back-office admin. Caseworkers use the app's own pages; the admin is scoped and never changes a status."""

from django.contrib import admin
from import_export.admin import ExportMixin

from assistance import models
from assistance.resources import EnrolmentResource, HouseholdResource, StandardResource
from civilaffairs.admin import ScopedAdminMixin


class ViewerExportMixin(ExportMixin):
    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}


class MemberInline(admin.TabularInline):
    model = models.HouseholdMember
    extra = 0
    raw_id_fields = ("person",)


@admin.register(models.Household)
class HouseholdAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [HouseholdResource]
    list_display = ("__str__", "village", "urban_rural", "income_irregular", "created_at")
    list_filter = ("urban_rural", "income_irregular")
    raw_id_fields = ("village",)
    inlines = [MemberInline]


@admin.register(models.AssistanceStandard)
class StandardAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    """Standards are added through the standards page (which re-rates enrolments); here they are read-only."""

    resource_classes = [StandardResource]
    list_display = ("county", "kind", "urban_rural", "care_tier", "monthly_amount", "effective_from", "document_number")
    list_filter = ("kind", "urban_rural", "is_demo")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatusChangeInline(admin.TabularInline):
    model = models.ApplicationStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_status", "to_status", "actor", "at", "opinion")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Application)
class ApplicationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: every change of an application goes through the workflow services."""

    list_display = ("number", "kind", "status", "stage_due_on", "decision_due_on")
    list_filter = ("kind", "status")
    inlines = [StatusChangeInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Enrolment)
class EnrolmentAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [EnrolmentResource]
    list_display = ("__str__", "programme", "status", "start_month", "end_month", "next_recheck_on")
    list_filter = ("programme", "status")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.PaymentRoll)
class PaymentRollAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "status", "line_count", "total_amount", "generated_at")
    list_filter = ("status",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
