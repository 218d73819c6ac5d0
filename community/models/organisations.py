"""社会组织: registrations, their annual reports (年度报告/年检) and the incubation centres that nurture them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

from civilaffairs.choices import RegionLevel
from civilaffairs.models import Region
from civilaffairs.scoping import ScopedQuerySet
from community.choices import (
    USCC_TYPE_DIGIT,
    OrgCategory,
    OrgStatus,
    OrgType,
    RegistrationKind,
    ReportStatus,
)

from .base import ANY_LOCAL_LEVELS, LOCAL_LEVELS, DatedQuerySet, check_region_level, end_after_start, not_in_future

# 统一社会信用代码 of a 社会组织: the first character is the registering department, 5 = 民政 (GB 32100-2015 表1).
USCC_CIVIL_AFFAIRS = "5"


def validate_org_uscc(value: str, org_type: str | None = None) -> str:
    """Validate a 社会组织's 统一社会信用代码 (GB 32100-2015): 18 characters, check character, issued by 民政 (5),
    and the type character matching the legal form. Returns it normalised; raises a Chinese ValidationError."""
    code = stdnum_uscc.compact(value or "").upper()
    try:
        stdnum_uscc.validate(code)
    except InvalidLength:
        raise ValidationError(
            gettext("The unified social credit code has 18 characters; %(n)d were entered.") % {"n": len(code)},
            code="uscc_length",
        ) from None
    except InvalidFormat:
        raise ValidationError(
            gettext(
                "The unified social credit code may contain only digits and capital letters other than I, O, Z, S, V."
            ),
            code="uscc_format",
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            gettext("The check character of the unified social credit code does not match; check every character."),
            code="uscc_checksum",
        ) from None
    if code[0] != USCC_CIVIL_AFFAIRS:
        raise ValidationError(
            gettext("A social organisation's credit code begins with 5 (registered by civil affairs)."),
            code="uscc_authority",
        )
    expected = USCC_TYPE_DIGIT.get(org_type) if org_type else None
    if expected and code[1] != expected:
        raise ValidationError(
            gettext(
                "The second character of the credit code (%(got)s) does not fit the type chosen: "
                "1 = social group, 2 = social service organisation, 3 = foundation."
            )
            % {"got": code[1]},
            code="uscc_type",
        )
    return code


class SocialOrganizationQuerySet(ScopedQuerySet):
    def normal_on(self, as_of: datetime.date):
        """Registered (not merely filed) and in good standing on ``as_of``: registered that day or before, and not
        deregistered, revoked or banned by then (the end date is the first day it no longer counts)."""
        return self.filter(
            registration_kind=RegistrationKind.REGISTERED,
            registered_on__lte=as_of,
        ).filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=as_of))

    def registered_by(self, region: Region):
        """Registered by a 登记管理机关 inside ``region`` (the county bureau registers the county's organisations)."""
        return self.filter(registration_authority__code__startswith=region.prefix)

    def charities(self):
        return self.filter(is_charity=True)


class SocialOrganization(models.Model):
    """A 社会组织 registered (or, for community social organisations, filed) with civil affairs.

    ``region`` is where it is domiciled — a township or village, or the county itself for county-wide bodies —
    and decides its township in breakdowns; ``registration_authority`` is the 登记管理机关, normally this county's
    bureau: the indicators count what the jurisdiction registered. The status changes only through
    ``services.organization_end`` (注销/撤销/吊销/取缔), which records the date it took effect.
    """

    scope_field = "region__code"

    name = models.CharField(_("name"), max_length=120)
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, help_text=_("Empty only for filed organisations.")
    )
    org_type = models.CharField(_("type"), max_length=20, choices=OrgType.choices)
    registration_kind = models.CharField(
        _("registration"), max_length=12, choices=RegistrationKind.choices, default=RegistrationKind.REGISTERED
    )
    category = models.CharField(_("field"), max_length=20, choices=OrgCategory.choices)
    registration_authority = models.ForeignKey(
        Region,
        verbose_name=_("registration authority"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The county (or higher) whose civil-affairs bureau registered it."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("domicile (township, village or county)"),
        on_delete=models.PROTECT,
        related_name="comm_social_organizations",
    )
    registered_on = models.DateField(_("registered on"))
    status = models.CharField(
        _("status"), max_length=16, choices=OrgStatus.choices, default=OrgStatus.NORMAL, editable=False
    )
    ended_on = models.DateField(_("status effective from"), null=True, blank=True, editable=False)
    end_reason = models.CharField(_("reason"), max_length=200, blank=True, editable=False)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    business_supervisor = models.CharField(_("supervising unit"), max_length=100, blank=True)
    address = models.CharField(_("site address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    fulltime_staff_at_registration = models.PositiveIntegerField(
        _("full-time staff at registration"),
        default=0,
        help_text=_("Counted until its first annual report is accepted."),
    )
    assessment_grade = models.PositiveSmallIntegerField(
        _("assessment grade (A)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("等级评估: 1 to 5 A."),
    )
    is_charity = models.BooleanField(_("charity organisation"), default=False)
    charity_recognised_on = models.DateField(_("recognised as a charity on"), null=True, blank=True)
    has_public_fundraising = models.BooleanField(_("may raise funds publicly"), default=False)
    incubation_centre = models.ForeignKey(
        "IncubationCentre",
        verbose_name=_("incubated at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comm_incubated_organizations",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SocialOrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("social organisation")
        verbose_name_plural = _("social organisations")
        ordering = ["name"]
        permissions = [("end_socialorganization", _("Can deregister or revoke a social organisation"))]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"],
                condition=~models.Q(uscc=""),
                name="comm_socialorg_unique_uscc",
                violation_error_message=_("Another organisation already has this credit code."),
            ),
            models.CheckConstraint(
                condition=models.Q(registration_kind=RegistrationKind.FILED) | ~models.Q(uscc=""),
                name="comm_socialorg_registered_has_uscc",
                violation_error_message=_("A registered organisation needs its unified social credit code."),
            ),
            models.CheckConstraint(
                condition=models.Q(status=OrgStatus.NORMAL, ended_on__isnull=True)
                | (~models.Q(status=OrgStatus.NORMAL) & models.Q(ended_on__isnull=False)),
                name="comm_socialorg_status_and_end_date",
                violation_error_message=_("An organisation that is no longer normal needs the date it took effect."),
            ),
            models.CheckConstraint(
                condition=models.Q(is_charity=False) | models.Q(charity_recognised_on__isnull=False),
                name="comm_socialorg_charity_has_date",
                violation_error_message=_("Give the date it was registered or recognised as a charity."),
            ),
            end_after_start(
                "registered_on",
                "ended_on",
                "comm_socialorg_end_after_registration",
                _("The end precedes the registration."),
            ),
        ]
        indexes = [
            models.Index(fields=["registration_authority", "registered_on"], name="comm_socialorg_authority_idx")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:org_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == OrgStatus.NORMAL

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.registration_kind == RegistrationKind.REGISTERED or self.uscc:
            try:
                self.uscc = validate_org_uscc(self.uscc, self.org_type)
            except ValidationError as exc:
                errors["uscc"] = exc.messages
        if self.registration_authority_id and self.registration_authority.level not in (
            RegionLevel.COUNTY,
            RegionLevel.CITY,
            RegionLevel.PROVINCE,
        ):
            errors["registration_authority"] = [_("The registration authority is a county, city or province.")]
        try:
            check_region_level(
                self.region if self.region_id else None,
                ANY_LOCAL_LEVELS,
                "region",
                _("Choose the county, a township or a village."),
            )
            not_in_future(self.registered_on, "registered_on")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if self.is_charity and not self.charity_recognised_on:
            errors["charity_recognised_on"] = [_("Give the date it was registered or recognised as a charity.")]
        if self.charity_recognised_on and self.registered_on and self.charity_recognised_on < self.registered_on:
            errors["charity_recognised_on"] = [_("It cannot be recognised as a charity before it was registered.")]
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class AnnualReportQuerySet(ScopedQuerySet):
    def accepted_by(self, as_of: datetime.date):
        return self.filter(status=ReportStatus.ACCEPTED, reviewed_on__lte=as_of)


class SocialOrgAnnualReport(models.Model):
    """A 社会组织年度报告 (年检) for one year: what the organisation reported, and the bureau's review.

    Only accepted reports feed the full-time-staff indicator, as of the day they were accepted.
    """

    scope_field = "organization__region__code"

    organization = models.ForeignKey(
        SocialOrganization, verbose_name=_("social organisation"), on_delete=models.CASCADE, related_name="comm_reports"
    )
    year = models.PositiveSmallIntegerField(_("report year"), validators=[MinValueValidator(1990)])
    fulltime_staff = models.PositiveIntegerField(_("full-time staff"))
    volunteers = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    total_assets_yuan = models.DecimalField(
        _("total assets (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    income_yuan = models.DecimalField(_("income (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED, editable=False
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    review_opinion = models.CharField(_("review opinion"), max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "organization_id"]
        permissions = [("review_socialorgannualreport", _("Can accept or return annual reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="comm_annualreport_one_per_year",
                violation_error_message=_("This organisation already has a report for this year."),
            ),
            models.CheckConstraint(
                condition=models.Q(status=ReportStatus.SUBMITTED) | models.Q(reviewed_on__isnull=False),
                name="comm_annualreport_reviewed_has_date",
                violation_error_message=_("A reviewed report needs its review date."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(org)s · %(year)s annual report") % {"org": self.organization, "year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("community:report_detail", args=[self.pk])

    def clean(self) -> None:
        not_in_future(self.submitted_on, "submitted_on")
        if self.year and self.submitted_on and self.submitted_on.year < self.year:
            raise ValidationError({"submitted_on": _("A report on a year is submitted after that year has begun.")})

    def get_additional_data(self) -> dict:
        return {"region": self.organization.region_id}


class IncubationCentreQuerySet(DatedQuerySet):
    start_field, end_field = "opened_on", "closed_on"


class IncubationCentre(models.Model):
    """A 社会组织孵化中心（基地）. Where it stands decides which township it covers: a county-level 孵化园 covers the
    township it is in, not the whole county (渠县 plan row 10 notes)."""

    class Level(models.TextChoices):
        COUNTY = "county", _("County level")
        TOWNSHIP = "township", _("Township level")
        COMMUNITY = "community", _("Community level")

    scope_field = "region__code"

    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.TOWNSHIP)
    region = models.ForeignKey(
        Region,
        verbose_name=_("township, village or community where it stands"),
        on_delete=models.PROTECT,
        related_name="comm_incubation_centres",
    )
    address = models.CharField(_("site address"), max_length=200, blank=True)
    operator = models.ForeignKey(
        SocialOrganization,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comm_centres_run",
    )
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=9, decimal_places=2, null=True, blank=True)
    opened_on = models.DateField(_("in operation since"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IncubationCentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("social organisation incubation centre")
        verbose_name_plural = _("social organisation incubation centres")
        ordering = ["region_id", "name"]
        constraints = [
            end_after_start(
                "opened_on", "closed_on", "comm_incubation_closed_after_opened", _("It cannot close before it opened.")
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:centre_detail", args=[self.pk])

    def clean(self) -> None:
        check_region_level(
            self.region if self.region_id else None,
            LOCAL_LEVELS,
            "region",
            _("Choose the township or village where it stands, even for a county-level centre."),
        )
        not_in_future(self.opened_on, "opened_on")

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}
