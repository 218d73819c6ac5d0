"""Elder-care pages: institutions and community facilities with their dated inventory, quality assessments, the
roster of special-difficulty elderly, visits and the list of people due a visit. The imports are on the shared
import page (``civilaffairs.imports``).

Every queryset starts from ``for_user``; an object outside the jurisdiction is a 404.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civilaffairs.choices import RegionLevel
from civilaffairs.conf import county_setting
from civilaffairs.generic import (
    Column,
    ObjectActionView,
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    add_validation_errors,
    audit_history,
)
from eldercare import resources, selectors, services
from eldercare.choices import SERVICE_FUNCTIONS, OperationMode
from eldercare.filters import (
    AssessmentFilterSet,
    ElderlyFilterSet,
    FacilityFilterSet,
    InstitutionFilterSet,
    VisitFilterSet,
)
from eldercare.forms import (
    AssessmentForm,
    ElderlyForm,
    ElderlyRemoveForm,
    FacilityForm,
    InstitutionForm,
    InventoryForm,
    VisitForm,
)
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderCareSite,
    ElderlyPerson,
    ElderlyVisit,
)


def township_of(region) -> str:
    if region.level == RegionLevel.VILLAGE:
        return region.parent.name
    if region.level == RegionLevel.TOWNSHIP:
        return region.name
    return _("county level")


def site_township(obj, user) -> str:
    return township_of(obj.region)


def person_township(obj, user) -> str:
    return township_of(obj.person.region)


def mode_label(obj, user) -> str:
    mode = getattr(obj, "current_operation_mode", None)
    return OperationMode(mode).label if mode else "—"


def comprehensive_flag(obj, user) -> str:
    """具备综合功能 by the viewer's county's function list (conf ``comprehensive_required_functions``)."""
    if getattr(obj, "current_total_beds", None) is None:
        return "—"
    required = county_setting("comprehensive_required_functions", user.jurisdiction_id)
    return _("yes") if all(getattr(obj, f"current_offers_{name}") for name in required) else _("no")


def in_service_flag(obj, user) -> str:
    return _("yes") if obj.is_in_service(datetime.date.today()) else _("no")


# --- institutions and facilities ---------------------------------------------------------------------------


class InstitutionListView(ObjectListView):
    model = ElderCareInstitution
    filterset_class = InstitutionFilterSet
    select_related = ("region", "region__parent")
    resource_class = resources.InstitutionResource
    create_url_name = "eldercare:institution_create"
    title = gettext_lazy("Elder-care institutions")
    columns = [
        Column(gettext_lazy("site name"), "name", link=True),
        Column(gettext_lazy("institution type"), "institution_type"),
        Column(gettext_lazy("township"), site_township),
        Column(gettext_lazy("ownership"), "ownership"),
        Column(gettext_lazy("operation mode"), mode_label),
        Column(gettext_lazy("beds"), "current_total_beds"),
        Column(gettext_lazy("nursing-type beds"), "current_nursing_beds"),
        Column(gettext_lazy("comprehensive functions"), comprehensive_flag),
        Column(gettext_lazy("in service"), in_service_flag),
    ]

    def get_queryset(self):
        return selectors.with_current_inventory(super().get_queryset())


class FacilityListView(InstitutionListView):
    model = CommunityElderCareFacility
    filterset_class = FacilityFilterSet
    resource_class = resources.FacilityResource
    create_url_name = "eldercare:facility_create"
    title = gettext_lazy("Community elder-care facilities")
    columns = [
        Column(gettext_lazy("site name"), "name", link=True),
        Column(gettext_lazy("facility type"), "facility_type"),
        Column(gettext_lazy("township"), site_township),
        Column(gettext_lazy("village or community"), lambda o, u: o.region.name if o.region.level == "village" else ""),
        Column(gettext_lazy("operation mode"), mode_label),
        Column(gettext_lazy("residential beds"), "current_total_beds"),
        Column(gettext_lazy("comprehensive functions"), comprehensive_flag),
        Column(gettext_lazy("in service"), in_service_flag),
    ]


SITE_FIELDS = [
    Column(gettext_lazy("located in"), lambda o, u: o.region.full_name),
    Column(gettext_lazy("site address"), "address"),
    Column(gettext_lazy("ownership"), "ownership"),
    Column(gettext_lazy("opened on"), "opened_on"),
    Column(gettext_lazy("closed on"), "closed_on"),
    Column(gettext_lazy("reason for closing"), "closure_reason"),
    Column(gettext_lazy("integrated medical and elder care"), "medical_integration"),
    Column(gettext_lazy("partner medical institution"), "medical_partner"),
    Column(gettext_lazy("phone"), "phone"),
    Column(gettext_lazy("note"), "note"),
]


class SiteDetailMixin:
    template_name = "eldercare/site_detail.html"
    select_related = ("region", "region__parent")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        site = self.object
        ctx["inventory"] = ElderCareBedInventory.objects.filter(site=site).select_related("recorded_by")
        ctx["functions"] = SERVICE_FUNCTIONS
        ctx["today"] = datetime.date.today()
        if user.has_perm("eldercare.add_eldercarebedinventory"):
            ctx["inventory_url"] = reverse("eldercare:inventory_create", args=[site.pk])
        return ctx


class InstitutionDetailView(SiteDetailMixin, ObjectDetailView):
    model = ElderCareInstitution
    edit_url_name = "eldercare:institution_update"
    fields = [
        Column(gettext_lazy("institution type"), "institution_type"),
        Column(gettext_lazy("filing number"), "filing_number"),
        Column(gettext_lazy("registered or filed on"), "filed_on"),
        Column(gettext_lazy("unified social credit code"), "credit_code"),
        Column(gettext_lazy("star rating"), "star_rating"),
        *SITE_FIELDS,
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        if user.has_perm("eldercare.view_eldercarequalityassessment"):
            ctx["assessments"] = ElderCareQualityAssessment.objects.for_user(user).filter(institution=self.object)
        if user.has_perm("eldercare.add_eldercarequalityassessment"):
            ctx["assessment_url"] = reverse("eldercare:assessment_create") + f"?institution={self.object.pk}"
        return ctx


class FacilityDetailView(SiteDetailMixin, ObjectDetailView):
    model = CommunityElderCareFacility
    select_related = ("region", "region__parent", "hub")
    edit_url_name = "eldercare:facility_update"
    fields = [
        Column(gettext_lazy("facility type"), "facility_type"),
        Column(gettext_lazy("floor area (m²)"), "floor_area"),
        Column(gettext_lazy("guided by (中心带站)"), "hub.name"),
        *SITE_FIELDS,
    ]


class SiteCreateView(ObjectCreateView):
    """The site and its first inventory version on one page, written together by ``services.site_create``."""

    template_name = "eldercare/site_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("inventory_form", InventoryForm(user=self.request.user, prefix="inv"))
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = None
        form = self.get_form()
        inventory_form = InventoryForm(request.POST, user=request.user, prefix="inv")
        if form.is_valid() and inventory_form.is_valid():
            try:
                site = services.site_create(actor=request.user, site=form.instance, inventory=inventory_form.instance)
            except ValidationError as exc:
                # Errors of the inventory's fields (e.g. before the opening date) go to the inventory part.
                target = inventory_form if set(getattr(exc, "error_dict", {})) & set(inventory_form.fields) else form
                add_validation_errors(target, exc)
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(site.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form, inventory_form=inventory_form))


class InstitutionCreateView(SiteCreateView):
    model = ElderCareInstitution
    form_class = InstitutionForm


class FacilityCreateView(SiteCreateView):
    model = CommunityElderCareFacility
    form_class = FacilityForm


class InstitutionUpdateView(ObjectUpdateView):
    model = ElderCareInstitution
    form_class = InstitutionForm


class FacilityUpdateView(ObjectUpdateView):
    model = CommunityElderCareFacility
    form_class = FacilityForm


class InventoryCreateView(ObjectActionView):
    """A new dated version of a site's beds, operation mode and functions."""

    model = ElderCareSite
    form_class = InventoryForm
    permission_required = "eldercare.add_eldercarebedinventory"

    def get_title(self) -> str:
        return _("New inventory version: %(site)s") % {"site": self.object}

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "site": self.object}

    def get_initial(self) -> dict:
        # Start from the version in force: usually one or two figures change.
        current = self.object.current_inventory()
        if current is None:
            return {}
        return {
            name: getattr(current, name) for name in InventoryForm._meta.fields if name not in ("effective_on", "note")
        }

    def perform(self, form):
        return services.inventory_record(actor=self.request.user, site=self.object, inventory=form.instance)

    def get_success_url(self, result) -> str:
        if hasattr(self.object, "eldercareinstitution"):
            return self.object.eldercareinstitution.get_absolute_url()
        return self.object.communityeldercarefacility.get_absolute_url()


