"""FilterSets shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.choices import OPEN_STATUSES, ApplicationKind, ApplicationStatus
from assistance.models import (
    Application,
    AssistanceStandard,
    DisabilityCertificate,
    Enrolment,
    Household,
    LowIncomeHousehold,
    PaymentRoll,
    VagrantCase,
    WelfareInstitution,
)
from civilaffairs.filters import RegionPrefixFilter
from civilaffairs.idnumber import normalize_id_number


def _person_search(prefix: str):
    def search(qs, name, value):
        value = value.strip()
        if not value:
            return qs
        number = normalize_id_number(value)
        if any(ch.isdigit() for ch in number):
            return qs.filter(**{f"{prefix}id_number__startswith": number})
        return qs.filter(**{f"{prefix}name__contains": value})

    return search


class HouseholdFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("head of household (name or ID number)"), method="search")
    township = RegionPrefixFilter()

    class Meta:
        model = Household
        fields = ["q", "township", "urban_rural"]

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        number = normalize_id_number(value)
        if any(ch.isdigit() for ch in number):
            return qs.filter(members__person__id_number__startswith=number, members__left_on__isnull=True).distinct()
        return qs.filter(members__person__name__contains=value, members__left_on__isnull=True).distinct()


class ApplicationFilterSet(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("state"),
        choices=[("open", _("open")), ("overdue", _("overdue")), ("closed", _("closed"))],
        method="filter_state",
        empty_label=_("all"),
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=ApplicationStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=ApplicationKind.choices)
    township = RegionPrefixFilter()
    q = django_filters.CharFilter(label=_("applicant (name or ID number)"), method="search")

    class Meta:
        model = Application
        fields = ["state", "status", "kind", "township", "q"]

    def filter_state(self, qs, name, value):
        if value == "open":
            return qs.filter(status__in=OPEN_STATUSES)
        if value == "overdue":
            return qs.filter(status__in=OPEN_STATUSES, stage_due_on__lt=timezone.localdate())
        if value == "closed":
            return qs.exclude(status__in=OPEN_STATUSES)
        return qs

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        number = normalize_id_number(value)
        if any(ch.isdigit() for ch in number):
            return qs.filter(Q(applicant__id_number__startswith=number) | Q(target__id_number__startswith=number))
        return qs.filter(Q(applicant__name__contains=value) | Q(target__name__contains=value))


class EnrolmentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("payee (name or ID number)"), method=_person_search("payee__"))
    township = RegionPrefixFilter()

    class Meta:
        model = Enrolment
        fields = ["q", "programme", "status", "township"]


class PaymentRollFilterSet(django_filters.FilterSet):
    township = RegionPrefixFilter()

    class Meta:
        model = PaymentRoll
        fields = ["township", "status"]


class StandardFilterSet(django_filters.FilterSet):
    class Meta:
        model = AssistanceStandard
        fields = ["county", "kind", "urban_rural"]


class CertificateFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("holder (name or ID number)"), method=_person_search("person__"))
    township = RegionPrefixFilter()
    valid = django_filters.ChoiceFilter(
        label=_("validity"),
        choices=[("valid", _("valid today")), ("invalid", _("expired or cancelled"))],
        method="filter_valid",
        empty_label=_("all"),
    )

    class Meta:
        model = DisabilityCertificate
        fields = ["q", "township", "category", "grade", "source", "valid"]

    def filter_valid(self, qs, name, value):
        today = timezone.localdate()
        valid = DisabilityCertificate.objects.valid_on(today).values("pk")
        if value == "valid":
            return qs.filter(pk__in=valid)
        if value == "invalid":
            return qs.exclude(pk__in=valid)
        return qs


class LowIncomeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("head of household (name or ID number)"), method="search")
    township = RegionPrefixFilter()
    current = django_filters.ChoiceFilter(
        label=_("state"),
        choices=[("current", _("current")), ("ended", _("ended"))],
        method="filter_current",
        empty_label=_("all"),
    )

    class Meta:
        model = LowIncomeHousehold
        fields = ["q", "township", "category", "source", "monitored", "monitoring_reason", "current"]

    def search(self, qs, name, value):
        return _person_search("household__head__")(qs, name, value)

    def filter_current(self, qs, name, value):
        if value == "current":
            return qs.filter(ended_on__isnull=True)
        if value == "ended":
            return qs.filter(ended_on__isnull=False)
        return qs


class VagrantCaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name, ID number or place"), method="search")
    township = RegionPrefixFilter()
    state = django_filters.ChoiceFilter(
        label=_("state"),
        choices=[("open", _("in the station")), ("closed", _("closed"))],
        method="filter_state",
        empty_label=_("all"),
    )
    year = django_filters.NumberFilter(label=_("year taken in"), field_name="intake_on", lookup_expr="year")

    class Meta:
        model = VagrantCase
        fields = ["q", "township", "state", "year", "found_by", "identity_established", "outcome", "is_minor"]

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        number = normalize_id_number(value)
        if any(ch.isdigit() for ch in number):
            return qs.filter(person__id_number__startswith=number)
        return qs.filter(
            Q(person__name__contains=value) | Q(stated_name__contains=value) | Q(intake_place__contains=value)
        )

    def filter_state(self, qs, name, value):
        if value == "open":
            return qs.filter(closed_on__isnull=True)
        if value == "closed":
            return qs.filter(closed_on__isnull=False)
        return qs


class WelfareInstitutionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("name"), field_name="name", lookup_expr="contains")

    class Meta:
        model = WelfareInstitution
        fields = ["q", "institution_type", "origin"]
