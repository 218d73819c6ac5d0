"""城乡社区综合服务设施, 志愿服务站点, 公共服务综合信息平台接入 and 农村社区建设认定 — the village-level registers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import RegionKind, RegionLevel
from civilaffairs.models import Region
from community.choices import FacilityKind, FacilityTenure, Platform

from .base import LOCAL_LEVELS, VILLAGE_LEVELS, DatedQuerySet, check_region_level, end_after_start, not_in_future


class FacilityQuerySet(DatedQuerySet):
    start_field, end_field = "opened_on", "closed_on"


class CommunityServiceFacility(models.Model):
    """A 城乡社区综合服务设施 (党群服务中心 / 便民服务中心) in a village or community.

    It counts from the day it is handed over for use (``opened_on``); planned or unfinished buildings have no
    ``opened_on`` and count nowhere (definition ``community.facility_area_per_100_households``). One building
    may serve several villages (``served_villages``): its area still counts once, in the village where it stands.
    """

    scope_field = "village__code"

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=24, choices=FacilityKind.choices)
    village = models.ForeignKey(
        Region,
        verbose_name=_("village or community where it stands"),
        on_delete=models.PROTECT,
        related_name="comm_community_facilities",
        limit_choices_to={"level": RegionLevel.VILLAGE},
    )
    served_villages = models.ManyToManyField(
        Region,
        verbose_name=_("other villages or communities served"),
        blank=True,
        related_name="comm_served_by_facilities",
        limit_choices_to={"level": RegionLevel.VILLAGE},
        help_text=_("Only where the facility also serves villages other than its own."),
    )
    address = models.CharField(_("site address"), max_length=200, blank=True)
    building_area_m2 = models.DecimalField(
        _("building area (m²)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(1)]
    )
    tenure = models.CharField(_("tenure"), max_length=12, choices=FacilityTenure.choices, default=FacilityTenure.OWNED)
    has_service_hall = models.BooleanField(_("convenience service hall"), default=True)
    has_committee_office = models.BooleanField(_("committee office and meeting room"), default=True)
    has_social_org_room = models.BooleanField(_("room for social organisations"), default=False)
    has_activity_room = models.BooleanField(_("residents' activity room"), default=False)
    other_functions = models.CharField(_("other functions"), max_length=200, blank=True)
    opened_on = models.DateField(
        _("in use since"), null=True, blank=True, help_text=_("Leave empty while planned or under construction.")
    )
    closed_on = models.DateField(_("out of use since"), null=True, blank=True)
    investment_yuan = models.DecimalField(
        _("investment (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FacilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("community service facility")
        verbose_name_plural = _("community service facilities")
        ordering = ["village_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(building_area_m2__gt=0),
                name="comm_facility_area_positive",
                violation_error_message=_("The building area must be more than zero."),
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(opened_on__isnull=False),
                name="comm_facility_closed_needs_opened",
                violation_error_message=_("A facility that was never in use cannot be closed; delete the plan."),
            ),
            end_after_start(
                "opened_on", "closed_on", "comm_facility_closed_after_opened", _("It cannot close before it opened.")
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:facility_detail", args=[self.pk])

    def clean(self) -> None:
        check_region_level(self.village if self.village_id else None, VILLAGE_LEVELS, "village", _not_village())
        not_in_future(self.opened_on, "opened_on")

    def get_additional_data(self) -> dict:
        return {"region": self.village_id}


def _not_village():
    return _("Choose a village or community, not a township.")


class VolunteerStationQuerySet(DatedQuerySet):
    start_field, end_field = "established_on", "closed_on"


class VolunteerStation(models.Model):
    """A 志愿服务站点. Stations inside a community facility make that facility count as "with a station"."""

    scope_field = "region__code"

    name = models.CharField(_("name"), max_length=100)
    facility = models.ForeignKey(
        CommunityServiceFacility,
        verbose_name=_("community service facility"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comm_volunteer_stations",
        help_text=_("The community facility that houses the station, if any."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("village, community or township"),
        on_delete=models.PROTECT,
        related_name="comm_volunteer_stations",
        help_text=_("Filled in from the facility when one is chosen."),
    )
    established_on = models.DateField(_("set up on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    operator = models.CharField(_("run by"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VolunteerStationQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer service station")
        verbose_name_plural = _("volunteer service stations")
        ordering = ["region_id", "name"]
        constraints = [
            end_after_start(
                "established_on",
                "closed_on",
                "comm_station_closed_after_established",
                _("It cannot close before it opened."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:station_detail", args=[self.pk])

    def clean(self) -> None:
        if self.facility_id:
            self.region = self.facility.village
        if not self.region_id:
            raise ValidationError({"region": _("Choose the facility or the place of the station.")})
        check_region_level(self.region, LOCAL_LEVELS, "region", _("Choose a township, village or community."))
        not_in_future(self.established_on, "established_on")

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class PlatformAccessQuerySet(DatedQuerySet):
    start_field, end_field = "connected_on", "disconnected_on"


class CommunityPlatformAccess(models.Model):
    """A village's or community's connection to a 公共服务综合信息平台 (the committee's account, not a building's)."""

    scope_field = "village__code"

    village = models.ForeignKey(
        Region,
        verbose_name=_("village or community"),
        on_delete=models.PROTECT,
        related_name="comm_platform_accesses",
        limit_choices_to={"level": RegionLevel.VILLAGE},
    )
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    platform_name = models.CharField(
        _("platform name"), max_length=100, blank=True, help_text=_("e.g. 重庆市智慧社区一体化管理服务平台")
    )
    account = models.CharField(_("account"), max_length=60, blank=True)
    connected_on = models.DateField(_("connected on"))
    disconnected_on = models.DateField(_("disconnected on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PlatformAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("information platform access")
        verbose_name_plural = _("information platform accesses")
        ordering = ["village_id", "platform"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "platform"],
                condition=models.Q(disconnected_on__isnull=True),
                name="comm_platform_access_one_open_per_village",
                violation_error_message=_("This village is already connected to this platform."),
            ),
            end_after_start(
                "connected_on",
                "disconnected_on",
                "comm_platform_access_end_after_start",
                _("It cannot be disconnected before it was connected."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} · {self.platform_name or self.get_platform_display()}"

    def get_absolute_url(self) -> str:
        return reverse("community:platform_detail", args=[self.pk])

    def clean(self) -> None:
        check_region_level(self.village if self.village_id else None, VILLAGE_LEVELS, "village", _not_village())
        not_in_future(self.connected_on, "connected_on")

    def get_additional_data(self) -> dict:
        return {"region": self.village_id}


class DesignationQuerySet(DatedQuerySet):
    start_field, end_field = "designated_on", "revoked_on"


class RuralCommunityDesignation(models.Model):
    """农村社区建设 recognition of an administrative village (达标认定), by a dated document; only recognised
    villages count — being on the year's plan is not enough (南川区 plan row 16)."""

    scope_field = "village__code"

    village = models.ForeignKey(
        Region,
        verbose_name=_("administrative village"),
        on_delete=models.PROTECT,
        related_name="comm_rural_community_designations",
        limit_choices_to={"level": RegionLevel.VILLAGE, "kind": RegionKind.VILLAGE},
    )
    designated_on = models.DateField(_("recognised on"))
    document_number = models.CharField(_("document number"), max_length=100)
    criteria = models.TextField(_("criteria met"), blank=True, help_text=_("The standard applied and how it was met."))
    is_demonstration = models.BooleanField(_("demonstration village"), default=False)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revocation"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DesignationQuerySet.as_manager()

    class Meta:
        verbose_name = _("rural community recognition")
        verbose_name_plural = _("rural community recognitions")
        ordering = ["village_id", "-designated_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["village"],
                condition=models.Q(revoked_on__isnull=True),
                name="comm_designation_one_open_per_village",
                violation_error_message=_("This village already has a recognition in force."),
            ),
            end_after_start(
                "designated_on",
                "revoked_on",
                "comm_designation_revoked_after",
                _("It cannot be revoked before it was made."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} · {self.document_number}"

    def get_absolute_url(self) -> str:
        return reverse("community:designation_detail", args=[self.pk])

    def clean(self) -> None:
        if self.village_id and (self.village.level != RegionLevel.VILLAGE or self.village.kind != RegionKind.VILLAGE):
            raise ValidationError({"village": _("Only an administrative village (村) can be recognised.")})
        not_in_future(self.designated_on, "designated_on")
        if self.revoked_on and not self.revoke_reason:
            raise ValidationError({"revoke_reason": _("Give the reason for the revocation.")})

    def get_additional_data(self) -> dict:
        return {"region": self.village_id}
