"""FilterSets shared by the pages and the API."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from childwelfare.choices import InstitutionKind, StationKind, WorkerRole
from childwelfare.models import ChildWelfareInstitution, ChildWorker, MinorProtectionStation
from civilaffairs.filters import RegionPrefixFilter
from eldercare.filters import person_search

STATE_CHOICES = [("open", _("in operation")), ("closed", _("revoked"))]


class StationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("site name"), field_name="name", lookup_expr="contains")
    township = RegionPrefixFilter()
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=StationKind.choices)
    is_model = django_filters.BooleanFilter(label=_("model site (示范)"))
    state = django_filters.ChoiceFilter(label=_("service state"), choices=STATE_CHOICES, method="filter_state")

    class Meta:
        model = MinorProtectionStation
        fields = ["q", "township", "kind", "is_model", "state"]

    def filter_state(self, qs, name, value):
        today = datetime.date.today()
        if value == "open":
            return qs.open_on(today)
        if value == "closed":
            return qs.filter(closed_on__lte=today)
        return qs


class ChildInstitutionFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=InstitutionKind.choices)

    class Meta:
        model = ChildWelfareInstitution
        fields = ["kind"]


class ChildWorkerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or ID number"), method="search")
    township = RegionPrefixFilter()
    role = django_filters.ChoiceFilter(label=_("post"), choices=WorkerRole.choices)
    trained = django_filters.BooleanFilter(label=_("trained"), method="filter_trained")
    serving = django_filters.BooleanFilter(label=_("serving"), method="filter_serving")

    class Meta:
        model = ChildWorker
        fields = ["q", "township", "role", "trained", "serving"]

    def search(self, qs, name, value):
        return person_search(self, qs, value)

    def filter_trained(self, qs, name, value):
        if value is None:
            return qs
        return qs.filter(trained_on__isnull=not value)

    def filter_serving(self, qs, name, value):
        if value is None:
            return qs
        today = datetime.date.today()
        serving = Q(appointed_on__lte=today) & (Q(left_on__isnull=True) | Q(left_on__gt=today))
        return qs.filter(serving) if value else qs.exclude(serving)
