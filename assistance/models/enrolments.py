"""Enrolments (在保对象): who is paid what, from when, with a dated amount history and re-checks (动态管理)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.choices import (
    EXCLUSIVE_PROGRAMMES,
    AmountReason,
    CareTier,
    EndReason,
    EnrolmentStatus,
    Programme,
    RecheckOutcome,
    SupportMode,
)
from civilaffairs.choices import UrbanRural
from civilaffairs.models import Person
from civilaffairs.scoping import ScopedQuerySet

from .applications import Application
from .households import Household
from .standards import AssistanceStandard

KIND_PREFIX = {
    Programme.DIBAO: "DB",
    Programme.TEKUN: "TK",
    Programme.TEMPORARY: "LS",
    Programme.LIVING_SUBSIDY: "SB",
    Programme.CARE_SUBSIDY: "HB",
}


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + (day.month - 1) + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class EnrolmentQuerySet(ScopedQuerySet):
    def current(self):
        return self.exclude(status=EnrolmentStatus.ENDED)

    def payable_in(self, month: datetime.date):
        """Enrolments that are paid for ``month``: started, not ended before it, not past their phase-out."""
        month = month_start(month)
        return self.filter(start_month__lte=month).filter(
            models.Q(end_month__isnull=True) | models.Q(end_month__gte=month),
            models.Q(phase_out_until__isnull=True) | models.Q(phase_out_until__gte=month),
        )


class Enrolment(models.Model):
    """A household's (or, for 特困 and 单人保, one person's) membership of a programme that pays monthly."""

    scope_field = "household__village__code"

    programme = models.CharField(_("programme"), max_length=16, choices=Programme.choices)
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="enrolments"
    )
    payee = models.ForeignKey(Person, verbose_name=_("payee"), on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolment",
    )
    urban_rural = models.CharField(_("urban or rural"), max_length=8, choices=UrbanRural.choices)
    single_person = models.BooleanField(_("single-person dibao"), default=False)
    care_tier = models.CharField(_("care tier"), max_length=12, choices=CareTier.choices, blank=True)
    support_mode = models.CharField(_("support mode"), max_length=16, choices=SupportMode.choices, blank=True)
    # 重度残疾人护理补贴: the grade the amount band follows (一级, 二级, 三四级智力精神).
    disability_grade = models.PositiveSmallIntegerField(_("disability grade"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    start_month = models.DateField(_("paid from (month)"))
    end_month = models.DateField(_("last month paid"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=16, choices=EndReason.choices, blank=True)
    end_note = models.TextField(_("note on ending"), blank=True)
    phase_out_from = models.DateField(_("phase-out from"), null=True, blank=True)
    phase_out_until = models.DateField(_("phase-out until (last month paid)"), null=True, blank=True)
    recheck_interval_months = models.PositiveSmallIntegerField(_("re-check every (months)"))
    next_recheck_on = models.DateField(_("next re-check due"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["household_id", "id"]
        permissions = [
            ("recheck_enrolment", _("Can record re-checks and end enrolments")),
        ]
        indexes = [
            models.Index(fields=["status", "next_recheck_on"], name="enrolment_recheck_idx"),
            models.Index(fields=["programme", "status", "start_month"], name="enrolment_programme_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_month__isnull=True) | models.Q(end_month__gte=models.F("start_month")),
                name="enrolment_ends_after_start",
                violation_error_message=_("An enrolment cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ended") | models.Q(end_month__isnull=False),
                name="enrolment_ended_has_end_month",
                violation_error_message=_("An ended enrolment names its last month."),
            ),
        ]

    def __str__(self) -> str:
        return f"{KIND_PREFIX.get(self.programme, 'XX')}{self.pk:06d} {self.payee.name}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:enrolment_detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"{KIND_PREFIX.get(self.programme, 'XX')}-{self.household.village_id[:9]}-{self.pk:06d}"

    @property
    def county_code(self) -> str:
        return self.household.village_id[:6]

    def amount_in(self, month: datetime.date):
        """The amount in force for ``month`` (the roll uses the same rule in SQL)."""
        row = self.amounts.filter(effective_from__lte=month_start(month)).order_by("-effective_from").first()
        return row.amount if row else None

    def get_additional_data(self) -> dict:
        return {"region": self.household.village_id}


class EnrolmentMember(models.Model):
    """A person covered by an enrolment; the database refuses a second active enrolment of a person in the same
    programme, and a person in both 低保 and 特困 (民发〔2021〕43号: 特困人员不再纳入低保), in every township."""

    scope_field = "enrolment__household__village__code"

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="enrolments")
    programme = models.CharField(_("programme"), max_length=16, choices=Programme.choices)
    active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolled person")
        verbose_name_plural = _("enrolled persons")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme"],
                condition=models.Q(active=True),
                name="enrolmentmember_one_active_per_programme",
                violation_error_message=_("This person already has an active enrolment in this programme."),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(active=True, programme__in=list(EXCLUSIVE_PROGRAMMES)),
                name="enrolmentmember_dibao_tekun_exclusive",
                violation_error_message=_("A person cannot be in dibao and extreme-poverty support at once."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} {self.get_programme_display()}"

    def get_additional_data(self) -> dict:
        return {"region": self.enrolment.household.village_id}


class EnrolmentAmount(models.Model):
    """The monthly amount from a month on, with what it was computed from; the roll pays the row in force."""

    scope_field = "enrolment__household__village__code"

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="amounts"
    )
    effective_from = models.DateField(_("from (month)"))
    amount = models.DecimalField(_("monthly amount"), max_digits=10, decimal_places=2)
    members_count = models.PositiveSmallIntegerField(_("members"))
    per_capita_income = models.DecimalField(
        _("monthly income per person"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    standard = models.ForeignKey(
        AssistanceStandard,
        verbose_name=_("standard"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    care_standard = models.ForeignKey(
        AssistanceStandard,
        verbose_name=_("care standard"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=16, choices=AmountReason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("amount")
        verbose_name_plural = _("amount history")
        ordering = ["enrolment_id", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "effective_from"],
                name="enrolmentamount_one_per_month",
                violation_error_message=_("The enrolment already has an amount from that month."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="enrolmentamount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.effective_from:%Y-%m} {self.amount}"

    def get_additional_data(self) -> dict:
        return {"region": self.enrolment.household.village_id}


class ReCheck(models.Model):
    """A periodic re-check (动态管理): the means recomputed and what was decided."""

    scope_field = "enrolment__household__village__code"

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="rechecks"
    )
    due_on = models.DateField(_("was due"), null=True, blank=True)
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members_count = models.PositiveSmallIntegerField(_("members"))
    per_capita_income = models.DecimalField(_("monthly income per person"), max_digits=10, decimal_places=2)
    standard = models.ForeignKey(
        AssistanceStandard, verbose_name=_("standard"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=RecheckOutcome.choices)
    new_amount = models.DecimalField(_("new monthly amount"), max_digits=10, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("re-check")
        verbose_name_plural = _("re-checks")
        ordering = ["enrolment_id", "-checked_on"]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.checked_on} {self.get_outcome_display()}"

    def get_additional_data(self) -> dict:
        return {"region": self.enrolment.household.village_id}
