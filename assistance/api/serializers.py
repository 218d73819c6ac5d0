"""API serializers. Reads only; every write goes through ``assistance.services`` from the views."""

from rest_framework import serializers

from assistance.choices import ApplicationKind, CareTier, ExpenseCategory, SupportMode, TemporaryType
from assistance.models import (
    Application,
    ApplicationStatusChange,
    AssistanceStandard,
    DisabilityCertificate,
    Enrolment,
    EnrolmentAmount,
    Household,
    HouseholdMember,
    LowIncomeHousehold,
    LowIncomeVisit,
    Objection,
    Obligor,
    PaymentLine,
    PaymentRoll,
    TemporaryAdvance,
    VagrantCase,
    WelfareInstitution,
)
from assistance.models.households import bank_account_validator
from civilaffairs.api.generic import CleanModelSerializer
from civilaffairs.idnumber import mask_id_number


class ViewerMixin:
    @property
    def viewer(self):
        return self.context["request"].user

    def id_number(self, person) -> str:
        return person.id_number_for(self.viewer) if person else ""


class MemberSerializer(ViewerMixin, serializers.ModelSerializer):
    id_number = serializers.SerializerMethodField()
    name = serializers.CharField(source="person.name", read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)

    class Meta:
        model = HouseholdMember
        fields = [
            "id",
            "person",
            "id_number",
            "name",
            "relationship",
            "labour_capacity",
            "health",
            "disability_category",
            "disability_grade",
            "disability_cert_no",
            "monthly_income",
            "assets",
            "joined_on",
            "left_on",
        ]

    def get_id_number(self, obj) -> str:
        return self.id_number(obj.person)


class HouseholdSerializer(ViewerMixin, serializers.ModelSerializer):
    head_name = serializers.CharField(source="head.name", read_only=True, default="")
    village_name = serializers.CharField(source="village.full_name", read_only=True)
    bank_account = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()

    class Meta:
        model = Household
        fields = [
            "id",
            "village",
            "village_name",
            "urban_rural",
            "head",
            "head_name",
            "address",
            "phone",
            "income_irregular",
            "bank_name",
            "bank_account",
            "members",
            "created_at",
            "updated_at",
        ]

    def get_bank_account(self, obj) -> str:
        return obj.bank_account_for(self.viewer)

    def get_members(self, obj) -> list[dict]:
        current = [m for m in obj.members.all() if m.left_on is None]
        return MemberSerializer(current, many=True, context=self.context).data


class MemberInputSerializer(serializers.Serializer):
    member_id = serializers.IntegerField(required=False, allow_null=True)
    id_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    relationship = serializers.CharField(max_length=16, required=False, allow_blank=True)
    labour_capacity = serializers.CharField(max_length=10, default="full")
    health = serializers.CharField(max_length=10, default="healthy")
    disability_category = serializers.CharField(max_length=1, default="", allow_blank=True)
    disability_grade = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=4)
    disability_cert_no = serializers.CharField(max_length=20, default="", allow_blank=True)
    monthly_income = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, default=0)
    assets = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, default=0)
    remove = serializers.BooleanField(default=False)


class HouseholdWriteSerializer(serializers.Serializer):
    village = serializers.CharField(max_length=12)
    urban_rural = serializers.ChoiceField(choices=["", "urban", "rural"], required=False, allow_blank=True)
    address = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    income_irregular = serializers.BooleanField(default=False)
    bank_name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    # The field's own rule (8 to 32 digits) covers the length, in words a caseworker reads.
    bank_account = serializers.CharField(required=False, allow_blank=True, validators=[bank_account_validator])
    note = serializers.CharField(required=False, allow_blank=True)
    members = MemberInputSerializer(many=True)


class StatusChangeSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()

    class Meta:
        model = ApplicationStatusChange
        fields = ["action", "from_status", "to_status", "actor", "at", "opinion"]


class ObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objection
        fields = ["id", "raised_on", "raised_by", "content", "outcome", "outcome_note", "decided_on"]


class ObligorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Obligor
        fields = ["name", "relationship", "able_to_support", "assessment"]


