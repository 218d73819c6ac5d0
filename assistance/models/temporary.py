"""临时救助 先行救助: the township grants at once, pays at once, and regularises the case afterwards.

国发〔2014〕47号 and 民发〔2018〕23号: for 急难 cases the township (街道) may grant a small amount first
(先行救助) from its reserve fund (临时救助备用金) and complete the procedure afterwards (补齐审核审批手续).
The advance is a ledger row paid on the day it is granted; the application then runs the normal path, and the
grant paid on the roll is the approved amount less the advance.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assistance.choices import PaymentMethod
from civilaffairs.models import Person
from civilaffairs.scoping import ScopedQuerySet

from .applications import Application


class TemporaryAdvanceQuerySet(ScopedQuerySet):
    def awaiting_regularisation(self):
        return self.filter(regularised_on__isnull=True)


class TemporaryAdvance(models.Model):
    """One 先行救助 on an 急难型 临时救助 application, paid on ``paid_on``; regularised when the case is decided."""

    scope_field = "application__household__village__code"

    application = models.OneToOneField(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="advance"
    )
    amount = models.DecimalField(
        _("amount paid in advance"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    payee = models.ForeignKey(Person, verbose_name=_("payee"), on_delete=models.PROTECT, related_name="+")
    method = models.CharField(_("paid by"), max_length=10, choices=PaymentMethod.choices)
    paid_on = models.DateField(_("paid on"))
    reason = models.TextField(_("why it could not wait"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    regularise_due_on = models.DateField(_("regularisation due"))
    regularised_on = models.DateField(_("regularised on"), null=True, blank=True)
    regularised_status = models.CharField(_("outcome of the regular procedure"), max_length=24, blank=True)

    objects = TemporaryAdvanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("advance assistance")
        verbose_name_plural = _("advance assistance")
        ordering = ["-paid_on", "-id"]
        permissions = [("grant_advance", _("Can grant temporary assistance in advance (先行救助)"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="temporaryadvance_amount_positive",
                violation_error_message=_("An advance is more than zero yuan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.number} {self.amount}"

    def get_additional_data(self) -> dict:
        return {"region": self.application.household.village_id}
