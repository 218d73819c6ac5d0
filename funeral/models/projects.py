"""Construction projects of funeral facilities named in the plans, with progress from approved manual figures."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.models import Region
from civilaffairs.scoping import ScopedQuerySet
from funeral.choices import ProjectNature, ProjectStatus

# The manual figure type holding each project's 形象进度 (fixtures/indicators/manual_inputs.yaml), entered per
# project with ``subject`` = the project's name as printed in the plan.
PROGRESS_FIGURE = "project_progress"


class ConstructionProjectQuerySet(ScopedQuerySet):
    def in_indicator_table(self) -> ConstructionProjectQuerySet:
        return self.filter(in_indicator_table=True)


class ConstructionProject(models.Model):
    """A funeral-facility construction project as listed in a plan (重点项目清单 / 指标表), name verbatim.

    Progress (形象进度) is not a register field: it is an approved manual figure ``project_progress`` entered for
    the project's region with the project's name as subject, so that every figure has its source, evidence and
    approver (DESIGN §5). Status on a date follows the dates: not started before ``started_on``, completed (counts
    as 100%) from ``completed_on`` (竣工验收并投用).
    """

    scope_field = "region__code"

    name = models.CharField(
        _("project name as printed"),
        max_length=200,
        help_text=_("Exactly as in the plan: progress figures are entered under this name."),
    )
    plan = models.ForeignKey(
        "indicators.Plan",
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plan_item = models.CharField(_("number in the plan"), max_length=20, blank=True)
    in_indicator_table = models.BooleanField(
        _("in the plan's indicator table"),
        default=False,
        help_text=_("The plan's indicator table reports this project's progress (南川区 row 10)."),
    )
    nature = models.CharField(_("nature"), max_length=20, choices=ProjectNature.choices, default=ProjectNature.NEW)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where it is built; the county for projects spread over several townships."),
    )
    location = models.CharField(_("site as printed"), max_length=500, blank=True)
    scale = models.TextField(_("scale and content"), blank=True)
    planned_investment = models.DecimalField(
        _("planned investment (10,000 yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    planned_start_year = models.PositiveSmallIntegerField(_("planned start year"), null=True, blank=True)
    planned_end_year = models.PositiveSmallIntegerField(_("planned completion year"), null=True, blank=True)
    started_on = models.DateField(_("construction started on"), null=True, blank=True)
    completed_on = models.DateField(
        _("completed and in use on"), null=True, blank=True, help_text=_("竣工验收并投入使用.")
    )
    remark = models.CharField(_("remark as printed"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ConstructionProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("construction project")
        verbose_name_plural = _("construction projects")
        ordering = ["region_id", "plan_item", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="constructionproject_unique_name",
                violation_error_message=_("A project of this name is already registered here."),
            ),
            models.CheckConstraint(
                condition=Q(planned_end_year__isnull=True)
                | Q(planned_start_year__isnull=True)
                | Q(planned_end_year__gte=models.F("planned_start_year")),
                name="constructionproject_years_ordered",
                violation_error_message=_("The planned completion year is not before the start year."),
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | (Q(started_on__isnull=False) & Q(completed_on__gte=models.F("started_on"))),
                name="constructionproject_completed_after_start",
                violation_error_message=_("A project is completed on or after it started."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funeral:project_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.completed_on and not self.started_on:
            errors["started_on"] = _("Enter when construction started.")
        elif self.completed_on and self.started_on and self.completed_on < self.started_on:
            errors["completed_on"] = _("A project is completed on or after it started.")
        if self.planned_start_year and self.planned_end_year and self.planned_end_year < self.planned_start_year:
            errors["planned_end_year"] = _("The planned completion year is not before the start year.")
        if errors:
            raise ValidationError(errors)

    def status_on(self, as_of: datetime.date) -> str:
        if self.completed_on and self.completed_on <= as_of:
            return ProjectStatus.COMPLETED
        if self.started_on and self.started_on <= as_of:
            return ProjectStatus.UNDER_CONSTRUCTION
        return ProjectStatus.NOT_STARTED

    def status_label_on(self, as_of: datetime.date) -> str:
        return str(ProjectStatus(self.status_on(as_of)).label)

    def latest_progress(self, as_of: datetime.date):
        """The latest approved 形象进度 figure by the date (a ``ManualFigure``), or None."""
        from indicators.registry import manual_figure

        return manual_figure(PROGRESS_FIGURE, self.region, as_of, subject=self.name)

    def progress_fraction(self, as_of: datetime.date, figure=None) -> Decimal:
        """0–1 as the indicator counts it: completed → 1, not started → 0, else the latest figure (none → 0)."""
        status = self.status_on(as_of)
        if status == ProjectStatus.COMPLETED:
            return Decimal(1)
        if status == ProjectStatus.NOT_STARTED:
            return Decimal(0)
        figure = figure if figure is not None else self.latest_progress(as_of)
        if figure is None or figure.value is None:
            return Decimal(0)
        return min(max(Decimal(figure.value), Decimal(0)), Decimal(100)) / Decimal(100)

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}
