"""A small register of social welfare institutions (社会福利机构) kept by county staff.

It exists for the plan rows that count them, first 渠县's "力争新建一个精神卫生福利机构" (definition
assistance.new_mental_health_welfare_institutions): type, how it came about (new, rebuilt, renamed), when it opened
(建成投用) and closed. An institution under construction has no opening date yet and shows its progress.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assistance.choices import WelfareInstitutionOrigin, WelfareInstitutionType
from civilaffairs.choices import RegionLevel
from civilaffairs.models import Region
from civilaffairs.scoping import ScopedQuerySet


class WelfareInstitutionQuerySet(ScopedQuerySet):
    def in_service_on(self, on: datetime.date):
        return self.filter(opened_on__lte=on).filter(models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=on))


class WelfareInstitution(models.Model):
    """One institution: county-run ones point at the county region, township-run ones at their township."""

    scope_field = "region__code"

    name = models.CharField(pgettext_lazy("institution", "name"), max_length=100)
    region = models.ForeignKey(
        Region,
        verbose_name=_("county or township"),
        on_delete=models.PROTECT,
        related_name="welfare_institutions",
        limit_choices_to={"level__in": [RegionLevel.COUNTY, RegionLevel.TOWNSHIP]},
    )
    institution_type = models.CharField(_("institution type"), max_length=20, choices=WelfareInstitutionType.choices)
    origin = models.CharField(_("how it came about"), max_length=10, choices=WelfareInstitutionOrigin.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    beds = models.PositiveIntegerField(_("beds"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True, help_text=_("Empty while under construction."))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    construction_progress = models.PositiveSmallIntegerField(
        _("construction progress (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.TextField(pgettext_lazy("assistance", "note"), blank=True)
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

    objects = WelfareInstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("welfare institution")
        verbose_name_plural = _("welfare institutions")
        ordering = ["region_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | (models.Q(opened_on__isnull=False) & models.Q(closed_on__gte=models.F("opened_on"))),
                name="welfareinstitution_closes_after_opening",
                violation_error_message=_("An institution closes after it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assistance:institution_detail", args=[self.pk])

    def clean(self) -> None:
        if self.region_id and self.region.level not in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP):
            raise ValidationError({"region": _("Choose the county or the township that runs it.")})
        if self.closed_on and (not self.opened_on or self.closed_on < self.opened_on):
            raise ValidationError({"closed_on": _("An institution closes after it opens.")})
        if self.opened_on and self.opened_on > datetime.date.today():
            raise ValidationError({"opened_on": _("The opening date cannot be in the future.")})

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}
