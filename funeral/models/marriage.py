"""Marriage registration offices, their 跨省通办 authorisations, and daily registration counts.

No personal data of couples is kept here: individual registrations live in the national 婚姻登记信息系统 (the
system of record, with the certificates and the parties' identities). The indicators need only counts — per
office, day and kind, how many were registered online in real time, how many were 跨省通办 cases and how many
were historic back-entries — so that is what the register holds (docs/decisions/0005-funeral-and-marriage-registers.md).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import RegionLevel
from civilaffairs.models import Region
from civilaffairs.scoping import ScopedQuerySet
from funeral.choices import CrossProvinceBusiness, RegistrationKind


class MarriageOfficeQuerySet(ScopedQuerySet):
    def operating(self, as_of: datetime.date) -> MarriageOfficeQuerySet:
        return self.filter(opened_on__lte=as_of).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))


class MarriageRegistrationOffice(models.Model):
    """A 婚姻登记机关 (the county's 婚姻登记中心, or a 登记处 in a township), as the bureau keeps it.

    The region is where it sits: the county for the county centre (it then counts in the county total, not in a
    township), a township for a township office.
    """

    scope_field = "region__code"

    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        Region,
        verbose_name=_("located in"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": [RegionLevel.COUNTY, RegionLevel.TOWNSHIP]},
    )
    address = models.CharField(_("street address"), max_length=200, blank=True)
    opened_on = models.DateField(_("operating since"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    online_since = models.DateField(
        _("online registration since"),
        null=True,
        blank=True,
        help_text=_("Since when it registers in real time in the national marriage registration system."),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MarriageOfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("marriage registration office")
        verbose_name_plural = _("marriage registration offices")
        ordering = ["region_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="marriageoffice_unique_name",
                violation_error_message=_("An office of this name is already registered here."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="marriageoffice_closed_after_opened",
                violation_error_message=_("An office closes on or after the day it opened."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funeral:office_detail", args=[self.pk])

    def clean(self) -> None:
        if self.region_id and self.region.level not in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP):
            raise ValidationError({"region": _("A marriage registration office sits at the county or a township.")})
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("An office closes on or after the day it opened.")})

    @property
    def online_registration(self) -> bool:
        return self.online_since is not None

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class CrossProvinceQuerySet(ScopedQuerySet):
    def active_on(self, as_of: datetime.date) -> CrossProvinceQuerySet:
        return self.filter(enabled_on__lte=as_of).filter(Q(suspended_on__isnull=True) | Q(suspended_on__gt=as_of))


class CrossProvinceAuthorisation(models.Model):
    """跨省通办 opened at an office for one business (结婚 or 离婚) from a date, by an approving document."""

    scope_field = "office__region__code"

    office = models.ForeignKey(
        MarriageRegistrationOffice,
        verbose_name=_("office"),
        on_delete=models.CASCADE,
        related_name="cross_province",
    )
    business = models.CharField(_("business"), max_length=20, choices=CrossProvinceBusiness.choices)
    enabled_on = models.DateField(_("enabled on"))
    suspended_on = models.DateField(_("suspended or ended on"), null=True, blank=True)
    document = models.CharField(_("approving document"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CrossProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("cross-province service")
        verbose_name_plural = _("cross-province services")
        ordering = ["office_id", "business", "-enabled_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "business", "enabled_on"],
                name="crossprovince_unique_start",
                violation_error_message=_("This service is already recorded as enabled on that day."),
            ),
            models.CheckConstraint(
                condition=Q(suspended_on__isnull=True) | Q(suspended_on__gt=F("enabled_on")),
                name="crossprovince_suspended_after_enabled",
                violation_error_message=_("A service is suspended after it was enabled."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office} · {self.get_business_display()}"

    def get_absolute_url(self) -> str:
        return self.office.get_absolute_url()

    def get_additional_data(self) -> dict:
        return {"region": self.office.region_id}


class RegistrationCountQuerySet(ScopedQuerySet):
    def between(self, start: datetime.date, end: datetime.date) -> RegistrationCountQuerySet:
        return self.filter(date__gte=start, date__lte=end)


class MarriageRegistrationCount(models.Model):
    """How many registrations of one kind an office made on one day, from the national system's statistics.

    ``online``: registered in real time in the national 婚姻登记信息系统 (not entered afterwards);
    ``cross_province``: 跨省通办 cases (a party's 户籍 in another province); ``backfilled``: historic records
    entered (历史数据补录) that day — they are not registrations of that day and count in neither indicator.
    """

    scope_field = "office__region__code"

    office = models.ForeignKey(
        MarriageRegistrationOffice, verbose_name=_("office"), on_delete=models.PROTECT, related_name="counts"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("registration kind"), max_length=30, choices=RegistrationKind.choices)
    total = models.PositiveIntegerField(_("registrations"))
    online = models.PositiveIntegerField(_("registered online in real time"), default=0)
    cross_province = models.PositiveIntegerField(_("cross-province cases"), default=0)
    backfilled = models.PositiveIntegerField(_("historic back-entries"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("daily registration count")
        verbose_name_plural = _("daily registration counts")
        ordering = ["-date", "office_id", "kind"]
        indexes = [models.Index(fields=["office", "date"], name="marriagecount_office_date")]
        permissions = [("import_marriageregistrationcount", _("Can import daily registration counts"))]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "date", "kind"],
                name="marriagecount_one_per_office_day_kind",
                violation_error_message=_("The count of this kind for this office and day is already entered."),
            ),
            models.CheckConstraint(
                condition=Q(online__lte=F("total") - F("backfilled")) & Q(backfilled__lte=F("total")),
                name="marriagecount_online_within_current",
                violation_error_message=_(
                    "Online registrations cannot exceed the registrations of the day less historic back-entries."
                ),
            ),
            models.CheckConstraint(
                condition=Q(cross_province__lte=F("total") - F("backfilled")),
                name="marriagecount_cross_province_within_current",
                violation_error_message=_(
                    "Cross-province cases cannot exceed the registrations of the day less historic back-entries."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office} · {self.date:%Y-%m-%d} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("funeral:count_list") + f"?office={self.office_id}&date_from={self.date:%Y-%m-%d}"

    def clean(self) -> None:
        errors = {}
        total, backfilled = self.total or 0, self.backfilled or 0
        if backfilled > total:
            errors["backfilled"] = _("Historic back-entries cannot exceed the registrations.")
        elif (self.online or 0) > total - backfilled:
            errors["online"] = _(
                "Online registrations cannot exceed the registrations of the day less historic back-entries."
            )
        if (self.cross_province or 0) > total - backfilled and "backfilled" not in errors:
            errors["cross_province"] = _(
                "Cross-province cases cannot exceed the registrations of the day less historic back-entries."
            )
        if self.office_id and self.date:
            office = self.office
            if self.date < office.opened_on or (office.closed_on and self.date >= office.closed_on):
                errors["date"] = _("The office was not operating on that day.")
        if errors:
            raise ValidationError(errors)

    @property
    def current(self) -> int:
        """Registrations of the day itself (not historic back-entries)."""
        return self.total - self.backfilled

    def get_additional_data(self) -> dict:
        return {"region": self.office.region_id}
