"""People in community work: 社会工作专业人才 (on the person registry) and the 注册志愿者 roster (an imported copy)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.idnumber import mask_id_number, parse_id_number
from civilaffairs.models import Person, Region
from community.choices import (
    NATIONAL_CERTIFICATE_LEVELS,
    CertificateLevel,
    EmployerKind,
    LeaveReason,
    TalentBasis,
    VolunteerSource,
)

from .base import ANY_LOCAL_LEVELS, LOCAL_LEVELS, DatedQuerySet, check_region_level, end_after_start, not_in_future
from .organisations import SocialOrganization


class SocialWorkerQuerySet(DatedQuerySet):
    start_field, end_field = "active_from", "active_to"

    def working_on(self, as_of: datetime.date):
        """In post on ``as_of``: started by then, not yet left, and alive (a death ends the record that day)."""
        return self.active_on(as_of).filter(
            models.Q(person__death_date__isnull=True) | models.Q(person__death_date__gt=as_of)
        )

    def nationally_certified_on(self, as_of: datetime.date):
        """Holding the national 社会工作者职业资格证书 obtained by ``as_of`` (the local 社工员 does not count)."""
        return self.filter(certificate_level__in=NATIONAL_CERTIFICATE_LEVELS, certified_on__lte=as_of)


class SocialWorker(models.Model):
    """One period in which a person works as a 社会工作专业人才 in the jurisdiction.

    A move to another employer or township closes the record (``active_to``) and opens a new one
    (``services.social_worker_transfer``), so the talent count as of any past date puts each person where they
    worked then. A person has at most one open record. The certificate fields describe the certificate held
    during the record; ``certified_on`` is the date that level was obtained.
    """

    scope_field = "region__code"

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="comm_social_work_records"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("where they work"),
        on_delete=models.PROTECT,
        related_name="comm_social_workers",
        help_text=_("The township or village of the post; the county for county-level posts."),
    )
    employer_kind = models.CharField(_("kind of employer"), max_length=12, choices=EmployerKind.choices)
    employer_name = models.CharField(_("employer"), max_length=120)
    employer_org = models.ForeignKey(
        SocialOrganization,
        verbose_name=_("employing social organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comm_social_workers",
    )
    certificate_level = models.CharField(
        _("certificate"), max_length=16, choices=CertificateLevel.choices, default=CertificateLevel.NONE
    )
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    certified_on = models.DateField(_("certificate obtained on"), null=True, blank=True)
    talent_basis = models.CharField(
        _("recognised as social work talent by"), max_length=12, choices=TalentBasis.choices
    )
    active_from = models.DateField(_("in post from"))
    active_to = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(_("reason for leaving"), max_length=12, choices=LeaveReason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SocialWorkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("social work professional")
        verbose_name_plural = _("social work professionals")
        ordering = ["region_id", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(active_to__isnull=True),
                name="comm_socialworker_one_open_record",
                violation_error_message=_("This person already has a current social work record."),
            ),
            models.CheckConstraint(
                condition=models.Q(certificate_level=CertificateLevel.NONE)
                | (~models.Q(certificate_number="") & models.Q(certified_on__isnull=False)),
                name="comm_socialworker_certificate_complete",
                violation_error_message=_("For a certificate give its number and the date it was obtained."),
            ),
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True) | ~models.Q(leave_reason=""),
                name="comm_socialworker_leave_has_reason",
                violation_error_message=_("Give the reason for leaving."),
            ),
            end_after_start(
                "active_from",
                "active_to",
                "comm_socialworker_left_after_start",
                _("They cannot leave before starting."),
            ),
        ]

    def __str__(self) -> str:
        return self.person.name

    def get_absolute_url(self) -> str:
        return reverse("community:worker_detail", args=[self.pk])

    @property
    def is_nationally_certified(self) -> bool:
        return self.certificate_level in NATIONAL_CERTIFICATE_LEVELS

    def clean(self) -> None:
        errors: dict[str, list] = {}
        try:
            check_region_level(
                self.region if self.region_id else None,
                ANY_LOCAL_LEVELS,
                "region",
                _("Choose the county, a township or a village."),
            )
            not_in_future(self.active_from, "active_from")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if self.certificate_level != CertificateLevel.NONE:
            if not self.certificate_number:
                errors["certificate_number"] = [_("Give the certificate number.")]
            if not self.certified_on:
                errors["certified_on"] = [_("Give the date the certificate was obtained.")]
            if self.talent_basis and self.talent_basis != TalentBasis.CERTIFICATE:
                self.talent_basis = TalentBasis.CERTIFICATE
        elif self.talent_basis == TalentBasis.CERTIFICATE:
            errors["talent_basis"] = [_("Without a certificate, say how the person was recognised.")]
        if self.active_to and not self.leave_reason:
            errors["leave_reason"] = [_("Give the reason for leaving.")]
        if self.person_id and self.active_from:
            overlapping = SocialWorker.objects.filter(person_id=self.person_id).exclude(pk=self.pk)
            overlapping = overlapping.filter(
                models.Q(active_to__isnull=True) | models.Q(active_to__gt=self.active_from),
            )
            if self.active_to:
                overlapping = overlapping.filter(active_from__lt=self.active_to)
            if overlapping.exists():
                errors["active_from"] = [
                    _("This period overlaps another social work record of the same person; close that one first.")
                ]
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class VolunteerQuerySet(DatedQuerySet):
    start_field, end_field = "registered_on", "deregistered_on"


class Volunteer(models.Model):
    """A 实名注册志愿者 on the roster copied from the national or provincial volunteer system (志愿重庆, 全国志愿服务
    信息系统). The system of record is that platform; the county keeps a dated copy, one row per 公民身份号码, so
    the registered-volunteer share can be computed and broken down by township.

    Volunteers are not linked to the person registry: a roster of tens of thousands of residents who are in no
    civil-affairs programme would swamp it (docs/decisions/0030-community-registers.md); the person page still
    finds a registration by the ID number.
    """

    scope_field = "region__code"

    id_number = models.CharField(_("ID number"), max_length=18, unique=True)
    name = models.CharField(_("full name"), max_length=50)
    region = models.ForeignKey(
        Region,
        verbose_name=_("registered in"),
        on_delete=models.PROTECT,
        related_name="comm_volunteers",
        help_text=_("The village, community or township of registration."),
    )
    registered_on = models.DateField(_("registered on"))
    deregistered_on = models.DateField(_("deregistered on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=12, choices=VolunteerSource.choices)
    external_id = models.CharField(_("volunteer number on the platform"), max_length=40, blank=True)
    team = models.CharField(_("team"), max_length=100, blank=True)
    service_hours = models.DecimalField(_("service hours"), max_digits=9, decimal_places=1, default=0)
    imported_at = models.DateTimeField(_("last imported at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("registered volunteer")
        verbose_name_plural = _("registered volunteers")
        ordering = ["region_id", "name"]
        permissions = [("import_volunteer", _("Can import the volunteer roster"))]
        constraints = [
            end_after_start(
                "registered_on",
                "deregistered_on",
                "comm_volunteer_end_after_start",
                _("Deregistered before registering."),
            ),
            models.CheckConstraint(
                condition=models.Q(service_hours__gte=0),
                name="comm_volunteer_hours_not_negative",
                violation_error_message=_("Service hours cannot be negative."),
            ),
        ]
        indexes = [models.Index(fields=["registered_on"], name="comm_volunteer_registered_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:volunteer_detail", args=[self.pk])

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    def id_number_for(self, user) -> str:
        return self.id_number if user.has_perm("civilaffairs.view_full_id_number") else self.masked_id_number

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.id_number:
            try:
                self.id_number = parse_id_number(self.id_number).number
            except ValidationError as exc:
                errors["id_number"] = exc.messages
        try:
            check_region_level(
                self.region if self.region_id else None, LOCAL_LEVELS, "region", _("Choose a township or village.")
            )
            not_in_future(self.registered_on, "registered_on")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}
