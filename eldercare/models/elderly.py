"""The roster of special-difficulty elderly (特殊困难老年人名册) and their visits (探访关爱记录).

Visits are a high-volume flow (~20 000 elderly visited monthly, five years kept: DESIGN §7). Each visit carries the
village it happened in, so a township's visit list is an index range on (region, date) with no join; the visit
rate looks visits up per roster entry through the (elderly, date) index, never scanning the table.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.models import Person, Region
from civilaffairs.scoping import ScopedQuerySet
from eldercare.choices import ELDERLY_CATEGORIES, DisabilityLevel, RemovalReason, VisitType


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def any_category_q(prefix: str = "") -> Q:
    q = Q()
    for name in ELDERLY_CATEGORIES:
        q |= Q(**{f"{prefix}is_{name}": True})
    return q


class ElderlyPersonQuerySet(ScopedQuerySet):
    def on_roster(self, as_of: datetime.date) -> ElderlyPersonQuerySet:
        """Entries listed by ``as_of`` and not removed on it."""
        return self.filter(listed_on__lte=as_of).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=as_of))

    def at_home_on(self, as_of: datetime.date, min_age: int = 60) -> ElderlyPersonQuerySet:
        """On the roster, living at home, alive and aged ``min_age`` or more on ``as_of``."""
        return (
            self.on_roster(as_of)
            .filter(lives_at_home=True, person__birth_date__lte=years_before(as_of, min_age))
            .filter(Q(person__death_date__isnull=True) | Q(person__death_date__gt=as_of))
        )

    def visited_between(self, start: datetime.date, end: datetime.date, types: list[str]) -> ElderlyPersonQuerySet:
        visits = ElderlyVisit.objects.filter(
            elderly=OuterRef("pk"), visited_on__gte=start, visited_on__lte=end, visit_type__in=types
        )
        return self.filter(Exists(visits))

    def not_visited_between(self, start: datetime.date, end: datetime.date, types: list[str]):
        visits = ElderlyVisit.objects.filter(
            elderly=OuterRef("pk"), visited_on__gte=start, visited_on__lte=end, visit_type__in=types
        )
        return self.filter(~Exists(visits))

    def with_last_visit(self, as_of: datetime.date | None = None) -> ElderlyPersonQuerySet:
        visits = ElderlyVisit.objects.filter(elderly=OuterRef("pk"))
        if as_of is not None:
            visits = visits.filter(visited_on__lte=as_of)
        return self.annotate(last_visited_on=models.Subquery(visits.order_by("-visited_on").values("visited_on")[:1]))


class ElderlyPerson(models.Model):
    """One period on the roster of special-difficulty elderly: listed on a date, removed on a date (death, entering
    an institution, moving away), with the categories that put the person on it. Entering an institution ends the
    at-home entry (``services.elderly_remove``), so the roster answers "who lived at home on date X".

    Where the person lives is the person's village (``Person.region``): that is the township the rate is broken
    down by (definition eldercare.home_elderly_visit_rate: 分乡镇按居住地乡镇).
    """

    scope_field = "person__region__code"

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="eldercare_roster"
    )
    listed_on = models.DateField(_("listed on"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.CharField(_("reason for removal"), max_length=24, choices=RemovalReason.choices, blank=True)
    lives_at_home = models.BooleanField(_("lives at home"), default=True)
    is_living_alone = models.BooleanField(ELDERLY_CATEGORIES["living_alone"], default=False)
    is_empty_nest = models.BooleanField(ELDERLY_CATEGORIES["empty_nest"], default=False)
    is_left_behind = models.BooleanField(ELDERLY_CATEGORIES["left_behind"], default=False)
    is_disabled = models.BooleanField(ELDERLY_CATEGORIES["disabled"], default=False)
    is_severely_disabled = models.BooleanField(ELDERLY_CATEGORIES["severely_disabled"], default=False)
    is_family_planning_special = models.BooleanField(ELDERLY_CATEGORIES["family_planning_special"], default=False)
    disability_level = models.CharField(
        _("disability level"), max_length=16, choices=DisabilityLevel.choices, blank=True
    )
    contact_name = models.CharField(_("family contact"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    visitor_name = models.CharField(
        _("responsible visitor"), max_length=50, blank=True, help_text=_("养老助理, volunteer or village cadre.")
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ElderlyPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("special-difficulty elderly person")
        verbose_name_plural = _("special-difficulty elderly")
        ordering = ["person__region_id", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(removed_on__isnull=True),
                name="elderlyperson_one_open_entry",
                violation_error_message=_("This person is already on the roster."),
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=models.F("listed_on")),
                name="elderlyperson_removed_after_listed",
                violation_error_message=_("Removal cannot precede listing."),
            ),
            models.CheckConstraint(
                condition=any_category_q(),
                name="elderlyperson_has_a_category",
                violation_error_message=_("Tick at least one special-difficulty category."),
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | ~Q(removal_reason=""),
                name="elderlyperson_removal_has_reason",
                violation_error_message=_("Give the reason for removal."),
            ),
        ]
        indexes = [models.Index(fields=["listed_on", "removed_on"], name="elderlyperson_period")]

    def __str__(self) -> str:
        return self.person.name

    def get_absolute_url(self) -> str:
        return reverse("eldercare:elderly_detail", args=[self.pk])

    @property
    def categories(self) -> list[str]:
        return [name for name in ELDERLY_CATEGORIES if getattr(self, f"is_{name}")]

    @property
    def categories_display(self) -> str:
        return "、".join(str(ELDERLY_CATEGORIES[name]).split("(")[-1].rstrip(")") for name in self.categories)

    def clean(self) -> None:
        errors = {}
        if not self.categories:
            errors["is_living_alone"] = _("Tick at least one special-difficulty category.")
        if self.removed_on and self.listed_on and self.removed_on < self.listed_on:
            errors["removed_on"] = _("Removal cannot precede listing.")
        if self.removed_on and not self.removal_reason:
            errors["removal_reason"] = _("Give the reason for removal.")
        if self.person_id and self.listed_on:
            from civilaffairs.conf import county_setting

            min_age = county_setting("elderly_min_age", self.person.region_id)
            if self.person.birth_date > years_before(self.listed_on, min_age):
                errors["person"] = _("Only persons aged %(age)d or over can be listed.") % {"age": min_age}
            if self.person.death_date and self.person.death_date < self.listed_on:
                errors["listed_on"] = _("The person had died before this date.")
        if errors:
            raise ValidationError(errors)

    def is_on_roster(self, on: datetime.date) -> bool:
        return self.listed_on <= on and (self.removed_on is None or self.removed_on > on)

    def get_additional_data(self) -> dict:
        return {"region": self.person.region_id}


class ElderlyVisitQuerySet(ScopedQuerySet):
    def between(self, start: datetime.date, end: datetime.date) -> ElderlyVisitQuerySet:
        return self.filter(visited_on__gte=start, visited_on__lte=end)


class ElderlyVisit(models.Model):
    """One 探访 of a roster entry: who visited, when, how, what they found and what help was given.

    A visit counts towards the rate only with a visitor, findings and assistance recorded (the definition's
    有效探访记录); the form and import require them. One visit of a kind per person per day (double submits).
    """

    scope_field = "region__code"

    elderly = models.ForeignKey(
        ElderlyPerson, verbose_name=_("elderly person"), on_delete=models.CASCADE, related_name="visits"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("village or community"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the person lived when visited (set from the person)."),
    )
    visited_on = models.DateField(_("visited on"))
    visit_type = models.CharField(_("visit type"), max_length=8, choices=VisitType.choices, default=VisitType.HOME)
    visitor_name = models.CharField(_("visitor"), max_length=50)
    findings = models.TextField(_("findings"))
    assistance = models.TextField(_("assistance given"))
    needs_follow_up = models.BooleanField(_("needs follow-up"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ElderlyVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("elderly visit")
        verbose_name_plural = _("elderly visits")
        ordering = ["-visited_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["elderly", "visited_on", "visit_type"],
                name="elderlyvisit_one_per_day_and_type",
                violation_error_message=_("This visit is already recorded."),
            ),
        ]
        indexes = [
            models.Index(fields=["elderly", "visited_on"], name="elderlyvisit_person_date"),
            models.Index(fields=["region", "visited_on"], name="elderlyvisit_region_date"),
            models.Index(fields=["visited_on"], name="elderlyvisit_date"),
        ]

    def __str__(self) -> str:
        return f"{self.elderly} {self.visited_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("eldercare:visit_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.visited_on and self.visited_on > datetime.date.today():
            errors["visited_on"] = _("A visit cannot be dated in the future.")
        if self.elderly_id and self.visited_on and not self.elderly.is_on_roster(self.visited_on):
            errors["visited_on"] = _("The person was not on the roster on that day.")
        for name in ("visitor_name", "findings", "assistance"):
            if not (getattr(self, name) or "").strip():
                errors[name] = _("This field is required for a visit to count.")
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}
