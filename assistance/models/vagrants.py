"""流浪乞讨人员救助 cases (《城市生活无着的流浪乞讨人员救助管理办法》, 2003): intake, identity, how the person left.

The assistance station (救助站) is county-level: a case points at the township where the person was found (or asked for
help), or at the county itself when the place is not a township of the county (the station's own door, a higher
station's referral). Cases handled by a higher-level station are recorded too when the person was found in, or comes
from, the county (民乐 has no station of its own: notes/003.md; definition assistance.vagrant_return_rate).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assistance.choices import IdentityMethod, VagrantFoundBy, VagrantHandledBy, VagrantOutcome
from civilaffairs.choices import RegionLevel, Sex
from civilaffairs.models import Person, Region
from civilaffairs.scoping import ScopedQuerySet


class VagrantCaseQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def closed_between(self, start, end):
        return self.filter(closed_on__gte=start, closed_on__lte=end)


class VagrantCase(models.Model):
    """One episode of assistance (人次): a person assisted twice in a year is two cases."""

    scope_field = "region__code"

    region = models.ForeignKey(
        Region,
        verbose_name=_("found in (township or county)"),
        on_delete=models.PROTECT,
        related_name="vagrant_cases",
        limit_choices_to={"level__in": [RegionLevel.TOWNSHIP, RegionLevel.COUNTY]},
    )
    intake_on = models.DateField(_("taken in on"))
    intake_place = models.CharField(_("where found"), max_length=200)
    found_by = models.CharField(_("how found"), max_length=10, choices=VagrantFoundBy.choices)
    handled_by = models.CharField(
        _("handled by"), max_length=10, choices=VagrantHandledBy.choices, default=VagrantHandledBy.COUNTY_STATION
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person (once identified)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vagrant_cases",
    )
    stated_name = models.CharField(_("name as stated"), max_length=50, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    estimated_age = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("For an unidentified person: appearance, clothing, marks, speech.")
    )
    is_minor = models.BooleanField(_("minor"), default=False)
    identity_established = models.BooleanField(_("identity established"), default=False)
    identity_on = models.DateField(_("identity established on"), null=True, blank=True)
    identity_method = models.CharField(
        _("how the identity was established"), max_length=10, choices=IdentityMethod.choices, blank=True
    )
    home_place = models.CharField(_("place of household registration"), max_length=200, blank=True)
    outcome = models.CharField(_("how the case ended"), max_length=16, choices=VagrantOutcome.choices, blank=True)
    outcome_on = models.DateField(_("left the station on"), null=True, blank=True)
    destination = models.CharField(
        _("destination"), max_length=200, blank=True, help_text=_("Home address, receiving institution or station.")
    )
    closed_on = models.DateField(_("case closed on"), null=True, blank=True)
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

    objects = VagrantCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("vagrant assistance case")
        verbose_name_plural = _("vagrant assistance cases")
        ordering = ["-intake_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(identity_established=False)
                | (models.Q(identity_on__isnull=False) & ~models.Q(identity_method="")),
                name="vagrantcase_identity_has_date_and_method",
                violation_error_message=_("An established identity needs the date and the method."),
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | (~models.Q(outcome="") & models.Q(outcome_on__isnull=False)),
                name="vagrantcase_closed_has_outcome",
                violation_error_message=_("A closed case says how and when the person left."),
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_on__isnull=True) | models.Q(outcome_on__gte=models.F("intake_on")),
                name="vagrantcase_leaves_after_intake",
                violation_error_message=_("A person cannot leave before being taken in."),
            ),
        ]
        indexes = [models.Index(fields=["closed_on"], name="vagrantcase_closed_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.display_name}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:vagrant_detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"LQ-{self.region_id[:6]}-{self.intake_on.year if self.intake_on else 0}-{self.pk or 0:05d}"

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.name
        return self.stated_name or str(_("unidentified"))

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.region_id and self.region.level not in (RegionLevel.TOWNSHIP, RegionLevel.COUNTY):
            errors["region"] = [_("Choose the township where the person was found, or the county.")]
        if self.identity_established:
            if not self.identity_on:
                errors.setdefault("identity_on", []).append(_("Give the date the identity was established."))
            if not self.identity_method:
                errors.setdefault("identity_method", []).append(_("Say how the identity was established."))
            if self.identity_on and self.intake_on and self.identity_on < self.intake_on:
                errors.setdefault("identity_on", []).append(_("The identity cannot be established before intake."))
        elif self.identity_on or self.identity_method:
            errors.setdefault("identity_established", []).append(
                _("Tick “identity established” when giving its date and method.")
            )
        if not self.person_id and not (self.stated_name or self.description):
            errors.setdefault("description", []).append(
                _("For a person not yet identified, give the name as stated or a description.")
            )
        if self.outcome and not self.outcome_on:
            errors.setdefault("outcome_on", []).append(_("Give the date the person left."))
        if self.outcome_on and self.intake_on and self.outcome_on < self.intake_on:
            errors.setdefault("outcome_on", []).append(_("A person cannot leave before being taken in."))
        if self.closed_on and not self.outcome:
            errors.setdefault("outcome", []).append(_("A closed case says how the person left."))
        if self.closed_on and self.outcome_on and self.closed_on < self.outcome_on:
            errors.setdefault("closed_on", []).append(_("The case closes on or after the day the person left."))
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}
