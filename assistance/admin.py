"""Back-office admin. Caseworkers use the app's own pages; the admin is scoped and never changes a status."""

from django.contrib import admin
from import_export.admin import ExportMixin

from assistance import models
from assistance.resources import (
    CertificateResource,
    EnrolmentResource,
    HouseholdResource,
    LowIncomeResource,
    StandardResource,
    VagrantCaseResource,
    WelfareInstitutionResource,
)
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


@admin.register(models.DisabilityCertificate)
class DisabilityCertificateAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    """Certificates come from the federation's roster (import) or the certificates page; read-only here."""

    resource_classes = [CertificateResource]
    list_display = ("person", "category", "grade", "issued_on", "valid_until", "cancelled_on", "source")
    list_filter = ("category", "grade", "source")
    raw_id_fields = ("person",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.TemporaryAdvance)
class TemporaryAdvanceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """先行救助 are granted on the application page; read-only here."""

    list_display = ("application", "amount", "paid_on", "regularise_due_on", "regularised_on")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LowIncomeVisitInline(admin.TabularInline):
    model = models.LowIncomeVisit
    extra = 0
    can_delete = False
    readonly_fields = ("visited_on", "visitors", "findings", "help_given", "next_visit_due", "recorded_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.LowIncomeHousehold)
class LowIncomeHouseholdAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [LowIncomeResource]
    list_display = ("household", "category", "recognised_on", "source", "monitored", "ended_on")
    list_filter = ("category", "source", "monitored", "monitoring_reason")
    inlines = [LowIncomeVisitInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.VagrantCase)
class VagrantCaseAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [VagrantCaseResource]
    list_display = ("number", "intake_on", "region", "found_by", "identity_established", "outcome", "closed_on")
    list_filter = ("found_by", "identity_established", "outcome", "is_minor", "handled_by")
    raw_id_fields = ("person", "region")


@admin.register(models.WelfareInstitution)
class WelfareInstitutionAdmin(ScopedAdminMixin, ViewerExportMixin, admin.ModelAdmin):
    resource_classes = [WelfareInstitutionResource]
    list_display = ("name", "region", "institution_type", "origin", "opened_on", "closed_on")
    list_filter = ("institution_type", "origin")
    raw_id_fields = ("region",)
