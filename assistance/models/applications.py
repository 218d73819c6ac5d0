"""Applications for 低保, 特困 and 临时救助, their insert-only status changes, objections and obligors.

Status changes only through ``assistance.services`` (the transition table is ``assistance.workflow``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assistance.choices import (
    OPEN_STATUSES,
    ApplicationKind,
    ApplicationStatus,
    CareTier,
    ExpenseCategory,
    InfoCheck,
    ObjectionOutcome,
    ObligorRelationship,
    SupportMode,
    TemporaryType,
)
from civilaffairs.models import Person
from civilaffairs.scoping import ScopedQuerySet

from .households import Household
from .standards import AssistanceStandard

KIND_PREFIX = {
    ApplicationKind.DIBAO: "DB",
    ApplicationKind.TEKUN: "TK",
    ApplicationKind.TEMPORARY: "LS",
    ApplicationKind.LIVING_SUBSIDY: "SB",
    ApplicationKind.CARE_SUBSIDY: "HB",
}


class ApplicationQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, on: datetime.date | None = None):
        return self.open().filter(stage_due_on__lt=on or timezone.localdate())


class Application(models.Model):
    """One application and everything the statutory procedure records on it (民发〔2021〕57号, 〔2021〕43号)."""

    scope_field = "household__village__code"

    kind = models.CharField(_("kind"), max_length=12, choices=ApplicationKind.choices)
    status = models.CharField(
        _("status"), max_length=24, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(Person, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey(
        Person,
        verbose_name=_("person applied for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For extreme-poverty support and single-person dibao: the one person assessed."),
    )
    single_person = models.BooleanField(
        _("single-person dibao"),
        default=False,
        help_text=_("A seriously ill or severely disabled member of a low-income household, enrolled alone."),
    )
    care_tier = models.CharField(_("care tier"), max_length=12, choices=CareTier.choices, blank=True)
    support_mode = models.CharField(_("support mode"), max_length=16, choices=SupportMode.choices, blank=True)
    temporary_type = models.CharField(
        _("temporary assistance type"), max_length=12, choices=TemporaryType.choices, blank=True
    )
    temporary_months = models.PositiveSmallIntegerField(
        _("assistance tier (months of the standard)"), null=True, blank=True
    )
    # 支出型临时救助: the rigid expense the household bore itself (after insurance and other assistance).
    expense_category = models.CharField(
        _("kind of rigid expense"), max_length=10, choices=ExpenseCategory.choices, blank=True
    )
    expense_amount = models.DecimalField(
        _("rigid expense borne by the household (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Medical, education or other rigid expenses after insurance and other assistance."),
    )
    # 残疾人两项补贴: the certificate the application rests on (the holder is the person applied for).
    certificate = models.ForeignKey(
        "assistance.DisabilityCertificate",
        verbose_name=_("disability certificate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # 残联审核 (where the county uses it, e.g. 南川: 乡镇初审、区残联审核、民政局审批发放).
    federation_opinion = models.TextField(_("disabled persons' federation opinion"), blank=True)
    federation_reviewed_on = models.DateField(_("federation reviewed on"), null=True, blank=True)
    reason = models.TextField(_("reason for applying"))
    received_on = models.DateField(_("received on"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)

    # 家庭经济状况调查: 入户调查 by two staff, and 信息核对.
    survey_staff_1 = models.CharField(_("surveyor 1"), max_length=50, blank=True)
    survey_staff_2 = models.CharField(_("surveyor 2"), max_length=50, blank=True)
    survey_on = models.DateField(_("home visit on"), null=True, blank=True)
    survey_findings = models.TextField(_("survey findings"), blank=True)
    info_check = models.CharField(_("information check"), max_length=16, choices=InfoCheck.choices, blank=True)
    info_check_note = models.TextField(_("information check note"), blank=True)

    # 民主评议 (where used).
    appraisal_on = models.DateField(_("appraisal on"), null=True, blank=True)
    appraisal_result = models.TextField(_("appraisal result"), blank=True)

    # 乡镇审核意见.
    review_opinion = models.TextField(_("township opinion"), blank=True)
    review_recommends = models.BooleanField(_("township recommends approval"), null=True, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)

    # 公示.
    notice_start = models.DateField(_("notice from"), null=True, blank=True)
    notice_end = models.DateField(_("notice until"), null=True, blank=True)
    notice_place = models.CharField(_("notice posted at"), max_length=200, blank=True)

    # 审核确认: 批准 / 不予批准.
    decision_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_reason = models.TextField(_("decision reason"), blank=True)

    # The assessment, computed by assistance.eligibility at survey, review and decision (never typed).
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    members_count = models.PositiveSmallIntegerField(_("members assessed"), null=True, blank=True)
    per_capita_income = models.DecimalField(
        _("monthly income per person"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    per_capita_assets = models.DecimalField(
        _("financial assets per person"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    standard = models.ForeignKey(
        AssistanceStandard,
        verbose_name=_("standard applied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    care_standard = models.ForeignKey(
        AssistanceStandard,
        verbose_name=_("care standard applied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = models.DecimalField(_("monthly amount"), max_digits=10, decimal_places=2, null=True, blank=True)
    eligible = models.BooleanField(_("eligible"), null=True, blank=True)
    assessment_notes = models.TextField(_("assessment"), blank=True)

    # Deadlines in working days (civilaffairs.workdays), recomputed at each transition.
    stage_due_on = models.DateField(_("current step due"), null=True, blank=True)
    decision_due_on = models.DateField(_("decision due"), null=True, blank=True)
    decision_extended = models.BooleanField(_("time limit extended"), default=False)

    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["stage_due_on", "id"]
        permissions = [
            ("accept_application", _("Can accept or refuse applications")),
            ("process_application", _("Can record surveys, appraisals, notices and objections")),
            ("review_application", _("Can give the township's review opinion")),
            ("confirm_application", _("Can confirm (approve or reject) applications")),
            ("record_federation_review", _("Can record the disabled persons' federation's review")),
        ]
        indexes = [
            models.Index(fields=["status", "stage_due_on"], name="application_status_due_idx"),
            models.Index(fields=["household", "kind", "status"], name="application_household_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="tekun") | models.Q(target__isnull=False),
                name="application_tekun_has_target",
                violation_error_message=_("An extreme-poverty application names the person applied for."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["dis_living", "dis_care"]) | models.Q(target__isnull=False),
                name="application_subsidy_has_target",
                violation_error_message=_("A disability subsidy application names the disabled person."),
            ),
            models.CheckConstraint(
                condition=models.Q(single_person=False) | models.Q(kind="dibao", target__isnull=False),
                name="application_single_person_is_dibao",
                violation_error_message=_("Single-person dibao names the person applied for."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values), name="application_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:application_detail", args=[self.pk])

    @property
    def number(self) -> str:
        """The case number staff quote: kind, township, year, sequence (``DB-500236001-2025-000123``)."""
        year = self.received_on.year if self.received_on else timezone.localdate().year
        return f"{KIND_PREFIX.get(self.kind, 'XX')}-{self.household.village_id[:9]}-{year}-{self.pk or 0:06d}"

    @property
    def county_code(self) -> str:
        return self.household.village_id[:6]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.is_open and self.stage_due_on is not None and self.stage_due_on < (on or timezone.localdate())

    @property
    def assessed_person(self) -> Person | None:
        from assistance.choices import PERSON_KINDS

        return self.target if (self.kind in PERSON_KINDS or self.single_person) else None

    @property
    def has_advance(self) -> bool:
        from assistance.models.temporary import TemporaryAdvance

        return bool(self.pk) and TemporaryAdvance.objects.filter(application_id=self.pk).exists()

    @property
    def is_subsidy(self) -> bool:
        from assistance.choices import SUBSIDY_KINDS

        return self.kind in SUBSIDY_KINDS

    def clean(self) -> None:
        from assistance.choices import PERSON_KINDS

        if self.kind in PERSON_KINDS and not self.target_id:
            raise ValidationError({"target": _("Name the person applied for.")})
        if self.single_person and (self.kind != ApplicationKind.DIBAO or not self.target_id):
            raise ValidationError({"target": _("Single-person dibao names the person applied for.")})

    def get_additional_data(self) -> dict:
        return {"region": self.household.village_id}


class ApplicationStatusChange(models.Model):
    """An insert-only row per workflow action: who did what, when, from which status to which, with what opinion."""

    scope_field = "application__household__village__code"

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="status_changes"
    )
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("from status"), max_length=24, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=24, choices=ApplicationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    opinion = models.TextField(_("opinion"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["application_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.action} {self.from_status}→{self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Status changes are a record: they are never edited."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Status changes are a record: they are never deleted."))


class Objection(models.Model):
    """An objection raised during the 公示; upheld, it sends the case back to the survey."""

    scope_field = "application__household__village__code"

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="objections"
    )
    raised_on = models.DateField(_("raised on"))
    raised_by = models.CharField(_("raised by"), max_length=100, help_text=_("Name, or 匿名 for anonymous."))
    content = models.TextField(_("content"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ObjectionOutcome.choices, default=ObjectionOutcome.PENDING
    )
    outcome_note = models.TextField(_("outcome of the check"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["application_id", "raised_on", "id"]

    def __str__(self) -> str:
        return f"{self.raised_by} {self.raised_on}"

    def get_additional_data(self) -> dict:
        return {"region": self.application.household.village_id}


class Obligor(models.Model):
    """A person with a legal duty to support the 特困 applicant (法定赡养、抚养、扶养义务人) and whether they can."""

    scope_field = "application__household__village__code"

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="obligors"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    relationship = models.CharField(_("relationship"), max_length=12, choices=ObligorRelationship.choices)
    able_to_support = models.BooleanField(_("able to support"))
    assessment = models.TextField(
        _("why"), help_text=_("Why the obligor can or cannot support, e.g. severely disabled with no regular income.")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("obligor")
        verbose_name_plural = _("obligors")
        ordering = ["application_id", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_relationship_display()}）"

    def get_additional_data(self) -> dict:
        return {"region": self.application.household.village_id}
