"""The person registry and the users who work on it."""

import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import COUNTY_ROLES, TOWNSHIP_ROLES, RegionLevel, Role, Sex
from civilaffairs.idnumber import mask_id_number, parse_id_number
from civilaffairs.scoping import ScopedQuerySet, scope_prefix

from .regions import Region


class PersonQuerySet(ScopedQuerySet):
    def alive(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        return self.filter(models.Q(death_date__isnull=True) | models.Q(death_date__gt=on))


class Person(models.Model):
    """Everyone any programme touches, once, keyed by 公民身份号码 (GB 11643-1999).

    One row per person whatever programmes they are in: this is how duplicates across townships and
    programmes are caught (DESIGN §3). Birth date and sex are derived from the number, never typed.
    """

    scope_field = "region__code"

    id_number = models.CharField(_("ID number"), max_length=18, unique=True)
    name = models.CharField(_("full name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, editable=False)
    birth_date = models.DateField(_("birth date"), editable=False)
    region = models.ForeignKey(
        Region,
        verbose_name=_("village or community of residence"),
        on_delete=models.PROTECT,
        related_name="persons",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    death_date = models.DateField(_("date of death"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["region_id", "name"]
        permissions = [("view_full_id_number", _("Can see ID numbers unmasked"))]
        indexes = [models.Index(fields=["name"], name="person_name_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("person_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.id_number:
            try:
                facts = parse_id_number(self.id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.messages
            else:
                self.id_number, self.birth_date, self.sex = facts.number, facts.birth_date, facts.sex
        if self.region_id and self.region.level not in (RegionLevel.VILLAGE, RegionLevel.TOWNSHIP):
            errors["region"] = _("A person belongs to a village, community or township.")
        if self.death_date and self.birth_date and self.death_date < self.birth_date:
            errors["death_date"] = _("The date of death cannot be before the birth date.")
        if self.death_date and self.death_date > datetime.date.today():
            errors["death_date"] = _("The date of death cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    @property
    def residence_township(self) -> Region | None:
        """The township (乡镇/街道) of residence, also for legacy rows registered at the township itself."""
        return self.region.township()

    @property
    def residence_village(self) -> Region | None:
        """The village or community of residence; None for a row registered only at a township."""
        return self.region if self.region.level == RegionLevel.VILLAGE else None

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    def id_number_for(self, user) -> str:
        """The number as the viewer's role may see it."""
        if user.has_perm("civilaffairs.view_full_id_number"):
            return self.id_number
        return self.masked_id_number

    def birth_date_for(self, user) -> datetime.date | str:
        """The birth date as the viewer's role may see it: whole with the number, else the year only — the masked
        digits of the number are the birth date, so showing the date beside a masked number would unmask it."""
        if user.has_perm("civilaffairs.view_full_id_number"):
            return self.birth_date
        return _("%(year)d (year only)") % {"year": self.birth_date.year}

    def age_on(self, on: datetime.date) -> int:
        born = self.birth_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class UserQuerySet(models.QuerySet):
    def for_user(self, user: "User") -> "UserQuerySet":
        """The users ``user`` may manage: those whose jurisdiction lies inside theirs, never a superuser (the same
        code prefix as every other ``for_user``); a superuser manages everyone."""
        prefix = scope_prefix(user)
        if prefix is None:
            return self.none()
        if prefix == "":
            return self
        return self.filter(jurisdiction__code__startswith=prefix, is_superuser=False)


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A bureau user: a role and a jurisdiction (a Region) that bounds everything they see."""

    display_name = models.CharField(_("full name"), max_length=50, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    jurisdiction = models.ForeignKey(
        Region,
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.role and self.jurisdiction_id is None:
            raise ValidationError({"jurisdiction": _("A user with a role needs a jurisdiction.")})
        if self.role in TOWNSHIP_ROLES and self.jurisdiction.level != RegionLevel.TOWNSHIP:
            raise ValidationError({"jurisdiction": _("Township roles need a township as jurisdiction.")})
        if self.role in COUNTY_ROLES and self.jurisdiction.level not in (
            RegionLevel.COUNTY,
            RegionLevel.CITY,
            RegionLevel.PROVINCE,
        ):
            raise ValidationError({"jurisdiction": _("County roles need a county (or higher) as jurisdiction.")})

    @property
    def is_township_user(self) -> bool:
        return self.role in TOWNSHIP_ROLES

    @property
    def county(self) -> Region | None:
        return self.jurisdiction.county() if self.jurisdiction_id else None

    def get_additional_data(self) -> dict:
        return {"region": self.jurisdiction_id or ""}
