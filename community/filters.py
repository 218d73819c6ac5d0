"""FilterSets of the community registers, shared by the pages and the API."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civilaffairs.filters import AllYesNoSelect, RegionPrefixFilter, id_number_search, person_q
from community.choices import (
    CertificateLevel,
    DonationKind,
    DonorType,
    FacilityKind,
    OrgCategory,
    OrgStatus,
    OrgType,
    OutletKind,
    Platform,
    RegistrationKind,
    ReportStatus,
    VolunteerSource,
)
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

CURRENT_CHOICES = [("yes", _("Current only")), ("no", _("Ended only"))]


def yes_no(label, **kwargs) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(label=label, widget=AllYesNoSelect, **kwargs)


def choice(choices, label, **kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(choices=choices, label=label, empty_label=_("All"), **kwargs)


class CurrentFilter(django_filters.ChoiceFilter):
    """Current (valid today) or ended records, through the queryset's ``active_on``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", CURRENT_CHOICES)
        kwargs.setdefault("label", _("current or ended"))
        kwargs.setdefault("empty_label", _("All"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        current = qs.active_on(timezone.localdate())
        return current if value == "yes" else qs.exclude(pk__in=current.values("pk"))


class FacilityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or address"), method="search")
    township = RegionPrefixFilter()
    kind = choice(FacilityKind.choices, _("kind"))
    current = CurrentFilter()
    has_station = yes_no(_("with a volunteer station"), method="filter_station")

    class Meta:
        model = CommunityServiceFacility
        fields = ["q", "township", "kind", "current", "has_station"]

    def search(self, qs, name, value):
        return qs.filter(Q(name__contains=value) | Q(address__contains=value))

    def filter_station(self, qs, name, value):
        if value is None:
            return qs
        stations = VolunteerStation.objects.active_on(timezone.localdate()).filter(facility=OuterRef("pk"))
        return qs.filter(Exists(stations)) if value else qs.exclude(Exists(stations))


class VolunteerStationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name"), field_name="name", lookup_expr="contains")
    township = RegionPrefixFilter()
    current = CurrentFilter()

    class Meta:
        model = VolunteerStation
        fields = ["q", "township", "current"]


class PlatformAccessFilterSet(django_filters.FilterSet):
    township = RegionPrefixFilter()
    platform = choice(Platform.choices, _("platform"))
    current = CurrentFilter()

    class Meta:
        model = CommunityPlatformAccess
        fields = ["township", "platform", "current"]


class DesignationFilterSet(django_filters.FilterSet):
    township = RegionPrefixFilter()
    is_demonstration = yes_no(_("demonstration village"))
    current = CurrentFilter()

    class Meta:
        model = RuralCommunityDesignation
        fields = ["township", "is_demonstration", "current"]


class SocialOrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or credit code"), method="search")
    township = RegionPrefixFilter()
    org_type = choice(OrgType.choices, _("type"))
    category = choice(OrgCategory.choices, _("field"))
    status = choice(OrgStatus.choices, _("status"))
    registration_kind = choice(RegistrationKind.choices, _("registration"))
    is_charity = yes_no(_("charity organisation"))
    report_missing = django_filters.NumberFilter(label=_("no annual report for year"), method="filter_report_missing")

    class Meta:
        model = SocialOrganization
        fields = ["q", "township", "org_type", "category", "status", "registration_kind", "is_charity"]

    def search(self, qs, name, value):
        return qs.filter(Q(name__contains=value) | Q(uscc__startswith=value.strip().upper()))

    def filter_report_missing(self, qs, name, value):
        if not value:
            return qs
        year = int(value)
        return missing_report_orgs(qs, year)


def missing_report_orgs(qs, year: int):
    """Registered organisations, in good standing, that existed in ``year`` and have no report for it."""
    year_end = datetime.date(year, 12, 31)
    reports = SocialOrgAnnualReport.objects.filter(organization=OuterRef("pk"), year=year)
    return qs.normal_on(timezone.localdate()).filter(registered_on__lte=year_end).exclude(Exists(reports))


class AnnualReportFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("organisation"), field_name="organization__name", lookup_expr="contains")
    township = RegionPrefixFilter()
    year = django_filters.NumberFilter(label=_("report year"))
    status = choice(ReportStatus.choices, _("status"))

    class Meta:
        model = SocialOrgAnnualReport
        fields = ["q", "township", "year", "status"]


class IncubationCentreFilterSet(django_filters.FilterSet):
    township = RegionPrefixFilter()
    level = choice(IncubationCentre.Level.choices, _("level"))
    current = CurrentFilter()

    class Meta:
        model = IncubationCentre
        fields = ["township", "level", "current"]


class SocialWorkerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name, ID number or employer"), method="search")
    township = RegionPrefixFilter()
    certificate_level = choice(CertificateLevel.choices, _("certificate"))
    current = CurrentFilter()

    class Meta:
        model = SocialWorker
        fields = ["q", "township", "certificate_level", "current"]

    def search(self, qs, name, value):
        value = value.strip()
        by_number = id_number_search(getattr(self.request, "user", None), value, "person__id_number")
        if by_number is not None:
            return qs.filter(by_number)
        return qs.filter(Q(person__name__contains=value) | Q(employer_name__contains=value))


class VolunteerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name or ID number"), method="search")
    township = RegionPrefixFilter()
    source = choice(VolunteerSource.choices, _("source"))
    current = CurrentFilter()

    class Meta:
        model = Volunteer
        fields = ["q", "township", "source", "current"]

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(person_q(self, value)) if value else qs


class DonationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("donor or charity"), method="search")
    township = RegionPrefixFilter()
    kind = choice(DonationKind.choices, _("entry"))
    donor_type = choice(DonorType.choices, _("donor type"))
    received_from = django_filters.DateFilter(field_name="received_on", lookup_expr="gte", label=_("booked from"))
    received_to = django_filters.DateFilter(field_name="received_on", lookup_expr="lte", label=_("booked until"))

    class Meta:
        model = CharityDonation
        fields = ["q", "township", "kind", "donor_type", "received_from", "received_to"]

    def search(self, qs, name, value):
        return qs.filter(Q(donor_name__contains=value) | Q(recipient__name__contains=value))


class LotteryOutletFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("number, name or address"), method="search")
    township = RegionPrefixFilter()
    current = CurrentFilter()
    kind = choice(OutletKind.choices, _("kind"))
    is_suspended = yes_no(_("temporarily suspended"))
    missing_month = django_filters.DateFilter(label=_("without sales for the month of"), method="filter_missing_month")

    class Meta:
        model = LotteryOutlet
        fields = ["q", "township", "kind", "is_suspended", "current"]

    def search(self, qs, name, value):
        return qs.filter(Q(outlet_number__startswith=value) | Q(name__contains=value) | Q(address__contains=value))

    def filter_missing_month(self, qs, name, value):
        if not value:
            return qs
        return outlets_missing_sales(qs, value.replace(day=1))


def outlets_missing_sales(qs, month: datetime.date):
    """Outlets open during ``month`` that have no sales return for it."""
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    returns = LotterySalesReturn.objects.filter(outlet=OuterRef("pk"), month=month)
    return (
        qs.filter(opened_on__lt=next_month)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=month))
        .exclude(Exists(returns))
    )


class SalesReturnFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("outlet number"), field_name="outlet__outlet_number", lookup_expr="startswith"
    )
    township = RegionPrefixFilter()
    month_from = django_filters.DateFilter(field_name="month", lookup_expr="gte", label=_("from month"))
    month_to = django_filters.DateFilter(field_name="month", lookup_expr="lte", label=_("until month"))

    class Meta:
        model = LotterySalesReturn
        fields = ["q", "township", "month_from", "month_to"]