# --- quality assessments --------------------------------------------------------------------------------


class AssessmentListView(ObjectListView):
    model = ElderCareQualityAssessment
    filterset_class = AssessmentFilterSet
    select_related = ("institution", "institution__region", "institution__region__parent")
    resource_class = resources.AssessmentResource
    create_url_name = "eldercare:assessment_create"
    columns = [
        Column(gettext_lazy("institution"), "institution.name", link=True),
        Column(gettext_lazy("township"), lambda o, u: township_of(o.institution.region)),
        Column(gettext_lazy("date of assessment"), "assessed_on", link=True),
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("result"), "result"),
        Column(gettext_lazy("score"), "score"),
        Column(gettext_lazy("inspected by"), "inspector"),
        Column(gettext_lazy("rectify by"), "rectification_due_on"),
        Column(gettext_lazy("rectified on"), "rectified_on"),
    ]


class AssessmentDetailView(ObjectDetailView):
    model = ElderCareQualityAssessment
    select_related = ("institution", "recorded_by")
    edit_url_name = "eldercare:assessment_update"
    fields = [
        Column(gettext_lazy("institution"), "institution.name"),
        Column(gettext_lazy("date of assessment"), "assessed_on"),
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("standard"), "standard"),
        Column(gettext_lazy("result"), "result"),
        Column(gettext_lazy("score"), "score"),
        Column(gettext_lazy("inspected by"), "inspector"),
        Column(gettext_lazy("problems found"), "problems"),
        Column(gettext_lazy("rectify by"), "rectification_due_on"),
        Column(gettext_lazy("rectified on"), "rectified_on"),
        Column(gettext_lazy("recorded by"), "recorded_by"),
    ]


