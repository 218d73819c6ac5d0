"""Cremators (火化炉) installed at funeral homes, and their emission tests."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.scoping import ScopedQuerySet
from funeral.choices import CLEAN_FUELS, CREMATION_TYPES, CrematorKind, Fuel

# 《火葬场大气污染物排放标准》 GB 13801-2015: the standard every emission test is measured against.
EMISSION_STANDARD = "GB 13801-2015"


class CrematorQuerySet(ScopedQuerySet):
    def in_use(self, as_of: datetime.date) -> CrematorQuerySet:
        """Commissioned by the date and not decommissioned by it (decommissioned on the date: no longer in use)."""
        return self.filter(commissioned_on__lte=as_of).filter(
            Q(decommissioned_on__isnull=True) | Q(decommissioned_on__gt=as_of)
        )

    def within_service_life(self, as_of: datetime.date) -> CrematorQuerySet:
        """Not past the mandatory scrapping date (强制报废): on the date itself it must already be replaced."""
        return self.filter(scrap_due_on__gt=as_of)


class Cremator(models.Model):
    """A cremator in the 火化车间 of a funeral home or funeral service centre.

    "环保节能型" (``is_eco``) is the design of the unit — clean fuel or a flue-gas treatment system; whether it
    counts in 环保节能火化炉数量 on a date also needs a passed emission test that is not overdue
    (``funeral.selectors.eco_cremators``).
    """

    scope_field = "facility__region__code"

    facility = models.ForeignKey(
        "funeral.FuneralFacility",
        verbose_name=_("funeral home"),
        on_delete=models.PROTECT,
        related_name="cremators",
        limit_choices_to={"facility_type__in": sorted(CREMATION_TYPES)},
    )
    number = models.CharField(
        _("number"), max_length=30, help_text=_("The number used at the funeral home, e.g. 1号炉.")
    )
    kind = models.CharField(_("cremator type"), max_length=20, choices=CrematorKind.choices, default=CrematorKind.FLAT)
    model_name = models.CharField(_("model"), max_length=100, blank=True)
    manufacturer = models.CharField(_("manufacturer"), max_length=100, blank=True)
    fuel = models.CharField(_("fuel"), max_length=20, choices=Fuel.choices)
    has_flue_gas_treatment = models.BooleanField(_("flue-gas treatment installed"), default=False)
    is_eco = models.BooleanField(
        _("eco-friendly, energy-saving type"),
        default=False,
        help_text=_("环保节能型: uses clean energy or has flue-gas treatment."),
    )
    commissioned_on = models.DateField(_("commissioned on"))
    scrap_due_on = models.DateField(
        _("mandatory scrapping date"),
        help_text=_("The date the unit reaches its mandatory scrapping age (强制报废年限), from its documentation."),
    )
    decommissioned_on = models.DateField(_("decommissioned on"), null=True, blank=True)
    decommission_reason = models.CharField(_("reason for decommissioning"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CrematorQuerySet.as_manager()

    class Meta:
        verbose_name = _("cremator")
        verbose_name_plural = _("cremators")
        ordering = ["facility_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "number"],
                name="cremator_unique_number",
                violation_error_message=_("This funeral home already has a cremator with this number."),
            ),
            models.CheckConstraint(
                condition=Q(scrap_due_on__gt=models.F("commissioned_on")),
                name="cremator_scrap_after_commissioning",
                violation_error_message=_("The scrapping date lies after commissioning."),
            ),
            models.CheckConstraint(
                condition=Q(decommissioned_on__isnull=True) | Q(decommissioned_on__gte=models.F("commissioned_on")),
                name="cremator_decommissioned_after_commissioning",
                violation_error_message=_("A cremator is decommissioned on or after its commissioning."),
            ),
            models.CheckConstraint(
                condition=Q(is_eco=False) | Q(has_flue_gas_treatment=True) | Q(fuel__in=sorted(CLEAN_FUELS)),
                name="cremator_eco_needs_clean_fuel_or_treatment",
                violation_error_message=_(
                    "An eco-friendly cremator uses gas or electricity, or has flue-gas treatment installed."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("funeral:cremator_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.facility_id and self.facility.facility_type not in CREMATION_TYPES:
            errors["facility"] = _("Cremators are installed at a funeral home or funeral service centre.")
        if self.commissioned_on and self.scrap_due_on and self.scrap_due_on <= self.commissioned_on:
            errors["scrap_due_on"] = _("The scrapping date lies after commissioning.")
        if self.commissioned_on and self.decommissioned_on and self.decommissioned_on < self.commissioned_on:
            errors["decommissioned_on"] = _("A cremator is decommissioned on or after its commissioning.")
        if self.is_eco and not (self.has_flue_gas_treatment or self.fuel in CLEAN_FUELS):
            errors["is_eco"] = _(
                "An eco-friendly cremator uses gas or electricity, or has flue-gas treatment installed."
            )
        if errors:
            raise ValidationError(errors)

    def in_use_on(self, as_of: datetime.date) -> bool:
        return self.commissioned_on <= as_of and (self.decommissioned_on is None or self.decommissioned_on > as_of)

    def get_additional_data(self) -> dict:
        return {"region": self.facility.region_id}


class CrematorEmissionTest(models.Model):
    """One emission test of a cremator against GB 13801-2015, by an accredited testing body, with its report."""

    scope_field = "cremator__facility__region__code"

    cremator = models.ForeignKey(
        Cremator, verbose_name=_("cremator"), on_delete=models.CASCADE, related_name="emission_tests"
    )
    tested_on = models.DateField(_("tested on"))
    tested_by = models.CharField(_("testing body"), max_length=100)
    report_number = models.CharField(_("report number"), max_length=60)
    standard = models.CharField(_("emission standard"), max_length=60, default=EMISSION_STANDARD)
    passed = models.BooleanField(_("meets the standard"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("emission test")
        verbose_name_plural = _("emission tests")
        ordering = ["cremator_id", "-tested_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["cremator", "report_number"],
                name="emissiontest_unique_report",
                violation_error_message=_("This test report is already recorded for this cremator."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cremator} · {self.tested_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return self.cremator.get_absolute_url()

    def get_additional_data(self) -> dict:
        return {"region": self.cremator.facility.region_id}
