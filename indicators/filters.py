"""FilterSets shared by the pages and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from indicators.choices import ManualInputStatus, ReportKind, ReportStatus
from indicators.models import EvaluationReport, ManualInput, ManualInputType, Snapshot


class ManualInputFilterSet(django_filters.FilterSet):
    type = django_filters.ModelChoiceFilter(queryset=ManualInputType.objects.order_by("code"), label=_("figure"))
    status = django_filters.ChoiceFilter(choices=ManualInputStatus.choices, label=_("status"))
    year = django_filters.NumberFilter(field_name="period_year", label=_("year"))

    class Meta:
        model = ManualInput
        fields = ["type", "status", "year"]


class SnapshotFilterSet(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="row__plan__code", label=_("plan"))
    row = django_filters.NumberFilter(field_name="row_id", label=_("plan row"))
    order = django_filters.NumberFilter(field_name="row__order", label=_("order"))
    as_of = django_filters.DateFilter(field_name="as_of", label=_("as of"))
    as_of_after = django_filters.DateFilter(field_name="as_of", lookup_expr="gte", label=_("from"))
    as_of_before = django_filters.DateFilter(field_name="as_of", lookup_expr="lte", label=_("until"))
    status = django_filters.CharFilter(field_name="status", label=_("status"))

    class Meta:
        model = Snapshot
        fields = ["plan", "row", "order", "as_of", "as_of_after", "as_of_before", "status"]


class EvaluationReportFilterSet(django_filters.FilterSet):
    plan = django_filters.CharFilter(field_name="plan__code", label=_("plan"))
    as_of = django_filters.DateFilter(field_name="as_of", label=_("as of"))
    kind = django_filters.ChoiceFilter(choices=ReportKind.choices, label=_("kind"))
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, label=_("status"))

    class Meta:
        model = EvaluationReport
        fields = ["plan", "as_of", "kind", "status"]