class AssessmentCreateView(ObjectCreateView):
    model = ElderCareQualityAssessment
    form_class = AssessmentForm

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("institution", "").isdigit():
            initial["institution"] = int(self.request.GET["institution"])
        return initial

    def form_valid(self, form):
        form.instance.recorded_by = self.request.user
        return super().form_valid(form)


class AssessmentUpdateView(ObjectUpdateView):
    model = ElderCareQualityAssessment
    form_class = AssessmentForm


# --- roster and visits ----------------------------------------------------------------------------------


def id_column(obj, user):
    return obj.person.id_number_for(user)


class ElderlyListView(ObjectListView):
    model = ElderlyPerson
    filterset_class = ElderlyFilterSet
    select_related = ("person", "person__region", "person__region__parent")
    resource_class = resources.ElderlyResource
    create_url_name = "eldercare:elderly_create"
    columns = [
        Column(gettext_lazy("full name"), "person.name", link=True),
        Column(gettext_lazy("ID number"), id_column),
        Column(gettext_lazy("township"), person_township),
        Column(gettext_lazy("village or community"), "person.region.name"),
        Column(gettext_lazy("category"), "categories_display"),
        Column(gettext_lazy("lives at home"), "lives_at_home"),
        Column(gettext_lazy("listed on"), "listed_on"),
        Column(gettext_lazy("removed on"), "removed_on"),
        Column(gettext_lazy("last visit"), "last_visited_on"),
    ]

    def get_queryset(self):
        return super().get_queryset().with_last_visit()


