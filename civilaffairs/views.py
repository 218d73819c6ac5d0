"""Core pages: home with to-dos, health, regions, persons, place names, audit log, job progress."""

from auditlog.models import LogEntry
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from civilaffairs import registry
from civilaffairs.access import PermissionMixin, any_user, public
from civilaffairs.audit import with_related_names
from civilaffairs.filters import (
    BoundaryMarkerFilterSet,
    PersonFilterSet,
    PlaceNameFilterSet,
    PlaceNameSignFilterSet,
    RegionFilterSet,
)
from civilaffairs.forms import BoundaryMarkerForm, PersonForm, PlaceNameForm, PlaceNameSignForm
from civilaffairs.generic import (
    Column,
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    ScopedQuerysetMixin,
    audit_history,
)
from civilaffairs.models import BoundaryMarker, JobRun, Person, PlaceName, PlaceNameSign, Region, RegionStat
from civilaffairs.resources import PersonResource
from civilaffairs.scoping import scope_prefix


@public
def health(request):
    """Liveness for load balancers: the database answers. No login, no personal data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    access_rule = "public"


class LogoutView(auth_views.LogoutView):
    access_rule = "any_user"


@any_user
def home(request):
    todos = registry.todos_for(request.user)
    return render(request, "civilaffairs/home.html", {"todos": todos, "title": _("My to-dos")})


# --- Regions -------------------------------------------------------------------------------------------


class RegionListView(ObjectListView):
    model = Region
    filterset_class = RegionFilterSet
    select_related = ("parent",)
    columns = [
        Column(_("division code"), "code", link=True),
        Column(_("name"), "name", link=True),
        Column(_("level"), "level"),
        Column(_("kind"), "kind"),
        Column(_("urban or rural"), "urban_rural"),
        Column(_("parent"), "parent.name"),
        Column(_("placeholder"), lambda r, u: _("yes") if r.is_placeholder else ""),
    ]

    def get_queryset(self):
        # The pages show the user's own tree (and the path above it); the whole national tree stays readable as
        # reference data through /api/core/regions/.
        return Region.objects.for_user_with_ancestors(self.request.user).select_related("parent")


class RegionDetailView(PermissionMixin, DetailView):
    """A region of the user's jurisdiction (or above it) with its statistics; another county's is a 404."""

    model = Region
    permission_required = "civilaffairs.view_region"
    template_name = "civilaffairs/region_detail.html"

    def get_queryset(self):
        return Region.objects.for_user_with_ancestors(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        region, user = self.object, self.request.user
        visible = Region.objects.for_user_with_ancestors(user)
        ctx["title"] = region.name
        ctx["ancestors"] = region.ancestors()
        ctx["children"] = visible.filter(parent=region).order_by("code")
        # Statistics through for_user: an ancestor's page (the city above a county) shows none of its figures.
        ctx["stats"] = (
            RegionStat.objects.for_user(user).filter(region=region).order_by("-year")
            if user.has_perm("civilaffairs.view_regionstat")
            else []
        )
        return ctx


# --- Persons -------------------------------------------------------------------------------------------


def _id_column(person, user):
    return person.id_number_for(user)


def _birth_date_column(person, user):
    return person.birth_date_for(user)


class PersonListView(ObjectListView):
    model = Person
    filterset_class = PersonFilterSet
    select_related = ("region", "region__parent")
    resource_class = PersonResource
    create_url_name = "person_create"
    columns = [
        Column(_("full name"), "name", link=True),
        Column(_("ID number"), _id_column),
        Column(_("sex"), "sex"),
        Column(_("birth date"), _birth_date_column),
        Column(_("township"), "residence_township.name"),
        Column(_("village or community"), "residence_village.name"),
    ]


class PersonDetailView(ObjectDetailView):
    model = Person
    template_name = "civilaffairs/person_detail.html"
    select_related = ("region", "region__parent")
    edit_url_name = "person_update"
    fields = [
        Column(_("ID number"), _id_column),
        Column(_("sex"), "sex"),
        Column(_("birth date"), _birth_date_column),
        Column(_("village or community of residence"), lambda p, u: p.region.full_name),
        Column(_("address"), "address"),
        Column(_("phone"), "phone"),
        Column(_("date of death"), "death_date"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["programmes"] = registry.programmes_for(self.object, self.request.user)
        return ctx


class PersonCreateView(ObjectCreateView):
    model = Person
    form_class = PersonForm


class PersonUpdateView(ObjectUpdateView):
    model = Person
    form_class = PersonForm


# --- Place names ---------------------------------------------------------------------------------------


class PlaceNameListView(ObjectListView):
    model = PlaceName
    filterset_class = PlaceNameFilterSet
    select_related = ("region", "region__parent")
    create_url_name = "placename_create"
    columns = [
        Column(_("standard name"), "name", link=True),
        Column(_("category"), "category"),
        Column(_("region"), "region.full_name"),
        Column(_("status"), "status"),
        Column(_("approved on"), "approved_on"),
        Column(_("approval document number"), "approval_document"),
    ]


class PlaceNameDetailView(ObjectDetailView):
    model = PlaceName
    select_related = ("region", "region__parent")
    edit_url_name = "placename_update"
    template_name = "civilaffairs/placename_detail.html"
    fields = [
        Column(_("romanisation"), "pinyin"),
        Column(_("category"), "category"),
        Column(_("region"), "region.full_name"),
        Column(_("origin and meaning"), "origin"),
        Column(_("status"), "status"),
        Column(_("approved on"), "approved_on"),
        Column(_("approval document number"), "approval_document"),
        Column(_("on the historic place-name protection list"), lambda o, u: _("yes") if o.is_protected else _("no")),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["signs"] = PlaceNameSign.objects.for_user(self.request.user).filter(place_name=self.object)
        return ctx


class PlaceNameCreateView(ObjectCreateView):
    model = PlaceName
    form_class = PlaceNameForm


class PlaceNameUpdateView(ObjectUpdateView):
    model = PlaceName
    form_class = PlaceNameForm


class PlaceNameSignListView(ObjectListView):
    model = PlaceNameSign
    filterset_class = PlaceNameSignFilterSet
    select_related = ("place_name", "region", "region__parent")
    create_url_name = "sign_create"
    columns = [
        Column(_("place name"), "place_name.name", link=True),
        Column(_("sign number"), "code"),
        Column(_("location"), "location"),
        Column(_("region"), "region.full_name"),
        Column(_("condition"), "condition"),
        Column(_("last inspected on"), "last_inspected_on"),
    ]


class PlaceNameSignDetailView(ObjectDetailView):
    model = PlaceNameSign
    select_related = ("place_name", "region", "region__parent")
    edit_url_name = "sign_update"
    fields = [
        Column(_("place name"), "place_name.name"),
        Column(_("sign number"), "code"),
        Column(_("region"), "region.full_name"),
        Column(_("location"), "location"),
        Column(_("latitude"), "latitude"),
        Column(_("longitude"), "longitude"),
        Column(_("installed on"), "installed_on"),
        Column(_("condition"), "condition"),
        Column(_("last inspected on"), "last_inspected_on"),
        Column(_("QR-code sign"), lambda o, u: _("yes") if o.has_qr_code else _("no")),
        Column(_("note"), "note"),
    ]


class PlaceNameSignCreateView(ObjectCreateView):
    model = PlaceNameSign
    form_class = PlaceNameSignForm


class PlaceNameSignUpdateView(ObjectUpdateView):
    model = PlaceNameSign
    form_class = PlaceNameSignForm


class BoundaryMarkerListView(ObjectListView):
    model = BoundaryMarker
    filterset_class = BoundaryMarkerFilterSet
    select_related = ("region", "region__parent")
    create_url_name = "marker_create"
    columns = [
        Column(_("boundary"), "boundary_name", link=True),
        Column(_("marker number"), "number", link=True),
        Column(_("boundary level"), "boundary_level"),
        Column(_("location"), "location"),
        Column(_("condition"), "condition"),
        Column(_("last joint inspection on"), "last_joint_inspection_on"),
        Column(_("joint inspection round"), "joint_inspection_round"),
    ]


class BoundaryMarkerDetailView(ObjectDetailView):
    model = BoundaryMarker
    select_related = ("region", "region__parent")
    edit_url_name = "marker_update"
    fields = [
        Column(_("boundary"), "boundary_name"),
        Column(_("marker number"), "number"),
        Column(_("boundary level"), "boundary_level"),
        Column(_("maintaining region"), "region.full_name"),
        Column(_("location"), "location"),
        Column(_("latitude"), "latitude"),
        Column(_("longitude"), "longitude"),
        Column(_("installed on"), "installed_on"),
        Column(_("condition"), "condition"),
        Column(_("last joint inspection on"), "last_joint_inspection_on"),
        Column(_("joint inspection round"), "joint_inspection_round"),
        Column(_("note"), "note"),
    ]


class BoundaryMarkerCreateView(ObjectCreateView):
    model = BoundaryMarker
    form_class = BoundaryMarkerForm


class BoundaryMarkerUpdateView(ObjectUpdateView):
    model = BoundaryMarker
    form_class = BoundaryMarkerForm


# --- Audit log and jobs --------------------------------------------------------------------------------


class AuditLogView(PermissionMixin, ListView):
    """Who changed what and when, with before/after, for records inside the viewer's jurisdiction."""

    permission_required = "auditlog.view_logentry"
    template_name = "civilaffairs/audit_list.html"
    paginate_by = 50

    def get_queryset(self):
        prefix = scope_prefix(self.request.user)
        qs = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
        if prefix is None:
            return qs.none()
        if prefix:
            qs = qs.filter(additional_data__region__startswith=prefix)
        model = self.request.GET.get("model")
        if model:
            qs = qs.filter(content_type__model=model)
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Audit log")
        ctx["object_list"] = with_related_names(ctx["object_list"])
        return ctx


class JobRunDetailView(PermissionMixin, ScopedQuerysetMixin, DetailView):
    """Progress of a background job; the page polls itself with htmx until the job finishes."""

    model = JobRun
    permission_required = "civilaffairs.view_jobrun"
    template_name = "civilaffairs/job_detail.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["civilaffairs/_job_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = self.object.title
        ctx["job"] = self.object
        return ctx


class ProfileView(TemplateView):
    access_rule = "any_user"
    template_name = "civilaffairs/profile.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("My account")
        ctx["permissions"] = sorted(self.request.user.get_all_permissions())
        return ctx


__all__ = ["audit_history"]
