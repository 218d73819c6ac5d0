"""Child-welfare registers: minor-protection stations and points, the county's child-welfare and minor rescue
institutions, and the 儿童督导员 / 儿童主任 roster.

Stations are stock records with established / closed dates and a dated 示范 recognition, so a coverage on any
date is recomputable (definitions childwelfare.township_minor_protection_station_coverage and
childwelfare.minor_protection_model_site_coverage).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from childwelfare.choices import VILLAGE_KINDS, InstitutionKind, StationKind, WorkerRole
from civilaffairs.choices import RegionLevel
from civilaffairs.models import Person, Region
from civilaffairs.scoping import ScopedQuerySet


def open_on_q(as_of: datetime.date, start: str, end: str, prefix: str = "") -> Q:
    return Q(**{f"{prefix}{start}__lte": as_of}) & (
        Q(**{f"{prefix}{end}__isnull": True}) | Q(**{f"{prefix}{end}__gt": as_of})
    )


class StationQuerySet(ScopedQuerySet):
    def open_on(self, as_of: datetime.date) -> StationQuerySet:
        """Established by ``as_of`` and not closed (撤销) on it."""
        return self.filter(open_on_q(as_of, "established_on", "closed_on"))

    def model_on(self, as_of: datetime.date) -> StationQuerySet:
        """Open and recognised as 示范站 / 示范点 on ``as_of`` (recognised by then, not revoked)."""
        return self.open_on(as_of).filter(open_on_q(as_of, "model_recognised_on", "model_revoked_on"), is_model=True)


class MinorProtectionStation(models.Model):
    """未成年人保护工作站 in a township, or a village-level point / 儿童之家; may be recognised as 示范.

    A township that only designated a 工作专干 without a station has no row here and does not count (plan notes
    fengjie-14#11, minle-14#9)."""

    scope_field = "region__code"

    name = models.CharField(_("site name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=StationKind.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("township or village"), on_delete=models.PROTECT, related_name="minor_protection_sites"
    )
    established_on = models.DateField(_("established on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    staff_count = models.PositiveSmallIntegerField(_("staff"), default=0)
    staff_names = models.CharField(_("staff names"), max_length=200, blank=True)
    address = models.CharField(_("site address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_model = models.BooleanField(_("model site (示范)"), default=False)
    model_recognised_on = models.DateField(_("recognised as model on"), null=True, blank=True)
    model_recognised_by = models.CharField(_("recognised by"), max_length=100, blank=True)
    model_revoked_on = models.DateField(_("model status revoked on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("minor-protection station")
        verbose_name_plural = _("minor-protection stations")
        ordering = ["region_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("established_on")),
                name="station_closed_after_established",
                violation_error_message=_("A station cannot close before it was established."),
            ),
            models.CheckConstraint(
                condition=Q(is_model=False) | Q(model_recognised_on__isnull=False),
                name="station_model_has_date",
                violation_error_message=_("Give the date the site was recognised as a model."),
            ),
            models.CheckConstraint(
                condition=Q(model_revoked_on__isnull=True)
                | (Q(model_recognised_on__isnull=False) & Q(model_revoked_on__gte=models.F("model_recognised_on"))),
                name="station_model_revoked_after_recognised",
                violation_error_message=_("Model status cannot be revoked before it was recognised."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("childwelfare:station_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.region_id and self.kind:
            level = self.region.level
            if self.kind == StationKind.TOWNSHIP_STATION and level != RegionLevel.TOWNSHIP:
                errors["region"] = _("A township station belongs to a township.")
            if self.kind in VILLAGE_KINDS and level != RegionLevel.VILLAGE:
                errors["region"] = _("A village point or children's home belongs to a village or community.")
        if self.closed_on and self.established_on and self.closed_on < self.established_on:
            errors["closed_on"] = _("A station cannot close before it was established.")
        if self.is_model and not self.model_recognised_on:
            errors["model_recognised_on"] = _("Give the date the site was recognised as a model.")
        if self.model_recognised_on and self.established_on and self.model_recognised_on < self.established_on:
            errors["model_recognised_on"] = _("A site is recognised as a model only after it was established.")
        if self.model_revoked_on and (not self.model_recognised_on or self.model_revoked_on < self.model_recognised_on):
            errors["model_revoked_on"] = _("Model status cannot be revoked before it was recognised.")
        if errors:
            raise ValidationError(errors)

    def is_open(self, on: datetime.date) -> bool:
        return self.established_on <= on and (self.closed_on is None or self.closed_on > on)

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class ChildWelfareInstitutionQuerySet(ScopedQuerySet):
    def open_on(self, as_of: datetime.date):
        return self.filter(open_on_q(as_of, "opened_on", "closed_on"))

    def rescue_on(self, as_of: datetime.date):
        """Running as a 未成年人救助保护机构 on ``as_of``: open, and approved or plated as such by then."""
        return self.open_on(as_of).filter(rescue_function_since__lte=as_of)


class ChildWelfareInstitution(models.Model):
    """A county's 儿童福利院 or 未成年人救助保护中心 (or a 儿童福利院 that took on the plate).

    ``rescue_function_since`` is the date it was approved or plated as a minor rescue and protection institution
    (definition childwelfare.minor_rescue_institution_coverage: 以批准设立或挂牌日期为准)."""

    scope_field = "region__code"

    name = models.CharField(_("site name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=InstitutionKind.choices)
    region = models.ForeignKey(Region, verbose_name=_("located in"), on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    rescue_function_since = models.DateField(
        _("minor rescue and protection since"),
        null=True,
        blank=True,
        help_text=_("批准设立或挂牌 as a 未成年人救助保护机构."),
    )
    approval_document = models.CharField(_("approval document"), max_length=100, blank=True)
    beds = models.PositiveIntegerField(_("beds"), default=0)
    address = models.CharField(_("site address"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ChildWelfareInstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("child-welfare institution")
        verbose_name_plural = _("child-welfare institutions")
        ordering = ["region_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="childinstitution_closed_after_opened",
                violation_error_message=_("An institution cannot close before it opened."),
            ),
            models.CheckConstraint(
                condition=Q(kind=InstitutionKind.CHILD_WELFARE) | Q(rescue_function_since__isnull=False),
                name="childinstitution_rescue_has_date",
                violation_error_message=_("Give the date it was approved or plated as a minor rescue institution."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=InstitutionKind.CHILD_WELFARE) | Q(rescue_function_since__isnull=True),
                name="childinstitution_plain_welfare_has_no_rescue_date",
                violation_error_message=_(
                    "A child welfare institution with a rescue date is one also designated a rescue centre."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("childwelfare:institution_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.region_id and self.region.level not in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
            errors["region"] = _("An institution is in the county, a township or a village.")
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("An institution cannot close before it opened.")
        if self.kind != InstitutionKind.CHILD_WELFARE and not self.rescue_function_since:
            errors["rescue_function_since"] = _(
                "Give the date it was approved or plated as a minor rescue institution."
            )
        if self.kind == InstitutionKind.CHILD_WELFARE and self.rescue_function_since:
            errors["kind"] = _("A child welfare institution with a rescue date is one also designated a rescue centre.")
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class ChildWorkerQuerySet(ScopedQuerySet):
    def serving_on(self, as_of: datetime.date):
        return self.filter(open_on_q(as_of, "appointed_on", "left_on"))


class ChildWorker(models.Model):
    """An appointment as 儿童督导员 (township) or 儿童主任 (village), with the training the plans track
    (参训率 100%: notes/000.md §3 #38, notes/003.md §4.3)."""

    scope_field = "region__code"

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="child_worker_posts"
    )
    role = models.CharField(_("post"), max_length=12, choices=WorkerRole.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("township or village"), on_delete=models.PROTECT, related_name="+"
    )
    appointed_on = models.DateField(_("appointed on"))
    left_on = models.DateField(_("left the post on"), null=True, blank=True)
    trained_on = models.DateField(_("induction training on"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ChildWorkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("child supervisor or director")
        verbose_name_plural = _("child supervisors and directors")
        ordering = ["region_id", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(left_on__isnull=True),
                name="childworker_one_open_post_per_role",
                violation_error_message=_("This person already holds this post."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("appointed_on")),
                name="childworker_left_after_appointed",
                violation_error_message=_("Leaving cannot precede the appointment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.get_role_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("childwelfare:worker_detail", args=[self.pk])

    @property
    def trained(self) -> bool:
        return self.trained_on is not None

    def clean(self) -> None:
        errors = {}
        if self.region_id and self.role:
            level = self.region.level
            if self.role == WorkerRole.SUPERVISOR and level != RegionLevel.TOWNSHIP:
                errors["region"] = _("A child supervisor serves a township.")
            if self.role == WorkerRole.DIRECTOR and level != RegionLevel.VILLAGE:
                errors["region"] = _("A child director serves a village or community.")
        if self.left_on and self.appointed_on and self.left_on < self.appointed_on:
            errors["left_on"] = _("Leaving cannot precede the appointment.")
        if self.trained_on and self.trained_on > datetime.date.today():
            errors["trained_on"] = _("Training cannot be dated in the future.")
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}
