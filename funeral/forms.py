"""Forms of the funeral and marriage pages. Every region and record choice is limited to the user's jurisdiction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import RegionLevel
from civilaffairs.forms import DateInput, RegionChoiceField, ScopedModelForm
from civilaffairs.models import Region
from funeral.choices import CREMATION_TYPES, BurialZoneKind, CrossProvinceBusiness, RegistrationKind
from funeral.models import (
    ConstructionProject,
    Cremator,
    FuneralFacility,
    MarriageRegistrationOffice,
)


class RegionMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.full_name


def _regions(*levels: str):
    return Region.objects.filter(level__in=levels).active().select_related("parent").order_by("code")


class StyledForm(forms.Form):
    """A plain form styled like ``ScopedModelForm`` (for service-backed actions); knows the user."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and getattr(field.queryset.model, "scope_field", None):
                field.queryset = field.queryset.for_user(user)
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class FuneralFacilityForm(ScopedModelForm):
    region = RegionChoiceField(
        queryset=_regions(RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE),
        label=_("located in"),
        help_text=_("The village or community where it stands; the county for county-wide facilities."),
    )
    served_villages = RegionMultipleChoiceField(
        queryset=_regions(RegionLevel.VILLAGE),
        label=_("villages and communities served"),
        required=False,
        help_text=_("Hold Ctrl to choose several. The village where it stands counts without being listed."),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )

    class Meta:
        model = FuneralFacility
        fields = [
            "name",
            "facility_type",
            "is_public",
            "region",
            "address",
            "operator",
            "capacity",
            "occupied",
            "area_mu",
            "opened_on",
            "closed_on",
            "project",
            "served_villages",
            "note",
        ]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput()}


class BurialZoneForm(StyledForm):
    township = RegionChoiceField(queryset=_regions(RegionLevel.TOWNSHIP), label=_("township"))
    kind = forms.ChoiceField(label=_("zone"), choices=BurialZoneKind.choices)
    valid_from = forms.DateField(label=_("valid from"), widget=DateInput())
    document = forms.CharField(
        label=_("approving document"), max_length=200, help_text=_("The government decision and its number.")
    )
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CrematorForm(ScopedModelForm):
    class Meta:
        model = Cremator
        fields = [
            "facility",
            "number",
            "kind",
            "model_name",
            "manufacturer",
            "fuel",
            "has_flue_gas_treatment",
            "is_eco",
            "commissioned_on",
            "scrap_due_on",
            "note",
        ]
        widgets = {"commissioned_on": DateInput(), "scrap_due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = self.fields["facility"].queryset.filter(
            facility_type__in=sorted(CREMATION_TYPES)
        )


class EmissionTestForm(StyledForm):
    tested_on = forms.DateField(label=_("tested on"), widget=DateInput())
    tested_by = forms.CharField(label=_("testing body"), max_length=100)
    report_number = forms.CharField(label=_("report number"), max_length=60)
    standard = forms.CharField(label=_("emission standard"), max_length=60, required=False, initial="GB 13801-2015")
    passed = forms.TypedChoiceField(
        label=_("result"),
        choices=[("true", _("Meets the standard")), ("false", _("Does not meet the standard"))],
        coerce=lambda value: value == "true",
    )
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecommissionForm(StyledForm):
    on = forms.DateField(label=_("decommissioned on"), widget=DateInput())
    reason = forms.CharField(label=_("reason for decommissioning"), max_length=200)


class ConstructionProjectForm(ScopedModelForm):
    region = RegionChoiceField(
        queryset=_regions(RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE),
        label=_("region"),
        help_text=_("Where it is built; the county for projects spread over several townships."),
    )

    class Meta:
        model = ConstructionProject
        fields = [
            "name",
            "plan",
            "plan_item",
            "in_indicator_table",
            "nature",
            "region",
            "location",
            "scale",
            "planned_investment",
            "planned_start_year",
            "planned_end_year",
            "started_on",
            "completed_on",
            "remark",
            "note",
        ]
        widgets = {
            "started_on": DateInput(),
            "completed_on": DateInput(),
            "scale": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from indicators.models import Plan

        # Plans are not region-scoped rows; offer those the user may read (their jurisdiction's).
        self.fields["plan"].queryset = Plan.objects.for_user(self.user).select_related("jurisdiction")


class MarriageOfficeForm(ScopedModelForm):
    region = RegionChoiceField(queryset=_regions(RegionLevel.COUNTY, RegionLevel.TOWNSHIP), label=_("located in"))

    class Meta:
        model = MarriageRegistrationOffice
        fields = ["name", "region", "address", "opened_on", "closed_on", "online_since", "note"]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput(), "online_since": DateInput()}


class CrossProvinceEnableForm(StyledForm):
    businesses = forms.MultipleChoiceField(
        label=_("businesses"),
        choices=CrossProvinceBusiness.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=list(CrossProvinceBusiness.values),
    )
    enabled_on = forms.DateField(label=_("enabled on"), widget=DateInput())
    document = forms.CharField(label=_("approving document"), max_length=200)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SuspendForm(StyledForm):
    on = forms.DateField(label=_("suspended or ended on"), widget=DateInput())
    note = forms.CharField(label=_("note"), required=False, max_length=200)


class CountForm(StyledForm):
    office = forms.ModelChoiceField(queryset=MarriageRegistrationOffice.objects.all(), label=_("office"))
    date = forms.DateField(label=_("date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("registration kind"), choices=RegistrationKind.choices)
    total = forms.IntegerField(label=_("registrations"), min_value=0)
    online = forms.IntegerField(label=_("registered online in real time"), min_value=0, initial=0)
    cross_province = forms.IntegerField(label=_("cross-province cases"), min_value=0, initial=0)
    backfilled = forms.IntegerField(label=_("historic back-entries"), min_value=0, initial=0)
    note = forms.CharField(label=_("note"), required=False, max_length=200)
