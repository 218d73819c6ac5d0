"""Back-office admin of the community registers (admins and county staff); scoped like every other path."""

from django.contrib import admin

from civilaffairs.admin import IdNumberSearchMixin, ScopedAdminMixin
from community.models import (
    CharityDonation,
    CommunityPlatformAccess,
    CommunityServiceFacility,
    IncubationCentre,
    LotteryOutlet,
    LotterySalesReturn,
    RuralCommunityDesignation,
    SocialOrganization,
    SocialOrgAnnualReport,
    SocialWorker,
    Volunteer,
    VolunteerStation,
)


@admin.register(CommunityServiceFacility)
class FacilityAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "village", "building_area_m2", "opened_on", "closed_on")
    list_filter = ("kind", "tenure")
    search_fields = ("name", "address")
    raw_id_fields = ("village", "served_villages")


@admin.register(VolunteerStation)
class VolunteerStationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "region", "facility", "established_on", "closed_on")
    search_fields = ("name",)
    raw_id_fields = ("region", "facility")


@admin.register(CommunityPlatformAccess)
class PlatformAccessAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("village", "platform", "platform_name", "connected_on", "disconnected_on")
    list_filter = ("platform",)
    raw_id_fields = ("village",)


@admin.register(RuralCommunityDesignation)
class DesignationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("village", "designated_on", "document_number", "is_demonstration", "revoked_on")
    list_filter = ("is_demonstration",)
    raw_id_fields = ("village",)


@admin.register(SocialOrganization)
class SocialOrganizationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "uscc", "org_type", "category", "region", "registered_on", "status", "is_charity")
    list_filter = ("org_type", "category", "status", "registration_kind", "is_charity")
    search_fields = ("name", "uscc")
    raw_id_fields = ("region", "registration_authority", "incubation_centre")
    readonly_fields = ("status", "ended_on", "end_reason")


@admin.register(SocialOrgAnnualReport)
class AnnualReportAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("organization", "year", "fulltime_staff", "submitted_on", "status", "reviewed_on")
    list_filter = ("status", "year")
    search_fields = ("organization__name",)
    raw_id_fields = ("organization",)
    readonly_fields = ("status", "reviewed_on", "reviewed_by", "review_opinion")


@admin.register(IncubationCentre)
class IncubationCentreAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "level", "region", "opened_on", "closed_on")
    list_filter = ("level",)
    raw_id_fields = ("region", "operator")


@admin.register(SocialWorker)
class SocialWorkerAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "region", "employer_name", "certificate_level", "active_from", "active_to")
    list_filter = ("certificate_level", "employer_kind")
    search_fields = ("person__name", "employer_name")
    raw_id_fields = ("person", "region", "employer_org")


@admin.register(Volunteer)
class VolunteerAdmin(IdNumberSearchMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "masked_id_number", "region", "registered_on", "deregistered_on", "source")
    list_filter = ("source",)
    search_fields = ("name", "id_number")
    raw_id_fields = ("region",)


@admin.register(CharityDonation)
class DonationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("received_on", "recipient", "donor_name", "kind", "cash_yuan", "in_kind_yuan")
    list_filter = ("kind", "donor_type")
    search_fields = ("donor_name", "recipient__name")
    raw_id_fields = ("recipient", "source_charity")


@admin.register(LotteryOutlet)
class LotteryOutletAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("outlet_number", "name", "region", "opened_on", "closed_on", "is_suspended")
    list_filter = ("kind", "is_suspended")
    search_fields = ("outlet_number", "name")
    raw_id_fields = ("region",)


@admin.register(LotterySalesReturn)
class SalesReturnAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("outlet", "month", "sales_yuan")
    raw_id_fields = ("outlet",)
