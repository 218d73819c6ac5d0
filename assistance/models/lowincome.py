"""低保边缘家庭 / 低收入家庭: the register of recognised low-income households, with a monitoring flag and visits.

低收入人口动态监测: 奉节 (notes/001.md §4.1: "开展城乡低收入人口认定…监测预警…早预警、早发现、早帮扶") and
渠县 (notes/000.md §4.1: 低收入人口信息库, 动态监测) call for it; the seeds cite no national document number. A
household is recognised from a date, by a source (found proactively, on application, pushed by another
department); a caseworker flags it for monitoring with a reason (illness, disaster, accident, income drop…), and a
monitored household is visited until the flag is cleared.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.choices import LowIncomeCategory, LowIncomeEndReason, LowIncomeSource, MonitoringReason
from civilaffairs.scoping import ScopedQuerySet

from .households import Household


class LowIncomeQuerySet(ScopedQuerySet):
    def current_on(self, on: datetime.date):
        return self.filter(recognised_on__lte=on).filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on))

    def monitored(self):
        return self.filter(ended_on__isnull=True, monitored=True)


class LowIncomeHousehold(models.Model):
    """A household recognised as 低保边缘 or 低收入 from a date (until ``ended_on``), with the monitoring flag."""

    scope_field = "household__village__code"

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="low_income_records"
    )
    category = models.CharField(_("category"), max_length=12, choices=LowIncomeCategory.choices)
    recognised_on = models.DateField(_("recognised on"))
    source = models.CharField(_("how found"), max_length=12, choices=LowIncomeSource.choices)
    per_capita_income = models.DecimalField(
        _("monthly income per person at recognition"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    ended_on = models.DateField(_("recognition ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=12, choices=LowIncomeEndReason.choices, blank=True)
    monitored = models.BooleanField(_("under monitoring"), default=False)
    monitoring_reason = models.CharField(
        _("reason for monitoring"), max_length=12, choices=MonitoringReason.choices, blank=True
    )
    monitoring_note = models.TextField(_("monitoring note"), blank=True)
    monitored_since = models.DateField(_("monitored since"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
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

    objects = LowIncomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("low-income household")
        verbose_name_plural = _("low-income households")
        ordering = ["household__village_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(ended_on__isnull=True),
                name="lowincome_one_current_per_household",
                violation_error_message=_("This household is already recognised; end that record first."),
            ),
            models.CheckConstraint(
                condition=models.Q(monitored=False)
                | (~models.Q(monitoring_reason="") & models.Q(monitored_since__isnull=False)),
                name="lowincome_monitoring_has_reason",
                violation_error_message=_("A monitored household needs a reason and a date."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("recognised_on")),
                name="lowincome_ends_after_start",
                violation_error_message=_("A recognition cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:lowincome_detail", args=[self.pk])

    def clean(self) -> None:
        if self.ended_on and self.recognised_on and self.ended_on < self.recognised_on:
            raise ValidationError({"ended_on": _("A recognition cannot end before it starts.")})

    def get_additional_data(self) -> dict:
        return {"region": self.household.village_id}


class LowIncomeVisit(models.Model):
    """A follow-up visit (走访) to a recognised household, usually while it is monitored."""

    scope_field = "record__household__village__code"

    record = models.ForeignKey(
        LowIncomeHousehold, verbose_name=_("low-income household"), on_delete=models.CASCADE, related_name="visits"
    )
    visited_on = models.DateField(_("visited on"))
    visitors = models.CharField(_("visited by"), max_length=100)
    findings = models.TextField(_("findings"))
    help_given = models.TextField(_("help given or referred"), blank=True)
    next_visit_due = models.DateField(_("next visit due"), null=True, blank=True)
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
        verbose_name = _("follow-up visit")
        verbose_name_plural = _("follow-up visits")
        ordering = ["record_id", "-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.record_id} {self.visited_on}"

    def get_additional_data(self) -> dict:
        return {"region": self.record.household.village_id}