class ApplicationSerializer(ViewerMixin, serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    applicant_name = serializers.CharField(source="applicant.name", read_only=True)
    target_name = serializers.CharField(source="target.name", read_only=True, default="")
    overdue = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "number",
            "kind",
            "status",
            "household",
            "applicant",
            "applicant_name",
            "target",
            "target_name",
            "single_person",
            "care_tier",
            "support_mode",
            "temporary_type",
            "temporary_months",
            "expense_category",
            "expense_amount",
            "certificate",
            "reason",
            "received_on",
            "accepted_on",
            "survey_staff_1",
            "survey_staff_2",
            "survey_on",
            "survey_findings",
            "info_check",
            "appraisal_on",
            "appraisal_result",
            "review_opinion",
            "review_recommends",
            "reviewed_on",
            "federation_opinion",
            "federation_reviewed_on",
            "notice_start",
            "notice_end",
            "notice_place",
            "decision_on",
            "decision_reason",
            "assessed_on",
            "members_count",
            "per_capita_income",
            "amount",
            "eligible",
            "assessment_notes",
            "stage_due_on",
            "decision_due_on",
            "decision_extended",
            "overdue",
            "available_actions",
        ]

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue()

    def get_available_actions(self, obj) -> list[str]:
        if not self.context.get("detail"):
            return []
        from assistance.workflow import available_actions

        return [t.action for t in available_actions(self.viewer, obj)]


class AdvanceSerializer(serializers.ModelSerializer):
    application_number = serializers.CharField(source="application.number", read_only=True)
    payee_name = serializers.CharField(source="payee.name", read_only=True)

    class Meta:
        model = TemporaryAdvance
        fields = [
            "id",
            "application",
            "application_number",
            "amount",
            "payee",
            "payee_name",
            "method",
            "paid_on",
            "reason",
            "regularise_due_on",
            "regularised_on",
            "regularised_status",
        ]


class ApplicationDetailSerializer(ApplicationSerializer):
    timeline = StatusChangeSerializer(source="status_changes", many=True, read_only=True)
    objections = ObjectionSerializer(many=True, read_only=True)
    obligors = ObligorSerializer(many=True, read_only=True)
    advance = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "timeline", "objections", "obligors", "advance"]

    def get_advance(self, obj) -> dict | None:
        advance = TemporaryAdvance.objects.filter(application=obj).first()
        return AdvanceSerializer(advance).data if advance else None


class ApplicationSubmitSerializer(serializers.Serializer):
    household = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ApplicationKind.choices)
    applicant = serializers.IntegerField()
    target = serializers.IntegerField(required=False, allow_null=True)
    single_person = serializers.BooleanField(default=False)
    care_tier = serializers.ChoiceField(choices=[("", ""), *CareTier.choices], default="")
    support_mode = serializers.ChoiceField(choices=[("", ""), *SupportMode.choices], default="")
    temporary_type = serializers.ChoiceField(choices=[("", ""), *TemporaryType.choices], default="")
    temporary_months = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    expense_category = serializers.ChoiceField(choices=[("", ""), *ExpenseCategory.choices], default="")
    expense_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    reason = serializers.CharField()
    received_on = serializers.DateField(required=False)
    obligors = ObligorSerializer(many=True, required=False)
    idempotency_key = serializers.CharField(max_length=64, required=False, allow_blank=True)


class AmountSerializer(serializers.ModelSerializer):
    class Meta:
        model = EnrolmentAmount
        fields = ["effective_from", "amount", "members_count", "per_capita_income", "standard", "reason", "note"]


class EnrolmentSerializer(ViewerMixin, serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    payee_name = serializers.CharField(source="payee.name", read_only=True)
    payee_id_number = serializers.SerializerMethodField()
    current_amount = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "number",
            "programme",
            "household",
            "payee",
            "payee_name",
            "payee_id_number",
            "application",
            "urban_rural",
            "single_person",
            "care_tier",
            "support_mode",
            "status",
            "start_month",
            "end_month",
            "end_reason",
            "phase_out_from",
            "phase_out_until",
            "recheck_interval_months",
            "next_recheck_on",
            "current_amount",
        ]

    def get_payee_id_number(self, obj) -> str:
        return self.id_number(obj.payee)


class EnrolmentDetailSerializer(EnrolmentSerializer):
    amounts = AmountSerializer(many=True, read_only=True)

    class Meta(EnrolmentSerializer.Meta):
        fields = [*EnrolmentSerializer.Meta.fields, "amounts"]


class PaymentLineSerializer(ViewerMixin, serializers.ModelSerializer):
    payee_id_number = serializers.SerializerMethodField()
    bank_account = serializers.SerializerMethodField()

    class Meta:
        model = PaymentLine
        fields = [
            "id",
            "programme",
            "enrolment",
            "application",
            "household",
            "payee",
            "payee_name",
            "payee_id_number",
            "bank_name",
            "bank_account",
            "members_count",
            "amount",
            "kind",
            "for_month",
            "reason",
        ]

    def get_payee_id_number(self, obj) -> str:
        return self.id_number(obj.payee)

    def get_bank_account(self, obj) -> str:
        if self.viewer.has_perm("assistance.view_full_bank_account"):
            return obj.bank_account
        return mask_id_number(obj.bank_account)


class PaymentRollSerializer(serializers.ModelSerializer):
    township_name = serializers.CharField(source="township.name", read_only=True)

    class Meta:
        model = PaymentRoll
        fields = [
            "id",
            "township",
            "township_name",
            "month",
            "status",
            "line_count",
            "total_amount",
            "generated_at",
            "reviewed_at",
            "locked_at",
        ]


