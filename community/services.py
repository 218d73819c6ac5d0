"""Writes of the community registers that change a status, touch several rows or import a file.

Each takes the acting user, checks the permission and the jurisdiction itself (the API and the pages call the
same functions), locks the row it changes and runs in one transaction: bad input leaves the data as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civilaffairs.idnumber import parse_id_number
from civilaffairs.imports import ImportReport, dataset_from_rows, get_importable, run_import
from civilaffairs.models import Person, Region
from community.choices import ENDED_STATUSES, LeaveReason, OrgStatus, ReportStatus
from community.models import (
    SocialOrganization,
    SocialOrgAnnualReport,
    SocialWorker,
)

BATCH = 1000


def _require(actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def _full_clean(obj, exclude: Iterable[str] = ()) -> None:
    obj.full_clean(exclude=list(exclude), validate_unique=True)


# --- Social organisations ------------------------------------------------------------------------------------


@transaction.atomic
def organization_end(
    *, actor, organization: SocialOrganization, status: str, on: datetime.date, reason: str
) -> SocialOrganization:
    """注销 / 撤销登记 / 吊销登记证书 / 取缔: the organisation stops counting from ``on`` (《社会团体登记管理条例》
    第二十条、第三十条; 《民办非企业单位登记管理暂行条例》; 《基金会管理条例》). Locked, so two clerks ending it at
    once cannot both succeed."""
    _require(actor, "community.end_socialorganization")
    org = SocialOrganization.objects.for_user(actor).select_for_update().filter(pk=organization.pk).first()
    if org is None:
        raise PermissionDenied(_("The organisation is outside your jurisdiction."))
    if status not in ENDED_STATUSES:
        raise ValidationError({"status": _("Choose deregistration, revocation, withdrawal of the certificate or ban.")})
    if org.status != OrgStatus.NORMAL:
        raise ValidationError(_("This organisation is already %(status)s.") % {"status": org.get_status_display()})
    if on < org.registered_on:
        raise ValidationError(
            {"on": _("The date cannot be before the registration (%(date)s).") % {"date": org.registered_on}}
        )
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date cannot be in the future.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason and the decision document.")})
    org.status, org.ended_on, org.end_reason = status, on, reason.strip()
    org.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    return org


@transaction.atomic
def annual_report_submit(*, actor, report: SocialOrgAnnualReport) -> SocialOrgAnnualReport:
    """Record an annual report as submitted (new, or corrected after being returned). An accepted report is final:
    changing it would silently change past indicator values."""
    _require(
        actor, "community.add_socialorgannualreport" if report.pk is None else "community.change_socialorgannualreport"
    )
    if not SocialOrganization.objects.for_user(actor).filter(pk=report.organization_id).exists():
        raise PermissionDenied(_("The organisation is outside your jurisdiction."))
    if report.pk is not None:
        current = SocialOrgAnnualReport.objects.select_for_update().get(pk=report.pk)
        if current.status == ReportStatus.ACCEPTED:
            raise ValidationError(_("This report has been accepted and can no longer be changed."))
    report.status, report.reviewed_on, report.reviewed_by, report.review_opinion = (
        ReportStatus.SUBMITTED,
        None,
        None,
        "",
    )
    _full_clean(report)
    report.save()
    return report


@transaction.atomic
def annual_report_review(
    *, actor, report: SocialOrgAnnualReport, accept: bool, opinion: str, on: datetime.date | None = None
) -> SocialOrgAnnualReport:
    """Accept a submitted report (its full-time staff figure then counts from ``on``) or return it for correction.
    The conditional lock makes a double submit or two reviewers at once review it only once."""
    _require(actor, "community.review_socialorgannualreport")
    current = (
        SocialOrgAnnualReport.objects.for_user(actor)
        .select_for_update()
        .select_related("organization")
        .filter(pk=report.pk)
        .first()
    )
    if current is None:
        raise PermissionDenied(_("The report is outside your jurisdiction."))
    if current.status != ReportStatus.SUBMITTED:
        raise ValidationError(
            _("This report has already been reviewed (%(status)s).") % {"status": current.get_status_display()}
        )
    on = on or timezone.localdate()
    if on < current.submitted_on:
        raise ValidationError({"on": _("The review cannot be before the report was submitted.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date cannot be in the future.")})
    if not accept and not opinion.strip():
        raise ValidationError({"opinion": _("Say what must be corrected.")})
    current.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    current.reviewed_on, current.reviewed_by, current.review_opinion = on, actor, opinion.strip()
    current.save(update_fields=["status", "reviewed_on", "reviewed_by", "review_opinion", "updated_at"])
    return current


# --- Social workers ------------------------------------------------------------------------------------------


def person_for(*, actor, id_number: str, name: str, residence: Region | None) -> Person:
    """The registry's person with this ID number, or a new one. The name must match a registered person's."""
    try:
        facts = parse_id_number(id_number)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from None
    person = Person.objects.filter(id_number=facts.number).first()
    if person is not None:
        if name and person.name != name.strip():
            raise ValidationError({"name": _("This ID number is registered under another name; check both.")})
        return person
    if residence is None:
        raise ValidationError({"residence": _("The person is not yet registered: give the village of residence.")})
    if not Region.objects.for_user(actor).filter(pk=residence.pk).exists():
        raise PermissionDenied(_("The village of residence is outside your jurisdiction."))
    person = Person(id_number=facts.number, name=name.strip(), region=residence)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def social_worker_register(
    *, actor, id_number: str, name: str, residence: Region | None, worker: SocialWorker
) -> SocialWorker:
    """Put a person on the 社会工作专业人才 list (creating the person in the registry if new)."""
    _require(actor, "community.add_socialworker")
    worker.person = person_for(actor=actor, id_number=id_number, name=name, residence=residence)
    if not Region.objects.for_user(actor).filter(pk=worker.region_id).exists():
        raise PermissionDenied(_("The place of work is outside your jurisdiction."))
    # Lock the person's records so two clerks cannot open two current records for the same person at once.
    list(SocialWorker.objects.select_for_update().filter(person=worker.person))
    _full_clean(worker)
    worker.save()
    return worker


@transaction.atomic
def social_worker_transfer(
    *,
    actor,
    worker: SocialWorker,
    on: datetime.date,
    region: Region,
    employer_kind: str,
    employer_name: str,
    employer_org: SocialOrganization | None = None,
) -> SocialWorker:
    """A move to another post: the current record ends on ``on`` and a new one starts that day, so that counts as
    of earlier dates keep the person where they worked then."""
    _require(actor, "community.change_socialworker")
    current = SocialWorker.objects.for_user(actor).select_for_update().filter(pk=worker.pk).first()
    if current is None:
        raise PermissionDenied(_("The record is outside your jurisdiction."))
    if current.active_to is not None:
        raise ValidationError(_("This record is already closed."))
    if on <= current.active_from:
        raise ValidationError(
            {"on": _("The move must be after the current post began (%(date)s).") % {"date": current.active_from}}
        )
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date cannot be in the future.")})
    if not Region.objects.for_user(actor).filter(pk=region.pk).exists():
        raise PermissionDenied(_("The new place of work is outside your jurisdiction."))
    current.active_to, current.leave_reason = on, LeaveReason.TRANSFERRED
    current.save(update_fields=["active_to", "leave_reason", "updated_at"])
    new = SocialWorker(
        person=current.person,
        region=region,
        employer_kind=employer_kind,
        employer_name=employer_name,
        employer_org=employer_org,
        certificate_level=current.certificate_level,
        certificate_number=current.certificate_number,
        certified_on=current.certified_on,
        talent_basis=current.talent_basis,
        active_from=on,
    )
    _full_clean(new)
    new.save()
    return new


# --- Imports (all or nothing) ----------------------------------------------------------------------------------


def volunteer_roster_import(*, actor, rows: list[dict], dry_run: bool = False) -> ImportReport:
    """Import a roster exported from the volunteer platform (志愿重庆 / 全国志愿服务信息系统), upserting on the
    公民身份号码. Every row is checked first; one bad row and nothing is written (DESIGN §8: a partial import is a
    defect). ``rows`` are dicts keyed by the Chinese column names (``resources.VolunteerRosterResource``)."""
    return _import("community.volunteers", actor, rows, dry_run)


def sales_returns_import(*, actor, rows: list[dict], dry_run: bool = False) -> ImportReport:
    """Import the 福彩中心's monthly sales sheet (outlet number, month, sales), upserting on (outlet, month).
    All rows are checked first; one bad row and nothing is written."""
    return _import("community.sales", actor, rows, dry_run)


def _import(key: str, actor, rows: list[dict], dry_run: bool) -> ImportReport:
    entry = get_importable(*key.split("."))
    dataset = dataset_from_rows(rows, entry.columns())
    return run_import(actor=actor, importable=entry, dataset=dataset, dry_run=dry_run)


__all__ = [
    "ImportReport",
    "annual_report_review",
    "annual_report_submit",
    "organization_end",
    "person_for",
    "sales_returns_import",
    "social_worker_register",
    "social_worker_transfer",
    "volunteer_roster_import",
]
