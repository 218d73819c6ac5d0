"""Funeral facilities and the dated 火葬区 / 土葬改革区 designation of townships."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import RegionLevel
from civilaffairs.models import Region
from civilaffairs.scoping import ScopedQuerySet
from funeral.choices import (
    ALWAYS_PUBLIC_TYPES,
    CREMATION_TYPES,
    PUBLIC_BURIAL_TYPES,
    BurialZoneKind,
    FacilityType,
)


def in_use_q(as_of: datetime.date, prefix: str = "") -> Q:
    """Opened on or before the date and not closed by it (a facility closed on the as-of date is no longer in use)."""
    return Q(**{f"{prefix}opened_on__lte": as_of}) & (
        Q(**{f"{prefix}closed_on__isnull": True}) | Q(**{f"{prefix}closed_on__gt": as_of})
    )


class FuneralFacilityQuerySet(ScopedQuerySet):
    def in_use(self, as_of: datetime.date) -> FuneralFacilityQuerySet:
        return self.filter(in_use_q(as_of))

    def public_burial(self) -> FuneralFacilityQuerySet:
        """公益性安葬（放）设施: public-welfare cemeteries, columbaria and burial sites; never a 经营性公墓."""
        return self.filter(facility_type__in=sorted(PUBLIC_BURIAL_TYPES), is_public=True)


class FuneralFacility(models.Model):
    """A 殡仪馆, 殡仪服务站, cemetery, columbarium or burial site, where it is and which villages it serves.

    The region is where the facility stands: the county for county-run facilities without a fixed township
    (they then count in the county total but in no township), else the township or village. ``served_villages``
    is the registered service area (服务范围): the village-level coverage indicator counts a village when a facility
    stands in it or lists it. The service area is the current one; a change of area is an edit, audited.
    """

    scope_field = "region__code"

    name = models.CharField(_("name"), max_length=100)
    facility_type = models.CharField(_("type"), max_length=30, choices=FacilityType.choices)
    is_public = models.BooleanField(
        _("public-welfare"),
        default=True,
        help_text=_("公益性: run for the public benefit, graves not sold for profit. A commercial cemetery is not."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("located in"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The village or community where it stands; the county for county-wide facilities."),
    )
    address = models.CharField(_("street address"), max_length=200, blank=True)
    operator = models.CharField(_("operated by"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity (graves or niches)"), null=True, blank=True, help_text=_("墓位 or 格位 planned in total.")
    )
    occupied = models.PositiveIntegerField(_("graves or niches used"), null=True, blank=True)
    area_mu = models.DecimalField(_("area (mu)"), max_digits=9, decimal_places=2, null=True, blank=True)
    opened_on = models.DateField(
        _("in use since"), null=True, blank=True, help_text=_("Leave empty while planned or under construction.")
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    project = models.ForeignKey(
        "funeral.ConstructionProject",
        verbose_name=_("construction project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilities",
    )
    served_villages = models.ManyToManyField(
        Region,
        verbose_name=_("villages and communities served"),
        blank=True,
        related_name="+",
        limit_choices_to={"level": RegionLevel.VILLAGE},
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FuneralFacilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("funeral facility")
        verbose_name_plural = _("funeral facilities")
        ordering = ["region_id", "facility_type", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="funeralfacility_unique_name_in_region",
                violation_error_message=_("A facility of this name is already registered in this place."),
            ),
            models.CheckConstraint(
                condition=~Q(facility_type=FacilityType.COMMERCIAL_CEMETERY) | Q(is_public=False),
                name="funeralfacility_commercial_not_public",
                violation_error_message=_("A commercial cemetery cannot be public-welfare."),
            ),
            models.CheckConstraint(
                condition=~Q(facility_type__in=sorted(ALWAYS_PUBLIC_TYPES)) | Q(is_public=True),
                name="funeralfacility_public_types_public",
                violation_error_message=_("Public-welfare cemeteries and rural burial sites are public-welfare."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | (Q(opened_on__isnull=False) & Q(closed_on__gte=models.F("opened_on"))),
                name="funeralfacility_closed_after_opened",
                violation_error_message=_("A facility closes on or after the day it opened."),
            ),
            models.CheckConstraint(
                condition=Q(occupied__isnull=True) | Q(capacity__isnull=True) | Q(occupied__lte=models.F("capacity")),
                name="funeralfacility_occupied_within_capacity",
                violation_error_message=_("More graves or niches are used than the facility has."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funeral:facility_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.facility_type == FacilityType.COMMERCIAL_CEMETERY and self.is_public:
            errors["is_public"] = _("A commercial cemetery cannot be public-welfare.")
        if self.facility_type in ALWAYS_PUBLIC_TYPES and not self.is_public:
            errors["is_public"] = _("Public-welfare cemeteries and rural burial sites are public-welfare.")
        if self.closed_on and not self.opened_on:
            errors["closed_on"] = _("Enter when the facility came into use before closing it.")
        elif self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("A facility closes on or after the day it opened.")
        if self.capacity is not None and self.occupied is not None and self.occupied > self.capacity:
            errors["occupied"] = _("More graves or niches are used than the facility has.")
        if self.region_id and self.region.level not in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
            errors["region"] = _("Choose the county, a township or a village.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public_burial(self) -> bool:
        return self.is_public and self.facility_type in PUBLIC_BURIAL_TYPES

    @property
    def hosts_cremators(self) -> bool:
        return self.facility_type in CREMATION_TYPES

    def in_use_on(self, as_of: datetime.date) -> bool:
        return bool(self.opened_on and self.opened_on <= as_of and (self.closed_on is None or self.closed_on > as_of))

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class BurialZoneQuerySet(ScopedQuerySet):
    def current_on(self, as_of: datetime.date) -> BurialZoneQuerySet:
        return self.filter(valid_from__lte=as_of).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=as_of))


class BurialZone(models.Model):
    """A township's designation as 火葬区 or 土葬改革区 from a date, by the county government's decision.

    《殡葬管理条例》第四条: the zones are proposed by the county and approved by the provincial government; the
    plans ask to "依法调整优化火葬区和土葬改革区" (渠县 第三章第三节; 民乐 completed the adjustment in 2022). A new
    designation of a township ends the previous one on its first day (``funeral.services.burial_zone_designate``).
    """

    scope_field = "township__code"

    township = models.ForeignKey(
        Region,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": RegionLevel.TOWNSHIP},
    )
    kind = models.CharField(_("zone"), max_length=20, choices=BurialZoneKind.choices)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True, help_text=_("The first day no longer valid."))
    document = models.CharField(
        _("approving document"), max_length=200, help_text=_("The government decision and its number.")
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = BurialZoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("burial zone designation")
        verbose_name_plural = _("burial zone designations")
        ordering = ["township_id", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["township", "valid_from"],
                name="burialzone_one_per_township_and_day",
                violation_error_message=_("This township already has a designation starting on that day."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="burialzone_valid_to_after_from",
                violation_error_message=_("A designation ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.township} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("funeral:zone_detail", args=[self.pk])

    def get_additional_data(self) -> dict:
        return {"region": self.township_id}
