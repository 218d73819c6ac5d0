"""FilterSets shared by pages and the API (NetBox: one FilterSet per model, reused)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civilaffairs.idnumber import normalize_id_number, parse_id_number
from civilaffairs.models import BoundaryMarker, Person, PlaceName, PlaceNameSign, Region
from civilaffairs.models.places import joint_inspection_cutoff


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


MATCHES_NOTHING = Q(pk__in=[])


class AllYesNoSelect(forms.NullBooleanSelect):
    """全部 / 是 / 否 rather than Django's 未知 / 是 / 否: an empty filter means every record."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("unknown", _("All")), ("true", _("yes")), ("false", _("no")))


def id_number_search(user, value: str, field: str = "id_number") -> Q | None:
    """The condition of an ID-number search on ``field``, or None when ``value`` is not an ID number (search
    names instead).

    A viewer who may see whole numbers (``view_full_id_number``) finds a person by any leading part. A viewer who
    sees them masked finds only by a whole valid number: a prefix search would answer "someone's number starts
    with 5002361980…" digit by digit and rebuild the hidden middle of every number in the list.
    """
    number = normalize_id_number(value)
    if not (number.isalnum() and any(ch.isdigit() for ch in number)):
        return None
    if user is not None and user.has_perm("civilaffairs.view_full_id_number"):
        return Q(**{field: number}) if len(number) == 18 else Q(**{f"{field}__startswith": number})
    try:
        return Q(**{field: parse_id_number(number).number})
    except ValidationError:
        return MATCHES_NOTHING


def person_q(filterset: django_filters.FilterSet, value: str, *paths: str) -> Q:
    """The rows whose person at one of ``paths`` (``""`` for a Person or a row with its own name and number,
    ``"payee__"``…) ``value`` names: any part of the name, or an ID number as ``id_number_search`` lets the viewer
    search it (by prefix only if they see numbers whole)."""
    user = getattr(filterset.request, "user", None)
    condition = Q(pk__in=[])
    for path in paths or ("",):
        by_number = id_number_search(user, value, f"{path}id_number")
        condition |= Q(**{f"{path}name__contains": value}) if by_number is None else by_number
    return condition


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
        return qs.filter(person_q(self, value))


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
    needs_repair = django_filters.BooleanFilter(
        label=_("damaged or missing"), method="filter_needs_repair", widget=AllYesNoSelect
    )

    class Meta:
        model = PlaceNameSign
        fields = ["q", "condition", "needs_repair", "township"]

    def search(self, qs, name, value):
        return qs.filter(Q(place_name__name__contains=value) | Q(location__contains=value))

    def filter_needs_repair(self, qs, name, value):
        if value is None:
            return qs
        repair = qs.needs_repair()
        return repair if value else qs.exclude(pk__in=repair.values("pk"))


class BoundaryMarkerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("boundary or number"), method="search")
    inspection_due = django_filters.BooleanFilter(
        label=_("due for joint inspection"), method="filter_inspection_due", widget=AllYesNoSelect
    )

    class Meta:
        model = BoundaryMarker
        fields = ["q", "boundary_level", "condition", "inspection_due"]

    def search(self, qs, name, value):
        return qs.filter(Q(boundary_name__contains=value) | Q(number__contains=value))

    def filter_inspection_due(self, qs, name, value):
        if value is None:
            return qs
        due = qs.inspection_due(joint_inspection_cutoff(getattr(self.request, "user", None)))
        return due if value else qs.exclude(pk__in=due.values("pk"))
