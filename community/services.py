"""Writes of the community registers that change a status, touch several rows or import a file.

Each takes the acting user, checks the permission and the jurisdiction itself (the API and the pages call the
same functions), locks the row it changes and runs in one transaction: bad input leaves the data as it was.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civilaffairs.audit import log_bulk_changes
from civilaffairs.choices import RegionLevel
from civilaffairs.idnumber import parse_id_number
from civilaffairs.models import Person, Region
from civilaffairs.scoping import scope_prefix
from community.choices import ENDED_STATUSES, LeaveReason, OrgStatus, ReportStatus
from community.models import (
    LotteryOutlet,
    LotterySalesReturn,
    SocialOrganization,
    SocialOrgAnnualReport,
    SocialWorker,
    Volunteer,
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


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _DryRun(Exception):
    pass


def _row_error(report: ImportReport, number: int, column: str, message: str) -> None:
    report.errors.append(
        _("Row %(row)d, %(column)s: %(message)s") % {"row": number, "column": column, "message": message}
    )


def _scope_regions(actor, levels: tuple[str, ...]) -> dict[str, Region]:
    return {r.code: r for r in Region.objects.for_user(actor).filter(level__in=levels).only("code", "level")}


def volunteer_roster_import(*, actor, rows: list[dict], dry_run: bool = False) -> ImportReport:
    """Import a roster exported from the volunteer platform (志愿重庆 / 全国志愿服务信息系统), upserting on the
    公民身份号码. Every row is checked first; one bad row and nothing is written (DESIGN §8: a partial import is a
    defect). ``rows`` are dicts keyed by the Chinese column names of ``imports.VOLUNTEER_COLUMNS``.
    """
    from community import imports

    _require(actor, "community.import_volunteer")
    report = ImportReport(total=len(rows))
    regions = _scope_regions(actor, (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE))
    parsed: dict[str, dict] = {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        try:
            values = imports.parse_volunteer_row(row, regions)
        except imports.RowError as exc:
            _row_error(report, number, exc.column, exc.message)
            continue
        if values["id_number"] in parsed:
            _row_error(
                report,
                number,
                imports.COL_ID,
                _("This ID number appears twice in the file (row %(row)d).")
                % {"row": parsed[values["id_number"]]["_row"]},
            )
            continue
        values["_row"] = number
        parsed[values["id_number"]] = values
    existing: dict[str, Volunteer] = {}
    numbers = list(parsed)
    for start in range(0, len(numbers), BATCH):
        for volunteer in Volunteer.objects.filter(id_number__in=numbers[start : start + BATCH]):
            existing[volunteer.id_number] = volunteer
    prefix = scope_prefix(actor) or ""
    for number, volunteer in existing.items():
        if not volunteer.region_id.startswith(prefix):
            _row_error(
                report,
                parsed[number]["_row"],
                imports.COL_ID,
                _("This volunteer is on the roster of another jurisdiction."),
            )
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            _write_volunteers(actor, parsed, existing, report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


VOLUNTEER_FIELDS = [
    "name",
    "region_id",
    "registered_on",
    "deregistered_on",
    "source",
    "external_id",
    "team",
    "service_hours",
]


def _write_volunteers(actor, parsed: dict[str, dict], existing: dict[str, Volunteer], report: ImportReport) -> None:
    now = timezone.now()
    new, changed, changes = [], [], []
    for number, values in parsed.items():
        volunteer = existing.get(number)
        if volunteer is None:
            new.append(Volunteer(id_number=number, imported_at=now, **{f: values[f] for f in VOLUNTEER_FIELDS}))
            continue
        diff = {f: (getattr(volunteer, f), values[f]) for f in VOLUNTEER_FIELDS if getattr(volunteer, f) != values[f]}
        if not diff:
            report.unchanged += 1
            continue
        for name, (_before, after) in diff.items():
            setattr(volunteer, name, after)
        volunteer.imported_at = now
        changed.append(volunteer)
        changes.append((volunteer, diff))
    created = Volunteer.objects.bulk_create(new, batch_size=BATCH)
    Volunteer.objects.bulk_update(changed, [*VOLUNTEER_FIELDS, "imported_at"], batch_size=BATCH)
    # bulk writes bypass auditlog's signals: write the audit rows ourselves (civilaffairs.audit).
    log_bulk_changes(changes, actor=actor)
    if created and created[0].pk is not None:
        log_bulk_changes(((v, {}) for v in created), actor=actor, action=LogEntry.Action.CREATE)
    report.created, report.updated = len(new), len(changed)


def sales_returns_import(*, actor, rows: list[dict], dry_run: bool = False) -> ImportReport:
    """Import the 福彩中心's monthly sales sheet (outlet number, month, sales), upserting on (outlet, month).
    All rows are checked first; one bad row and nothing is written."""
    from community import imports

    _require(actor, "community.add_lotterysalesreturn")
    report = ImportReport(total=len(rows))
    outlets = {
        o.outlet_number: o
        for o in LotteryOutlet.objects.for_user(actor).only("id", "outlet_number", "opened_on", "region_id")
    }
    parsed: dict[tuple[int, datetime.date], tuple[int, Decimal]] = {}
    for number, row in enumerate(rows, start=2):
        try:
            outlet_number, month, sales = imports.parse_sales_row(row)
        except imports.RowError as exc:
            _row_error(report, number, exc.column, exc.message)
            continue
        outlet = outlets.get(outlet_number)
        if outlet is None:
            _row_error(
                report, number, imports.COL_OUTLET, _("No outlet %(n)s in your jurisdiction.") % {"n": outlet_number}
            )
            continue
        if month < outlet.opened_on.replace(day=1):
            _row_error(report, number, imports.COL_MONTH, _("The outlet had not opened in this month."))
            continue
        key = (outlet.pk, month)
        if key in parsed:
            _row_error(
                report,
                number,
                imports.COL_MONTH,
                _("This outlet and month appear twice in the file (row %(row)d).") % {"row": parsed[key][0]},
            )
            continue
        parsed[key] = (number, sales)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            existing = {
                (r.outlet_id, r.month): r
                for r in LotterySalesReturn.objects.select_for_update().filter(
                    outlet_id__in={k[0] for k in parsed}, month__in={k[1] for k in parsed}
                )
            }
            new, changed, changes = [], [], []
            for (outlet_id, month), (_row, sales) in parsed.items():
                current = existing.get((outlet_id, month))
                if current is None:
                    new.append(LotterySalesReturn(outlet_id=outlet_id, month=month, sales_yuan=sales))
                elif current.sales_yuan != sales:
                    changes.append((current, {"sales_yuan": (current.sales_yuan, sales)}))
                    current.sales_yuan = sales
                    changed.append(current)
                else:
                    report.unchanged += 1
            LotterySalesReturn.objects.bulk_create(new, batch_size=BATCH)
            LotterySalesReturn.objects.bulk_update(changed, ["sales_yuan"], batch_size=BATCH)
            log_bulk_changes(changes, actor=actor)
            report.created, report.updated = len(new), len(changed)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


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
