"""Households (户) and their members, the unit whose means decide 低保 (家庭收入财产认定)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assistance.choices import DisabilityCategory, DisabilityGrade, Health, LabourCapacity, Relationship
from civilaffairs.choices import RegionLevel, UrbanRural
from civilaffairs.idnumber import mask_id_number
from civilaffairs.models import Person, Region
from civilaffairs.scoping import ScopedQuerySet

BANK_ACCOUNT_MESSAGE = _("A bank account number has 8 to 32 digits.")
bank_account_validator = RegexValidator(r"^\d{8,32}$", BANK_ACCOUNT_MESSAGE)
ZERO = Decimal("0.00")


class HouseholdQuerySet(ScopedQuerySet):
    pass


class Household(models.Model):
    """A household in a village or community; its members' income and assets are assessed together."""

    scope_field = "village__code"

    village = models.ForeignKey(
        Region,
        verbose_name=_("village or community"),
        on_delete=models.PROTECT,
        related_name="assistance_households",
        limit_choices_to={"level": RegionLevel.VILLAGE},
    )
    head = models.ForeignKey(
        Person,
        verbose_name=_("head of household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    urban_rural = models.CharField(
        _("urban or rural"),
        max_length=8,
        choices=UrbanRural.choices,
        help_text=_("Selects the urban or rural standard; defaults to the village's."),
    )
    address = models.CharField(_("address"), max_length=200)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    income_irregular = models.BooleanField(
        _("irregular income"),
        default=False,
        help_text=_("Seasonal or casual work: with members able to work, re-checked every six months."),
    )
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=32, blank=True, validators=[bank_account_validator])
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = pgettext_lazy("assistance", "households")
        ordering = ["village_id", "id"]
        permissions = [
            ("view_full_bank_account", _("Can see bank account numbers unmasked")),
            ("import_assistance", _("Can import households, members, standards and enrolments")),
        ]

    def __str__(self) -> str:
        if self.head_id:
            return _("Household of %(name)s") % {"name": self.head.name}
        return _("Household %(id)s") % {"id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("assistance:household_detail", args=[self.pk])

    @property
    def county_code(self) -> str:
        return self.village_id[:6]

    @property
    def township_code(self) -> str:
        return self.village_id[:9] + "000"

    def bank_account_for(self, user) -> str:
        if user.has_perm("assistance.view_full_bank_account"):
            return self.bank_account
        return mask_id_number(self.bank_account)

    def clean(self) -> None:
        if self.village_id and self.village.level != RegionLevel.VILLAGE:
            raise ValidationError({"village": _("A household belongs to a village or community.")})
        if not self.urban_rural and self.village_id:
            self.urban_rural = self.village.urban_rural or UrbanRural.RURAL

    def get_additional_data(self) -> dict:
        return {"region": self.village_id}


def disability_errors(id_number: str, category: str, grade: int | None, cert_no: str) -> list[str]:
    """What is wrong with a member's disability entry (category, grade and 第二代残疾人证号 go together)."""
    cert = (cert_no or "").strip().upper()
    if not (category or grade or cert):
        return []
    if not (category and grade and cert):
        return [_("For a disabled member give the category, the grade and the certificate number together.")]
    # 第二代残疾人证号 = the 18-character 公民身份号码 + the category digit + the grade digit.
    if len(cert) != 20:
        return [
            _("The disability certificate number has 20 characters (ID number, category, grade); %(n)d were entered.")
            % {"n": len(cert)}
        ]
    if id_number and cert[:18] != id_number:
        return [_("The disability certificate number must begin with this member's ID number.")]
    expected = f"{category}{grade}"
    if cert[18:] != expected:
        return [
            _(
                "The last two digits of the certificate number (%(got)s) do not match the category and grade "
                "entered (%(want)s)."
            )
            % {"got": cert[18:], "want": expected}
        ]
    return []


class HouseholdMemberQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        return self.filter(models.Q(left_on__isnull=True) | models.Q(left_on__gt=on), joined_on__lte=on)


class HouseholdMember(models.Model):
    """A person in a household, with what the means test needs: relationship, work capacity, health,
    disability, monthly income and assets (民发〔2021〕57号 家庭成员、收入、财产)."""

    scope_field = "household__village__code"

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="household_memberships"
    )
    relationship = models.CharField(_("relationship to the head"), max_length=16, choices=Relationship.choices)
    labour_capacity = models.CharField(
        _("labour capacity"), max_length=10, choices=LabourCapacity.choices, default=LabourCapacity.FULL
    )
    health = models.CharField(_("health"), max_length=10, choices=Health.choices, default=Health.HEALTHY)
    disability_category = models.CharField(
        _("disability category"), max_length=1, choices=DisabilityCategory.choices, blank=True
    )
    disability_grade = models.PositiveSmallIntegerField(
        _("disability grade"), choices=DisabilityGrade.choices, null=True, blank=True
    )
    disability_cert_no = models.CharField(_("disability certificate number"), max_length=20, blank=True)
    monthly_income = models.DecimalField(
        _("monthly income (yuan)"), max_digits=10, decimal_places=2, default=ZERO, validators=[MinValueValidator(0)]
    )
    assets = models.DecimalField(
        _("financial assets (yuan)"),
        max_digits=12,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(0)],
        help_text=_("Savings, securities and other financial assets held by this member."),
    )
    joined_on = models.DateField(_("member since"), default=datetime.date.today)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = HouseholdMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["household_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(left_on__isnull=True),
                name="householdmember_one_current_household",
                violation_error_message=_("This person is already a member of another household."),
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(left_on__isnull=True, relationship="head"),
                name="householdmember_one_head",
                violation_error_message=_("A household has exactly one head."),
            ),
            models.CheckConstraint(
                condition=models.Q(monthly_income__gte=0) & models.Q(assets__gte=0),
                name="householdmember_amounts_not_negative",
                violation_error_message=_("Income and assets cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(disability_grade__isnull=True)
                | models.Q(disability_grade__gte=1, disability_grade__lte=4),
                name="householdmember_disability_grade_1_to_4",
                violation_error_message=_("The disability grade is 1 to 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}（{self.get_relationship_display()}）"

    @property
    def is_disabled(self) -> bool:
        return bool(self.disability_grade)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        person = self.person if self.person_id else getattr(self, "_unsaved_person", None)
        cert_errors = disability_errors(
            person.id_number if person else "",
            self.disability_category,
            self.disability_grade,
            self.disability_cert_no,
        )
        if cert_errors:
            errors["disability_cert_no"] = cert_errors
        elif self.disability_cert_no:
            self.disability_cert_no = self.disability_cert_no.strip().upper()
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            errors["left_on"] = [_("A member cannot leave before joining.")]
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.household.village_id}
