"""Place names (区划地名): standard names, place-name signs (地名标志) and boundary markers (界桩).

Kept in the core because they hang off the region tree (DESIGN §3); maintained by county staff under
《地名管理条例》 (2022) and 《行政区域界线管理条例》.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import SignCondition
from civilaffairs.conf import county_setting
from civilaffairs.scoping import ScopedQuerySet

from .regions import Region

_lat = [MinValueValidator(-90), MaxValueValidator(90)]
_lng = [MinValueValidator(-180), MaxValueValidator(180)]


class PlaceNameCategory(models.TextChoices):
    NATURAL = "natural", _("Natural feature")
    ADMINISTRATIVE = "administrative", _("Administrative area")
    SETTLEMENT = "settlement", _("Settlement")
    ROAD = "road", _("Road or street")
    BUILDING = "building", _("Building or estate")
    TRANSPORT = "transport", _("Transport facility")
    WATER = "water", _("Water conservancy facility")
    MEMORIAL = "memorial", _("Memorial or scenic site")


class PlaceNameStatus(models.TextChoices):
    STANDARD = "standard", _("Standard")
    HISTORIC = "historic", _("Historic")
    ABOLISHED = "abolished", _("Abolished")


class PlaceName(models.Model):
    scope_field = "region__code"

    name = models.CharField(_("standard name"), max_length=100)
    pinyin = models.CharField(_("romanisation"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=PlaceNameCategory.choices)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="place_names")
    origin = models.TextField(_("origin and meaning"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlaceNameStatus.choices, default=PlaceNameStatus.STANDARD
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_document = models.CharField(_("approval document number"), max_length=100, blank=True)
    is_protected = models.BooleanField(_("on the historic place-name protection list"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("place name")
        verbose_name_plural = _("place names")
        ordering = ["region_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name", "category"],
                condition=models.Q(status="standard"),
                name="placename_unique_standard_name",
                violation_error_message=_("This standard name already exists in the region."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("placename_detail", args=[self.pk])

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class PlaceNameSignQuerySet(ScopedQuerySet):
    def needs_repair(self):
        """Signs to repair or replace: damaged or missing (the home page's to-do and the list filter alike)."""
        return self.filter(condition__in=[SignCondition.DAMAGED, SignCondition.MISSING])


class PlaceNameSign(models.Model):
    """A physical 地名标志 (road sign, village sign…), with where it stands and what state it is in."""

    scope_field = "region__code"

    place_name = models.ForeignKey(
        PlaceName, verbose_name=_("place name"), on_delete=models.PROTECT, related_name="signs"
    )
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="signs")
    code = models.CharField(_("sign number"), max_length=40, blank=True)
    location = models.CharField(_("location"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=_lat
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=_lng
    )
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    condition = models.CharField(
        _("condition"), max_length=10, choices=SignCondition.choices, default=SignCondition.GOOD
    )
    last_inspected_on = models.DateField(_("last inspected on"), null=True, blank=True)
    has_qr_code = models.BooleanField(_("QR-code sign"), default=False)
    note = models.TextField(_("note"), blank=True)

    objects = PlaceNameSignQuerySet.as_manager()

    class Meta:
        verbose_name = _("place-name sign")
        verbose_name_plural = _("place-name signs")
        ordering = ["region_id", "code"]

    def __str__(self) -> str:
        return f"{self.place_name} {self.code}".strip()

    def get_absolute_url(self) -> str:
        return reverse("sign_detail", args=[self.pk])

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class BoundaryLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial boundary")
    COUNTY = "county", _("County boundary")
    TOWNSHIP = "township", _("Township boundary")


def joint_inspection_years(user) -> int:
    """Years between joint boundary inspections in the user's county (five under 《行政区域界线管理条例》)."""
    county = getattr(user, "county", None)
    return county_setting("boundary_joint_inspection_years", county.code if county else None)


def joint_inspection_cutoff(user, on: datetime.date | None = None) -> datetime.date:
    """Markers last jointly inspected before this date are due: one inspection round back from ``on``."""
    on = on or datetime.date.today()
    years = joint_inspection_years(user)
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February, and the year back is not a leap year
        return on.replace(year=on.year - years, day=28)


class BoundaryMarkerQuerySet(ScopedQuerySet):
    def inspection_due(self, cutoff: datetime.date):
        """Markers never jointly inspected, or last inspected before ``cutoff`` (see ``joint_inspection_cutoff``)."""
        never = models.Q(last_joint_inspection_on__isnull=True)
        return self.filter(never | models.Q(last_joint_inspection_on__lt=cutoff))


class BoundaryMarker(models.Model):
    """A 界桩 on an administrative boundary, with the last joint inspection (联检) it passed."""

    scope_field = "region__code"

    number = models.CharField(_("marker number"), max_length=40)
    boundary_name = models.CharField(_("boundary"), max_length=100, help_text=_("e.g. 奉节县—巫山县县界"))
    boundary_level = models.CharField(_("boundary level"), max_length=12, choices=BoundaryLevel.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("maintaining region"), on_delete=models.PROTECT, related_name="boundary_markers"
    )
    location = models.CharField(_("location"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=_lat
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=_lng
    )
    installed_on = models.DateField(_("installed on"), null=True, blank=True)
    condition = models.CharField(
        _("condition"), max_length=10, choices=SignCondition.choices, default=SignCondition.GOOD
    )
    last_joint_inspection_on = models.DateField(_("last joint inspection on"), null=True, blank=True)
    joint_inspection_round = models.PositiveSmallIntegerField(_("joint inspection round"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = BoundaryMarkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("boundary marker")
        verbose_name_plural = _("boundary markers")
        ordering = ["boundary_name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["boundary_name", "number"],
                name="boundarymarker_unique_number",
                violation_error_message=_("This marker number already exists on the boundary."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.boundary_name} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("marker_detail", args=[self.pk])

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}
