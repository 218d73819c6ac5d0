"""Forms of the caseworkers' pages. They check the shape of what is typed; the services decide the rest."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assistance.choices import (
    ApplicationKind,
    CareTier,
    DisabilityCategory,
    DisabilityGrade,
    EndReason,
    Health,
    InfoCheck,
    LabourCapacity,
    ObligorRelationship,
    Relationship,
    StandardKind,
    SupportMode,
    TemporaryType,
)
from assistance.models import Household, Objection
from assistance.models.households import disability_errors
from assistance.services import MemberInput
from civilaffairs.choices import RegionLevel, UrbanRural
from civilaffairs.forms import DateInput, RegionChoiceField, ScopedModelForm
from civilaffairs.idnumber import parse_id_number
from civilaffairs.models import Person, Region

BLANK = [("", "---------")]


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.RadioSelect):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


# --- Households --------------------------------------------------------------------------------------------


class HouseholdForm(ScopedModelForm):
    village = RegionChoiceField(queryset=Region.objects.villages().active(), label=_("village or community"))
    urban_rural = forms.ChoiceField(
        label=_("urban or rural"),
        choices=BLANK + list(UrbanRural.choices),
        required=False,
        help_text=_("Leave empty to take the village's."),
    )

    class Meta:
        model = Household
        fields = ["village", "urban_rural", "address", "phone", "income_irregular", "bank_name", "bank_account", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = self.fields["village"].queryset.select_related("parent")

    def clean(self):
        data = super().clean()
        if not data.get("urban_rural") and data.get("village"):
            data["urban_rural"] = data["village"].urban_rural or UrbanRural.RURAL
            self.instance.urban_rural = data["urban_rural"]
        return data


class MemberForm(StyledForm):
    """One member row of the household page: the person by ID number and name, and the means-test facts."""

    member_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    id_number = forms.CharField(label=_("ID number"), max_length=20)
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=50)
    relationship = forms.ChoiceField(label=_("relationship to the head"), choices=BLANK + list(Relationship.choices))
    labour_capacity = forms.ChoiceField(
        label=_("labour capacity"), choices=LabourCapacity.choices, initial=LabourCapacity.FULL
    )
    health = forms.ChoiceField(label=_("health"), choices=Health.choices, initial=Health.HEALTHY)
    disability_category = forms.ChoiceField(
        label=_("disability category"), choices=BLANK + list(DisabilityCategory.choices), required=False
    )
    disability_grade = forms.TypedChoiceField(
        label=_("disability grade"),
        choices=BLANK + list(DisabilityGrade.choices),
        coerce=int,
        empty_value=None,
        required=False,
    )
    disability_cert_no = forms.CharField(label=_("disability certificate number"), max_length=20, required=False)
    monthly_income = forms.DecimalField(
        label=_("monthly income (yuan)"), min_value=0, max_digits=10, decimal_places=2, initial=Decimal("0")
    )
    assets = forms.DecimalField(
        label=_("financial assets (yuan)"), min_value=0, max_digits=12, decimal_places=2, initial=Decimal("0")
    )

    def clean_id_number(self) -> str:
        return parse_id_number(self.cleaned_data["id_number"]).number

    def clean(self):
        data = super().clean()
        errors = disability_errors(
            data.get("id_number", ""),
            data.get("disability_category", ""),
            data.get("disability_grade"),
            data.get("disability_cert_no", ""),
        )
        for error in errors:
            self.add_error("disability_cert_no", error)
        return data

    def as_input(self) -> MemberInput:
        data = self.cleaned_data
        if data.get("DELETE"):
            return MemberInput(id_number="", name="", relationship="", member_id=data.get("member_id"), remove=True)
        return MemberInput(
            id_number=data["id_number"],
            name=data["name"],
            relationship=data["relationship"],
            labour_capacity=data["labour_capacity"],
            health=data["health"],
            disability_category=data.get("disability_category") or "",
            disability_grade=data.get("disability_grade"),
            disability_cert_no=(data.get("disability_cert_no") or "").strip().upper(),
            monthly_income=data["monthly_income"],
            assets=data["assets"],
            member_id=data.get("member_id"),
            remove=bool(data.get("DELETE")),
        )


class BaseMemberFormSet(forms.BaseFormSet):
    def used_forms(self) -> list[MemberForm]:
        return [form for form in self.forms if _used(form)]

    def inputs(self) -> list[MemberInput]:
        return [form.as_input() for form in self.used_forms()]

    def add_service_errors(self, errors: dict[int, list[str]]) -> None:
        """Attach the service's per-row messages (row indexes of ``inputs()``) to the rows they concern."""
        rows = self.used_forms()
        for index, messages in errors.items():
            for message in messages:
                if index < 0 or index >= len(rows):
                    self._non_form_errors = self.error_class([*self.non_form_errors(), message])
                else:
                    rows[index].add_error(None, message)


