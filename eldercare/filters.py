"""FilterSets shared by the pages and the API."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civilaffairs.filters import RegionPrefixFilter, person_q
from eldercare.choices import ELDERLY_CATEGORIES, FacilityType, InstitutionType, Ownership, QualityResult, VisitType
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderlyPerson,
    ElderlyVisit,
)
from eldercare.models.sites import open_on_q

STATE_CHOICES = [("open", _("in service")), ("closed", _("closed down"))]
ROSTER_CHOICES = [("current", _("on the roster")), ("removed", _("removed"))]


def person_search(filterset: django_filters.FilterSet, qs, value: str, prefix: str = "person__"):
    """The rows whose person ``value`` names (the core's ``person_q``); an empty search keeps every row."""
    value = value.strip()
    if not value:
        return qs
    return qs.filter(person_q(filterset, value, prefix))


class SiteFilterMixin(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("site name"), field_name="name", lookup_expr="contains")
    township = RegionPrefixFilter()
    ownership = django_filters.ChoiceFilter(label=_("ownership"), choices=Ownership.choices)
    state = django_filters.ChoiceFilter(label=_("service state"), choices=STATE_CHOICES, method="filter_state")

    def filter_state(self, qs, name, value):
        today = datetime.date.today()
        if value == "open":
            return qs.filter(open_on_q(today))
        if value == "closed":
            return qs.filter(closed_on__lte=today)
        return qs


class InstitutionFilterSet(SiteFilterMixin):
    institution_type = django_filters.ChoiceFilter(label=_("institution type"), choices=InstitutionType.choices)

    class Meta:
        model = ElderCareInstitution
        fields = ["q", "township", "institution_type", "ownership", "state"]


class FacilityFilterSet(SiteFilterMixin):
    facility_type = django_filters.ChoiceFilter(label=_("facility type"), choices=FacilityType.choices)

    class Meta:
        model = CommunityElderCareFacility
        fields = ["q", "township", "facility_type", "ownership", "state"]


class InventoryFilterSet(django_filters.FilterSet):
    site = django_filters.NumberFilter(label=_("site"), field_name="site_id")

    class Meta:
        model = ElderCareBedInventory
        fields = ["site", "operation_mode"]


class AssessmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("institution"), field_name="institution__name", lookup_expr="contains")
    township = RegionPrefixFilter()
    result = django_filters.ChoiceFilter(label=_("result"), choices=QualityResult.choices)
    year = django_filters.NumberFilter(label=_("year"), field_name="assessed_on", lookup_expr="year")
    open_rectification = django_filters.BooleanFilter(label=_("rectification open"), method="filter_open")

    class Meta:
        model = ElderCareQualityAssessment
        fields = ["q", "township", "result", "year", "open_rectification"]

    def filter_open(self, qs, name, value):
        if value is None:
            return qs
        condition = Q(result=QualityResult.FAIL, rectified_on__isnull=True)
        return qs.filter(condition) if value else qs.exclude(condition)


class ElderlyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or ID number"), method="search")
    township = RegionPrefixFilter()
    category = django_filters.ChoiceFilter(
        label=_("category"), choices=list(ELDERLY_CATEGORIES.items()), method="filter_category"
    )
    roster = django_filters.ChoiceFilter(label=_("roster"), choices=ROSTER_CHOICES, method="filter_roster")
    lives_at_home = django_filters.BooleanFilter(label=_("lives at home"))

    class Meta:
        model = ElderlyPerson
        fields = ["q", "township", "category", "roster", "lives_at_home"]

    def search(self, qs, name, value):
        return person_search(self, qs, value)

    def filter_category(self, qs, name, value):
        return qs.filter(**{f"is_{value}": True}) if value in ELDERLY_CATEGORIES else qs

    def filter_roster(self, qs, name, value):
        today = datetime.date.today()
        if value == "current":
            return qs.on_roster(today)
        if value == "removed":
            return qs.filter(removed_on__lte=today)
        return qs


class VisitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or ID number"), method="search")
    township = RegionPrefixFilter()
    since = django_filters.DateFilter(label=_("from"), field_name="visited_on", lookup_expr="gte")
    until = django_filters.DateFilter(label=_("to"), field_name="visited_on", lookup_expr="lte")
    visit_type = django_filters.ChoiceFilter(label=_("visit type"), choices=VisitType.choices)
    needs_follow_up = django_filters.BooleanFilter(label=_("needs follow-up"))

    class Meta:
        model = ElderlyVisit
        fields = ["q", "township", "since", "until", "visit_type", "needs_follow_up"]

    def search(self, qs, name, value):
        return person_search(self, qs, value, "elderly__person__")
