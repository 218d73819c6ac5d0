"""Child-welfare pages: minor-protection stations and points, child-welfare institutions, and the roster of
儿童督导员 / 儿童主任. Every queryset starts from ``for_user``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from childwelfare import resources
from childwelfare.filters import ChildInstitutionFilterSet, ChildWorkerFilterSet, StationFilterSet
from childwelfare.forms import ChildInstitutionForm, ChildWorkerForm, StationForm
from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation
from civilaffairs.generic import Column, ObjectCreateView, ObjectDetailView, ObjectListView, ObjectUpdateView


def township_of(region) -> str:
    if region.level == "village":
        return region.parent.name
    if region.level == "township":
        return region.name
    return _("county level")


class StationListView(ObjectListView):
    model = MinorProtectionStation
    filterset_class = StationFilterSet
    select_related = ("region", "region__parent")
    resource_class = resources.StationResource
    create_url_name = "childwelfare:station_create"
    columns = [
        Column(gettext_lazy("site name"), "name", link=True),
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("township"), lambda o, u: township_of(o.region)),
        Column(gettext_lazy("village or community"), lambda o, u: o.region.name if o.region.level == "village" else ""),
        Column(gettext_lazy("established on"), "established_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("staff"), "staff_count"),
        Column(gettext_lazy("model site (示范)"), "is_model"),
        Column(gettext_lazy("recognised as model on"), "model_recognised_on"),
    ]


class StationDetailView(ObjectDetailView):
    model = MinorProtectionStation
    select_related = ("region", "region__parent")
    edit_url_name = "childwelfare:station_update"
    fields = [
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("township or village"), lambda o, u: o.region.full_name),
        Column(gettext_lazy("established on"), "established_on"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("staff"), "staff_count"),
        Column(gettext_lazy("staff names"), "staff_names"),
        Column(gettext_lazy("site address"), "address"),
        Column(gettext_lazy("phone"), "phone"),
        Column(gettext_lazy("model site (示范)"), "is_model"),
        Column(gettext_lazy("recognised as model on"), "model_recognised_on"),
        Column(gettext_lazy("recognised by"), "model_recognised_by"),
        Column(gettext_lazy("model status revoked on"), "model_revoked_on"),
        Column(gettext_lazy("note"), "note"),
    ]


class StationCreateView(ObjectCreateView):
    model = MinorProtectionStation
    form_class = StationForm


class StationUpdateView(ObjectUpdateView):
    model = MinorProtectionStation
    form_class = StationForm


class InstitutionListView(ObjectListView):
    model = ChildWelfareInstitution
    filterset_class = ChildInstitutionFilterSet
    select_related = ("region", "region__parent")
    resource_class = resources.ChildInstitutionResource
    create_url_name = "childwelfare:institution_create"
    columns = [
        Column(gettext_lazy("site name"), "name", link=True),
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("located in"), lambda o, u: o.region.full_name),
        Column(gettext_lazy("opened on"), "opened_on"),
        Column(gettext_lazy("minor rescue and protection since"), "rescue_function_since"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("beds"), "beds"),
    ]


class InstitutionDetailView(ObjectDetailView):
    model = ChildWelfareInstitution
    select_related = ("region", "region__parent")
    edit_url_name = "childwelfare:institution_update"
    fields = [
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("located in"), lambda o, u: o.region.full_name),
        Column(gettext_lazy("opened on"), "opened_on"),
        Column(gettext_lazy("minor rescue and protection since"), "rescue_function_since"),
        Column(gettext_lazy("approval document"), "approval_document"),
        Column(gettext_lazy("closed on"), "closed_on"),
        Column(gettext_lazy("beds"), "beds"),
        Column(gettext_lazy("site address"), "address"),
        Column(gettext_lazy("note"), "note"),
    ]


class InstitutionCreateView(ObjectCreateView):
    model = ChildWelfareInstitution
    form_class = ChildInstitutionForm


class InstitutionUpdateView(ObjectUpdateView):
    model = ChildWelfareInstitution
    form_class = ChildInstitutionForm


class WorkerListView(ObjectListView):
    model = ChildWorker
    filterset_class = ChildWorkerFilterSet
    select_related = ("person", "region", "region__parent")
    resource_class = resources.ChildWorkerResource
    create_url_name = "childwelfare:worker_create"
    columns = [
        Column(gettext_lazy("full name"), "person.name", link=True),
        Column(gettext_lazy("post"), "role"),
        Column(gettext_lazy("township"), lambda o, u: township_of(o.region)),
        Column(gettext_lazy("village or community"), lambda o, u: o.region.name if o.region.level == "village" else ""),
        Column(gettext_lazy("appointed on"), "appointed_on"),
        Column(gettext_lazy("left the post on"), "left_on"),
        Column(gettext_lazy("induction training on"), "trained_on"),
    ]


class WorkerDetailView(ObjectDetailView):
    model = ChildWorker
    select_related = ("person", "region", "region__parent")
    edit_url_name = "childwelfare:worker_update"
    fields = [
        Column(gettext_lazy("ID number"), lambda o, u: o.person.id_number_for(u)),
        Column(gettext_lazy("post"), "role"),
        Column(gettext_lazy("township or village"), lambda o, u: o.region.full_name),
        Column(gettext_lazy("appointed on"), "appointed_on"),
        Column(gettext_lazy("left the post on"), "left_on"),
        Column(gettext_lazy("induction training on"), "trained_on"),
        Column(gettext_lazy("phone"), "phone"),
        Column(gettext_lazy("note"), "note"),
    ]


class WorkerCreateView(ObjectCreateView):
    model = ChildWorker
    form_class = ChildWorkerForm


class WorkerUpdateView(ObjectUpdateView):
    model = ChildWorker
    form_class = ChildWorkerForm
    select_related = ("person",)
