"""Pages of the funeral and marriage registers for county staff (generic scoped list/detail/create/update views)
and the service-backed actions: designate a burial zone, record an emission test, decommission a cremator, open or
suspend 跨省通办, enter and import daily registration counts."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum
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
from funeral import forms, resources, selectors, services
from funeral.choices import ProjectStatus
from funeral.filters import (
    BurialZoneFilterSet,
    ConstructionProjectFilterSet,
    CrematorFilterSet,
    FuneralFacilityFilterSet,
    MarriageCountFilterSet,
    MarriageOfficeFilterSet,
)
from funeral.models import (
    PROGRESS_FIGURE,
    BurialZone,
    ConstructionProject,
    Cremator,
    CrematorEmissionTest,
    CrossProvinceAuthorisation,
    FuneralFacility,
    MarriageRegistrationCount,
    MarriageRegistrationOffice,
)


def _today() -> datetime.date:
    return timezone.localdate()


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


# --- Facilities ------------------------------------------------------------------------------------------------


def _served_count(obj, user) -> int:
    return len(obj.served_villages.all())


class FacilityListView(ObjectListView):
    model = FuneralFacility
    filterset_class = FuneralFacilityFilterSet
    resource_class = resources.FuneralFacilityResource
    select_related = ("region", "region__parent")
    create_url_name = "funeral:facility_create"
    columns = [
        Column(gettext_lazy("name"), "name", link=True),
        Column(gettext_lazy("type"), "facility_type"),
        Column(gettext_lazy("public-welfare"), lambda o, u: _yes_no(o.is_public)),
        Column(gettext_lazy("located in"), "region.full_name"),
        Column(gettext_lazy("capacity (graves or niches)"), "capacity"),
        Column(gettext_lazy("in use since"), "opened_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("villages and communities served"), _served_count),
    ]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("served_villages").order_by("region_id", "facility_type", "name")


class FacilityDetailView(ObjectDetailView):
    model = FuneralFacility
    template_name = "funeral/facility_detail.html"
    select_related = ("region", "region__parent", "project")
    edit_url_name = "funeral:facility_update"
    fields = [
        Column(gettext_lazy("type"), "facility_type"),
        Column(gettext_lazy("public-welfare"), lambda o, u: _yes_no(o.is_public)),
        Column(gettext_lazy("located in"), "region.full_name"),
        Column(gettext_lazy("street address"), "address"),
        Column(gettext_lazy("operated by"), "operator"),
        Column(gettext_lazy("capacity (graves or niches)"), "capacity"),
        Column(gettext_lazy("graves or niches used"), "occupied"),
        Column(gettext_lazy("area (mu)"), "area_mu"),
        Column(gettext_lazy("in use since"), "opened_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("construction project"), "project"),
        Column(gettext_lazy("note"), "note"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        facility = self.object
        today = _today()
        ctx["in_use"] = facility.in_use_on(today)
        ctx["counts_for_coverage"] = facility.is_public_burial and ctx["in_use"]
        ctx["served"] = list(facility.served_villages.select_related("parent").order_by("code"))
        user = self.request.user
        ctx["cremators"] = (
            list(Cremator.objects.for_user(user).filter(facility=facility)) if facility.hosts_cremators else []
        )
        ctx["can_add_cremator"] = facility.hosts_cremators and user.has_perm("funeral.add_cremator")
        return ctx


class FacilityCreateView(ObjectCreateView):
    model = FuneralFacility
    form_class = forms.FuneralFacilityForm


class FacilityUpdateView(ObjectUpdateView):
    model = FuneralFacility
    form_class = forms.FuneralFacilityForm


# --- Burial zones ----------------------------------------------------------------------------------------------


class ZoneListView(ObjectListView):
    model = BurialZone
    filterset_class = BurialZoneFilterSet
    select_related = ("township",)
    create_url_name = "funeral:zone_create"
    columns = [
        Column(gettext_lazy("township"), "township.name", link=True),
        Column(gettext_lazy("zone"), "kind"),
        Column(gettext_lazy("valid from"), "valid_from"),
        Column(gettext_lazy("valid until"), "valid_to"),
        Column(gettext_lazy("approving document"), "document"),
    ]


class ZoneDetailView(ObjectDetailView):
    model = BurialZone
    select_related = ("township",)
    fields = [
        Column(gettext_lazy("township"), "township.name"),
        Column(gettext_lazy("zone"), "kind"),
        Column(gettext_lazy("valid from"), "valid_from"),
        Column(gettext_lazy("valid until"), "valid_to"),
        Column(gettext_lazy("approving document"), "document"),
        Column(gettext_lazy("note"), "note"),
    ]


class ZoneCreateView(ServiceFormView):
    """Designate a township's zone from a date; the designation in force ends that day (one service)."""

    form_class = forms.BurialZoneForm
    permission_required = "funeral.add_burialzone"
    title = gettext_lazy("Designate a burial zone")

    def perform(self, form):
        return services.burial_zone_designate(actor=self.request.user, **form.cleaned_data)


