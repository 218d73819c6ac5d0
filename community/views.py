"""County staff's pages for the community registers: lists with filters and Excel export, details, forms, the
status actions (deregister an organisation, review an annual report, move a social worker) and two imports.

Every queryset starts from ``for_user``: an object outside the jurisdiction is a 404. Status changes and imports
go through ``community.services``, the same functions the API calls.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civilaffairs.generic import (
    Column,
    ObjectActionView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    ServiceFormView,
)
from community import filters, forms, resources, services
from community.choices import OrgStatus, ReportStatus
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


def _township(region) -> str:
    if region is None:
        return ""
    return region.parent.name if region.level == "village" and region.parent_id else region.name


def _village(region) -> str:
    return region.name if region is not None and region.level == "village" else ""


def _yes(value: bool) -> str:
    return _("yes") if value else ""


def _month(value) -> str:
    return f"{value.year}年{value.month}月" if value else ""


class CappedExportMixin:
    """An Excel export runs inside the web request: past ``export_limit`` rows (a whole county's volunteer roster
    takes half a minute to write) the clerk is asked to narrow the list, by township for instance, and nothing is
    exported."""

    export_limit = 20_000

    def export(self):
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else self.get_queryset()
        count = queryset.count()
        if count > self.export_limit:
            messages.error(
                self.request,
                _("%(count)d records are too many to export at once (at most %(limit)d); filter the list first.")
                % {"count": count, "limit": self.export_limit},
            )
            query = self.request.GET.copy()
            query.pop("export", None)
            return HttpResponseRedirect(f"{self.request.path}?{query.urlencode()}")
        return super().export()


# --- 城乡社区综合服务设施 -----------------------------------------------------------------------------------


class FacilityListView(ObjectListView):
    model = CommunityServiceFacility
    filterset_class = filters.FacilityFilterSet
    select_related = ("village", "village__parent")
    resource_class = resources.FacilityResource
    create_url_name = "community:facility_create"
    columns = [
        Column(gettext_lazy("name"), "name", link=True),
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("township"), lambda o, u: _township(o.village)),
        Column(gettext_lazy("village or community"), "village.name"),
        Column(gettext_lazy("building area (m²)"), "building_area_m2"),
        Column(gettext_lazy("in use since"), "opened_on"),
        Column(gettext_lazy("out of use since"), "closed_on"),
    ]


FACILITY_FIELDS = [
    Column(gettext_lazy("kind"), "kind"),
    Column(gettext_lazy("village or community where it stands"), "village.full_name"),
    Column(gettext_lazy("site address"), "address"),
    Column(gettext_lazy("building area (m²)"), "building_area_m2"),
    Column(gettext_lazy("tenure"), "tenure"),
    Column(
        gettext_lazy("functions"),
        lambda o, u: (
            "、".join(
                str(label)
                for flag, label in (
                    (o.has_service_hall, gettext_lazy("convenience service hall")),
                    (o.has_committee_office, gettext_lazy("committee office and meeting room")),
                    (o.has_social_org_room, gettext_lazy("room for social organisations")),
                    (o.has_activity_room, gettext_lazy("residents' activity room")),
                )
                if flag
            )
            + (f"、{o.other_functions}" if o.other_functions else "")
        ),
    ),
    Column(gettext_lazy("in use since"), "opened_on"),
    Column(gettext_lazy("out of use since"), "closed_on"),
    Column(gettext_lazy("investment (yuan)"), "investment_yuan"),
    Column(gettext_lazy("note"), "note"),
]


class FacilityDetailView(ObjectDetailView):
    model = CommunityServiceFacility
    select_related = ("village", "village__parent")
    edit_url_name = "community:facility_update"
    template_name = "community/facility_detail.html"
    fields = FACILITY_FIELDS

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, facility = self.request.user, self.object
        ctx["served_villages"] = facility.served_villages.select_related("parent").order_by("code")
        ctx["stations"] = VolunteerStation.objects.for_user(user).filter(facility=facility).order_by("-established_on")
        ctx["platforms"] = CommunityPlatformAccess.objects.for_user(user).filter(village_id=facility.village_id)
        ctx["can_add_station"] = user.has_perm("community.add_volunteerstation")
        return ctx


class FacilityCreateView(ObjectCreateView):
    model = CommunityServiceFacility
    form_class = forms.FacilityForm


class FacilityUpdateView(ObjectUpdateView):
    model = CommunityServiceFacility
    form_class = forms.FacilityForm


# --- 志愿服务站点 ------------------------------------------------------------------------------------------


class VolunteerStationListView(ObjectListView):
    model = VolunteerStation
    filterset_class = filters.VolunteerStationFilterSet
    select_related = ("region", "region__parent", "facility")
    resource_class = resources.VolunteerStationResource
    create_url_name = "community:station_create"
    columns = [
        Column(gettext_lazy("name"), "name", link=True),
        Column(gettext_lazy("township"), lambda o, u: _township(o.region)),
        Column(gettext_lazy("village or community"), lambda o, u: _village(o.region)),
        Column(gettext_lazy("community service facility"), "facility.name"),
        Column(gettext_lazy("set up on"), "established_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
    ]


class VolunteerStationDetailView(ObjectDetailView):
    model = VolunteerStation
    select_related = ("region", "region__parent", "facility")
    edit_url_name = "community:station_update"
    fields = [
        Column(gettext_lazy("community service facility"), "facility.name"),
        Column(gettext_lazy("village, community or township"), "region.full_name"),
        Column(gettext_lazy("set up on"), "established_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("run by"), "operator"),
        Column(gettext_lazy("phone"), "phone"),
        Column(gettext_lazy("note"), "note"),
    ]


class VolunteerStationCreateView(ObjectCreateView):
    model = VolunteerStation
    form_class = forms.VolunteerStationForm

    def get_initial(self):
        initial = super().get_initial()
        if "facility" in self.request.GET:
            initial["facility"] = self.request.GET["facility"]
        return initial


class VolunteerStationUpdateView(ObjectUpdateView):
    model = VolunteerStation
    form_class = forms.VolunteerStationForm


# --- 信息平台接入 -------------------------------------------------------------------------------------------


class PlatformAccessListView(ObjectListView):
    model = CommunityPlatformAccess
    filterset_class = filters.PlatformAccessFilterSet
    select_related = ("village", "village__parent")
    resource_class = resources.PlatformAccessResource
    create_url_name = "community:platform_create"
    columns = [
        Column(gettext_lazy("village or community"), "village.name", link=True),
        Column(gettext_lazy("township"), lambda o, u: _township(o.village)),
        Column(gettext_lazy("kind"), "village.kind"),
        Column(gettext_lazy("platform"), lambda o, u: o.platform_name or o.get_platform_display()),
        Column(gettext_lazy("connected on"), "connected_on"),
        Column(gettext_lazy("disconnected on"), "disconnected_on"),
    ]


class PlatformAccessDetailView(ObjectDetailView):
    model = CommunityPlatformAccess
    select_related = ("village", "village__parent")
    edit_url_name = "community:platform_update"
    fields = [
        Column(gettext_lazy("village or community"), "village.full_name"),
        Column(gettext_lazy("platform"), "platform"),
        Column(gettext_lazy("platform name"), "platform_name"),
        Column(gettext_lazy("account"), "account"),
        Column(gettext_lazy("connected on"), "connected_on"),
        Column(gettext_lazy("disconnected on"), "disconnected_on"),
        Column(gettext_lazy("note"), "note"),
    ]


class PlatformAccessCreateView(ObjectCreateView):
    model = CommunityPlatformAccess
    form_class = forms.PlatformAccessForm


class PlatformAccessUpdateView(ObjectUpdateView):
    model = CommunityPlatformAccess
    form_class = forms.PlatformAccessForm


# --- 农村社区建设认定 ---------------------------------------------------------------------------------------


class DesignationListView(ObjectListView):
    model = RuralCommunityDesignation
    filterset_class = filters.DesignationFilterSet
    select_related = ("village", "village__parent")
    resource_class = resources.DesignationResource
    create_url_name = "community:designation_create"
    columns = [
        Column(gettext_lazy("administrative village"), "village.name", link=True),
        Column(gettext_lazy("township"), lambda o, u: _township(o.village)),
        Column(gettext_lazy("recognised on"), "designated_on"),
        Column(gettext_lazy("document number"), "document_number"),
        Column(gettext_lazy("demonstration village"), lambda o, u: _yes(o.is_demonstration)),
        Column(gettext_lazy("revoked on"), "revoked_on"),
    ]


class DesignationDetailView(ObjectDetailView):
    model = RuralCommunityDesignation
    select_related = ("village", "village__parent")
    edit_url_name = "community:designation_update"
    fields = [
        Column(gettext_lazy("administrative village"), "village.full_name"),
        Column(gettext_lazy("recognised on"), "designated_on"),
        Column(gettext_lazy("document number"), "document_number"),
        Column(gettext_lazy("criteria met"), "criteria"),
        Column(gettext_lazy("demonstration village"), "is_demonstration"),
        Column(gettext_lazy("revoked on"), "revoked_on"),
        Column(gettext_lazy("reason for revocation"), "revoke_reason"),
    ]


class DesignationCreateView(ObjectCreateView):
    model = RuralCommunityDesignation
    form_class = forms.DesignationForm


class DesignationUpdateView(ObjectUpdateView):
    model = RuralCommunityDesignation
    form_class = forms.DesignationForm


# --- 社会组织 ----------------------------------------------------------------------------------------------


class SocialOrganizationListView(ObjectListView):
    model = SocialOrganization
    filterset_class = filters.SocialOrganizationFilterSet
    select_related = ("region", "region__parent")
    resource_class = resources.SocialOrganizationResource
    create_url_name = "community:org_create"
    columns = [
        Column(gettext_lazy("name"), "name", link=True),
        Column(gettext_lazy("unified social credit code"), "uscc"),
        Column(gettext_lazy("type"), "org_type"),
        Column(gettext_lazy("field"), "category"),
        Column(gettext_lazy("township"), lambda o, u: _township(o.region)),
        Column(gettext_lazy("registered on"), "registered_on"),
        Column(gettext_lazy("status"), "status"),
        Column(gettext_lazy("charity organisation"), lambda o, u: _yes(o.is_charity)),
    ]


class SocialOrganizationDetailView(ObjectDetailView):
    model = SocialOrganization
    select_related = ("region", "region__parent", "registration_authority", "incubation_centre")
    edit_url_name = "community:org_update"
    template_name = "community/org_detail.html"
    fields = [
        Column(gettext_lazy("unified social credit code"), "uscc"),
        Column(gettext_lazy("type"), "org_type"),
        Column(gettext_lazy("registration"), "registration_kind"),
        Column(gettext_lazy("field"), "category"),
        Column(gettext_lazy("registration authority"), "registration_authority.name"),
        Column(gettext_lazy("domicile (township, village or county)"), "region.full_name"),
        Column(gettext_lazy("registered on"), "registered_on"),
        Column(gettext_lazy("status"), "status"),
        Column(gettext_lazy("status effective from"), "ended_on"),
        Column(gettext_lazy("reason"), "end_reason"),
        Column(gettext_lazy("legal representative"), "legal_representative"),
        Column(gettext_lazy("supervising unit"), "business_supervisor"),
        Column(gettext_lazy("site address"), "address"),
        Column(gettext_lazy("phone"), "phone"),
        Column(gettext_lazy("full-time staff at registration"), "fulltime_staff_at_registration"),
        Column(gettext_lazy("assessment grade (A)"), "assessment_grade"),
        Column(gettext_lazy("charity organisation"), "is_charity"),
        Column(gettext_lazy("recognised as a charity on"), "charity_recognised_on"),
        Column(gettext_lazy("may raise funds publicly"), "has_public_fundraising"),
        Column(gettext_lazy("incubated at"), "incubation_centre.name"),
        Column(gettext_lazy("note"), "note"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, org = self.request.user, self.object
        ctx["reports"] = SocialOrgAnnualReport.objects.for_user(user).filter(organization=org).order_by("-year")
        ctx["donations"] = CharityDonation.objects.for_user(user).filter(recipient=org).order_by("-received_on")[:20]
        ctx["workers"] = (
            SocialWorker.objects.for_user(user)
            .filter(employer_org=org)
            .select_related("person")
            .order_by("-active_from")[:50]
        )
        ctx["can_end"] = org.status == OrgStatus.NORMAL and user.has_perm("community.end_socialorganization")
        ctx["can_add_report"] = org.status == OrgStatus.NORMAL and user.has_perm("community.add_socialorgannualreport")
        return ctx


class SocialOrganizationCreateView(ObjectCreateView):
    model = SocialOrganization
    form_class = forms.SocialOrganizationForm


class SocialOrganizationUpdateView(ObjectUpdateView):
    model = SocialOrganization
    form_class = forms.SocialOrganizationForm


class SocialOrganizationEndView(ObjectActionView):
    model = SocialOrganization
    form_class = forms.OrganizationEndForm
    permission_required = "community.end_socialorganization"
    title = gettext_lazy("Deregister or revoke")
    submit_label = gettext_lazy("Confirm")
    form_user = False

    def perform(self, form):
        data = form.cleaned_data
        return services.organization_end(
            actor=self.request.user,
            organization=self.object,
            status=data["status"],
            on=data["on"],
            reason=data["reason"],
        )

    def get_success_message(self, org) -> str:
        return _("%(name)s: %(status)s from %(date)s.") % {
            "name": org.name,
            "status": org.get_status_display(),
            "date": org.ended_on,
        }


# --- 年度报告 ----------------------------------------------------------------------------------------------


class AnnualReportListView(CappedExportMixin, ObjectListView):
    model = SocialOrgAnnualReport
    filterset_class = filters.AnnualReportFilterSet
    select_related = ("organization", "organization__region", "organization__region__parent")
    resource_class = resources.AnnualReportResource
    create_url_name = "community:report_create"
    columns = [
        Column(gettext_lazy("social organisation"), "organization.name", link=True),
        Column(gettext_lazy("report year"), "year"),
        Column(gettext_lazy("township"), lambda o, u: _township(o.organization.region)),
        Column(gettext_lazy("full-time staff"), "fulltime_staff"),
        Column(gettext_lazy("submitted on"), "submitted_on"),
        Column(gettext_lazy("status"), "status"),
        Column(gettext_lazy("reviewed on"), "reviewed_on"),
    ]


class AnnualReportDetailView(ObjectDetailView):
    model = SocialOrgAnnualReport
    select_related = ("organization", "reviewed_by")
    template_name = "community/report_detail.html"
    fields = [
        Column(gettext_lazy("social organisation"), "organization.name"),
        Column(gettext_lazy("report year"), "year"),
        Column(gettext_lazy("full-time staff"), "fulltime_staff"),
        Column(gettext_lazy("volunteers"), "volunteers"),
        Column(gettext_lazy("total assets (yuan)"), "total_assets_yuan"),
        Column(gettext_lazy("income (yuan)"), "income_yuan"),
        Column(gettext_lazy("submitted on"), "submitted_on"),
        Column(gettext_lazy("status"), "status"),
        Column(gettext_lazy("reviewed on"), "reviewed_on"),
        Column(gettext_lazy("reviewed by"), "reviewed_by"),
        Column(gettext_lazy("review opinion"), "review_opinion"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, report = self.request.user, self.object
        ctx["edit_url"] = (
            reverse("community:report_update", args=[report.pk])
            if report.status != ReportStatus.ACCEPTED and user.has_perm("community.change_socialorgannualreport")
            else ""
        )
        ctx["can_review"] = report.status == ReportStatus.SUBMITTED and user.has_perm(
            "community.review_socialorgannualreport"
        )
        return ctx


class AnnualReportEditView(ServiceFormView):
    """Submit a report, or correct one that was returned; both through ``services.annual_report_submit``."""

    form_class = forms.AnnualReportForm
    permission_required = "community.add_socialorgannualreport"
    success_message = gettext_lazy("The annual report is recorded and awaits review.")

    def get_object(self) -> SocialOrgAnnualReport:
        if "pk" not in self.kwargs:
            return SocialOrgAnnualReport()
        report = SocialOrgAnnualReport.objects.for_user(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if report is None:
            raise Http404
        return report

    def get_title(self) -> str:
        if self.object.pk:
            return _("Edit %(name)s") % {"name": self.object}
        return _("New %(name)s") % {"name": SocialOrgAnnualReport._meta.verbose_name}

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_initial(self) -> dict:
        return {} if self.object.pk else {"organization": self.request.GET.get("organization")}

    def perform(self, form):
        return services.annual_report_submit(actor=self.request.user, report=form.instance)


class AnnualReportUpdateView(AnnualReportEditView):
    permission_required = "community.change_socialorgannualreport"


class AnnualReportReviewView(ObjectActionView):
    model = SocialOrgAnnualReport
    form_class = forms.ReviewForm
    permission_required = "community.review_socialorgannualreport"
    title = gettext_lazy("Review annual report")
    submit_label = gettext_lazy("Confirm")
    form_user = False

    def perform(self, form):
        data = form.cleaned_data
        return services.annual_report_review(
            actor=self.request.user,
            report=self.object,
            accept=data["decision"] == "accept",
            opinion=data["opinion"],
            on=data["on"],
        )

    def get_success_message(self, report) -> str:
        return _("The report is %(status)s.") % {"status": report.get_status_display()}


# --- 社会组织孵化中心 --------------------------------------------------------------------------------------


class IncubationCentreListView(ObjectListView):
    model = IncubationCentre
    filterset_class = filters.IncubationCentreFilterSet
    select_related = ("region", "region__parent")
    resource_class = resources.IncubationCentreResource
    create_url_name = "community:centre_create"
    columns = [
        Column(gettext_lazy("name"), "name", link=True),
        Column(gettext_lazy("level"), "level"),
        Column(gettext_lazy("township"), lambda o, u: _township(o.region)),
        Column(gettext_lazy("in operation since"), "opened_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
    ]


class IncubationCentreDetailView(ObjectDetailView):
    model = IncubationCentre
    select_related = ("region", "region__parent", "operator")
    edit_url_name = "community:centre_update"
    fields = [
        Column(gettext_lazy("level"), "level"),
        Column(gettext_lazy("township, village or community where it stands"), "region.full_name"),
        Column(gettext_lazy("site address"), "address"),
        Column(gettext_lazy("run by"), "operator.name"),
        Column(gettext_lazy("area (m²)"), "area_m2"),
        Column(gettext_lazy("in operation since"), "opened_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("note"), "note"),
    ]


class IncubationCentreCreateView(ObjectCreateView):
    model = IncubationCentre
    form_class = forms.IncubationCentreForm


class IncubationCentreUpdateView(ObjectUpdateView):
    model = IncubationCentre
    form_class = forms.IncubationCentreForm


# --- 社会工作专业人才 --------------------------------------------------------------------------------------


class SocialWorkerListView(CappedExportMixin, ObjectListView):
    model = SocialWorker
    filterset_class = filters.SocialWorkerFilterSet
    select_related = ("person", "region", "region__parent")
    resource_class = resources.SocialWorkerResource
    create_url_name = "community:worker_create"
    columns = [
        Column(gettext_lazy("full name"), "person.name", link=True),
        Column(gettext_lazy("ID number"), lambda o, u: o.person.id_number_for(u)),
        Column(gettext_lazy("township"), lambda o, u: _township(o.region)),
        Column(gettext_lazy("employer"), "employer_name"),
        Column(gettext_lazy("certificate"), "certificate_level"),
        Column(gettext_lazy("in post from"), "active_from"),
        Column(gettext_lazy("left on"), "active_to"),
    ]


class SocialWorkerDetailView(ObjectDetailView):
    model = SocialWorker
    select_related = ("person", "region", "region__parent", "employer_org")
    edit_url_name = "community:worker_update"
    template_name = "community/worker_detail.html"
    fields = [
        Column(gettext_lazy("ID number"), lambda o, u: o.person.id_number_for(u)),
        Column(gettext_lazy("where they work"), "region.full_name"),
        Column(gettext_lazy("kind of employer"), "employer_kind"),
        Column(gettext_lazy("employer"), "employer_name"),
        Column(gettext_lazy("employing social organisation"), "employer_org.name"),
        Column(gettext_lazy("certificate"), "certificate_level"),
        Column(gettext_lazy("certificate number"), "certificate_number"),
        Column(gettext_lazy("certificate obtained on"), "certified_on"),
        Column(gettext_lazy("recognised as social work talent by"), "talent_basis"),
        Column(gettext_lazy("in post from"), "active_from"),
        Column(gettext_lazy("left on"), "active_to"),
        Column(gettext_lazy("reason for leaving"), "leave_reason"),
        Column(gettext_lazy("note"), "note"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, worker = self.request.user, self.object
        ctx["other_records"] = (
            SocialWorker.objects.for_user(user)
            .filter(person_id=worker.person_id)
            .exclude(pk=worker.pk)
            .select_related("region", "region__parent")
            .order_by("-active_from")
        )
        ctx["can_transfer"] = worker.active_to is None and user.has_perm("community.change_socialworker")
        ctx["person_url"] = (
            worker.person.get_absolute_url()
            if user.has_perm("civilaffairs.view_person")
            and worker.person.__class__.objects.for_user(user).filter(pk=worker.person_id).exists()
            else ""
        )
        return ctx


class SocialWorkerCreateView(ServiceFormView):
    form_class = forms.SocialWorkerCreateForm
    permission_required = "community.add_socialworker"

    def get_title(self) -> str:
        return _("New %(name)s") % {"name": SocialWorker._meta.verbose_name}

    def get_initial(self) -> dict:
        return {"active_from": timezone.localdate()}

    def perform(self, form):
        data = form.cleaned_data
        return services.social_worker_register(
            actor=self.request.user,
            id_number=data["id_number"],
            name=data["person_name"],
            residence=data.get("residence"),
            worker=form.instance,
        )


class SocialWorkerUpdateView(ObjectUpdateView):
    model = SocialWorker
    form_class = forms.SocialWorkerUpdateForm
    select_related = ("person",)


class SocialWorkerTransferView(ObjectActionView):
    model = SocialWorker
    form_class = forms.SocialWorkerTransferForm
    permission_required = "community.change_socialworker"
    title = gettext_lazy("Move to another post")
    submit_label = gettext_lazy("Confirm")

    def perform(self, form):
        data = form.cleaned_data
        return services.social_worker_transfer(
            actor=self.request.user,
            worker=self.object,
            on=data["on"],
            region=data["region"],
            employer_kind=data["employer_kind"],
            employer_name=data["employer_name"],
        )

    def get_success_url(self, worker) -> str:
        return worker.get_absolute_url()  # the new record of the post

    def get_success_message(self, worker) -> str:
        return _("%(name)s works at %(employer)s from %(date)s.") % {
            "name": worker.person.name,
            "employer": worker.employer_name,
            "date": worker.active_from,
        }


# --- 注册志愿者 --------------------------------------------------------------------------------------------


class VolunteerListView(CappedExportMixin, ObjectListView):
    model = Volunteer
    filterset_class = filters.VolunteerFilterSet
    select_related = ("region", "region__parent")
    resource_class = resources.VolunteerResource
    create_url_name = "community:volunteer_create"
    template_name = "community/volunteer_list.html"
    columns = [
        Column(gettext_lazy("full name"), "name", link=True),
        Column(gettext_lazy("ID number"), lambda o, u: o.id_number_for(u)),
        Column(gettext_lazy("township"), lambda o, u: _township(o.region)),
        Column(gettext_lazy("village or community"), lambda o, u: _village(o.region)),
        Column(gettext_lazy("registered on"), "registered_on"),
        Column(gettext_lazy("deregistered on"), "deregistered_on"),
        Column(gettext_lazy("source"), "source"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_import"] = self.request.user.has_perm("community.import_volunteer")
        return ctx


class VolunteerDetailView(ObjectDetailView):
    model = Volunteer
    select_related = ("region", "region__parent")
    edit_url_name = "community:volunteer_update"
    fields = [
        Column(gettext_lazy("ID number"), lambda o, u: o.id_number_for(u)),
        Column(gettext_lazy("registered in"), "region.full_name"),
        Column(gettext_lazy("registered on"), "registered_on"),
        Column(gettext_lazy("deregistered on"), "deregistered_on"),
        Column(gettext_lazy("source"), "source"),
        Column(gettext_lazy("volunteer number on the platform"), "external_id"),
        Column(gettext_lazy("team"), "team"),
        Column(gettext_lazy("service hours"), "service_hours"),
        Column(gettext_lazy("last imported at"), "imported_at"),
    ]


class VolunteerCreateView(ObjectCreateView):
    model = Volunteer
    form_class = forms.VolunteerForm


class VolunteerUpdateView(ObjectUpdateView):
    model = Volunteer
    form_class = forms.VolunteerForm


# --- 慈善捐赠 ----------------------------------------------------------------------------------------------


class DonationListView(CappedExportMixin, ObjectListView):
    model = CharityDonation
    filterset_class = filters.DonationFilterSet
    select_related = ("recipient", "recipient__region", "recipient__region__parent")
    resource_class = resources.DonationResource
    create_url_name = "community:donation_create"
    columns = [
        Column(gettext_lazy("date booked"), "received_on", link=True),
        Column(gettext_lazy("charity receiving"), "recipient.name"),
        Column(gettext_lazy("donor"), "donor_name"),
        Column(gettext_lazy("donor type"), "donor_type"),
        Column(gettext_lazy("entry"), "kind"),
        Column(gettext_lazy("cash (yuan)"), "cash_yuan"),
        Column(gettext_lazy("goods at booked value (yuan)"), "in_kind_yuan"),
    ]


class DonationDetailView(ObjectDetailView):
    model = CharityDonation
    select_related = ("recipient", "source_charity")
    edit_url_name = "community:donation_update"
    fields = [
        Column(gettext_lazy("charity receiving"), "recipient.name"),
        Column(gettext_lazy("entry"), "kind"),
        Column(gettext_lazy("date booked"), "received_on"),
        Column(gettext_lazy("donor"), "donor_name"),
        Column(gettext_lazy("donor type"), "donor_type"),
        Column(gettext_lazy("passed on by charity"), "source_charity.name"),
        Column(gettext_lazy("cash (yuan)"), "cash_yuan"),
        Column(gettext_lazy("goods at booked value (yuan)"), "in_kind_yuan"),
        Column(gettext_lazy("goods donated"), "in_kind_description"),
        Column(gettext_lazy("donation receipt number"), "receipt_number"),
        Column(gettext_lazy("purpose"), "purpose"),
        Column(gettext_lazy("note"), "note"),
    ]


class DonationCreateView(ObjectCreateView):
    model = CharityDonation
    form_class = forms.DonationForm


class DonationUpdateView(ObjectUpdateView):
    model = CharityDonation
    form_class = forms.DonationForm


# --- 福利彩票 ----------------------------------------------------------------------------------------------


class LotteryOutletListView(ObjectListView):
    model = LotteryOutlet
    filterset_class = filters.LotteryOutletFilterSet
    select_related = ("region", "region__parent")
    resource_class = resources.LotteryOutletResource
    create_url_name = "community:outlet_create"
    columns = [
        Column(gettext_lazy("outlet number"), "outlet_number", link=True),
        Column(gettext_lazy("name"), "name", link=True),
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("township"), lambda o, u: _township(o.region)),
        Column(gettext_lazy("site address"), "address"),
        Column(gettext_lazy("opened on"), "opened_on"),
        Column(gettext_lazy("closed or moved out on"), "closed_on"),
        Column(gettext_lazy("temporarily suspended"), lambda o, u: _yes(o.is_suspended)),
    ]


class LotteryOutletDetailView(ObjectDetailView):
    model = LotteryOutlet
    select_related = ("region", "region__parent")
    edit_url_name = "community:outlet_update"
    template_name = "community/outlet_detail.html"
    fields = [
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("village, community or township"), "region.full_name"),
        Column(gettext_lazy("site address"), "address"),
        Column(gettext_lazy("outlet operator"), "operator_name"),
        Column(gettext_lazy("phone"), "operator_phone"),
        Column(gettext_lazy("opened on"), "opened_on"),
        Column(gettext_lazy("closed or moved out on"), "closed_on"),
        Column(gettext_lazy("reason for closing"), "close_reason"),
        Column(gettext_lazy("temporarily suspended"), "is_suspended"),
        Column(gettext_lazy("note"), "note"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["returns"] = LotterySalesReturn.objects.for_user(self.request.user).filter(outlet=self.object)[:36]
        return ctx


class LotteryOutletCreateView(ObjectCreateView):
    model = LotteryOutlet
    form_class = forms.LotteryOutletForm


class LotteryOutletUpdateView(ObjectUpdateView):
    model = LotteryOutlet
    form_class = forms.LotteryOutletForm


class SalesReturnListView(CappedExportMixin, ObjectListView):
    model = LotterySalesReturn
    filterset_class = filters.SalesReturnFilterSet
    select_related = ("outlet", "outlet__region", "outlet__region__parent")
    resource_class = resources.SalesReturnResource
    create_url_name = "community:sales_create"
    template_name = "community/sales_list.html"
    title = gettext_lazy("Monthly lottery sales")
    columns = [
        Column(gettext_lazy("month"), lambda o, u: _month(o.month)),
        Column(gettext_lazy("outlet number"), "outlet.outlet_number", link=True),
        Column(gettext_lazy("outlet"), "outlet.name"),
        Column(gettext_lazy("township"), lambda o, u: _township(o.outlet.region)),
        Column(gettext_lazy("monthly sales (yuan)"), "sales_yuan"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_import"] = self.request.user.has_perm("community.add_lotterysalesreturn")
        return ctx


class SalesReturnCreateView(ObjectCreateView):
    model = LotterySalesReturn
    form_class = forms.SalesReturnForm

    def get_success_url(self):
        return reverse("community:sales_list")
