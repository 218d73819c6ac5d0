"""Disability certificates (第二代残疾人证) as the disabled persons' federation (残联) issues them.

The register the two subsidies (残疾人两项补贴, 国发〔2015〕52号) and their coverage indicators rest on: who holds a
valid certificate of which category and grade on a date. The federation's roster is imported periodically; civil-affairs
staff may enter a certificate they have seen (source ``entered``). A person has at most one certificate in force
(a re-assessed grade is a new certificate number: 身份证号 + 类别 + 等级; the old one is cancelled).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistance.choices import CertificateSource, DisabilityCategory, DisabilityGrade
from civilaffairs.models import Person
from civilaffairs.scoping import ScopedQuerySet


class DisabilityCertificateQuerySet(ScopedQuerySet):
    def valid_on(self, on: datetime.date):
        """Certificates in force on ``on``: issued, not expired, not cancelled, holder alive."""
        return self.filter(issued_on__lte=on).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on),
            models.Q(cancelled_on__isnull=True) | models.Q(cancelled_on__gt=on),
            models.Q(person__death_date__isnull=True) | models.Q(person__death_date__gt=on),
        )


class DisabilityCertificate(models.Model):
    """One 残疾人证: holder, number, category and grade, validity; the scope is the holder's place of residence."""

    scope_field = "person__region__code"

    person = models.ForeignKey(
        Person, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="disability_certificates"
    )
    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    category = models.CharField(_("disability category"), max_length=1, choices=DisabilityCategory.choices)
    grade = models.PositiveSmallIntegerField(_("disability grade"), choices=DisabilityGrade.choices)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    cancelled_on = models.DateField(_("cancelled on"), null=True, blank=True)
    needs_long_term_care = models.BooleanField(
        _("assessed as needing long-term care"),
        default=True,
        help_text=_("The care subsidy covers severely disabled people assessed as needing long-term care."),
    )
    equivalent_care_benefit = models.BooleanField(
        _("receives an equivalent care benefit"),
        default=False,
        help_text=_(
            "E.g. the work-injury insurance nursing allowance; excluded from the care subsidy where the county says so."
        ),
    )
    source = models.CharField(
        _("source"), max_length=12, choices=CertificateSource.choices, default=CertificateSource.FEDERATION
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
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

    objects = DisabilityCertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("disability certificate")
        verbose_name_plural = _("disability certificates")
        ordering = ["person_id", "-issued_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(cancelled_on__isnull=True),
                name="disabilitycert_one_in_force_per_person",
                violation_error_message=_("This person already holds a certificate in force; cancel it first."),
            ),
            models.CheckConstraint(
                condition=models.Q(grade__gte=1, grade__lte=4),
                name="disabilitycert_grade_1_to_4",
                violation_error_message=_("The disability grade is 1 to 4."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("issued_on")),
                name="disabilitycert_valid_after_issue",
                violation_error_message=_("A certificate cannot expire before it is issued."),
            ),
        ]
        indexes = [models.Index(fields=["grade", "category"], name="disabilitycert_grade_idx")]

    def __str__(self) -> str:
        return f"{self.person.name} {self.get_category_display()}{self.get_grade_display()}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:certificate_detail", args=[self.pk])

    def is_valid_on(self, on: datetime.date) -> bool:
        return (
            self.issued_on <= on
            and (self.valid_until is None or self.valid_until >= on)
            and (self.cancelled_on is None or self.cancelled_on > on)
            and (self.person.death_date is None or self.person.death_date > on)
        )

    def clean(self) -> None:
        from assistance.models.households import disability_errors

        self.number = (self.number or "").strip().upper()
        errors = disability_errors(
            self.person.id_number if self.person_id else "", self.category, self.grade, self.number
        )
        if errors:
            raise ValidationError({"number": errors})
        if self.cancelled_on and self.cancelled_on < self.issued_on:
            raise ValidationError({"cancelled_on": _("A certificate cannot be cancelled before it is issued.")})

    def get_additional_data(self) -> dict:
        return {"region": self.person.region_id}