class ElderlyDetailView(ObjectDetailView):
    model = ElderlyPerson
    template_name = "eldercare/elderly_detail.html"
    select_related = ("person", "person__region", "person__region__parent")
    edit_url_name = "eldercare:elderly_update"
    fields = [
        Column(gettext_lazy("ID number"), id_column),
        Column(gettext_lazy("birth date"), lambda o, u: o.person.birth_date_for(u)),
        Column(gettext_lazy("village or community of residence"), lambda o, u: o.person.region.full_name),
        Column(gettext_lazy("category"), "categories_display"),
        Column(gettext_lazy("disability level"), "disability_level"),
        Column(gettext_lazy("lives at home"), "lives_at_home"),
        Column(gettext_lazy("listed on"), "listed_on"),
        Column(gettext_lazy("removed on"), "removed_on"),
        Column(gettext_lazy("reason for removal"), "removal_reason"),
        Column(gettext_lazy("family contact"), "contact_name"),
        Column(gettext_lazy("contact phone"), "contact_phone"),
        Column(gettext_lazy("responsible visitor"), "visitor_name"),
        Column(gettext_lazy("note"), "note"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, entry = self.request.user, self.object
        ctx["title"] = _("%(name)s (special-difficulty elderly)") % {"name": entry.person.name}
        ctx["person_url"] = entry.person.get_absolute_url() if user.has_perm("civilaffairs.view_person") else ""
        ctx["visits"] = ElderlyVisit.objects.for_user(user).filter(elderly=entry).select_related("recorded_by")[:50]
        on_roster = entry.removed_on is None
        if on_roster and user.has_perm("eldercare.add_elderlyvisit"):
            ctx["visit_url"] = reverse("eldercare:visit_create", args=[entry.pk])
        if on_roster and user.has_perm("eldercare.change_elderlyperson"):
            ctx["remove_url"] = reverse("eldercare:elderly_remove", args=[entry.pk])
        return ctx


class ElderlyCreateView(ObjectCreateView):
    model = ElderlyPerson
    form_class = ElderlyForm

    def get_title(self) -> str:
        return _("Add to the roster of special-difficulty elderly")


class ElderlyUpdateView(ObjectUpdateView):
    model = ElderlyPerson
    form_class = ElderlyForm
    select_related = ("person",)


class ElderlyRemoveView(ObjectActionView):
    model = ElderlyPerson
    select_related = ("person",)
    form_class = ElderlyRemoveForm
    permission_required = "eldercare.change_elderlyperson"
    success_message = gettext_lazy("Removed from the roster.")
    form_user = False

    def get_title(self) -> str:
        return _("Remove %(name)s from the roster") % {"name": self.object.person.name}

    def get_initial(self) -> dict:
        return {"removed_on": datetime.date.today()}

    def perform(self, form):
        return services.elderly_remove(
            actor=self.request.user,
            elderly=self.object,
            removed_on=form.cleaned_data["removed_on"],
            reason=form.cleaned_data["removal_reason"],
        )


class VisitListView(ObjectListView):
    model = ElderlyVisit
    filterset_class = VisitFilterSet
    select_related = ("elderly__person", "region", "region__parent")
    resource_class = resources.VisitResource
    columns = [
        Column(gettext_lazy("visited on"), "visited_on", link=True),
        Column(gettext_lazy("full name"), "elderly.person.name", link=True),
        Column(gettext_lazy("township"), lambda o, u: township_of(o.region)),
        Column(gettext_lazy("village or community"), "region.name"),
        Column(gettext_lazy("visit type"), "visit_type"),
        Column(gettext_lazy("visitor"), "visitor_name"),
        Column(gettext_lazy("findings"), "findings"),
        Column(gettext_lazy("needs follow-up"), "needs_follow_up"),
    ]


class VisitDetailView(ObjectDetailView):
    model = ElderlyVisit
    select_related = ("elderly__person", "region", "region__parent", "recorded_by")
    fields = [
        Column(gettext_lazy("full name"), "elderly.person.name"),
        Column(gettext_lazy("village or community"), lambda o, u: o.region.full_name),
        Column(gettext_lazy("visited on"), "visited_on"),
        Column(gettext_lazy("visit type"), "visit_type"),
        Column(gettext_lazy("visitor"), "visitor_name"),
        Column(gettext_lazy("findings"), "findings"),
        Column(gettext_lazy("assistance given"), "assistance"),
        Column(gettext_lazy("needs follow-up"), "needs_follow_up"),
        Column(gettext_lazy("recorded by"), "recorded_by"),
    ]


class VisitCreateView(ObjectActionView):
    model = ElderlyPerson
    select_related = ("person",)
    form_class = VisitForm
    permission_required = "eldercare.add_elderlyvisit"
    success_message = gettext_lazy("Visit recorded.")

    def get_title(self) -> str:
        return _("Record a visit: %(name)s") % {"name": self.object.person.name}

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "elderly": self.object}

    def get_initial(self) -> dict:
        return {"visited_on": datetime.date.today(), "visitor_name": self.object.visitor_name}

    def perform(self, form):
        data = services.VisitInput(**{name: form.cleaned_data[name] for name in VisitForm._meta.fields})
        return services.visit_record(actor=self.request.user, elderly=self.object, data=data)


class VisitsDueView(ObjectListView):
    """People at home on the roster with no counted visit in the current cycle: the caseworker's work list."""

    model = ElderlyPerson
    filterset_class = ElderlyFilterSet
    title = gettext_lazy("Visits due")
    columns = [
        Column(gettext_lazy("full name"), "person.name", link=True),
        Column(gettext_lazy("township"), person_township),
        Column(gettext_lazy("village or community"), "person.region.name"),
        Column(gettext_lazy("category"), "categories_display"),
        Column(gettext_lazy("responsible visitor"), "visitor_name"),
        Column(gettext_lazy("last visit"), "last_visited_on"),
    ]

    def get_permission_required(self):
        return ["eldercare.view_elderlyperson"]

    def get_queryset(self):
        return selectors.visits_due(self.request.user)


__all__ = ["audit_history"]
