"""Money raised for welfare: 慈善组织 donations received, and 福利彩票 outlets with their monthly sales."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civilaffairs.models import Region
from civilaffairs.scoping import ScopedQuerySet
from community.choices import DonationKind, DonorType, OutletKind

from .base import LOCAL_LEVELS, DatedQuerySet, check_region_level, end_after_start, not_in_future
from .organisations import SocialOrganization

ZERO = Decimal("0.00")
money = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class DonationQuerySet(ScopedQuerySet):
    def received_between(self, start: datetime.date, end: datetime.date):
        return self.filter(received_on__gte=start, received_on__lte=end)


class CharityDonation(models.Model):
    """A donation booked by a 慈善组织: cash at the amount received, goods at their booked value.

    A donation passed on by another charity of the same jurisdiction is recorded with ``source_charity`` so it is
    counted once, where it was first received; a returned donation is its own row (``kind`` refund) and reduces
    its period's total. Government grants, purchased services and investment income are not donations and are
    not recorded here (definition ``community.charity_donations_received``).
    """

    scope_field = "recipient__region__code"

    recipient = models.ForeignKey(
        SocialOrganization,
        verbose_name=_("charity receiving"),
        on_delete=models.PROTECT,
        related_name="comm_donations",
        limit_choices_to={"is_charity": True},
    )
    kind = models.CharField(_("entry"), max_length=8, choices=DonationKind.choices, default=DonationKind.RECEIPT)
    received_on = models.DateField(_("date booked"))
    donor_name = models.CharField(_("donor"), max_length=120)
    donor_type = models.CharField(_("donor type"), max_length=12, choices=DonorType.choices)
    source_charity = models.ForeignKey(
        SocialOrganization,
        verbose_name=_("passed on by charity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comm_donations_passed_on",
        limit_choices_to={"is_charity": True},
        help_text=_("When another charity passes on donations it received: counted only where first received."),
    )
    cash_yuan = models.DecimalField(_("cash (yuan)"), default=ZERO, **money)
    in_kind_yuan = models.DecimalField(_("goods at booked value (yuan)"), default=ZERO, **money)
    in_kind_description = models.CharField(_("goods donated"), max_length=200, blank=True)
    receipt_number = models.CharField(_("donation receipt number"), max_length=40, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DonationQuerySet.as_manager()

    class Meta:
        verbose_name = _("charity donation")
        verbose_name_plural = _("charity donations")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cash_yuan__gte=0) & models.Q(in_kind_yuan__gte=0),
                name="comm_donation_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative; enter a returned donation as a return."),
            ),
            models.CheckConstraint(
                condition=models.Q(cash_yuan__gt=0) | models.Q(in_kind_yuan__gt=0),
                name="comm_donation_has_amount",
                violation_error_message=_("Enter the cash amount, the value of the goods, or both."),
            ),
            models.UniqueConstraint(
                fields=["recipient", "receipt_number"],
                condition=~models.Q(receipt_number=""),
                name="comm_donation_unique_receipt",
                violation_error_message=_("This receipt number is already booked for this charity."),
            ),
        ]
        indexes = [models.Index(fields=["received_on"], name="comm_donation_received_idx")]

    def __str__(self) -> str:
        return gettext("%(donor)s → %(charity)s, %(date)s") % {
            "donor": self.donor_name,
            "charity": self.recipient,
            "date": self.received_on,
        }

    def get_absolute_url(self) -> str:
        return reverse("community:donation_detail", args=[self.pk])

    @property
    def total_yuan(self) -> Decimal:
        total = (self.cash_yuan or ZERO) + (self.in_kind_yuan or ZERO)
        return -total if self.kind == DonationKind.REFUND else total

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.recipient_id and not self.recipient.is_charity:
            errors["recipient"] = [_("The receiving organisation is not registered or recognised as a charity.")]
        if self.source_charity_id and self.source_charity_id == self.recipient_id:
            errors["source_charity"] = [_("A charity cannot pass a donation on to itself.")]
        if self.in_kind_yuan and not self.in_kind_description:
            errors["in_kind_description"] = [_("Describe the goods donated.")]
        try:
            not_in_future(self.received_on, "received_on")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.recipient.region_id}


class LotteryOutletQuerySet(DatedQuerySet):
    start_field, end_field = "opened_on", "closed_on"


class LotteryOutlet(models.Model):
    """A 福利彩票 sales outlet, as licensed by the 福彩中心 (one row per outlet number). Suspended outlets still
    count; one closed or moved out of the county stops counting on ``closed_on``."""

    scope_field = "region__code"

    outlet_number = models.CharField(_("outlet number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=OutletKind.choices, default=OutletKind.DEDICATED)
    region = models.ForeignKey(
        Region,
        verbose_name=_("village, community or township"),
        on_delete=models.PROTECT,
        related_name="comm_lottery_outlets",
    )
    address = models.CharField(_("site address"), max_length=200)
    operator_name = models.CharField(_("outlet operator"), max_length=50, blank=True)
    operator_phone = models.CharField(_("phone"), max_length=20, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed or moved out on"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    is_suspended = models.BooleanField(_("temporarily suspended"), default=False)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = LotteryOutletQuerySet.as_manager()

    class Meta:
        verbose_name = _("welfare lottery outlet")
        verbose_name_plural = _("welfare lottery outlets")
        ordering = ["outlet_number"]
        constraints = [
            end_after_start(
                "opened_on", "closed_on", "comm_outlet_closed_after_opened", _("It cannot close before it opened.")
            )
        ]

    def __str__(self) -> str:
        return f"{self.outlet_number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("community:outlet_detail", args=[self.pk])

    def clean(self) -> None:
        check_region_level(
            self.region if self.region_id else None, LOCAL_LEVELS, "region", _("Choose a township or village.")
        )
        not_in_future(self.opened_on, "opened_on")
        if self.closed_on and not self.close_reason:
            raise ValidationError(
                {"close_reason": _("Give the reason for closing (closed, or moved out of the county).")}
            )

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class LotterySalesReturn(models.Model):
    """One outlet's sales in one month, copied from the 福彩中心's monthly report."""

    scope_field = "outlet__region__code"

    outlet = models.ForeignKey(
        LotteryOutlet, verbose_name=_("outlet"), on_delete=models.CASCADE, related_name="comm_sales_returns"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    sales_yuan = models.DecimalField(_("monthly sales (yuan)"), **money)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly lottery sales")
        verbose_name_plural = _("monthly lottery sales")
        ordering = ["-month", "outlet_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "month"],
                name="comm_salesreturn_one_per_month",
                violation_error_message=_("This outlet already has sales for this month."),
            ),
        ]
        indexes = [models.Index(fields=["month"], name="comm_salesreturn_month_idx")]

    def __str__(self) -> str:
        return f"{self.outlet} {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("community:outlet_detail", args=[self.outlet_id])

    def clean(self) -> None:
        if self.month:
            self.month = self.month.replace(day=1)
            if self.month > datetime.date.today():
                raise ValidationError({"month": _("Sales cannot be entered for a month that has not begun.")})
            if self.outlet_id and self.outlet.opened_on and self.month < self.outlet.opened_on.replace(day=1):
                raise ValidationError({"month": _("The outlet had not opened in this month.")})

    def get_additional_data(self) -> dict:
        return {"region": self.outlet.region_id}
