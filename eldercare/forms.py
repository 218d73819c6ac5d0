"""Elder-care forms: every region, site and person choice is limited to the user's jurisdiction."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import RegionLevel
from civilaffairs.forms import DateInput, RegionChoiceField, ScopedModelForm
from civilaffairs.idnumber import normalize_id_number
from civilaffairs.models import Person, Region
from eldercare.choices import ELDERLY_CATEGORIES, SERVICE_FUNCTIONS, RemovalReason
from eldercare.models import (
    CommunityElderCareFacility,
    ElderCareBedInventory,
    ElderCareInstitution,
    ElderCareQualityAssessment,
    ElderlyPerson,
    ElderlyVisit,
)

SITE_REGIONS = Region.objects.filter(level__in=[RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]).active()


class InstitutionForm(ScopedModelForm):
    region = RegionChoiceField(queryset=SITE_REGIONS, label=_("located in"))

    class Meta:
        model = ElderCareInstitution
        fields = [
            "name",
            "institution_type",
            "region",
            "address",
            "ownership",
            "opened_on",
            "filing_number",
            "filed_on",
            "credit_code",
            "star_rating",
            "star_rated_on",
            "medical_integration",
            "medical_partner",
            "phone",
            "closed_on",
            "closure_reason",
            "note",
        ]


class FacilityForm(ScopedModelForm):
    region = RegionChoiceField(queryset=SITE_REGIONS, label=_("located in"))

    class Meta:
        model = CommunityElderCareFacility
        fields = [
            "name",
            "facility_type",
            "region",
            "address",
            "ownership",
            "opened_on",
            "floor_area",
            "hub",
            "medical_integration",
            "medical_partner",
            "phone",
            "closed_on",
            "closure_reason",
            "note",
        ]


class InventoryForm(ScopedModelForm):
    """A new dated version of a site's beds, operation mode and functions (the first one is created with the site)."""

    class Meta:
        model = ElderCareBedInventory
        fields = [
            "effective_on",
            "total_beds",
            "nursing_beds",
            "day_rest_beds",
            "operation_mode",
            "operator_name",
            *[f"offers_{name}" for name in SERVICE_FUNCTIONS],
            "note",
        ]

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if site is not None:
            self.instance.site = site
        else:
            # Created together with the site: it takes effect the day the site opens unless told otherwise.
            self.fields["effective_on"].required = False
            self.fields["effective_on"].help_text = _("Leave empty to use the opening date.")

    def _get_validation_exclusions(self):
        # Without a site yet (created together with it) the opening date stands in for an empty effective date;
        # the service checks the version again once the site exists.
        exclusions = super()._get_validation_exclusions()
        if self.instance.site_id is None and not self.cleaned_data.get("effective_on"):
            exclusions.add("effective_on")
        return exclusions


class AssessmentForm(ScopedModelForm):
    class Meta:
        model = ElderCareQualityAssessment
        fields = [
            "institution",
            "assessed_on",
            "kind",
            "standard",
            "result",
            "score",
            "inspector",
            "problems",
            "rectification_due_on",
            "rectified_on",
        ]


class PersonByIdField(forms.CharField):
    """A person of the user's jurisdiction named by 公民身份号码 (a select of 300 000 persons would be useless)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("ID number"))
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)


def person_in_jurisdiction(user, value: str) -> Person:
    number = normalize_id_number(value)
    person = Person.objects.for_user(user).filter(id_number=number).select_related("region").first()
    if person is None:
        raise ValidationError(
            _("No person with this ID number in your jurisdiction; register the person first."), code="no_person"
        )
    return person


class ElderlyForm(ScopedModelForm):
    id_number = PersonByIdField(help_text=_("The person must already be in the person registry."))

    class Meta:
        model = ElderlyPerson
        fields = [
            "listed_on",
            "lives_at_home",
            *[f"is_{name}" for name in ELDERLY_CATEGORIES],
            "disability_level",
            "contact_name",
            "contact_phone",
            "visitor_name",
            "note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["id_number"]
        else:
            self.order_fields(["id_number"])

    def clean_id_number(self) -> str:
        person = person_in_jurisdiction(self.user, self.cleaned_data["id_number"])
        self.instance.person = person
        return person.id_number

    def _update_errors(self, errors):
        # The model names the person; on this form the person is the ID-number field.
        if hasattr(errors, "error_dict") and "person" in errors.error_dict:
            target = "id_number" if "id_number" in self.fields else None
            errors.error_dict.setdefault(target or "__all__", []).extend(errors.error_dict.pop("person"))
        super()._update_errors(errors)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(name for name in ELDERLY_CATEGORIES if self.cleaned_data.get(f"is_{name}"))


class ElderlyRemoveForm(forms.Form):
    removed_on = forms.DateField(label=_("removed on"), widget=DateInput(attrs={"class": "form-control"}))
    removal_reason = forms.ChoiceField(
        label=_("reason for removal"),
        choices=RemovalReason.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class VisitForm(ScopedModelForm):
    class Meta:
        model = ElderlyVisit
        fields = ["visited_on", "visit_type", "visitor_name", "findings", "assistance", "needs_follow_up"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 3}), "assistance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, elderly=None, **kwargs):
        super().__init__(*args, **kwargs)
        if elderly is not None:
            self.instance.elderly = elderly
            self.instance.region_id = elderly.person.region_id
