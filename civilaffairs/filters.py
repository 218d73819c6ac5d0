"""FilterSets shared by pages and the API (NetBox: one FilterSet per model, reused)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civilaffairs.idnumber import normalize_id_number
from civilaffairs.models import BoundaryMarker, Person, PlaceName, PlaceNameSign, Region


class RegionPrefixFilter(django_filters.ModelChoiceFilter):
    """Rows under the chosen region (township or village), by prefix on the scope column."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", lambda request: Region.objects.for_user(request.user).townships())
        kwargs.setdefault("label", _("township"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.within(value)


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or ID number"), method="search")
    township = RegionPrefixFilter()

    class Meta:
        model = Person
        fields = ["q", "township"]

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        number = normalize_id_number(value)
        if number.isalnum() and any(ch.isdigit() for ch in number):
            return qs.filter(id_number__startswith=number) if len(number) < 18 else qs.filter(id_number=number)
        return qs.filter(name__contains=value)


class RegionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name"), field_name="name", lookup_expr="contains")
    parent = django_filters.CharFilter(label=_("parent code"), field_name="parent_id")
    under = django_filters.CharFilter(label=_("code prefix"), field_name="code", lookup_expr="startswith")

    class Meta:
        model = Region
        fields = ["q", "level", "kind", "urban_rural", "parent", "under"]


class PlaceNameFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name"), field_name="name", lookup_expr="contains")
    township = RegionPrefixFilter()

    class Meta:
        model = PlaceName
        fields = ["q", "category", "status", "township"]


class PlaceNameSignFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or location"), method="search")
    township = RegionPrefixFilter()

    class Meta:
        model = PlaceNameSign
        fields = ["q", "condition", "township"]

    def search(self, qs, name, value):
        return qs.filter(Q(place_name__name__contains=value) | Q(location__contains=value))


class BoundaryMarkerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("boundary or number"), method="search")

    class Meta:
        model = BoundaryMarker
        fields = ["q", "boundary_level", "condition"]

    def search(self, qs, name, value):
        return qs.filter(Q(boundary_name__contains=value) | Q(number__contains=value))
