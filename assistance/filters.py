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
from civilaffairs.filters import RegionPrefixFilter, id_number_search, person_q


class PersonSearchFilterSet(django_filters.FilterSet):
    """``q`` searches the person at ``person_path`` by name or ID number."""

    person_path = "person__"

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(person_q(self, value, self.person_path)) if value else qs


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
        return qs.filter(person_q(self, value, "members__person__"), members__left_on__isnull=True).distinct()


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
        return qs.filter(person_q(self, value, "applicant__", "target__")) if value else qs


class EnrolmentFilterSet(PersonSearchFilterSet):
    person_path = "payee__"
    q = django_filters.CharFilter(label=_("payee (name or ID number)"), method="search")
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


class CertificateFilterSet(PersonSearchFilterSet):
    q = django_filters.CharFilter(label=_("holder (name or ID number)"), method="search")
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


class LowIncomeFilterSet(PersonSearchFilterSet):
    person_path = "household__head__"
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
        by_number = id_number_search(getattr(self.request, "user", None), value, "person__id_number")
        if by_number is not None:
            return qs.filter(by_number)
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