def _used(form) -> bool:
    """A row in use: a new member typed in, an existing member (even untouched), or an existing one removed."""
    data = getattr(form, "cleaned_data", None)
    if not data:
        return False
    if data.get("DELETE"):
        return bool(data.get("member_id"))
    return form.has_changed() or bool(data.get("member_id"))


MemberFormSet = forms.formset_factory(
    MemberForm, formset=BaseMemberFormSet, extra=2, can_delete=True, min_num=0, max_num=30, validate_max=True
)


def member_initial(household: Household) -> list[dict]:
    members = household.members.filter(left_on__isnull=True).select_related("person").order_by("id")
    return [
        {
            "member_id": m.pk,
            "id_number": m.person.id_number,
            "name": m.person.name,
            "relationship": m.relationship,
            "labour_capacity": m.labour_capacity,
            "health": m.health,
            "disability_category": m.disability_category,
            "disability_grade": m.disability_grade,
            "disability_cert_no": m.disability_cert_no,
            "monthly_income": m.monthly_income,
            "assets": m.assets,
        }
        for m in members
    ]


# --- Applications ------------------------------------------------------------------------------------------


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return obj.name


class ApplicationForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind"), choices=ApplicationKind.choices)
    applicant = MemberChoiceField(label=_("applicant"), queryset=Person.objects.none())
    target = MemberChoiceField(
        label=_("person applied for"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("For extreme-poverty support and single-person dibao."),
    )
    single_person = forms.BooleanField(
        label=_("single-person dibao"),
        required=False,
        help_text=_("A seriously ill or severely disabled member of a low-income household, enrolled alone."),
    )
    care_tier = forms.ChoiceField(label=_("care tier"), choices=BLANK + list(CareTier.choices), required=False)
    support_mode = forms.ChoiceField(label=_("support mode"), choices=BLANK + list(SupportMode.choices), required=False)
    temporary_type = forms.ChoiceField(
        label=_("temporary assistance type"), choices=BLANK + list(TemporaryType.choices), required=False
    )
    temporary_months = forms.IntegerField(
        label=_("assistance tier (months of the standard)"), min_value=1, max_value=24, required=False
    )
    reason = forms.CharField(label=_("reason for applying"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = forms.DateField(label=_("received on"), widget=DateInput(), initial=timezone.localdate)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        persons = Person.objects.filter(
            household_memberships__household=household, household_memberships__left_on__isnull=True
        ).order_by("household_memberships__id")
        self.fields["applicant"].queryset = persons
        self.fields["target"].queryset = persons
        self.fields["applicant"].initial = household.head_id
        if not self.is_bound:
            # One key per rendered form: a double-clicked submit sends it twice and creates one application.
            self.initial["idempotency_key"] = uuid.uuid4().hex

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if (kind == ApplicationKind.TEKUN or data.get("single_person")) and not data.get("target"):
            self.add_error("target", _("Name the person applied for."))
        if kind == ApplicationKind.TEMPORARY:
            if not data.get("temporary_type"):
                self.add_error("temporary_type", _("Choose emergency or expenditure type."))
            if not data.get("temporary_months"):
                self.add_error("temporary_months", _("Choose the assistance tier."))
        return data


class ObligorForm(StyledForm):
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=50)
    id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    relationship = forms.ChoiceField(label=_("relationship"), choices=BLANK + list(ObligorRelationship.choices))
    able_to_support = forms.TypedChoiceField(
        label=_("able to support"),
        choices=[("", "---------"), ("1", _("yes")), ("0", _("no"))],
        coerce=lambda v: v == "1",
    )
    assessment = forms.CharField(label=_("why"), max_length=500)

    def clean_id_number(self) -> str:
        value = self.cleaned_data.get("id_number", "")
        return parse_id_number(value).number if value.strip() else ""


ObligorFormSet = forms.formset_factory(ObligorForm, extra=2, max_num=10)


# --- Workflow actions (one form per action; the service named alongside runs it) ---------------------------


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class OpinionForm(StyledForm):
    opinion = forms.CharField(label=_("opinion"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AcceptForm(OpinionForm):
    accepted_on = forms.DateField(label=_("accepted on"), widget=DateInput(), initial=timezone.localdate)


class SurveyForm(StyledForm):
    staff_1 = forms.CharField(label=_("surveyor 1"), max_length=50)
    staff_2 = forms.CharField(label=_("surveyor 2"), max_length=50)
    survey_on = forms.DateField(label=_("home visit on"), widget=DateInput(), initial=timezone.localdate)
    findings = forms.CharField(label=_("survey findings"), widget=forms.Textarea(attrs={"rows": 4}))
    info_check = forms.ChoiceField(label=_("information check"), choices=BLANK + list(InfoCheck.choices))
    info_check_note = forms.CharField(
        label=_("information check note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AppraisalForm(StyledForm):
    appraisal_on = forms.DateField(label=_("appraisal on"), widget=DateInput(), initial=timezone.localdate)
    result = forms.CharField(label=_("appraisal result"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(StyledForm):
    recommends = forms.TypedChoiceField(
        label=_("township recommends approval"),
        choices=[("1", _("Recommend approval")), ("0", _("Do not recommend"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("township opinion"), widget=forms.Textarea(attrs={"rows": 3}))


class NoticeForm(StyledForm):
    start = forms.DateField(label=_("notice from"), widget=DateInput(), initial=timezone.localdate)
    place = forms.CharField(label=_("notice posted at"), max_length=200)


class ObjectionForm(StyledForm):
    raised_on = forms.DateField(label=_("raised on"), widget=DateInput(), initial=timezone.localdate)
    raised_by = forms.CharField(label=_("raised by"), max_length=100, required=False)
    content = forms.CharField(label=_("content"), widget=forms.Textarea(attrs={"rows": 3}))


class DecideObjectionForm(StyledForm):
    objection = forms.ModelChoiceField(label=_("objection"), queryset=Objection.objects.none())
    upheld = forms.TypedChoiceField(
        label=_("outcome"),
        choices=[("1", _("Upheld: back to the survey")), ("0", _("Dismissed"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("outcome of the check"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objection"].queryset = application.objections.filter(outcome="pending")


# --- Enrolments ----------------------------------------------------------------------------------------------


class RecheckForm(StyledForm):
    checked_on = forms.DateField(label=_("checked on"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class EndEnrolmentForm(StyledForm):
    last_month = forms.DateField(
        label=_("last month paid"),
        widget=DateInput(),
        initial=lambda: timezone.localdate().replace(day=1),
        help_text=_("Any day of that month."),
    )
    reason = forms.ChoiceField(label=_("reason for ending"), choices=BLANK + list(EndReason.choices))
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DeathForm(StyledForm):
    person = forms.ModelChoiceField(label=_("person"), queryset=Person.objects.none())
    died_on = forms.DateField(label=_("date of death"), widget=DateInput())

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(enrolments__enrolment=enrolment, enrolments__active=True)


# --- Payment rolls and standards ---------------------------------------------------------------------------


class RollGenerateForm(StyledForm):
    township = forms.ModelChoiceField(label=_("township"), queryset=Region.objects.none())
    month = forms.DateField(
        label=_("month"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        initial=lambda: timezone.localdate().replace(day=1),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        townships = Region.objects.for_user(user).filter(level=RegionLevel.TOWNSHIP).order_by("code")
        self.fields["township"].queryset = townships
        if user.jurisdiction and user.jurisdiction.level == RegionLevel.TOWNSHIP:
            self.fields["township"].initial = user.jurisdiction_id


class StandardSetForm(StyledForm):
    """The figures one document (文号) sets, entered together so the 1.3× rule is checked on the whole set."""

    county = forms.ModelChoiceField(label=_("county"), queryset=Region.objects.none())
    effective_from = forms.DateField(label=_("effective from"), widget=DateInput())
    document_number = forms.CharField(label=_("document number"), max_length=100)
    dibao_urban = forms.DecimalField(label=_("dibao standard, urban"), min_value=0, decimal_places=2, required=False)
    dibao_rural = forms.DecimalField(label=_("dibao standard, rural"), min_value=0, decimal_places=2, required=False)
    tekun_urban = forms.DecimalField(
        label=_("extreme-poverty basic-living standard, urban"), min_value=0, decimal_places=2, required=False
    )
    tekun_rural = forms.DecimalField(
        label=_("extreme-poverty basic-living standard, rural"), min_value=0, decimal_places=2, required=False
    )
    care_self_care = forms.DecimalField(
        label=_("care standard, fully self-caring"), min_value=0, decimal_places=2, required=False
    )
    care_partial = forms.DecimalField(
        label=_("care standard, partly dependent"), min_value=0, decimal_places=2, required=False
    )
    care_dependent = forms.DecimalField(
        label=_("care standard, fully dependent"), min_value=0, decimal_places=2, required=False
    )
    temporary_cap = forms.DecimalField(
        label=_("temporary assistance cap per case"), min_value=0, decimal_places=2, required=False
    )
    source = forms.CharField(label=_("source"), max_length=300, required=False)

    FIELDS = {
        "dibao_urban": (StandardKind.DIBAO, "urban", ""),
        "dibao_rural": (StandardKind.DIBAO, "rural", ""),
        "tekun_urban": (StandardKind.TEKUN_BASIC, "urban", ""),
        "tekun_rural": (StandardKind.TEKUN_BASIC, "rural", ""),
        "care_self_care": (StandardKind.TEKUN_CARE, "", CareTier.SELF_CARE),
        "care_partial": (StandardKind.TEKUN_CARE, "", CareTier.PARTIAL),
        "care_dependent": (StandardKind.TEKUN_CARE, "", CareTier.DEPENDENT),
        "temporary_cap": (StandardKind.TEMPORARY_CAP, "", ""),
    }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        counties = Region.objects.for_user(user).filter(level=RegionLevel.COUNTY).order_by("code")
        self.fields["county"].queryset = counties
        if counties.count() == 1:
            self.fields["county"].initial = counties.first().pk

    def clean(self):
        data = super().clean()
        if not any(data.get(name) is not None for name in self.FIELDS):
            raise ValidationError(_("Enter at least one amount."))
        return data

    def items(self):
        from assistance.services import StandardItem

        return [
            StandardItem(kind, ur, self.cleaned_data[name], care_tier=tier)
            for name, (kind, ur, tier) in self.FIELDS.items()
            if self.cleaned_data.get(name) is not None
        ]


class ImportForm(StyledForm):
    file = forms.FileField(label=_("file (xlsx or csv)"))