class RollGenerateSerializer(serializers.Serializer):
    township = serializers.CharField(max_length=12)
    month = serializers.DateField(input_formats=["%Y-%m", "%Y-%m-%d"])


class StandardSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssistanceStandard
        fields = [
            "id",
            "county",
            "kind",
            "urban_rural",
            "care_tier",
            "monthly_amount",
            "printed_yearly_amount",
            "effective_from",
            "document_number",
            "source",
            "is_demo",
            "note",
        ]


class StandardItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AssistanceStandard._meta.get_field("kind").choices)
    urban_rural = serializers.ChoiceField(choices=["", "urban", "rural"], default="")
    care_tier = serializers.ChoiceField(choices=[("", ""), *CareTier.choices], default="")
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)


class StandardSetSerializer(serializers.Serializer):
    county = serializers.CharField(max_length=12)
    effective_from = serializers.DateField()
    document_number = serializers.CharField(max_length=100)
    source = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    items = StandardItemSerializer(many=True)


# --- Registers -------------------------------------------------------------------------------------------------


class CertificateSerializer(ViewerMixin, serializers.ModelSerializer):
    holder_name = serializers.CharField(source="person.name", read_only=True)
    holder_id_number = serializers.SerializerMethodField()
    number = serializers.SerializerMethodField()
    valid_today = serializers.SerializerMethodField()

    class Meta:
        model = DisabilityCertificate
        fields = [
            "id",
            "person",
            "holder_name",
            "holder_id_number",
            "number",
            "category",
            "grade",
            "issued_on",
            "valid_until",
            "cancelled_on",
            "valid_today",
            "needs_long_term_care",
            "equivalent_care_benefit",
            "source",
            "note",
        ]

    def get_holder_id_number(self, obj) -> str:
        return self.id_number(obj.person)

    def get_number(self, obj) -> str:
        if self.viewer.has_perm("civilaffairs.view_full_id_number"):
            return obj.number
        return mask_id_number(obj.number[:18]) + obj.number[18:]

    def get_valid_today(self, obj) -> bool:
        from django.utils import timezone

        return obj.is_valid_on(timezone.localdate())


class CertificateWriteSerializer(serializers.Serializer):
    id_number = serializers.CharField(max_length=20)
    number = serializers.CharField(max_length=20)
    category = serializers.ChoiceField(choices=DisabilityCertificate._meta.get_field("category").choices)
    grade = serializers.IntegerField(min_value=1, max_value=4)
    issued_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True)
    cancelled_on = serializers.DateField(required=False, allow_null=True)
    needs_long_term_care = serializers.BooleanField(default=True)
    equivalent_care_benefit = serializers.BooleanField(default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class LowIncomeVisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = LowIncomeVisit
        fields = ["id", "visited_on", "visitors", "findings", "help_given", "next_visit_due"]


class LowIncomeSerializer(ViewerMixin, serializers.ModelSerializer):
    head_name = serializers.CharField(source="household.head.name", read_only=True, default="")
    village_name = serializers.CharField(source="household.village.full_name", read_only=True)
    visits = LowIncomeVisitSerializer(many=True, read_only=True)

    class Meta:
        model = LowIncomeHousehold
        fields = [
            "id",
            "household",
            "head_name",
            "village_name",
            "category",
            "recognised_on",
            "source",
            "per_capita_income",
            "monitored",
            "monitoring_reason",
            "monitoring_note",
            "monitored_since",
            "ended_on",
            "end_reason",
            "note",
            "visits",
        ]


class LowIncomeWriteSerializer(serializers.Serializer):
    household = serializers.IntegerField()
    category = serializers.ChoiceField(choices=LowIncomeHousehold._meta.get_field("category").choices)
    recognised_on = serializers.DateField()
    source = serializers.ChoiceField(choices=LowIncomeHousehold._meta.get_field("source").choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class VagrantCaseSerializer(ViewerMixin, CleanModelSerializer):
    number = serializers.CharField(read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True, default="")
    person_id_number = serializers.SerializerMethodField()

    class Meta:
        model = VagrantCase
        fields = [
            "id",
            "number",
            "region",
            "intake_on",
            "intake_place",
            "found_by",
            "handled_by",
            "person",
            "person_name",
            "person_id_number",
            "stated_name",
            "sex",
            "estimated_age",
            "description",
            "is_minor",
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
        read_only_fields = ["person"]

    def get_person_id_number(self, obj) -> str:
        return self.id_number(obj.person)


class WelfareInstitutionSerializer(CleanModelSerializer):
    class Meta:
        model = WelfareInstitution
        fields = [
            "id",
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
