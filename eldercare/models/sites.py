"""养老服务场所: elder-care institutions (养老机构) and community facilities, their dated bed and service inventory,
and the quality inspections of institutions.

An institution and a community facility share one base row (``ElderCareSite``) so that one dated inventory table
serves both: the bed totals of the definitions (养老床位总数, 政府运营床位) span institutions and facilities, the
nursing-bed share only institutions. Where a site is is its Region: a village or township, or the county itself
for county-run homes — those count in the county total and in no township (indicators.registry.grouped).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import RegionLevel
from civilaffairs.models import Region
from civilaffairs.scoping import ScopedQuerySet
from eldercare.choices import (
    SERVICE_FUNCTIONS,
    AssessmentKind,
    ClosureReason,
    FacilityType,
    InstitutionType,
    OperationMode,
    Ownership,
    QualityResult,
)

SITE_REGION_LEVELS = (RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)


def open_on_q(as_of: datetime.date, prefix: str = "") -> Q:
    """Opened by ``as_of`` and not closed on it (a site closed today no longer counts today)."""
    return Q(**{f"{prefix}opened_on__lte": as_of}) & (
        Q(**{f"{prefix}closed_on__isnull": True}) | Q(**{f"{prefix}closed_on__gt": as_of})
    )


def site_in_service_q(as_of: datetime.date, prefix: str = "") -> Q:
    """在营 on ``as_of``: open, and for an institution also registered or filed (登记或备案) by that day — one filed
    on the day counts (definition eldercare.nursing_bed_share). ``prefix`` leads from the queried model to the site."""
    institution = f"{prefix}eldercareinstitution"
    return open_on_q(as_of, prefix) & (
        Q(**{f"{institution}__isnull": True}) | Q(**{f"{institution}__filed_on__lte": as_of})
    )


class SiteQuerySet(ScopedQuerySet):
    def in_service_on(self, as_of: datetime.date) -> SiteQuerySet:
        return self.filter(site_in_service_q(as_of))


class ElderCareSite(models.Model):
    """The common part of an institution and a community facility (one row each; never created on its own)."""

    scope_field = "region__code"

    name = models.CharField(_("site name"), max_length=100)
    region = models.ForeignKey(
        Region,
        verbose_name=_("located in"),
        on_delete=models.PROTECT,
        related_name="eldercare_sites",
        help_text=_("The village or township where it is; the county itself for county-run homes."),
    )
    address = models.CharField(_("site address"), max_length=200, blank=True)
    ownership = models.CharField(_("ownership"), max_length=16, choices=Ownership.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(_("reason for closing"), max_length=16, choices=ClosureReason.choices, blank=True)
    medical_integration = models.BooleanField(
        _("integrated medical and elder care"),
        default=False,
        help_text=_("医养结合: on-site medical service or a signed medical partner."),
    )
    medical_partner = models.CharField(_("partner medical institution"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("elder-care site")
        verbose_name_plural = _("elder-care sites")
        ordering = ["region_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="eldercaresite_closed_after_opened",
                violation_error_message=_("A site cannot close before it opened."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | ~Q(closure_reason=""),
                name="eldercaresite_closure_has_reason",
                violation_error_message=_("Give the reason the site closed."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.region_id and self.region.level not in SITE_REGION_LEVELS:
            errors["region"] = _("A site is in a village, a township or (county-run) the county itself.")
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("A site cannot close before it opened.")
        if self.closed_on and not self.closure_reason:
            errors["closure_reason"] = _("Give the reason the site closed.")
        if errors:
            raise ValidationError(errors)

    def is_in_service(self, on: datetime.date) -> bool:
        return self.opened_on <= on and (self.closed_on is None or self.closed_on > on)

    def current_inventory(self, on: datetime.date | None = None) -> ElderCareBedInventory | None:
        on = on or datetime.date.today()
        return self.inventory.filter(effective_on__lte=on).order_by("-effective_on").first()

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class InstitutionQuerySet(SiteQuerySet):
    def in_service_on(self, as_of: datetime.date) -> InstitutionQuerySet:
        return self.filter(open_on_q(as_of), filed_on__lte=as_of)


class ElderCareInstitution(ElderCareSite):
    """养老机构: 社会福利院, 敬老院 (特困人员供养服务设施), 失能特困人员集中照护中心, 乡镇养老服务中心, 民办机构.

    In service (在营) from the day it is registered or filed (登记或备案, 《养老机构管理办法》2020 第九条) until it
    closes; history of beds, operation mode and functions lives in the dated inventory.
    """

    institution_type = models.CharField(_("institution type"), max_length=32, choices=InstitutionType.choices)
    filing_number = models.CharField(_("filing number"), max_length=50, blank=True)
    filed_on = models.DateField(
        _("registered or filed on"),
        null=True,
        blank=True,
        help_text=_("登记或备案日期: the institution counts as in service from this day."),
    )
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    star_rating = models.PositiveSmallIntegerField(
        _("star rating"), null=True, blank=True, help_text=_("养老机构等级评定 (GB/T 37276): 1 to 5 stars.")
    )
    star_rated_on = models.DateField(_("star rating date"), null=True, blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("elder-care institution")
        verbose_name_plural = _("elder-care institutions")
        ordering = ["region_id", "name"]
        permissions = [("import_eldercare", _("Can import elder-care registers"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(star_rating__isnull=True) | Q(star_rating__gte=1, star_rating__lte=5),
                name="eldercareinstitution_star_rating_1_to_5",
                violation_error_message=_("A star rating is 1 to 5 stars."),
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("eldercare:institution_detail", args=[self.pk])

    def is_in_service(self, on: datetime.date) -> bool:
        return super().is_in_service(on) and self.filed_on is not None and self.filed_on <= on

    def clean(self) -> None:
        super().clean()
        if self.star_rating and not self.star_rated_on:
            raise ValidationError({"star_rated_on": _("Give the date of the star rating.")})


class CommunityElderCareFacility(ElderCareSite):
    """社区养老服务设施: community centres and stations, day-care centres, rural mutual-aid points (幸福院).

    Only their residential (托养) beds count in the bed totals; day-care rest beds never do
    (definition eldercare.beds_per_1000_elderly)."""

    facility_type = models.CharField(_("facility type"), max_length=32, choices=FacilityType.choices)
    floor_area = models.DecimalField(_("floor area (m²)"), max_digits=9, decimal_places=1, null=True, blank=True)
    hub = models.ForeignKey(
        ElderCareInstitution,
        verbose_name=_("guided by (中心带站)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guided_facilities",
    )

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("community elder-care facility")
        verbose_name_plural = _("community elder-care facilities")
        ordering = ["region_id", "name"]

    def get_absolute_url(self) -> str:
        return reverse("eldercare:facility_detail", args=[self.pk])


class BedInventoryQuerySet(ScopedQuerySet):
    def current_on(self, as_of: datetime.date) -> BedInventoryQuerySet:
        """The version of each site's inventory in force on ``as_of``: the latest one effective by then."""
        newer = ElderCareBedInventory.objects.filter(
            site=OuterRef("site"), effective_on__gt=OuterRef("effective_on"), effective_on__lte=as_of
        )
        return self.filter(effective_on__lte=as_of).filter(~Exists(newer))

    def of_sites_in_service(self, as_of: datetime.date) -> BedInventoryQuerySet:
        return self.filter(site_in_service_q(as_of, "site__"))

    def of_institutions(self) -> BedInventoryQuerySet:
        return self.filter(site__eldercareinstitution__isnull=False)

    def comprehensive(self, functions: list[str]) -> BedInventoryQuerySet:
        return self.filter(**{f"offers_{name}": True for name in functions})


