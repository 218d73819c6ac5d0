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
    SUBSIDY_KINDS,
    ApplicationKind,
    CareTier,
    DisabilityCategory,
    DisabilityGrade,
    EndReason,
    ExpenseCategory,
    Health,
    InfoCheck,
    LabourCapacity,
    LowIncomeCategory,
    LowIncomeEndReason,
    LowIncomeSource,
    MonitoringReason,
    ObligorRelationship,
    PaymentMethod,
    Relationship,
    StandardKind,
    SupportMode,
    TemporaryType,
)
from assistance.models import (
    DisabilityCertificate,
    Household,
    Objection,
    VagrantCase,
    WelfareInstitution,
)
from assistance.models.households import BANK_ACCOUNT_MESSAGE, disability_errors
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
        # The field's own rule in words a caseworker reads, not Django's "at most 32 characters".
        error_messages = {"bank_account": {"max_length": BANK_ACCOUNT_MESSAGE}}

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
    expense_category = forms.ChoiceField(
        label=_("kind of rigid expense"), choices=BLANK + list(ExpenseCategory.choices), required=False
    )
    expense_amount = forms.DecimalField(
        label=_("rigid expense borne by the household (yuan)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Expenditure type only: after insurance and other assistance."),
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
        if kind in SUBSIDY_KINDS and not data.get("target"):
            self.add_error("target", _("Name the disabled person the subsidy is for."))
        if kind == ApplicationKind.TEMPORARY:
            if not data.get("temporary_type"):
                self.add_error("temporary_type", _("Choose emergency or expenditure type."))
            if not data.get("temporary_months"):
                self.add_error("temporary_months", _("Choose the assistance tier."))
            if data.get("temporary_type") == TemporaryType.EXPENDITURE:
                if not data.get("expense_amount"):
                    self.add_error("expense_amount", _("Give the rigid expense the household bore itself."))
                if not data.get("expense_category"):
                    self.add_error("expense_category", _("Say what the expense was for."))
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


class FederationReviewForm(StyledForm):
    reviewed_on = forms.DateField(label=_("federation reviewed on"), widget=DateInput(), initial=timezone.localdate)
    opinion = forms.CharField(label=_("disabled persons' federation opinion"), widget=forms.Textarea(attrs={"rows": 3}))


class AdvanceForm(StyledForm):
    """先行救助: how much was paid at once, how, and why it could not wait for the normal procedure."""

    amount = forms.DecimalField(label=_("amount paid in advance"), min_value=0, max_digits=10, decimal_places=2)
    method = forms.ChoiceField(label=_("paid by"), choices=PaymentMethod.choices, initial=PaymentMethod.CASH)
    paid_on = forms.DateField(label=_("paid on"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.CharField(label=_("why it could not wait"), widget=forms.Textarea(attrs={"rows": 3}))


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
    disability_living = forms.DecimalField(
        label=_("living subsidy for disabled people in hardship"), min_value=0, decimal_places=2, required=False
    )
    disability_care_1 = forms.DecimalField(
        label=_("care subsidy, grade 1"), min_value=0, decimal_places=2, required=False
    )
    disability_care_2 = forms.DecimalField(
        label=_("care subsidy, grade 2"), min_value=0, decimal_places=2, required=False
    )
    disability_care_34 = forms.DecimalField(
        label=_("care subsidy, grade 3–4 intellectual or mental"), min_value=0, decimal_places=2, required=False
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
        "disability_living": (StandardKind.DISABILITY_LIVING, "", ""),
        "disability_care_1": (StandardKind.DISABILITY_CARE_1, "", ""),
        "disability_care_2": (StandardKind.DISABILITY_CARE_2, "", ""),
        "disability_care_34": (StandardKind.DISABILITY_CARE_34, "", ""),
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


# --- Disability certificates ---------------------------------------------------------------------------------


class PersonByIdNumberMixin:
    """A person chosen by 公民身份号码 (not a drop-down of thousands), inside the user's jurisdiction."""

    person_field = "id_number"

    def clean_person(self, required: bool = True) -> Person | None:
        value = (self.cleaned_data.get(self.person_field) or "").strip()
        if not value:
            if required:
                self.add_error(self.person_field, _("Give the ID number."))
            return None
        try:
            number = parse_id_number(value).number
        except ValidationError as exc:
            self.add_error(self.person_field, exc.messages[0])
            return None
        person = Person.objects.for_user(self.user).filter(id_number=number).first()
        if person is None:
            self.add_error(
                self.person_field,
                _("No person with ID number %(number)s is registered in your jurisdiction; register the person first.")
                % {"number": number},
            )
        return person


class CertificateForm(PersonByIdNumberMixin, ScopedModelForm):
    id_number = forms.CharField(label=_("holder's ID number"), max_length=20)

    class Meta:
        model = DisabilityCertificate
        fields = [
            "number",
            "category",
            "grade",
            "issued_on",
            "valid_until",
            "cancelled_on",
            "needs_long_term_care",
            "equivalent_care_benefit",
            "note",
        ]
        widgets = {"issued_on": DateInput(), "valid_until": DateInput(), "cancelled_on": DateInput()}

    field_order = ["id_number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["id_number"].initial = self.instance.person.id_number
            self.fields["id_number"].disabled = True

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            person = self.clean_person()
            if person is not None:
                self.instance.person = person
        return data


# --- 低保边缘 / 低收入 ---------------------------------------------------------------------------------------------


class LowIncomeForm(StyledForm):
    head_id_number = forms.CharField(label=_("ID number of the head of household"), max_length=20)
    category = forms.ChoiceField(label=_("category"), choices=LowIncomeCategory.choices)
    recognised_on = forms.DateField(label=_("recognised on"), widget=DateInput(), initial=timezone.localdate)
    source = forms.ChoiceField(label=_("how found"), choices=LowIncomeSource.choices)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        value = (data.get("head_id_number") or "").strip()
        if not value:
            return data
        try:
            number = parse_id_number(value).number
        except ValidationError as exc:
            self.add_error("head_id_number", exc.messages[0])
            return data
        household = (
            Household.objects.for_user(self.user)
            .filter(members__person__id_number=number, members__relationship="head", members__left_on__isnull=True)
            .first()
        )
        if household is None:
            self.add_error(
                "head_id_number",
                _("No household in your jurisdiction has a head with ID number %(n)s; register the household first.")
                % {"n": number},
            )
        data["household"] = household
        return data


class MonitoringForm(StyledForm):
    reason = forms.ChoiceField(label=_("reason for monitoring"), choices=BLANK + list(MonitoringReason.choices))
    since = forms.DateField(label=_("monitored since"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("monitoring note"), widget=forms.Textarea(attrs={"rows": 2}))


class ClearMonitoringForm(StyledForm):
    note = forms.CharField(label=_("why monitoring ends"), widget=forms.Textarea(attrs={"rows": 2}))


class VisitForm(StyledForm):
    visited_on = forms.DateField(label=_("visited on"), widget=DateInput(), initial=timezone.localdate)
    visitors = forms.CharField(label=_("visited by"), max_length=100)
    findings = forms.CharField(label=_("findings"), widget=forms.Textarea(attrs={"rows": 3}))
    help_given = forms.CharField(
        label=_("help given or referred"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    next_visit_due = forms.DateField(label=_("next visit due"), widget=DateInput(), required=False)


class EndLowIncomeForm(StyledForm):
    ended_on = forms.DateField(label=_("recognition ended on"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("reason for ending"), choices=BLANK + list(LowIncomeEndReason.choices))


# --- 流浪乞讨救助 and welfare institutions ---------------------------------------------------------------------


class VagrantCaseForm(PersonByIdNumberMixin, ScopedModelForm):
    person_field = "person_id_number"
    region = RegionChoiceField(queryset=Region.objects.none(), label=_("found in (township or county)"))
    person_id_number = forms.CharField(
        label=_("ID number (once identified)"),
        max_length=20,
        required=False,
        help_text=_("The person must be in the person registry; register them first if needed."),
    )

    class Meta:
        model = VagrantCase
        fields = [
            "region",
            "intake_on",
            "intake_place",
            "found_by",
            "handled_by",
            "stated_name",
            "sex",
            "estimated_age",
            "is_minor",
            "description",
            "identity_established",
            "identity_on",
            "identity_method",
            "home_place",
            "outcome",
            "outcome_on",
            "destination",
            "closed_on",
            "note",
        ]
        widgets = {
            "intake_on": DateInput(),
            "identity_on": DateInput(),
            "outcome_on": DateInput(),
            "closed_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    field_order = ["region", "intake_on", "intake_place", "found_by", "handled_by", "person_id_number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = (
            Region.objects.for_user(self.user)
            .filter(level__in=[RegionLevel.TOWNSHIP, RegionLevel.COUNTY])
            .select_related("parent")
            .order_by("code")
        )
        if self.instance.pk and self.instance.person_id:
            self.fields["person_id_number"].initial = self.instance.person.id_number

    def clean(self):
        data = super().clean()
        self.instance.person = self.clean_person(required=False)
        return data


class WelfareInstitutionForm(ScopedModelForm):
    region = RegionChoiceField(queryset=Region.objects.none(), label=_("county or township"))

    class Meta:
        model = WelfareInstitution
        fields = [
            "name",
            "region",
            "institution_type",
            "origin",
            "address",
            "beds",
            "opened_on",
            "closed_on",
            "construction_progress",
            "note",
        ]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = (
            Region.objects.for_user(self.user)
            .filter(level__in=[RegionLevel.TOWNSHIP, RegionLevel.COUNTY])
            .select_related("parent")
            .order_by("code")
        )


class LedgerFilterForm(StyledForm):
    township = forms.ModelChoiceField(label=_("township"), queryset=Region.objects.none(), required=False)
    start = forms.DateField(label=_("from"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("to"), widget=DateInput(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = (
            Region.objects.for_user(user).filter(level=RegionLevel.TOWNSHIP).order_by("code")
        )