# --- Cremators -------------------------------------------------------------------------------------------------


class CrematorListView(ObjectListView):
    model = Cremator
    filterset_class = CrematorFilterSet
    resource_class = resources.CrematorResource
    select_related = ("facility",)
    create_url_name = "funeral:cremator_create"
    columns = [
        Column(gettext_lazy("funeral home"), "facility.name"),
        Column(gettext_lazy("number"), "number", link=True),
        Column(gettext_lazy("fuel"), "fuel"),
        Column(gettext_lazy("eco-friendly, energy-saving type"), lambda o, u: _yes_no(o.is_eco)),
        Column(gettext_lazy("commissioned on"), "commissioned_on"),
        Column(gettext_lazy("mandatory scrapping date"), "scrap_due_on"),
        Column(gettext_lazy("latest emission test"), lambda o, u: o.last_tested_on),
        Column(gettext_lazy("decommissioned on"), "decommissioned_on"),
    ]

    def get_queryset(self):
        today = _today()
        return (
            super()
            .get_queryset()
            .annotate(last_tested_on=selectors.latest_test(today, "tested_on"))
            .order_by("facility_id", "number")
        )


class CrematorDetailView(ObjectDetailView):
    model = Cremator
    template_name = "funeral/cremator_detail.html"
    select_related = ("facility",)
    edit_url_name = "funeral:cremator_update"
    fields = [
        Column(gettext_lazy("funeral home"), "facility.name"),
        Column(gettext_lazy("cremator type"), "kind"),
        Column(gettext_lazy("model"), "model_name"),
        Column(gettext_lazy("manufacturer"), "manufacturer"),
        Column(gettext_lazy("fuel"), "fuel"),
        Column(gettext_lazy("flue-gas treatment installed"), lambda o, u: _yes_no(o.has_flue_gas_treatment)),
        Column(gettext_lazy("eco-friendly, energy-saving type"), lambda o, u: _yes_no(o.is_eco)),
        Column(gettext_lazy("commissioned on"), "commissioned_on"),
        Column(gettext_lazy("mandatory scrapping date"), "scrap_due_on"),
        Column(gettext_lazy("decommissioned on"), "decommissioned_on"),
        Column(gettext_lazy("reason for decommissioning"), "decommission_reason"),
        Column(gettext_lazy("note"), "note"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        cremator, user, today = self.object, self.request.user, _today()
        ctx["tests"] = list(CrematorEmissionTest.objects.for_user(user).filter(cremator=cremator))
        counted = selectors.eco_cremators(cremator.facility.region.county() or cremator.facility.region, today)
        ctx["counted_today"] = counted.filter(pk=cremator.pk).exists()
        ctx["in_use"] = cremator.in_use_on(today)
        ctx["valid_months"] = selectors.emission_test_valid_months(cremator.facility.region)
        ctx["can_test"] = user.has_perm("funeral.add_crematoremissiontest") and ctx["in_use"]
        ctx["can_decommission"] = user.has_perm("funeral.change_cremator") and cremator.decommissioned_on is None
        return ctx


class CrematorCreateView(ObjectCreateView):
    model = Cremator
    form_class = forms.CrematorForm

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("facility"):
            initial["facility"] = self.request.GET["facility"]
        return initial


class CrematorUpdateView(ObjectUpdateView):
    model = Cremator
    form_class = forms.CrematorForm


class EmissionTestCreateView(ObjectActionView):
    model = Cremator
    form_class = forms.EmissionTestForm
    permission_required = "funeral.add_crematoremissiontest"
    title = gettext_lazy("Record an emission test")

    def perform(self, form):
        data = {**form.cleaned_data, "standard": form.cleaned_data.get("standard") or ""}
        return services.emission_test_record(actor=self.request.user, cremator=self.object, **data)


class CrematorDecommissionView(ObjectActionView):
    model = Cremator
    form_class = forms.DecommissionForm
    permission_required = "funeral.change_cremator"
    title = gettext_lazy("Decommission")

    def perform(self, form):
        return services.cremator_decommission(actor=self.request.user, cremator=self.object, **form.cleaned_data)


# --- Construction projects -------------------------------------------------------------------------------------


class ProjectListView(ObjectListView):
    model = ConstructionProject
    filterset_class = ConstructionProjectFilterSet
    resource_class = resources.ConstructionProjectResource
    select_related = ("region",)
    create_url_name = "funeral:project_create"
    columns = [
        Column(gettext_lazy("number in the plan"), "plan_item"),
        Column(gettext_lazy("project name as printed"), "name", link=True),
        Column(gettext_lazy("site as printed"), "location"),
        Column(gettext_lazy("planned investment (10,000 yuan)"), "planned_investment"),
        Column(
            gettext_lazy("planned years"),
            lambda o, u: f"{o.planned_start_year}—{o.planned_end_year}" if o.planned_start_year else "",
        ),
        Column(gettext_lazy("status"), lambda o, u: o.status_label_on(_today())),
        Column(gettext_lazy("in the plan's indicator table"), lambda o, u: _yes_no(o.in_indicator_table)),
    ]


class ProjectDetailView(ObjectDetailView):
    model = ConstructionProject
    template_name = "funeral/project_detail.html"
    select_related = ("region", "plan")
    edit_url_name = "funeral:project_update"
    fields = [
        Column(gettext_lazy("plan"), "plan"),
        Column(gettext_lazy("number in the plan"), "plan_item"),
        Column(gettext_lazy("in the plan's indicator table"), lambda o, u: _yes_no(o.in_indicator_table)),
        Column(gettext_lazy("nature"), "nature"),
        Column(gettext_lazy("region"), "region.name"),
        Column(gettext_lazy("site as printed"), "location"),
        Column(gettext_lazy("scale and content"), "scale"),
        Column(gettext_lazy("planned investment (10,000 yuan)"), "planned_investment"),
        Column(gettext_lazy("planned start year"), "planned_start_year"),
        Column(gettext_lazy("planned completion year"), "planned_end_year"),
        Column(gettext_lazy("construction started on"), "started_on"),
        Column(gettext_lazy("completed and in use on"), "completed_on"),
        Column(gettext_lazy("remark as printed"), "remark"),
        Column(gettext_lazy("note"), "note"),
    ]

    def get_context_data(self, **kwargs):
        from indicators.choices import ManualInputStatus
        from indicators.models import ManualInput, ManualInputType

        ctx = super().get_context_data(**kwargs)
        project, today = self.object, _today()
        status = project.status_on(today)
        figure = project.latest_progress(today)
        ctx["status"] = ProjectStatus(status).label
        ctx["latest_progress"] = figure
        ctx["counted_share"] = project.progress_fraction(today, figure) * 100
        ctx["progress_history"] = list(
            ManualInput.objects.filter(
                type__code=PROGRESS_FIGURE,
                region=project.region,
                subject=project.name,
                status__in=[ManualInputStatus.APPROVED, ManualInputStatus.SUPERSEDED, ManualInputStatus.DRAFT],
            )
            .select_related("entered_by", "approved_by", "type")
            .order_by("-effective_on", "-entered_at")[:24]
        )
        progress_type = ManualInputType.objects.filter(code=PROGRESS_FIGURE).first()
        if progress_type is not None and self.request.user.has_perm("indicators.add_manualinput"):
            ctx["enter_progress_url"] = f"{reverse('indicators:manualinput_create')}?type={progress_type.pk}"
        ctx["started_missing"] = figure is not None and project.started_on is None
        return ctx


class ProjectCreateView(ObjectCreateView):
    model = ConstructionProject
    form_class = forms.ConstructionProjectForm


class ProjectUpdateView(ObjectUpdateView):
    model = ConstructionProject
    form_class = forms.ConstructionProjectForm


# --- Marriage registration offices ------------------------------------------------------------------------------


def _cross_province_text(office, user) -> str:
    today = _today()
    active = {
        a.business
        for a in office.cross_province.all()
        if a.enabled_on <= today and (a.suspended_on is None or a.suspended_on > today)
    }
    if len(active) == 2:
        return _("Marriage and divorce")
    if active:
        return _("Only one business")
    return _("Not enabled")


class OfficeListView(ObjectListView):
    model = MarriageRegistrationOffice
    filterset_class = MarriageOfficeFilterSet
    resource_class = resources.MarriageOfficeResource
    select_related = ("region",)
    create_url_name = "funeral:office_create"
    columns = [
        Column(gettext_lazy("name"), "name", link=True),
        Column(gettext_lazy("located in"), "region.name"),
        Column(gettext_lazy("operating since"), "opened_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("online registration since"), "online_since"),
        Column(gettext_lazy("cross-province service"), _cross_province_text),
    ]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("cross_province")


class OfficeDetailView(ObjectDetailView):
    model = MarriageRegistrationOffice
    template_name = "funeral/office_detail.html"
    select_related = ("region",)
    edit_url_name = "funeral:office_update"
    fields = [
        Column(gettext_lazy("located in"), "region.name"),
        Column(gettext_lazy("street address"), "address"),
        Column(gettext_lazy("operating since"), "opened_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("online registration since"), "online_since"),
        Column(gettext_lazy("note"), "note"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        office, user, today = self.object, self.request.user, _today()
        ctx["authorisations"] = list(CrossProvinceAuthorisation.objects.for_user(user).filter(office=office))
        ctx["implements_cross_province"] = (
            selectors.offices_with_cross_province(office.region, today).filter(pk=office.pk).exists()
        )
        year_start = datetime.date(today.year, 1, 1)
        ctx["year"] = today.year
        ctx["year_summary"] = (
            MarriageRegistrationCount.objects.for_user(user)
            .filter(office=office)
            .between(year_start, today)
            .values("kind")
            .annotate(
                total=Sum("total"),
                online=Sum("online"),
                cross_province=Sum("cross_province"),
                backfilled=Sum("backfilled"),
                days=Count("date", distinct=True),
            )
            .order_by("kind")
        )
        from funeral.choices import RegistrationKind

        labels = dict(RegistrationKind.choices)
        for row in ctx["year_summary"]:
            row["label"] = labels.get(row["kind"], row["kind"])
        ctx["can_enable"] = user.has_perm("funeral.add_crossprovinceauthorisation")
        ctx["can_suspend"] = user.has_perm("funeral.change_crossprovinceauthorisation")
        ctx["today"] = today
        return ctx


class OfficeCreateView(ObjectCreateView):
    model = MarriageRegistrationOffice
    form_class = forms.MarriageOfficeForm


class OfficeUpdateView(ObjectUpdateView):
    model = MarriageRegistrationOffice
    form_class = forms.MarriageOfficeForm


class CrossProvinceEnableView(ObjectActionView):
    model = MarriageRegistrationOffice
    form_class = forms.CrossProvinceEnableForm
    permission_required = "funeral.add_crossprovinceauthorisation"
    title = gettext_lazy("Enable cross-province service")

    def perform(self, form):
        return services.cross_province_enable(actor=self.request.user, office=self.object, **form.cleaned_data)


class CrossProvinceSuspendView(ObjectActionView):
    model = CrossProvinceAuthorisation
    form_class = forms.SuspendForm
    permission_required = "funeral.change_crossprovinceauthorisation"
    title = gettext_lazy("Suspend cross-province service")

    def perform(self, form):
        return services.cross_province_suspend(actor=self.request.user, authorisation=self.object, **form.cleaned_data)


# --- Daily registration counts ---------------------------------------------------------------------------------


class CountListView(ObjectListView):
    model = MarriageRegistrationCount
    filterset_class = MarriageCountFilterSet
    resource_class = resources.MarriageCountResource
    select_related = ("office",)
    create_url_name = "funeral:count_create"
    template_name = "funeral/count_list.html"
    columns = [
        Column(gettext_lazy("office"), "office.name"),
        Column(gettext_lazy("date"), "date"),
        Column(gettext_lazy("registration kind"), "kind"),
        Column(gettext_lazy("registrations"), "total"),
        Column(gettext_lazy("registered online in real time"), "online"),
        Column(gettext_lazy("cross-province cases"), "cross_province"),
        Column(gettext_lazy("historic back-entries"), "backfilled"),
        Column(gettext_lazy("note"), "note"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filterset = ctx.get("filter")
        queryset = filterset.qs if filterset is not None else self.get_queryset()
        ctx["totals"] = queryset.aggregate(
            total=Sum("total"), online=Sum("online"), cross_province=Sum("cross_province"), backfilled=Sum("backfilled")
        )
        ctx["can_import"] = self.request.user.has_perm("funeral.import_marriageregistrationcount")
        return ctx


class CountCreateView(ServiceFormView):
    """Enter (or correct) one office's count of one kind for one day; the same figures again change nothing."""

    form_class = forms.CountForm
    permission_required = "funeral.add_marriageregistrationcount"
    title = gettext_lazy("Enter a daily registration count")

    def get_initial(self) -> dict:
        initial = {"date": _today()}
        office = MarriageRegistrationOffice.objects.for_user(self.request.user).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=_today())
        )
        if office.count() == 1:
            initial["office"] = office.first().pk
        return initial

    def perform(self, form):
        return services.count_record(actor=self.request.user, data=services.CountInput(**form.cleaned_data))

    def get_success_message(self, result) -> str:
        row, created = result
        return _("Saved: %(row)s.") % {"row": row} if created else _("Updated: %(row)s.") % {"row": row}

    def get_success_url(self, result) -> str:
        return reverse("funeral:count_list")