class ElderCareBedInventory(models.Model):
    """A dated version of a site's beds, operation mode and service functions (床位与服务台账).

    Each version holds from ``effective_on`` until the next one: a count on any date uses the version in force
    then, so history is kept and a past snapshot can be recomputed. Signing a 公建民营 agreement, adding nursing
    beds or dropping 上门服务 are each a new version (definitions eldercare.nursing_bed_share,
    government_operated_bed_share: "以统计日有效的…为准").
    """

    scope_field = "site__region__code"

    site = models.ForeignKey(ElderCareSite, verbose_name=_("site"), on_delete=models.CASCADE, related_name="inventory")
    effective_on = models.DateField(_("in force from"))
    total_beds = models.PositiveIntegerField(
        _("beds"), default=0, help_text=_("Institutions: all beds. Community facilities: residential (托养) beds only.")
    )
    nursing_beds = models.PositiveIntegerField(_("nursing-type beds"), default=0)
    day_rest_beds = models.PositiveIntegerField(
        _("day-care rest beds"), default=0, help_text=_("日间照料休息床: recorded, never counted as elder-care beds.")
    )
    operation_mode = models.CharField(_("operation mode"), max_length=16, choices=OperationMode.choices)
    operator_name = models.CharField(_("operator"), max_length=100, blank=True)
    offers_full_care = models.BooleanField(SERVICE_FUNCTIONS["full_care"], default=False)
    offers_day_care = models.BooleanField(SERVICE_FUNCTIONS["day_care"], default=False)
    offers_home_service = models.BooleanField(SERVICE_FUNCTIONS["home_service"], default=False)
    offers_meals = models.BooleanField(SERVICE_FUNCTIONS["meals"], default=False)
    offers_rehab = models.BooleanField(SERVICE_FUNCTIONS["rehab"], default=False)
    offers_guidance = models.BooleanField(SERVICE_FUNCTIONS["guidance"], default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = BedInventoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("bed and service inventory")
        verbose_name_plural = _("bed and service inventories")
        ordering = ["site_id", "-effective_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "effective_on"],
                name="bedinventory_one_version_per_day",
                violation_error_message=_("This site already has an inventory version from that day."),
            ),
            models.CheckConstraint(
                condition=Q(nursing_beds__lte=models.F("total_beds")),
                name="bedinventory_nursing_within_total",
                violation_error_message=_("Nursing-type beds cannot exceed the beds."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.effective_on:%Y-%m-%d}"

    @property
    def functions(self) -> list[str]:
        return [name for name in SERVICE_FUNCTIONS if getattr(self, f"offers_{name}")]

    @property
    def functions_display(self) -> str:
        return "、".join(str(SERVICE_FUNCTIONS[name]).split("(")[-1].rstrip(")") for name in self.functions)

    def is_comprehensive(self, required: list[str]) -> bool:
        return all(getattr(self, f"offers_{name}") for name in required)

    def clean(self) -> None:
        errors = {}
        if self.nursing_beds > self.total_beds:
            errors["nursing_beds"] = _("Nursing-type beds cannot exceed the beds.")
        if self.site_id:
            site = self.site
            if site.ownership == Ownership.PRIVATE and self.operation_mode != OperationMode.PRIVATE:
                errors["operation_mode"] = _("A privately owned site is privately run.")
            if site.ownership == Ownership.PUBLIC and self.operation_mode == OperationMode.PRIVATE:
                errors["operation_mode"] = _(
                    "A publicly owned site is government-run or run by an operator (公建民营, entrusted, contracted)."
                )
            if self.effective_on and self.effective_on < site.opened_on:
                errors["effective_on"] = _("The inventory cannot take effect before the site opened.")
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.site.region_id}


class QualityAssessmentQuerySet(ScopedQuerySet):
    def latest_result_in_window(self, institution_ref, start: datetime.date, as_of: datetime.date):
        """The result of an institution's latest assessment in [start, as_of] (a subquery); the re-check after
        rectification is the later one and so decides (definition eldercare.institution_quality_compliance_rate)."""
        return (
            self.filter(institution=institution_ref, assessed_on__gte=start, assessed_on__lte=as_of)
            .order_by("-assessed_on", "-pk")
            .values("result")[:1]
        )


class ElderCareQualityAssessment(models.Model):
    """A service-quality inspection or assessment of an institution against 《养老机构服务质量基本规范》
    (GB/T 35796-2017): 达标 / 不达标, score, inspector, rectification."""

    scope_field = "institution__region__code"

    institution = models.ForeignKey(
        ElderCareInstitution, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="assessments"
    )
    assessed_on = models.DateField(_("date of assessment"))
    kind = models.CharField(_("kind"), max_length=16, choices=AssessmentKind.choices, default=AssessmentKind.ANNUAL)
    standard = models.CharField(_("standard"), max_length=100, default="GB/T 35796-2017 养老机构服务质量基本规范")
    result = models.CharField(_("result"), max_length=8, choices=QualityResult.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    inspector = models.CharField(_("inspected by"), max_length=100)
    problems = models.TextField(_("problems found"), blank=True)
    rectification_due_on = models.DateField(_("rectify by"), null=True, blank=True)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = QualityAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality assessment")
        verbose_name_plural = _("quality assessments")
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["institution", "assessed_on"], name="qualityassessment_inst_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="qualityassessment_score_0_100",
                violation_error_message=_("A score is between 0 and 100."),
            ),
            models.UniqueConstraint(
                fields=["institution", "assessed_on", "kind"],
                name="qualityassessment_unique_per_day_kind",
                violation_error_message=_("This assessment is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} {self.assessed_on:%Y-%m-%d} {self.get_result_display()}"

    def get_absolute_url(self) -> str:
        return reverse("eldercare:assessment_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.result == QualityResult.FAIL and not self.problems:
            errors["problems"] = _("Say what fell short of the standard.")
        if self.rectified_on and self.assessed_on and self.rectified_on < self.assessed_on:
            errors["rectified_on"] = _("Rectification cannot precede the assessment.")
        if self.assessed_on and self.assessed_on > datetime.date.today():
            errors["assessed_on"] = _("An assessment cannot be dated in the future.")
        if errors:
            raise ValidationError(errors)

    @property
    def rectification_open(self) -> bool:
        return self.result == QualityResult.FAIL and self.rectified_on is None

    def get_additional_data(self) -> dict:
        return {"region": self.institution.region_id}
