"""Dated assistance standards per county (低保, 特困 basic living and care, 临时救助 cap).

Standards are a dated table, never overwritten: the standard in force for a household on a date is the latest
row of its county, kind and urban/rural status whose ``effective_from`` is on or before that date (DESIGN §4).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.choices import CareTier, StandardKind
from civilaffairs.choices import RegionLevel, UrbanRural
from civilaffairs.models import Region
from civilaffairs.scoping import ScopedQuerySet, scope_prefix


class StandardQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """Standards are public policy: every user sees those of the county (or counties) they work in."""
        prefix = scope_prefix(user)
        if prefix is None:
            return self.none()
        return self.filter(county__code__startswith=prefix[:6])

    def in_force(self, on: datetime.date):
        return self.filter(effective_from__lte=on)


class AssistanceStandard(models.Model):
    """One figure of one county's standard, from a date, with the document (文号) that set it."""

    scope_field = "county__code"

    county = models.ForeignKey(
        Region,
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="assistance_standards",
        limit_choices_to={"level": RegionLevel.COUNTY},
    )
    kind = models.CharField(_("kind"), max_length=16, choices=StandardKind.choices)
    urban_rural = models.CharField(
        _("urban or rural"),
        max_length=8,
        choices=UrbanRural.choices,
        blank=True,
        help_text=_("Empty: the same figure for urban and rural residents."),
    )
    care_tier = models.CharField(_("care tier"), max_length=12, choices=CareTier.choices, blank=True)
    monthly_amount = models.DecimalField(
        _("amount (yuan per person per month)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("For the temporary-assistance cap: yuan per case."),
    )
    printed_yearly_amount = models.DecimalField(
        _("yearly amount as printed (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    effective_from = models.DateField(_("effective from"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo value"), default=False)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("assistance standard")
        verbose_name_plural = _("assistance standards")
        ordering = ["county_id", "kind", "urban_rural", "care_tier", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "kind", "urban_rural", "care_tier", "effective_from"],
                name="standard_unique_per_date",
                violation_error_message=_("This county already has this standard from that date."),
            ),
            models.CheckConstraint(
                condition=models.Q(monthly_amount__gte=0),
                name="standard_amount_not_negative",
                violation_error_message=_("A standard cannot be negative."),
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="tekun_care") & ~models.Q(care_tier=""))
                | (~models.Q(kind="tekun_care") & models.Q(care_tier="")),
                name="standard_care_tier_only_for_care",
                violation_error_message=_("A care tier is given for care standards, and only for them."),
            ),
        ]
        indexes = [models.Index(fields=["county", "kind", "effective_from"], name="standard_lookup_idx")]

    def __str__(self) -> str:
        parts = [str(self.county), self.get_kind_display()]
        if self.urban_rural:
            parts.append(self.get_urban_rural_display())
        if self.care_tier:
            parts.append(self.get_care_tier_display())
        return f"{' '.join(parts)} {self.monthly_amount}（{self.effective_from:%Y-%m-%d}）"

    def get_absolute_url(self) -> str:
        return reverse("assistance:standard_list") + f"?county={self.county_id}"

    def clean(self) -> None:
        if self.county_id and self.county.level != RegionLevel.COUNTY:
            raise ValidationError({"county": _("Standards are set per county.")})

    def get_additional_data(self) -> dict:
        return {"region": self.county_id}


def standard_in_force(
    county_code: str, kind: str, urban_rural: str, on: datetime.date, care_tier: str = ""
) -> AssistanceStandard | None:
    """The standard of ``kind`` in force on ``on`` for a household of the county and urban/rural status.

    A row for the household's own urban/rural status wins over a row for both ("") of the same date; a later row
    for both wins over an earlier specific one (a unified 城乡统筹 standard replaces the separate ones).
    """
    county = county_code[:6] + "000000"
    rows = (
        AssistanceStandard.objects.filter(
            county_id=county,
            kind=kind,
            care_tier=care_tier,
            urban_rural__in=[urban_rural, ""],
            effective_from__lte=on,
        )
        .order_by("-effective_from", "-urban_rural")
        .first()
    )
    return rows
