"""The region tree and yearly region statistics (the denominators no register holds)."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import PREFIX_LENGTH, RegionKind, RegionLevel, UrbanRural
from civilaffairs.scoping import ScopedQuerySet

code_validator = RegexValidator(r"^\d{12}$", _("A division code has exactly 12 digits."))


class RegionQuerySet(ScopedQuerySet):
    def townships(self):
        return self.filter(level=RegionLevel.TOWNSHIP)

    def villages(self):
        return self.filter(level=RegionLevel.VILLAGE)

    def active(self):
        return self.filter(abolished_on__isnull=True)

    def for_user_with_ancestors(self, user):
        """The user's jurisdiction and the regions above it (the breadcrumb path to it), nothing beside it.

        The region pages show what the user works on: another county's tree and its statistics stay hidden.
        """
        scoped = self.for_user(user)
        jurisdiction = getattr(user, "jurisdiction", None)
        if user.is_superuser or jurisdiction is None:
            return scoped
        return scoped | self.filter(code__in=[region.code for region in jurisdiction.ancestors()])


class Region(models.Model):
    """One node of province → city → county → township → village, keyed by its 12-digit division code.

    The code is the primary key so that every foreign key to a region stores the code itself: scoping and
    grouping by township are prefix operations on the referencing column (DESIGN §3).
    """

    scope_field = "code"

    code = models.CharField(_("division code"), max_length=12, primary_key=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=64)
    level = models.CharField(_("level"), max_length=16, choices=RegionLevel.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    urban_rural = models.CharField(_("urban or rural"), max_length=8, choices=UrbanRural.choices, blank=True)
    official_code = models.CharField(
        _("official code"),
        max_length=12,
        blank=True,
        help_text=_("The GB/T 2260 / NBS code when the key is a documented local code."),
    )
    is_placeholder = models.BooleanField(
        _("placeholder"), default=False, help_text=_("A labelled stand-in where the real name is not yet known.")
    )
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__in=RegionLevel.values), name="region_level_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("region_detail", args=[self.pk])

    @property
    def prefix(self) -> str:
        return self.code[: PREFIX_LENGTH[self.level]]

    def descendants(self, include_self: bool = False) -> RegionQuerySet:
        qs = Region.objects.filter(code__startswith=self.prefix)
        return qs if include_self else qs.exclude(code=self.code)

    def ancestors(self) -> list["Region"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def full_name(self) -> str:
        """Township + village for a village ("永安街道诗城路社区"), else the name; one parent, no recursion."""
        if self.level == RegionLevel.VILLAGE and self.parent_id:
            return f"{self.parent.name}{self.name}"
        return self.name

    def county(self) -> "Region | None":
        if self.level == RegionLevel.COUNTY:
            return self
        return next((r for r in self.ancestors() if r.level == RegionLevel.COUNTY), None)

    def township(self) -> "Region | None":
        if self.level == RegionLevel.TOWNSHIP:
            return self
        if self.level == RegionLevel.VILLAGE:
            return self.parent
        return None

    def get_additional_data(self) -> dict:
        return {"region": self.code}


class RegionStat(models.Model):
    """Yearly figures for a region that no civil-affairs register holds (统计局/公安/残联)."""

    scope_field = "region__code"

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="stats")
    year = models.PositiveSmallIntegerField(_("year"))
    resident_population = models.PositiveIntegerField(_("resident population"), null=True, blank=True)
    registered_population = models.PositiveIntegerField(_("registered population"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    aged_60_plus = models.PositiveIntegerField(_("population aged 60 and over"), null=True, blank=True)
    minors = models.PositiveIntegerField(_("minors"), null=True, blank=True)
    disabled_registered = models.PositiveIntegerField(_("registered disabled persons"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200)
    is_demo = models.BooleanField(_("demo value"), default=False)
    note = models.TextField(_("note"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("region statistic")
        verbose_name_plural = _("region statistics")
        ordering = ["region_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="regionstat_unique_region_year")]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}
