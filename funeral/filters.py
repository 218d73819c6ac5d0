"""FilterSets shared by the pages and the API (one per register)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civilaffairs.filters import RegionPrefixFilter
from funeral.choices import CREMATION_TYPES, BurialZoneKind, FacilityType, RegistrationKind
from funeral.models import (
    BurialZone,
    ConstructionProject,
    Cremator,
    FuneralFacility,
    MarriageRegistrationCount,
    MarriageRegistrationOffice,
)

IN_USE_CHOICES = [("yes", _("In use")), ("no", _("Not in use"))]


class FuneralFacilityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name"), field_name="name", lookup_expr="contains")
    facility_type = django_filters.ChoiceFilter(label=_("type"), choices=FacilityType.choices)
    is_public = django_filters.BooleanFilter(label=_("public-welfare"))
    township = RegionPrefixFilter()
    in_use = django_filters.ChoiceFilter(label=_("in use today"), choices=IN_USE_CHOICES, method="filter_in_use")

    class Meta:
        model = FuneralFacility
        fields = ["q", "facility_type", "is_public", "township", "in_use"]

    def filter_in_use(self, qs, name, value):
        in_use = qs.in_use(timezone.localdate())
        if value == "yes":
            return in_use
        if value == "no":
            return qs.exclude(pk__in=in_use.values("pk"))
        return qs


class BurialZoneFilterSet(django_filters.FilterSet):
    township = RegionPrefixFilter()
    kind = django_filters.ChoiceFilter(label=_("zone"), choices=BurialZoneKind.choices)
    current = django_filters.BooleanFilter(label=_("in force today"), method="filter_current")

    class Meta:
        model = BurialZone
        fields = ["township", "kind", "current"]

    def filter_current(self, qs, name, value):
        if value is None:
            return qs
        current = qs.current_on(timezone.localdate())
        return current if value else qs.exclude(pk__in=current.values("pk"))


class CrematorFilterSet(django_filters.FilterSet):
    facility = django_filters.ModelChoiceFilter(
        label=_("funeral home"),
        queryset=lambda request: FuneralFacility.objects.for_user(getattr(request, "user", None)).filter(
            facility_type__in=sorted(CREMATION_TYPES)
        ),
    )
    is_eco = django_filters.BooleanFilter(label=_("eco-friendly, energy-saving type"))
    in_use = django_filters.ChoiceFilter(label=_("in use today"), choices=IN_USE_CHOICES, method="filter_in_use")

    class Meta:
        model = Cremator
        fields = ["facility", "is_eco", "in_use"]

    def filter_in_use(self, qs, name, value):
        in_use = qs.in_use(timezone.localdate())
        if value == "yes":
            return in_use
        if value == "no":
            return qs.exclude(pk__in=in_use.values("pk"))
        return qs


class ConstructionProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name"), field_name="name", lookup_expr="contains")
    in_indicator_table = django_filters.BooleanFilter(label=_("in the plan's indicator table"))

    class Meta:
        model = ConstructionProject
        fields = ["q", "in_indicator_table"]


class MarriageOfficeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name"), field_name="name", lookup_expr="contains")

    class Meta:
        model = MarriageRegistrationOffice
        fields = ["q"]


class MarriageCountFilterSet(django_filters.FilterSet):
    office = django_filters.ModelChoiceFilter(
        label=_("office"),
        queryset=lambda request: MarriageRegistrationOffice.objects.for_user(getattr(request, "user", None)),
    )
    kind = django_filters.ChoiceFilter(label=_("registration kind"), choices=RegistrationKind.choices)
    date_from = django_filters.DateFilter(label=_("from"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("to"), field_name="date", lookup_expr="lte")
    with_cross_province = django_filters.BooleanFilter(
        label=_("with cross-province cases"), method="filter_cross_province"
    )

    class Meta:
        model = MarriageRegistrationCount
        fields = ["office", "kind", "date_from", "date_to", "with_cross_province"]

    def filter_cross_province(self, qs, name, value):
        if value is None:
            return qs
        return qs.filter(cross_province__gt=0) if value else qs.filter(Q(cross_province=0))
