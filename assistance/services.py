"""Every write of social assistance that touches several rows, changes a status or has a side effect.

Named ``<entity>_<verb>(*, actor, ...)``, each under ``transaction.atomic``. Workflow services lock the
application row (``select_for_update``), check the transition table (``assistance.workflow``), the actor's
permission AND jurisdiction, write an insert-only status-change row, and guard the status write with a
conditional update so that two reviewers approving at once cannot both succeed, even where row locks are not
available (SQLite). Pages and the API call these same functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.choices import (
    DISABILITY_CARE_KINDS,
    EXCLUSIVE_PROGRAMMES,
    OPEN_STATUSES,
    PERSON_KINDS,
    PROGRAMME_OF_KIND,
    SUBSIDY_KINDS,
    SUBSIDY_PROGRAMMES,
    AmountReason,
    ApplicationKind,
    ApplicationStatus,
    EndReason,
    EnrolmentStatus,
    LabourCapacity,
    LineKind,
    MonitoringReason,
    ObjectionOutcome,
    PaymentMethod,
    Programme,
    RecheckOutcome,
    Relationship,
    RollStatus,
    StandardKind,
    TemporaryType,
)
from assistance.conf import county_setting
from assistance.deadlines import refresh_deadlines
from assistance.eligibility import (
    Assessment,
    assess,
    assess_dibao_household,
    assess_dibao_single,
    assess_tekun,
    dibao_amount,
    dibao_members,
    living_members,
    money,
)
from assistance.models import (
    Application,
    ApplicationStatusChange,
    AssistanceStandard,
    DisabilityCertificate,
    Enrolment,
    EnrolmentAmount,
    EnrolmentMember,
    Household,
    HouseholdMember,
    LowIncomeHousehold,
    LowIncomeVisit,
    Objection,
    Obligor,
    PaymentLine,
    PaymentRoll,
    ReCheck,
    TemporaryAdvance,
)
from assistance.models.enrolments import add_months, month_start
from assistance.models.standards import standard_in_force
from assistance.workflow import TRANSITIONS, TransitionRefused, refusal
from civilaffairs.audit import log_bulk_changes
from civilaffairs.choices import RegionLevel
from civilaffairs.formats import cn_date
from civilaffairs.idnumber import parse_id_number
from civilaffairs.models import Person, Region
from civilaffairs.services import retry_on_sqlite_lock
from civilaffairs.workdays import add_workdays

S = ApplicationStatus


def _require(actor, *permissions: str) -> None:
    """The actor holds at least one of the permissions."""
    if not any(actor.has_perm(permission) for permission in permissions):
        raise PermissionDenied(_("Your role does not allow this."))


def _place(household: Household) -> str:
    village = household.village
    township = village.parent
    return f"{township.name if township else ''}{village.name}"


# --- Households ---------------------------------------------------------------------------------------------


@dataclass
class MemberInput:
    """One member row as entered: the person by ID number and name, and the means-test facts."""

    id_number: str
    name: str
    relationship: str
    labour_capacity: str = LabourCapacity.FULL
    health: str = "healthy"
    disability_category: str = ""
    disability_grade: int | None = None
    disability_cert_no: str = ""
    monthly_income: Decimal = Decimal("0")
    assets: Decimal = Decimal("0")
    member_id: int | None = None  # an existing member being edited
    remove: bool = False


MEMBER_FIELDS = [
    "relationship",
    "labour_capacity",
    "health",
    "disability_category",
    "disability_grade",
    "disability_cert_no",
    "monthly_income",
    "assets",
]


def household_member_errors(*, actor, household: Household | None, rows: list[MemberInput]) -> dict[int, list[str]]:
    """Cross-row and registry checks of the members entered on one page, keyed by row index (Chinese messages).

    A person is found by ID number: one registered in another jurisdiction or already in another current
    household is refused with the other place named; the name must match the registry.
    """
    errors: dict[int, list[str]] = {}
    kept = [(i, r) for i, r in enumerate(rows) if not r.remove]
    if not kept:
        errors.setdefault(-1, []).append(_("A household has at least one member."))
    heads = [i for i, r in kept if r.relationship == Relationship.HEAD]
    if len(heads) != 1:
        errors.setdefault(-1, []).append(
            _("Mark exactly one member as head of household (%(n)d marked).") % {"n": len(heads)}
        )
    seen: dict[str, int] = {}
    for i, row in kept:
        try:
            number = parse_id_number(row.id_number).number
        except ValidationError as exc:
            errors.setdefault(i, []).extend(exc.messages)
            continue
        if number in seen:
            errors.setdefault(i, []).append(
                _("The same ID number is entered twice (members %(a)d and %(b)d).")
                % {"a": seen[number] + 1, "b": i + 1}
            )
            continue
        seen[number] = i
        person = Person.objects.filter(id_number=number).select_related("region", "region__parent").first()
        if person is None:
            continue
        if not Person.objects.for_user(actor).filter(pk=person.pk).exists():
            township = person.region.township() or person.region
            errors.setdefault(i, []).append(
                _("ID number %(number)s is registered in %(place)s, outside your jurisdiction; ask that office.")
                % {"number": number, "place": township.name}
            )
            continue
        if row.name.strip() and person.name != row.name.strip():
            errors.setdefault(i, []).append(
                _("ID number %(number)s is registered as “%(registered)s”, not “%(entered)s”.")
                % {"number": number, "registered": person.name, "entered": row.name.strip()}
            )
        other = (
            HouseholdMember.objects.filter(person=person, left_on__isnull=True)
            .exclude(household=household)
            .select_related("household__village__parent", "household__head")
            .first()
            if household is not None and household.pk
            else HouseholdMember.objects.filter(person=person, left_on__isnull=True)
            .select_related("household__village__parent", "household__head")
            .first()
        )
        if other is not None:
            errors.setdefault(i, []).append(
                _("%(name)s is already a member of %(household)s in %(place)s; record the move there first.")
                % {"name": person.name, "household": other.household, "place": _place(other.household)}
            )
    return errors


def _person_for_row(row: MemberInput, household: Household) -> Person:
    number = parse_id_number(row.id_number).number
    person = Person.objects.filter(id_number=number).first()
    if person is not None:
        return person
    person = Person(id_number=number, name=row.name.strip(), region=household.village, address=household.address)
    person.full_clean()
    person.save()
    return person


@retry_on_sqlite_lock
def household_save(
    *, actor, household: Household, members: list[MemberInput], today: datetime.date | None = None
) -> Household:
    """Create or update a household with its members on one page, all or nothing.

    Members removed from the page leave the household (``left_on``) rather than disappearing: past assessments
    stay explainable.
    """
    today = today or timezone.localdate()
    _require(
        actor,
        "assistance.change_household" if household.pk else "assistance.add_household",
        "assistance.import_assistance",
    )
    if not household.urban_rural and household.village_id:
        household.urban_rural = household.village.urban_rural or "rural"
    errors = household_member_errors(actor=actor, household=household, rows=members)
    if errors:
        raise ValidationError(
            [
                f"{_('Member %(n)d') % {'n': i + 1}}：{m}" if i >= 0 else m
                for i, ms in sorted(errors.items())
                for m in ms
            ]
        )
    with transaction.atomic():
        household.full_clean()
        if not household.pk:
            household.created_by = actor
        household.save()
        if not Household.objects.for_user(actor).filter(pk=household.pk).exists():
            raise PermissionDenied(_("The household would fall outside your jurisdiction."))
        existing = {m.pk: m for m in household.members.filter(left_on__isnull=True)}
        head_person = None
        # Removals first, so that a head or person moved between rows does not trip the constraints.
        for row in members:
            if row.remove and row.member_id in existing:
                member = existing.pop(row.member_id)
                member.left_on = today
                member.save(update_fields=["left_on"])
        for row in members:
            if row.remove:
                continue
            person = _person_for_row(row, household)
            member = existing.get(row.member_id) if row.member_id else None
            if member is None:
                member = HouseholdMember(household=household, person=person, joined_on=today)
            for name in MEMBER_FIELDS:
                setattr(member, name, getattr(row, name))
            member.disability_grade = row.disability_grade or None
            member.full_clean(exclude=["household", "person"], validate_constraints=False)
            member.save()
            if row.relationship == Relationship.HEAD:
                head_person = person
        household.head = head_person
        household.save(update_fields=["head", "updated_at"])
    return household


# --- Applications: submission -------------------------------------------------------------------------------


def enrolment_clash_errors(*, person_ids: Iterable[int]) -> list[str]:
    """Active 低保/特困 enrolments of these persons, in any township, named (the two exclude each other)."""
    clashes = (
        EnrolmentMember.objects.filter(person_id__in=list(person_ids), active=True, programme__in=EXCLUSIVE_PROGRAMMES)
        .select_related("person", "enrolment__household__village__parent")
        .order_by("person_id")
    )
    return [
        _("%(name)s is already enrolled in %(programme)s (case %(number)s, %(place)s).")
        % {
            "name": clash.person.name,
            "programme": clash.get_programme_display(),
            "number": clash.enrolment.number,
            "place": _place(clash.enrolment.household),
        }
        for clash in clashes
    ]


def subsidy_clash_errors(*, programme: str, person_ids: Iterable[int]) -> list[str]:
    """Active enrolments of these persons in the same subsidy, in any township, named."""
    clashes = (
        EnrolmentMember.objects.filter(person_id__in=list(person_ids), active=True, programme=programme)
        .select_related("person", "enrolment__household__village__parent")
        .order_by("person_id")
    )
    return [
        _("%(name)s already receives %(programme)s (case %(number)s, %(place)s).")
        % {
            "name": clash.person.name,
            "programme": clash.get_programme_display(),
            "number": clash.enrolment.number,
            "place": _place(clash.enrolment.household),
        }
        for clash in clashes
    ]


def duplicate_errors(
    *, kind: str, household: Household, person_ids: Iterable[int], exclude_pk: int | None = None
) -> list[str]:
    """Why a new case would duplicate another, naming the other case wherever it is (DESIGN §3: one person, one
    row, whatever township) — the message names township and case number even outside the user's jurisdiction."""
    person_ids = list(person_ids)
    messages: list[str] = []
    if kind in (ApplicationKind.DIBAO, ApplicationKind.TEKUN):
        messages.extend(enrolment_clash_errors(person_ids=person_ids))
    if kind in SUBSIDY_KINDS:
        messages.extend(subsidy_clash_errors(programme=PROGRAMME_OF_KIND[kind], person_ids=person_ids))
    # A subsidy is per person: two disabled members of one household apply separately.
    same = (
        Q(target_id__in=person_ids) if kind in SUBSIDY_KINDS else Q(household=household) | Q(target_id__in=person_ids)
    )
    open_cases = (
        Application.objects.filter(kind=kind, status__in=OPEN_STATUSES)
        .filter(same)
        .select_related("household__village__parent")
    )
    if exclude_pk:
        open_cases = open_cases.exclude(pk=exclude_pk)
    for case in open_cases:
        messages.append(
            _("An open %(kind)s application already exists: %(number)s (%(place)s, %(status)s).")
            % {
                "kind": case.get_kind_display(),
                "number": case.number,
                "place": _place(case.household),
                "status": case.get_status_display(),
            }
        )
    return messages


def _record(app: Application, action: str, from_status: str, to_status: str, actor, opinion: str) -> None:
    ApplicationStatusChange.objects.create(
        application=app, action=action, from_status=from_status, to_status=to_status, actor=actor, opinion=opinion
    )


@retry_on_sqlite_lock
def application_submit(
    *,
    actor,
    household: Household,
    kind: str,
    applicant: Person,
    reason: str,
    received_on: datetime.date | None = None,
    target: Person | None = None,
    single_person: bool = False,
    care_tier: str = "",
    support_mode: str = "",
    temporary_type: str = "",
    temporary_months: int | None = None,
    expense_category: str = "",
    expense_amount: Decimal | None = None,
    obligors: Iterable[dict] = (),
    idempotency_key: str | None = None,
) -> tuple[Application, bool]:
    """申请: register an application. The same ``idempotency_key`` (a double-clicked submit, a retried API call)
    returns the application already created instead of a second one."""
    _require(actor, "assistance.add_application")
    if idempotency_key:
        existing = Application.objects.for_user(actor).filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    household = Household.objects.for_user(actor).select_related("village__parent").get(pk=household.pk)
    today = timezone.localdate()
    received_on = received_on or today
    errors: dict[str, list[str]] = {}
    if received_on > today:
        errors.setdefault("received_on", []).append(_("The date received cannot be in the future."))
    members = set(living_members(household, today).values_list("person_id", flat=True))
    if applicant.pk not in members:
        errors.setdefault("applicant", []).append(_("The applicant must be a member of the household."))
    about_one = kind in PERSON_KINDS or single_person
    if about_one:
        if target is None:
            errors.setdefault("target", []).append(_("Name the person applied for."))
        elif target.pk not in members:
            errors.setdefault("target", []).append(_("The person applied for must be a member of the household."))
    if single_person and kind != ApplicationKind.DIBAO:
        errors.setdefault("single_person", []).append(_("Single-person enrolment exists only for dibao."))
    if kind == ApplicationKind.TEMPORARY and not temporary_type:
        errors.setdefault("temporary_type", []).append(_("Choose emergency or expenditure type."))
    if kind == ApplicationKind.TEMPORARY and temporary_type == TemporaryType.EXPENDITURE:
        if expense_amount is None or expense_amount <= 0:
            errors.setdefault("expense_amount", []).append(
                _("For expenditure-type assistance, give the rigid expense the household bore itself.")
            )
        if not expense_category:
            errors.setdefault("expense_category", []).append(_("Say what the expense was for."))
    certificate = None
    if kind in SUBSIDY_KINDS and target is not None and "target" not in errors:
        certificate = DisabilityCertificate.objects.valid_on(received_on).filter(person=target).first()
        if certificate is None:
            errors.setdefault("target", []).append(
                _(
                    "%(name)s holds no disability certificate valid on the date received; the federation's roster "
                    "must be imported (or the certificate entered) first."
                )
                % {"name": target.name}
            )
    if errors:
        raise ValidationError(errors)
    if about_one:
        persons = [target.pk]
    elif kind == ApplicationKind.DIBAO:
        # Members supported as 特困 are not part of the 低保 household where the county says so (conf).
        persons = sorted(dibao_members(household, today).values_list("person_id", flat=True))
    else:
        persons = sorted(members)
    clashes = duplicate_errors(kind=kind, household=household, person_ids=persons)
    if clashes and idempotency_key:
        # The "other open application" may be this very submit, committed by the first click since the check above.
        existing = Application.objects.for_user(actor).filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    if clashes:
        raise ValidationError(clashes)
    expenditure = kind == ApplicationKind.TEMPORARY and temporary_type == TemporaryType.EXPENDITURE
    app = Application(
        kind=kind,
        household=household,
        applicant=applicant,
        target=target if about_one else None,
        single_person=single_person,
        care_tier=care_tier if kind == ApplicationKind.TEKUN else "",
        support_mode=support_mode if kind == ApplicationKind.TEKUN else "",
        temporary_type=temporary_type if kind == ApplicationKind.TEMPORARY else "",
        temporary_months=temporary_months if kind == ApplicationKind.TEMPORARY else None,
        expense_category=expense_category if expenditure else "",
        expense_amount=expense_amount if expenditure else None,
        certificate=certificate,
        reason=reason,
        received_on=received_on,
        idempotency_key=idempotency_key or None,
        created_by=actor,
    )
    refresh_deadlines(app, today)
    try:
        with transaction.atomic():
            app.full_clean(exclude=["household", "applicant", "target", "certificate", "idempotency_key"])
            app.save()
            for data in obligors:
                Obligor.objects.create(application=app, **data)
            _record(app, "submit", "", S.SUBMITTED, actor, reason)
    except IntegrityError:
        # Two identical submits raced past the check above: the unique key let exactly one through.
        if idempotency_key:
            existing = Application.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, False
        raise
    return app, True


# --- Applications: the transition runner --------------------------------------------------------------------


def _lock_application(actor, application_id: int) -> Application:
    """The application, row-locked, if it is inside the actor's jurisdiction (else DoesNotExist → 404)."""
    app = Application.objects.for_user(actor).select_for_update(of=("self",)).filter(pk=application_id).first()
    if app is None:
        raise Application.DoesNotExist(_("No such application in your jurisdiction."))
    return app


def _already_done_message(app: Application, transition) -> str:
    last = app.status_changes.exclude(action="submit").select_related("actor").order_by("-at", "-id").first()
    if last is not None and last.to_status == app.status:
        return _(
            "This application is already “%(status)s” (by %(who)s at %(when)s); “%(action)s” is no longer possible."
        ) % {
            "status": app.get_status_display(),
            "who": last.actor or _("the system"),
            "when": timezone.localtime(last.at).strftime("%Y-%m-%d %H:%M"),
            "action": transition.label,
        }
    return ""


@retry_on_sqlite_lock
def _transition(
    *,
    actor,
    application: Application | int,
    action: str,
    opinion: str | Callable[[], str] = "",
    apply: Callable[[Application], str | None] | None = None,
    today: datetime.date | None = None,
) -> Application:
    """Run one workflow action under a row lock: check, apply the action's changes, record the status change.

    ``apply`` edits the locked application and may return a status other than the table's target (an upheld
    objection goes back to the survey); it raises ``TransitionRefused`` or ``ValidationError`` to refuse. ``opinion``
    may be a callable, read after ``apply`` (when the text depends on what it found).
    """
    transition = TRANSITIONS[action]
    today = today or timezone.localdate()
    pk = application.pk if isinstance(application, Application) else application
    with transaction.atomic():
        app = _lock_application(actor, pk)
        error = refusal(transition, actor, app, today)
        if error:
            if app.status not in transition.sources:
                error = _already_done_message(app, transition) or error
            raise TransitionRefused(error)
        from_status = app.status
        override = apply(app) if apply else None
        to_status = override or transition.target or from_status
        app.status = to_status
        refresh_deadlines(app, today)
        # Conditional write: if another transaction changed the status since we read it (possible where row locks
        # are not available), nothing is written and the user is told.
        changed = Application.objects.filter(pk=app.pk, status=from_status).update(updated_at=timezone.now())
        if changed != 1:
            raise TransitionRefused(_("Someone else changed this application just now; reload the page."))
        app.save()
        _record(app, action, from_status, to_status, actor, opinion() if callable(opinion) else opinion)
        if app.kind == ApplicationKind.TEMPORARY and to_status not in OPEN_STATUSES:
            # 先行救助 regularised: the regular procedure has reached its decision (补齐审核审批手续).
            TemporaryAdvance.objects.filter(application=app, regularised_on__isnull=True).update(
                regularised_on=today, regularised_status=to_status
            )
    return app


def _required_text(value: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({label: [_("This must be filled in.")]})
    return value


def _snapshot(app: Application, result: Assessment, on: datetime.date) -> None:
    app.assessed_on = on
    app.members_count = result.members_count
    app.per_capita_income = result.per_capita_income
    app.per_capita_assets = result.per_capita_assets
    app.standard = result.standard
    app.care_standard = result.care_standard
    app.amount = result.amount
    app.eligible = result.eligible
    app.assessment_notes = result.text


def application_accept(
    *, actor, application, accepted_on: datetime.date | None = None, opinion: str = ""
) -> Application:
    """受理: the township accepts a complete application; the statutory clock starts."""
    today = timezone.localdate()

    def apply(app):
        day = accepted_on or today
        if day < app.received_on or day > today:
            raise ValidationError({"accepted_on": [_("The acceptance date lies between receipt and today.")]})
        app.accepted_on = day

    return _transition(actor=actor, application=application, action="accept", opinion=opinion, apply=apply)


def application_refuse_acceptance(*, actor, application, reason: str) -> Application:
    """不予受理, with the written reason the applicant is given."""
    reason = _required_text(reason, "reason")

    def apply(app):
        app.decision_reason = reason
        app.decision_on = timezone.localdate()
        app.decided_by = actor

    return _transition(actor=actor, application=application, action="refuse_acceptance", opinion=reason, apply=apply)


def application_record_survey(
    *,
    actor,
    application,
    staff_1: str,
    staff_2: str,
    survey_on: datetime.date,
    findings: str,
    info_check: str,
    info_check_note: str = "",
) -> Application:
    """家庭经济状况调查: 入户调查 by two named staff and the 信息核对 result; the means are assessed now."""
    today = timezone.localdate()
    staff_1, staff_2 = (staff_1 or "").strip(), (staff_2 or "").strip()
    errors: dict[str, list[str]] = {}
    if not staff_1 or not staff_2:
        errors["staff_2"] = [_("The home visit is made by two staff members; name both.")]
    elif staff_1 == staff_2:
        errors["staff_2"] = [_("The two staff members must be different people.")]
    if not (findings or "").strip():
        errors["findings"] = [_("Record what the home visit found.")]
    if not info_check:
        errors["info_check"] = [_("Record the result of the information check.")]
    if errors:
        raise ValidationError(errors)

    def apply(app):
        if survey_on > today or (app.accepted_on and survey_on < app.accepted_on):
            raise ValidationError({"survey_on": [_("The home visit lies between acceptance and today.")]})
        app.survey_staff_1, app.survey_staff_2, app.survey_on = staff_1, staff_2, survey_on
        app.survey_findings, app.info_check, app.info_check_note = findings.strip(), info_check, info_check_note
        _snapshot(app, assess(app, today), today)

    opinion = _("Surveyed by %(a)s and %(b)s on %(date)s.") % {"a": staff_1, "b": staff_2, "date": cn_date(survey_on)}
    return _transition(actor=actor, application=application, action="record_survey", opinion=opinion, apply=apply)


def application_record_appraisal(*, actor, application, appraisal_on: datetime.date, result: str) -> Application:
    """民主评议 (where used)."""
    result = _required_text(result, "result")

    def apply(app):
        if appraisal_on > timezone.localdate() or (app.survey_on and appraisal_on < app.survey_on):
            raise ValidationError({"appraisal_on": [_("The appraisal lies between the home visit and today.")]})
        app.appraisal_on, app.appraisal_result = appraisal_on, result

    return _transition(actor=actor, application=application, action="record_appraisal", opinion=result, apply=apply)


def application_review(*, actor, application, opinion: str, recommends: bool) -> Application:
    """乡镇审核意见. The means are assessed again; a case the rules exclude cannot be recommended."""
    opinion = _required_text(opinion, "opinion")
    today = timezone.localdate()

    def apply(app):
        result = assess(app, today)
        _snapshot(app, result, today)
        if recommends and not result.eligible:
            raise TransitionRefused(
                _("By the computed assessment the case is not eligible, so approval cannot be recommended: %(why)s")
                % {"why": "；".join(result.reasons)}
            )
        app.review_opinion, app.review_recommends, app.reviewed_on = opinion, recommends, today

    return _transition(actor=actor, application=application, action="review", opinion=opinion, apply=apply)


def application_initial_review(*, actor, application, opinion: str, recommends: bool) -> Application:
    """残疾人两项补贴 乡镇（街道）初审: the township checks the certificate and the household's status; the
    assessment is computed now, and a case the rules exclude cannot be recommended (国发〔2015〕52号)."""
    opinion = _required_text(opinion, "opinion")
    today = timezone.localdate()

    def apply(app):
        # Assessed for the first month that would be paid (the month after approval), as the approval will be: a
        # household approved for 低保 today is a 低保 household from next month.
        on = add_months(today, county_setting("payment_start_months_after_approval", app.county_code))
        result = assess(app, on)
        _snapshot(app, result, on)
        if recommends and not result.eligible:
            raise TransitionRefused(
                _("By the computed assessment the person is not eligible, so approval cannot be recommended: %(why)s")
                % {"why": "；".join(result.reasons)}
            )
        if result.certificate is not None:
            app.certificate = result.certificate
        app.review_opinion, app.review_recommends, app.reviewed_on = opinion, recommends, today

    return _transition(actor=actor, application=application, action="initial_review", opinion=opinion, apply=apply)


def application_federation_review(
    *, actor, application, opinion: str, reviewed_on: datetime.date | None = None
) -> Application:
    """区（县）残联审核 where the county uses it (南川): county staff record the federation's opinion and date."""
    opinion = _required_text(opinion, "opinion")
    today = timezone.localdate()

    def apply(app):
        day = reviewed_on or today
        if day > today or (app.reviewed_on and day < app.reviewed_on):
            raise ValidationError(
                {"reviewed_on": [_("The federation's review lies between the township's and today.")]}
            )
        app.federation_opinion, app.federation_reviewed_on = opinion, day

    return _transition(actor=actor, application=application, action="federation_review", opinion=opinion, apply=apply)


@retry_on_sqlite_lock
def application_grant_advance(
    *, actor, application, amount: Decimal, method: str, reason: str, paid_on: datetime.date | None = None
) -> TemporaryAdvance:
    """先行救助: the township pays an 急难型 case up to ``temporary_advance_limit`` at once, recorded as a ledger row
    paid on the day; the case must be regularised through the normal path within
    ``temporary_advance_regularise_workdays`` (the to-do list shows it). The grant later paid on the roll is the
    approved amount less this advance."""
    reason = _required_text(reason, "reason")
    today = timezone.localdate()
    paid_on = paid_on or today
    amount = money(amount or 0)
    created: list[TemporaryAdvance] = []

    def apply(app):
        created.clear()
        county = app.county_code
        limit = Decimal(str(county_setting("temporary_advance_limit", county)))
        if amount <= 0:
            raise ValidationError({"amount": [_("An advance is more than zero yuan.")]})
        if amount > limit:
            raise ValidationError(
                {
                    "amount": [
                        _("The township may advance at most %(limit)s yuan; the rest follows the normal approval.")
                        % {"limit": limit}
                    ]
                }
            )
        if paid_on > today or paid_on < app.received_on:
            raise ValidationError({"paid_on": [_("The advance is paid between receipt of the application and today.")]})
        if method not in PaymentMethod.values:
            raise ValidationError({"method": [_("Choose how it was paid.")]})
        try:
            with transaction.atomic():
                advance = TemporaryAdvance.objects.create(
                    application=app,
                    amount=amount,
                    payee_id=app.applicant_id,
                    method=method,
                    paid_on=paid_on,
                    reason=reason,
                    granted_by=actor,
                    regularise_due_on=add_workdays(
                        paid_on, county_setting("temporary_advance_regularise_workdays", county)
                    ),
                )
        except IntegrityError:
            # Two reviewers at once where rows are not locked (SQLite): the one-to-one let one through.
            raise TransitionRefused(_("Advance assistance has already been granted on this application.")) from None
        created.append(advance)

    opinion = _("Advance of %(amount)s yuan paid on %(date)s: %(reason)s") % {
        "amount": amount,
        "date": cn_date(paid_on),
        "reason": reason,
    }
    _transition(actor=actor, application=application, action="grant_advance", opinion=opinion, apply=apply)
    return created[0]


def application_start_notice(*, actor, application, start: datetime.date, place: str) -> Application:
    """公示 in the village or community for ``notice_days`` calendar days (民发〔2021〕57号: 7 days)."""
    place = _required_text(place, "place")

    def apply(app):
        if app.reviewed_on and start < app.reviewed_on:
            raise ValidationError({"start": [_("The notice cannot start before the township opinion.")]})
        days = county_setting("notice_days", app.county_code)
        app.notice_start, app.notice_end = start, start + datetime.timedelta(days=days - 1)
        app.notice_place = place

    opinion = _("Notice posted at %(place)s from %(date)s.") % {"place": place, "date": cn_date(start)}
    return _transition(actor=actor, application=application, action="start_notice", opinion=opinion, apply=apply)


def application_record_objection(
    *, actor, application, raised_on: datetime.date, raised_by: str, content: str
) -> Objection:
    """An objection during the notice; it must be checked before the notice can close."""
    content = _required_text(content, "content")
    created: list[Objection] = []

    def apply(app):
        if app.notice_start and raised_on < app.notice_start:
            raise ValidationError({"raised_on": [_("The objection was raised before the notice started.")]})
        created.append(
            Objection.objects.create(
                application=app,
                raised_on=raised_on,
                raised_by=(raised_by or "").strip() or _("anonymous"),
                content=content,
                recorded_by=actor,
            )
        )

    _transition(actor=actor, application=application, action="record_objection", opinion=content, apply=apply)
    return created[0]


def application_decide_objection(
    *, actor, application, objection: Objection | int, upheld: bool, note: str
) -> Application:
    """The outcome of checking an objection. Upheld, the case goes back to the survey (民发〔2021〕57号: 对公示有
    异议的，重新组织调查核实); the notice must then be posted again."""
    note = _required_text(note, "note")
    objection_pk = objection.pk if isinstance(objection, Objection) else objection

    def apply(app):
        row = Objection.objects.select_for_update().filter(pk=objection_pk, application=app).first()
        if row is None or row.outcome != ObjectionOutcome.PENDING:
            raise TransitionRefused(_("This objection has already been decided."))
        row.outcome = ObjectionOutcome.UPHELD if upheld else ObjectionOutcome.DISMISSED
        row.outcome_note, row.decided_on = note, timezone.localdate()
        row.save()
        if upheld:
            app.notice_start = app.notice_end = None
            app.review_recommends = None
            return S.ACCEPTED
        return None

    prefix = _("Objection upheld, back to the survey: ") if upheld else _("Objection dismissed: ")
    return _transition(
        actor=actor, application=application, action="decide_objection", opinion=prefix + note, apply=apply
    )


def application_close_notice(*, actor, application, opinion: str = "") -> Application:
    """公示期满无异议 (or objections dismissed): the case goes to 审核确认."""
    return _transition(
        actor=actor,
        application=application,
        action="close_notice",
        opinion=opinion or _("Notice period over without an upheld objection."),
    )


def application_approve(*, actor, application, opinion: str = "") -> Application:
    """审核确认 — 批准. The amount is computed now from the standard in force in the first month paid; 低保 and
    特困 become an enrolment paid from the next month (DESIGN §4), 临时救助 a one-off grant on the next roll."""
    today = timezone.localdate()

    notes: list[str] = []

    def apply(app):
        notes.clear()  # a retried transaction starts again
        county = app.county_code
        if app.kind == ApplicationKind.TEMPORARY:
            on = today
        else:
            on = add_months(today, county_setting("payment_start_months_after_approval", county))
        result = assess(app, on)
        _snapshot(app, result, on)
        if not result.eligible:
            raise TransitionRefused(
                _("By the computed assessment the case is not eligible and cannot be approved: %(why)s")
                % {"why": "；".join(result.reasons)}
            )
        app.decision_on, app.decided_by = today, actor
        app.decision_reason = opinion
        if app.kind != ApplicationKind.TEMPORARY:
            _enrol(actor=actor, app=app, start=on, result=result)
            return None
        advance = TemporaryAdvance.objects.filter(application=app).first()
        if advance is not None and advance.amount >= (result.amount or 0):
            # The advance already covers the approved amount: nothing more to pay, the case is settled. An advance
            # above the approved amount is not clawed back; the note says so.
            notes.append(
                _("The advance of %(advance)s yuan covers the approved %(amount)s yuan; nothing more is paid.")
                % {"advance": advance.amount, "amount": result.amount}
            )
            return S.PAID
        if advance is not None:
            notes.append(
                _("Approved %(amount)s yuan; %(advance)s yuan paid in advance, %(rest)s yuan on the next roll.")
                % {"amount": result.amount, "advance": advance.amount, "rest": result.amount - advance.amount}
            )
        return None

    def opinion_text() -> str:
        return "\n".join([opinion or str(_("Approved.")), *notes])

    return _transition(actor=actor, application=application, action="approve", opinion=opinion_text, apply=apply)


def application_reject(*, actor, application, reason: str) -> Application:
    """审核确认 — 不予批准, with the written reason the applicant receives."""
    reason = _required_text(reason, "reason")

    def apply(app):
        app.decision_on, app.decided_by, app.decision_reason = timezone.localdate(), actor, reason

    return _transition(actor=actor, application=application, action="reject", opinion=reason, apply=apply)


def application_withdraw(*, actor, application, reason: str) -> Application:
    """撤回 at the applicant's request, at any step before the decision."""
    reason = _required_text(reason, "reason")

    def apply(app):
        app.decision_reason = reason

    return _transition(actor=actor, application=application, action="withdraw", opinion=reason, apply=apply)


def application_terminate(*, actor, application, reason: str) -> Application:
    """终止 (e.g. the applicant refuses the home visit or the information check, or dies)."""
    reason = _required_text(reason, "reason")

    def apply(app):
        app.decision_reason = reason
        app.decision_on = timezone.localdate()

    return _transition(actor=actor, application=application, action="terminate", opinion=reason, apply=apply)


def application_extend_deadline(*, actor, application, reason: str) -> Application:
    """特殊情况 extension of the whole time limit (低保: 30 → 45 working days), once, with the reason."""
    reason = _required_text(reason, "reason")

    def apply(app):
        app.decision_extended = True

    return _transition(actor=actor, application=application, action="extend_deadline", opinion=reason, apply=apply)


# --- Enrolments ---------------------------------------------------------------------------------------------


def recheck_interval(household: Household, programme: str) -> int:
    """渝民〔2023〕3号: yearly for 特困 and stable households; half-yearly for irregular income with able members."""
    county = household.county_code
    if programme in SUBSIDY_PROGRAMMES:
        return county_setting("subsidy_recheck_months", county)
    if programme == Programme.DIBAO and household.income_irregular:
        able = living_members(household, timezone.localdate()).filter(labour_capacity=LabourCapacity.FULL).exists()
        if able:
            return county_setting("recheck_months_irregular", county)
    return county_setting("recheck_months_stable", county)


def _enrol(*, actor, app: Application, start: datetime.date, result: Assessment) -> Enrolment:
    programme = PROGRAMME_OF_KIND[app.kind]
    household = app.household
    single = app.kind in PERSON_KINDS or app.single_person
    persons = [app.target_id] if single else list(dibao_members(household, start).values_list("person_id", flat=True))
    interval = recheck_interval(household, programme)
    enrolment = Enrolment.objects.create(
        programme=programme,
        household=household,
        payee_id=app.target_id if single else app.applicant_id,
        application=app,
        urban_rural=household.urban_rural,
        single_person=app.single_person,
        care_tier=app.care_tier,
        support_mode=app.support_mode,
        disability_grade=result.certificate.grade if result.certificate is not None else None,
        start_month=start,
        recheck_interval_months=interval,
        next_recheck_on=add_months(start, interval),
    )
    try:
        with transaction.atomic():
            EnrolmentMember.objects.bulk_create(
                [EnrolmentMember(enrolment=enrolment, person_id=p, programme=programme) for p in persons]
            )
    except IntegrityError:
        # Someone enrolled one of these persons since the check at submission (another township, another case).
        clashes = duplicate_errors(kind=app.kind, household=household, person_ids=persons, exclude_pk=app.pk)
        raise TransitionRefused("；".join(clashes) or _("A person of this case is already enrolled.")) from None
    EnrolmentAmount.objects.create(
        enrolment=enrolment,
        effective_from=start,
        amount=result.amount,
        members_count=result.members_count,
        per_capita_income=result.per_capita_income,
        standard=result.standard,
        care_standard=result.care_standard,
        reason=AmountReason.APPROVAL,
        created_by=actor,
    )
    return enrolment


def _lock_enrolment(actor, enrolment) -> Enrolment:
    pk = enrolment.pk if isinstance(enrolment, Enrolment) else enrolment
    row = Enrolment.objects.for_user(actor).select_for_update(of=("self",)).filter(pk=pk).first()
    if row is None:
        raise Enrolment.DoesNotExist(_("No such enrolment in your jurisdiction."))
    return row


def _end_enrolment(enrolment: Enrolment, *, last_month: datetime.date, reason: str, note: str = "") -> None:
    enrolment.status = EnrolmentStatus.ENDED
    enrolment.end_month = max(month_start(last_month), enrolment.start_month)
    enrolment.end_reason, enrolment.end_note = reason, note
    enrolment.next_recheck_on = None
    enrolment.save()
    enrolment.members.filter(active=True).update(active=False)
    if enrolment.programme == Programme.DIBAO:
        _living_subsidies_after_dibao(enrolment)


def _living_subsidies_after_dibao(dibao: Enrolment) -> list[Enrolment]:
    """When a household leaves 低保, its members' 困难残疾人生活补贴 stop with the same month unless they still qualify
    through another group the county admits (低收入, 一户多残… — assessed for the next month)."""
    from assistance.subsidies import assess_subsidy

    after = add_months(dibao.end_month, 1)
    ended = []
    living = (
        Enrolment.objects.filter(household_id=dibao.household_id, programme=Programme.LIVING_SUBSIDY)
        .exclude(status=EnrolmentStatus.ENDED)
        .select_related("household", "payee")
    )
    for subsidy in living:
        person = subsidy.members.select_related("person").first()
        result = assess_subsidy(
            programme=Programme.LIVING_SUBSIDY,
            person=person.person if person else None,
            urban_rural=subsidy.household.urban_rural,
            county_code=subsidy.county_code,
            on=after,
        )
        if not result.eligible:
            _end_enrolment(
                subsidy,
                last_month=dibao.end_month,
                reason=EndReason.LEFT_DIBAO,
                note=_("The household's dibao case %(number)s ended with %(month)s. %(why)s")
                % {"number": dibao.number, "month": f"{dibao.end_month:%Y-%m}", "why": result.text},
            )
            ended.append(subsidy)
    return ended


def current_amount(enrolment: Enrolment, month: datetime.date) -> EnrolmentAmount | None:
    return enrolment.amounts.filter(effective_from__lte=month_start(month)).order_by("-effective_from").first()


def _assess_enrolment(enrolment: Enrolment, on: datetime.date) -> Assessment:
    household = enrolment.household
    if enrolment.programme in SUBSIDY_PROGRAMMES:
        from assistance.subsidies import assess_subsidy

        person = Person.objects.filter(enrolments__enrolment=enrolment).first()
        return assess_subsidy(
            programme=enrolment.programme,
            person=person,
            urban_rural=enrolment.urban_rural,
            county_code=enrolment.county_code,
            on=on,
        )
    if enrolment.programme == Programme.TEKUN:
        person_id = enrolment.members.values_list("person_id", flat=True).first()
        obligors = list(enrolment.application.obligors.all()) if enrolment.application_id else []
        return assess_tekun(household, person_id, on, care_tier=enrolment.care_tier, obligors=obligors)
    if enrolment.single_person:
        person_id = enrolment.members.values_list("person_id", flat=True).first()
        return assess_dibao_single(household, person_id, on)
    return assess_dibao_household(household, on)


@retry_on_sqlite_lock
def enrolment_recheck(*, actor, enrolment, checked_on: datetime.date | None = None, note: str = "") -> ReCheck:
    """A periodic re-check (动态管理): the household's recorded means are assessed again and the outcome follows
    from the rules — keep, change the amount (from next month), start 渐退 (income above the standard but below
    ``phase_out_ceiling_ratio`` × it: the amount is kept for ``phase_out_months``), or exit (paid for this month,
    not after). Caseworkers update the members' income on the household page first."""
    _require(actor, "assistance.recheck_enrolment")
    checked_on = checked_on or timezone.localdate()
    with transaction.atomic():
        row = _lock_enrolment(actor, enrolment)
        if row.status == EnrolmentStatus.ENDED:
            raise TransitionRefused(_("This enrolment has ended."))
        county = row.county_code
        next_month = add_months(checked_on, 1)
        result = _assess_enrolment(row, next_month)
        if "standard" in result.failed:
            # A standard the county has not entered is the bureau's gap, not a change in the person's situation:
            # the re-check waits for it rather than ending the enrolment.
            raise TransitionRefused(_("The re-check cannot be decided: %(why)s") % {"why": "；".join(result.reasons)})
        now = current_amount(row, next_month)
        recheck = ReCheck(
            enrolment=row,
            due_on=row.next_recheck_on,
            checked_on=checked_on,
            checked_by=actor,
            members_count=result.members_count or 0,
            per_capita_income=result.per_capita_income or Decimal("0"),
            standard=result.standard,
            note=note,
        )
        if result.eligible:
            if result.certificate is not None:
                row.disability_grade = result.certificate.grade
            if row.status == EnrolmentStatus.PHASING_OUT:
                row.status = EnrolmentStatus.ACTIVE
                row.phase_out_from = row.phase_out_until = None
            if row.programme == Programme.DIBAO and not row.single_person:
                changes = _sync_dibao_members(row, next_month)
                if changes:
                    recheck.note = (note + "\n" if note else "") + changes
            if now is not None and now.amount == result.amount and now.members_count == result.members_count:
                recheck.outcome = RecheckOutcome.KEEP
            else:
                recheck.outcome = RecheckOutcome.CHANGE
                recheck.new_amount = result.amount
                EnrolmentAmount.objects.update_or_create(
                    enrolment=row,
                    effective_from=next_month,
                    defaults={
                        "amount": result.amount,
                        "members_count": result.members_count,
                        "per_capita_income": result.per_capita_income,
                        "standard": result.standard,
                        "care_standard": result.care_standard,
                        "reason": AmountReason.RECHECK,
                        "created_by": actor,
                    },
                )
        elif row.programme == Programme.DIBAO and result.fails_on_income_only and result.standard is not None:
            ceiling = money(result.standard.monthly_amount * Decimal(county_setting("phase_out_ceiling_ratio", county)))
            if result.per_capita_income < ceiling:
                if row.status == EnrolmentStatus.PHASING_OUT:
                    recheck.outcome = RecheckOutcome.CONTINUE_PHASE_OUT
                else:
                    months = county_setting("phase_out_months", county)
                    row.status = EnrolmentStatus.PHASING_OUT
                    row.phase_out_from = next_month
                    row.phase_out_until = add_months(next_month, months - 1)
                    recheck.outcome = RecheckOutcome.PHASE_OUT
                    recheck.note = (note + "\n" if note else "") + _(
                        "Income of %(pci)s yuan per person is above the standard (%(std)s) but below %(ceiling)s "
                        "yuan: the benefit continues for %(months)d months, until %(until)s."
                    ) % {
                        "pci": result.per_capita_income,
                        "std": result.standard.monthly_amount,
                        "ceiling": ceiling,
                        "months": months,
                        "until": f"{row.phase_out_until.year}年{row.phase_out_until.month}月",
                    }
            else:
                recheck.outcome = RecheckOutcome.EXIT
                _end_enrolment(row, last_month=checked_on, reason=EndReason.INCOME_ABOVE_CEILING, note=result.text)
        else:
            recheck.outcome = RecheckOutcome.EXIT
            reason = EndReason.CERTIFICATE_INVALID if result.failed == {"certificate"} else EndReason.NO_LONGER_ELIGIBLE
            _end_enrolment(row, last_month=checked_on, reason=reason, note=result.text)
        if not recheck.note:
            recheck.note = result.text
        elif result.text not in recheck.note:
            recheck.note += "\n" + result.text
        if row.status != EnrolmentStatus.ENDED:
            row.recheck_interval_months = recheck_interval(row.household, row.programme)
            row.next_recheck_on = add_months(checked_on, row.recheck_interval_months)
            row.save()
        recheck.save()
    return recheck


def _sync_dibao_members(enrolment: Enrolment, on: datetime.date) -> str:
    """A household 低保 case covers the members its amount counts: at a re-check, members who left, died or are now
    supported as 特困 stop being covered, and members who joined (or whose 特困 support ended) are covered — so a
    person is never held in a case that no longer counts them, nor counted without the one-enrolment rule. Returns
    what changed, in words, for the re-check's note."""
    wanted = set(dibao_members(enrolment.household, on).values_list("person_id", flat=True))
    covered = dict(enrolment.members.filter(active=True).values_list("person_id", "pk"))
    leaving = [pk for person, pk in covered.items() if person not in wanted]
    joining = sorted(wanted - set(covered))
    if not leaving and not joining:
        return ""
    EnrolmentMember.objects.filter(pk__in=leaving).update(active=False)
    try:
        with transaction.atomic():
            EnrolmentMember.objects.bulk_create(
                [EnrolmentMember(enrolment=enrolment, person_id=p, programme=enrolment.programme) for p in joining]
            )
    except IntegrityError:
        # A joining member is still held by another case (another township's): that case must be changed first.
        clashes = enrolment_clash_errors(person_ids=joining)
        raise TransitionRefused("；".join(clashes) or _("A person of this case is already enrolled.")) from None
    names = dict(Person.objects.filter(pk__in=[*joining, *covered]).values_list("pk", "name"))
    left = [names[person] for person, pk in covered.items() if pk in leaving]
    return _("Members now covered: %(joined)s; no longer covered: %(left)s.") % {
        "joined": "、".join(names[p] for p in joining) or "—",
        "left": "、".join(left) or "—",
    }


@retry_on_sqlite_lock
def enrolment_end(*, actor, enrolment, last_month: datetime.date, reason: str, note: str = "") -> Enrolment:
    """Exit for a reason the re-check cannot compute (moved away, refused the re-check…); paid through
    ``last_month``."""
    _require(actor, "assistance.recheck_enrolment")
    with transaction.atomic():
        row = _lock_enrolment(actor, enrolment)
        if row.status == EnrolmentStatus.ENDED:
            raise TransitionRefused(_("This enrolment has ended."))
        if month_start(last_month) < row.start_month:
            raise ValidationError({"last_month": [_("The last month paid cannot be before the first.")]})
        _end_enrolment(row, last_month=last_month, reason=reason, note=note)
    return row


@retry_on_sqlite_lock
def enrolment_record_death(*, actor, person: Person, died_on: datetime.date) -> list[Enrolment]:
    """A death stops payment from the next month: a one-person enrolment ends with the month of death; a household
    enrolment is re-rated without the deceased from the next month."""
    _require(actor, "assistance.recheck_enrolment")
    today = timezone.localdate()
    if died_on > today:
        raise ValidationError({"died_on": [_("The date of death cannot be in the future.")]})
    touched: list[Enrolment] = []
    with transaction.atomic():
        person = Person.objects.for_user(actor).select_for_update(of=("self",)).get(pk=person.pk)
        person.death_date = died_on
        person.save(update_fields=["death_date", "updated_at"])
        next_month = add_months(died_on, 1)
        for membership in EnrolmentMember.objects.filter(person=person, active=True).select_related("enrolment"):
            row = _lock_enrolment(actor, membership.enrolment_id)
            others = row.members.filter(active=True).exclude(person=person)
            if not others.exists():
                _end_enrolment(
                    row,
                    last_month=died_on,
                    reason=EndReason.DEATH,
                    note=_("Died on %(date)s.") % {"date": cn_date(died_on)},
                )
            else:
                membership.active = False
                membership.save(update_fields=["active"])
                if row.payee_id == person.pk:
                    row.payee_id = (
                        row.household.head_id if row.household.head_id != person.pk else others.first().person_id
                    )
                    row.save(update_fields=["payee"])
                result = _assess_enrolment(row, next_month)
                if result.amount is not None:
                    EnrolmentAmount.objects.update_or_create(
                        enrolment=row,
                        effective_from=next_month,
                        defaults={
                            "amount": result.amount,
                            "members_count": result.members_count,
                            "per_capita_income": result.per_capita_income,
                            "standard": result.standard,
                            "reason": AmountReason.MEMBER_CHANGE,
                            "note": _("%(name)s died on %(date)s.") % {"name": person.name, "date": cn_date(died_on)},
                            "created_by": actor,
                        },
                    )
            touched.append(row)
        HouseholdMember.objects.filter(person=person, left_on__isnull=True).update(left_on=max(died_on, today))
    return touched


def enrolments_close_finished(*, on: datetime.date | None = None, actor=None) -> int:
    """Housekeeping (daily task): end enrolments whose 渐退 period is over. Payment already stopped — the roll
    never pays past ``phase_out_until`` — this makes the status say so."""
    on = on or timezone.localdate()
    done = 0
    finished = Enrolment.objects.filter(status=EnrolmentStatus.PHASING_OUT, phase_out_until__lt=month_start(on))
    for pk in finished.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            row = Enrolment.objects.select_for_update().get(pk=pk)
            if row.status != EnrolmentStatus.PHASING_OUT:
                continue
            _end_enrolment(row, last_month=row.phase_out_until, reason=EndReason.PHASE_OUT_ENDED)
            done += 1
    return done


def subsidies_end_lapsed(*, on: datetime.date | None = None, actor=None) -> int:
    """Housekeeping (daily task): end disability-subsidy enrolments whose holder no longer qualifies for next month
    (certificate expired or cancelled, household no longer in an admitted group, grade no longer covered). Paid for
    this month, not after. Set-based: one query per county and programme finds them."""
    from assistance.subsidies import assess_subsidy, subsidy_enrolments_lapsing

    on = on or timezone.localdate()
    after = add_months(on, 1)
    counties = (
        Enrolment.objects.filter(programme__in=SUBSIDY_PROGRAMMES)
        .exclude(status=EnrolmentStatus.ENDED)
        .annotate(county=Substr("household__village_id", 1, 6))
        .values_list("county", flat=True)
        .distinct()
    )
    done = 0
    for county in sorted(set(counties)):
        for pk in list(subsidy_enrolments_lapsing(county, after).values_list("pk", flat=True)):
            with transaction.atomic():
                row = Enrolment.objects.select_for_update().select_related("household").get(pk=pk)
                if row.status == EnrolmentStatus.ENDED:
                    continue
                person = Person.objects.filter(enrolments__enrolment=row).first()
                result = assess_subsidy(
                    programme=row.programme,
                    person=person,
                    urban_rural=row.urban_rural,
                    county_code=county,
                    on=after,
                )
                if result.eligible:
                    continue
                reason = (
                    EndReason.CERTIFICATE_INVALID if result.failed == {"certificate"} else EndReason.NO_LONGER_ELIGIBLE
                )
                _end_enrolment(row, last_month=on, reason=reason, note=result.text)
                log_bulk_changes([(row, {"status": ("active", "ended")})], actor=actor)
                done += 1
    return done


# --- Standards ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StandardItem:
    kind: str
    urban_rural: str
    amount: Decimal
    care_tier: str = ""
    printed_yearly_amount: Decimal | None = None
    note: str = ""


def tekun_ratio_errors(county_code: str, on: datetime.date) -> list[str]:
    """特困 basic-living standard ≥ ``tekun_min_ratio`` × 低保 standard, for urban and rural, on a date.

    Compared in whole yuan (the ratio × the 低保 standard rounded half-up): counties round their published
    figures, e.g. 民乐 2020 特困 9012 元/年 = 751 元/月 against 1.3 × 577.83 = 751.18.
    """
    ratio = Decimal(str(county_setting("tekun_min_ratio", county_code)))
    errors = []
    for ur, label in (("urban", _("urban")), ("rural", _("rural"))):
        dibao = standard_in_force(county_code, StandardKind.DIBAO, ur, on)
        basic = standard_in_force(county_code, StandardKind.TEKUN_BASIC, ur, on)
        if dibao is None or basic is None:
            continue
        minimum = (dibao.monthly_amount * ratio).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        if basic.monthly_amount < minimum:
            errors.append(
                _(
                    "From %(date)s the %(ur)s extreme-poverty basic-living standard (%(basic)s yuan) would be below "
                    "%(ratio)s × the dibao standard of %(dibao)s yuan (%(min)s yuan). Enter both figures together."
                )
                % {
                    "date": cn_date(on),
                    "ur": label,
                    "basic": basic.monthly_amount,
                    "ratio": ratio,
                    "dibao": dibao.monthly_amount,
                    "min": minimum,
                }
            )
    return errors


@retry_on_sqlite_lock
def standards_add(
    *,
    actor,
    county: Region,
    effective_from: datetime.date,
    items: list[StandardItem],
    document_number: str = "",
    source: str = "",
    is_demo: bool = False,
    rerate: bool = True,
) -> tuple[list[AssistanceStandard], int]:
    """Add the figures one document sets (a 文号 usually sets 低保 and 特困 together) and re-rate every active
    enrolment they apply to from the month they take effect. Returns the standards and the enrolments re-rated."""
    if actor is not None:
        _require(actor, "assistance.add_assistancestandard")
        if not Region.objects.for_user(actor).filter(code=county.code).exists() and not actor.is_superuser:
            raise PermissionDenied(_("The county is outside your jurisdiction."))
    if county.level != RegionLevel.COUNTY:
        raise ValidationError({"county": [_("Standards are set per county.")]})
    if not items:
        raise ValidationError(_("Enter at least one amount."))
    with transaction.atomic():
        rows = []
        for item in items:
            row = AssistanceStandard(
                county=county,
                kind=item.kind,
                urban_rural=item.urban_rural,
                care_tier=item.care_tier,
                monthly_amount=money(item.amount),
                printed_yearly_amount=item.printed_yearly_amount,
                effective_from=effective_from,
                document_number=document_number,
                source=source,
                is_demo=is_demo,
                note=item.note,
                created_by=actor,
            )
            row.full_clean()
            row.save()
            rows.append(row)
        later = (
            AssistanceStandard.objects.filter(county=county, effective_from__gte=effective_from)
            .values_list("effective_from", flat=True)
            .distinct()
        )
        errors = [e for day in sorted(set(later)) for e in tekun_ratio_errors(county.code, day)]
        if errors:
            raise ValidationError(errors)
        rerated = standards_rerate(actor=actor, standards=rows) if rerate else 0
    return rows, rerated


RERATE_JOB = "assistance.rerate_enrolments"


def rerate_job_key(standards: Iterable[AssistanceStandard]) -> str:
    """One job run per set of standards (a document): the ids, sorted."""
    return "standards:" + ",".join(str(pk) for pk in sorted(s.pk for s in standards))


def standards_add_queued(
    *,
    actor,
    county: Region,
    effective_from: datetime.date,
    items: list[StandardItem],
    document_number: str = "",
    source: str = "",
    is_demo: bool = False,
):
    """The standards page and API: save the figures now and re-rate in the background. The job run is created in
    the same transaction and the task is queued when it commits (a rolled-back save queues nothing); the page then
    shows the job's progress. Returns (standards, job run)."""
    from civilaffairs.models import JobRun

    with transaction.atomic():
        rows, _count = standards_add(
            actor=actor,
            county=county,
            effective_from=effective_from,
            items=items,
            document_number=document_number,
            source=source,
            is_demo=is_demo,
            rerate=False,
        )
        job = JobRun.objects.create(
            job=RERATE_JOB,
            key=rerate_job_key(rows),
            title=_("Re-rate enrolments: %(county)s standards from %(date)s %(doc)s")
            % {"county": county.name, "date": cn_date(effective_from), "doc": document_number},
            region=county,
            created_by=actor if actor is not None and actor.is_authenticated else None,
        )
        ids = [row.pk for row in rows]

        def enqueue() -> None:
            from assistance.tasks import rerate_enrolments

            rerate_enrolments.delay(standard_ids=ids, job_id=job.pk, user_id=job.created_by_id)

        transaction.on_commit(enqueue, robust=False)
    return rows, job


def standards_rerate_job(*, standard_ids: list[int], job_id: int | None = None, actor=None):
    """Run the re-rating of ``standard_ids`` as a recorded job with progress. Idempotent: re-rating with a standard
    already applied changes nothing (rows computed with it or a later one are skipped), so a redelivered task or a
    second run is harmless; a job that already succeeded is not run again."""
    from civilaffairs.choices import JobStatus
    from civilaffairs.models import JobRun

    standards = list(AssistanceStandard.objects.filter(pk__in=standard_ids).select_related("county").order_by("pk"))
    if not standards:
        raise AssistanceStandard.DoesNotExist(_("The standards to re-rate with no longer exist."))
    job = JobRun.objects.filter(pk=job_id).first() if job_id else None
    if job is None:
        county = standards[0].county
        job = JobRun.objects.create(
            job=RERATE_JOB,
            key=rerate_job_key(standards),
            title=_("Re-rate enrolments: %(county)s standards from %(date)s")
            % {"county": county.name, "date": cn_date(standards[0].effective_from)},
            region=county,
            created_by=actor,
        )
    elif job.status == JobStatus.SUCCEEDED:
        return job
    JobRun.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), error="", message=_("Re-rating enrolments")
    )

    def progress(done: int, total: int) -> None:
        JobRun.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total)

    try:
        rerated = standards_rerate(actor=actor or job.created_by, standards=standards, progress=progress)
    except BaseException as exc:
        JobRun.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), error=str(exc)[:5000], message=""
        )
        raise
    from django.urls import reverse

    JobRun.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED,
        finished_at=timezone.now(),
        message=_("%(n)d enrolments re-rated from %(month)s.")
        % {"n": rerated, "month": rerate_month(standards[0].effective_from).strftime("%Y-%m")},
        result={
            "rerated": rerated,
            "standards": [s.pk for s in standards],
            "url": reverse("assistance:standard_list") + f"?county={standards[0].county_id}",
            "label": _("Back to the standards"),
        },
    )
    job.refresh_from_db()
    return job


def rerate_month(effective_from: datetime.date) -> datetime.date:
    """The first month a standard applies to: a month is paid at the standard in force on its first day."""
    return effective_from if effective_from.day == 1 else add_months(effective_from, 1)


PROGRAMME_OF_STANDARD = {
    StandardKind.DIBAO: Programme.DIBAO,
    StandardKind.TEKUN_BASIC: Programme.TEKUN,
    StandardKind.TEKUN_CARE: Programme.TEKUN,
    StandardKind.DISABILITY_LIVING: Programme.LIVING_SUBSIDY,
    StandardKind.DISABILITY_CARE_1: Programme.CARE_SUBSIDY,
    StandardKind.DISABILITY_CARE_2: Programme.CARE_SUBSIDY,
    StandardKind.DISABILITY_CARE_34: Programme.CARE_SUBSIDY,
}
# The care subsidy's grade bands: which enrolments a band's standard re-rates.
CARE_BAND_GRADES = {
    StandardKind.DISABILITY_CARE_1: [1],
    StandardKind.DISABILITY_CARE_2: [2],
    StandardKind.DISABILITY_CARE_34: [3, 4],
}


def rerate_targets(standard: AssistanceStandard) -> list[int]:
    """The enrolments a standard re-rates (ids, in order): active, of its programme, county and urban/rural status,
    where this row is the one in force for its month (a specific urban/rural row of the same date wins over "")."""
    programme = PROGRAMME_OF_STANDARD.get(standard.kind)
    if programme is None:
        return []
    month = rerate_month(standard.effective_from)
    county = standard.county_id
    urs = [standard.urban_rural] if standard.urban_rural else ["urban", "rural"]
    urs = [
        ur
        for ur in urs
        if (found := standard_in_force(county, standard.kind, ur, month, standard.care_tier)) is not None
        and found.pk == standard.pk
    ]
    if not urs:
        return []
    enrolments = (
        Enrolment.objects.filter(
            programme=programme,
            status=EnrolmentStatus.ACTIVE,
            household__village__code__startswith=county[:6],
            urban_rural__in=urs,
        )
        .filter(Q(end_month__isnull=True) | Q(end_month__gte=month))
        .order_by("pk")
    )
    if standard.kind == StandardKind.TEKUN_CARE:
        enrolments = enrolments.filter(care_tier=standard.care_tier)
    if standard.kind in DISABILITY_CARE_KINDS:
        enrolments = enrolments.filter(disability_grade__in=CARE_BAND_GRADES[standard.kind])
    return list(enrolments.values_list("pk", flat=True))


def standards_rerate(
    *,
    actor,
    standards: Iterable[AssistanceStandard],
    chunk: int = 2000,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Re-rate every active enrolment a new standard applies to, from its month, audited per enrolment.

    For each enrolment whose standard in force changes, amount rows from that month are recomputed from their own
    snapshot (per-capita income, members) with the new figure, and a row is added at that month when none exists.
    Enrolments in 渐退 keep their frozen amount. Bulk writes, in chunks: ~40 000 enrolments never sit in memory
    at once; ``progress(done, total)`` is called after each chunk (the background job shows it). Months already on
    a reviewed or locked roll are not changed there: the next roll pays the difference (back pay, ``_back_pay``).
    """
    targets = [(standard, rerate_targets(standard)) for standard in standards]
    grand = sum(len(ids) for _standard, ids in targets)
    total = done = 0
    for standard, ids in targets:
        month = rerate_month(standard.effective_from)
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            total += _rerate_chunk(actor, standard, month, part)
            done += len(part)
            if progress is not None:
                progress(done, grand)
    return total


def _rerated_amount(
    row: EnrolmentAmount, standard: AssistanceStandard, programme: str, known: dict[int, AssistanceStandard]
) -> tuple[Decimal, dict]:
    """The row's amount with ``standard`` in place of the one it used; ``known`` maps standard ids to rows."""
    if programme == Programme.DIBAO:
        amount = dibao_amount(standard.monthly_amount, row.per_capita_income or Decimal("0"), row.members_count)
        return amount, {"standard_id": standard.pk}
    if programme in SUBSIDY_PROGRAMMES:
        return money(standard.monthly_amount), {"standard_id": standard.pk}
    basic = standard if standard.kind == StandardKind.TEKUN_BASIC else known.get(row.standard_id)
    care = standard if standard.kind == StandardKind.TEKUN_CARE else known.get(row.care_standard_id)
    amount = (basic.monthly_amount if basic else Decimal("0")) + (care.monthly_amount if care else Decimal("0"))
    return money(amount), {"standard_id": basic.pk if basic else None, "care_standard_id": care.pk if care else None}


def _rerate_chunk(actor, standard: AssistanceStandard, month: datetime.date, ids: list[int]) -> int:
    programme = PROGRAMME_OF_STANDARD[standard.kind]
    field = "care_standard_id" if standard.kind == StandardKind.TEKUN_CARE else "standard_id"
    known = {s.pk: s for s in AssistanceStandard.objects.filter(county_id=standard.county_id)}
    rows = (
        EnrolmentAmount.objects.filter(enrolment_id__in=ids)
        .only(
            "pk",
            "enrolment_id",
            "effective_from",
            "amount",
            "members_count",
            "per_capita_income",
            "standard_id",
            "care_standard_id",
        )
        .order_by("enrolment_id", "effective_from")
    )
    by_enrolment: dict[int, list[EnrolmentAmount]] = {}
    for row in rows:
        by_enrolment.setdefault(row.enrolment_id, []).append(row)
    enrolments = {
        e.pk: e
        for e in Enrolment.objects.filter(pk__in=ids)
        .select_related("household", "payee")
        .only("pk", "programme", "household__village_id", "payee__name")
    }
    note = _("Standard %(amount)s yuan from %(date)s %(doc)s") % {
        "amount": standard.monthly_amount,
        "date": cn_date(standard.effective_from),
        "doc": standard.document_number,
    }
    to_create, to_update, audit = [], [], []
    for pk, history in by_enrolment.items():
        before = [r for r in history if r.effective_from < month]
        from_month = [r for r in history if r.effective_from >= month]
        changes = {}
        if before and not any(r.effective_from == month for r in from_month):
            base = before[-1]
            amount, refs = _rerated_amount(base, standard, programme, known)
            to_create.append(
                EnrolmentAmount(
                    enrolment_id=pk,
                    effective_from=month,
                    amount=amount,
                    members_count=base.members_count,
                    per_capita_income=base.per_capita_income,
                    reason=AmountReason.STANDARD_CHANGE,
                    note=note,
                    created_by=actor,
                    **{"standard_id": base.standard_id, "care_standard_id": base.care_standard_id, **refs},
                )
            )
            changes[f"{month:%Y-%m}"] = (base.amount, amount)
        for row in from_month:
            used = known.get(getattr(row, field))
            if used is not None and used.effective_from >= standard.effective_from:
                continue  # computed with this or a later standard already
            amount, refs = _rerated_amount(row, standard, programme, known)
            if amount == row.amount and getattr(row, field) == refs.get(field):
                continue
            changes[f"{row.effective_from:%Y-%m}"] = (row.amount, amount)
            row.amount = amount
            for name, value in refs.items():
                setattr(row, name, value)
            to_update.append(row)
        if changes:
            audit.append((enrolments[pk], {f"amount {key}": value for key, value in changes.items()}))
    EnrolmentAmount.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        EnrolmentAmount.objects.bulk_update(to_update, ["amount", "standard", "care_standard"], batch_size=1000)
    log_bulk_changes(audit, actor=actor)
    return len(audit)


# --- Payment rolls ------------------------------------------------------------------------------------------


def _roll_township(actor, township: Region) -> Region:
    if township.level != RegionLevel.TOWNSHIP:
        raise ValidationError({"township": [_("Payment rolls are made per township.")]})
    if actor is not None and not Region.objects.for_user(actor).filter(code=township.code).exists():
        raise PaymentRoll.DoesNotExist(_("The township is outside your jurisdiction."))
    return township


def _build_lines(roll: PaymentRoll) -> tuple[int, Decimal]:
    """Lines of one township's month in four queries: enrolments payable in the month with the amount in force
    on its first day (a subquery), persons alive at its start; back pay for earlier months already on a reviewed
    or locked roll; and unpaid approved one-off grants (less any 先行救助 already paid)."""
    month = roll.month
    amount_row = EnrolmentAmount.objects.filter(enrolment=OuterRef("pk"), effective_from__lte=month).order_by(
        "-effective_from"
    )
    # Died in month M: paid for M, not after (a person alive on the first day of the month is paid for it).
    alive = EnrolmentMember.objects.filter(enrolment=OuterRef("pk")).filter(
        Q(person__death_date__isnull=True) | Q(person__death_date__gte=month)
    )
    enrolments = (
        Enrolment.objects.filter(household__village__code__startswith=roll.township.prefix)
        .payable_in(month)
        .annotate(
            pay_amount=Subquery(amount_row.values("amount")[:1]),
            pay_members=Subquery(amount_row.values("members_count")[:1]),
            anyone_alive=Exists(alive),
        )
        .filter(anyone_alive=True, pay_amount__gt=0)
        .values_list(
            "pk",
            "programme",
            "household_id",
            "payee_id",
            "payee__name",
            "household__bank_name",
            "household__bank_account",
            "pay_members",
            "pay_amount",
        )
        .order_by("household__village_id", "pk")
    )
    lines, total = [], Decimal("0")
    for pk, programme, household, payee, name, bank, account, members, amount in enrolments.iterator(chunk_size=2000):
        lines.append(
            PaymentLine(
                roll=roll,
                programme=programme,
                kind=LineKind.REGULAR,
                for_month=month,
                enrolment_id=pk,
                household_id=household,
                payee_id=payee,
                payee_name=name,
                bank_name=bank,
                bank_account=account,
                members_count=members,
                amount=amount,
            )
        )
        total += amount
    back_pay = _back_pay_lines(roll)
    lines.extend(back_pay)
    total += sum((line.amount for line in back_pay), Decimal("0"))
    advance = TemporaryAdvance.objects.filter(application=OuterRef("pk")).values("amount")[:1]
    grants = (
        Application.objects.filter(
            household__village__code__startswith=roll.township.prefix,
            kind=ApplicationKind.TEMPORARY,
            status=S.APPROVED,
            decision_on__lt=add_months(month, 1),
            payment_lines__isnull=True,
        )
        .annotate(advanced=Coalesce(Subquery(advance), Decimal("0")))
        .annotate(to_pay=F("amount") - F("advanced"))
        .filter(to_pay__gt=0)
        .values_list(
            "pk",
            "household_id",
            "applicant_id",
            "applicant__name",
            "household__bank_name",
            "household__bank_account",
            "members_count",
            "amount",
            "advanced",
        )
        .order_by("pk")
    )
    for pk, household, payee, name, bank, account, members, amount, advanced in grants:
        to_pay = money(amount - advanced)
        reason = ""
        if advanced:
            reason = _("Approved %(amount)s yuan less %(advance)s yuan paid in advance.") % {
                "amount": amount,
                "advance": money(advanced),
            }
        lines.append(
            PaymentLine(
                roll=roll,
                programme=Programme.TEMPORARY,
                kind=LineKind.ONE_OFF,
                for_month=month,
                application_id=pk,
                household_id=household,
                payee_id=payee,
                payee_name=name,
                bank_name=bank,
                bank_account=account,
                members_count=members or 1,
                amount=to_pay,
                reason=reason,
            )
        )
        total += to_pay
    PaymentLine.objects.bulk_create(lines, batch_size=2000)
    return len(lines), total


def _back_pay_lines(roll: PaymentRoll) -> list[PaymentLine]:
    """补发: for every earlier month (within ``back_pay_lookback_months``) whose monthly line for an enrolment of the
    township is on a reviewed or locked roll, the amount now in force for that month less everything paid for it on
    any other roll (its own line and earlier back pay) — when positive, one back-pay line with the reason of the
    amount row (a new standard, a re-check). Counting what every other roll pays for the month makes it exactly
    once: a second roll, or this one regenerated, finds the difference already paid. Overpayments (a re-check that
    lowered an amount retroactively) are not deducted here: recovering them is a decision, not arithmetic.
    """
    month = roll.month
    county = roll.township_id[:6]
    earliest = add_months(month, -county_setting("back_pay_lookback_months", county))
    due = EnrolmentAmount.objects.filter(enrolment=OuterRef("enrolment"), effective_from__lte=OuterRef("for_month"))
    due = due.order_by("-effective_from")
    paid = (
        PaymentLine.objects.filter(enrolment=OuterRef("enrolment"), for_month=OuterRef("for_month"))
        .exclude(roll=roll)
        .order_by()
        .values("enrolment")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    candidates = (
        PaymentLine.objects.filter(
            kind=LineKind.REGULAR,
            enrolment__isnull=False,
            roll__township=roll.township,
            roll__status__in=[RollStatus.REVIEWED, RollStatus.LOCKED],
            for_month__gte=earliest,
            for_month__lt=month,
        )
        .filter(Q(enrolment__end_month__isnull=True) | Q(enrolment__end_month__gte=F("for_month")))
        .annotate(
            due=Subquery(due.values("amount")[:1]),
            due_members=Subquery(due.values("members_count")[:1]),
            due_reason=Subquery(due.values("reason")[:1]),
            due_note=Subquery(due.values("note")[:1]),
            paid=Coalesce(Subquery(paid), Decimal("0")),
        )
        .filter(due__gt=F("paid"))
        .values_list(
            "enrolment_id",
            "programme",
            "for_month",
            "due",
            "paid",
            "due_members",
            "due_reason",
            "due_note",
            "enrolment__household_id",
            "enrolment__payee_id",
            "enrolment__payee__name",
            "enrolment__household__bank_name",
            "enrolment__household__bank_account",
        )
        .order_by("enrolment_id", "for_month")
    )
    lines = []
    for (
        enrolment,
        programme,
        for_month,
        due_amount,
        paid_amount,
        members,
        reason,
        note,
        household,
        payee,
        name,
        bank,
        account,
    ) in candidates.iterator(chunk_size=2000):
        why = note or (AmountReason(reason).label if reason in AmountReason.values else "")
        lines.append(
            PaymentLine(
                roll=roll,
                programme=programme,
                kind=LineKind.BACK_PAY,
                for_month=for_month,
                enrolment_id=enrolment,
                household_id=household,
                payee_id=payee,
                payee_name=name,
                bank_name=bank,
                bank_account=account,
                members_count=members,
                amount=money(due_amount - paid_amount),
                reason=_("Back pay for %(month)s: %(paid)s yuan paid, %(due)s due (%(why)s).")
                % {
                    "month": f"{for_month.year}年{for_month.month}月",
                    "paid": money(paid_amount),
                    "due": money(due_amount),
                    "why": why,
                },
            )
        )
    return lines


@retry_on_sqlite_lock
def payment_roll_generate(*, actor, township: Region, month: datetime.date) -> tuple[PaymentRoll, bool]:
    """Generate a township's roll for a month, once: a second run returns the existing roll unchanged."""
    if actor is not None:
        _require(actor, "assistance.add_paymentroll")
    township = _roll_township(actor, township)
    month = month_start(month)
    existing = PaymentRoll.objects.filter(township=township, month=month).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            roll = PaymentRoll.objects.create(township=township, month=month, generated_by=actor)
            roll.line_count, roll.total_amount = _build_lines(roll)
            roll.save(update_fields=["line_count", "total_amount"])
    except IntegrityError:
        # The same roll was generated concurrently (a double click, the task and a page): keep that one.
        return PaymentRoll.objects.get(township=township, month=month), False
    return roll, True


def _lock_roll(actor, roll) -> PaymentRoll:
    pk = roll.pk if isinstance(roll, PaymentRoll) else roll
    row = PaymentRoll.objects.for_user(actor).select_for_update(of=("self",)).filter(pk=pk).first()
    if row is None:
        raise PaymentRoll.DoesNotExist(_("No such payment roll in your jurisdiction."))
    return row


@retry_on_sqlite_lock
def payment_roll_regenerate(*, actor, roll) -> PaymentRoll:
    """Rebuild a draft roll (after late approvals or corrections); reviewed and locked rolls never change."""
    _require(actor, "assistance.add_paymentroll")
    with transaction.atomic():
        row = _lock_roll(actor, roll)
        if row.status != RollStatus.DRAFT:
            raise TransitionRefused(
                _("Only a draft roll can be regenerated; this one is “%(status)s”.")
                % {"status": row.get_status_display()}
            )
        row.lines.all().delete()
        row.line_count, row.total_amount = _build_lines(row)
        row.generated_by, row.generated_at = actor, timezone.now()
        row.save()
    return row


def _roll_step(*, actor, roll, source: str, target: str, fields: dict) -> PaymentRoll:
    _require(actor, "assistance.review_paymentroll")
    with transaction.atomic():
        row = _lock_roll(actor, roll)
        if row.status != source:
            raise TransitionRefused(
                _("This roll is “%(status)s”; the step is not possible now.") % {"status": row.get_status_display()}
            )
        if PaymentRoll.objects.filter(pk=row.pk, status=source).update(status=target, **fields) != 1:
            raise TransitionRefused(_("Someone else changed this roll just now; reload the page."))
        row.refresh_from_db()
        log_bulk_changes([(row, {"status": (source, target)})], actor=actor)
    return row


@retry_on_sqlite_lock
def payment_roll_review(*, actor, roll) -> PaymentRoll:
    """The reviewer checks the draft roll."""
    return _roll_step(
        actor=actor,
        roll=roll,
        source=RollStatus.DRAFT,
        target=RollStatus.REVIEWED,
        fields={"reviewed_by": actor, "reviewed_at": timezone.now()},
    )


@retry_on_sqlite_lock
def payment_roll_lock(*, actor, roll) -> PaymentRoll:
    """Lock the reviewed roll for the bank; approved applications paid for the first time become 已发放."""
    with transaction.atomic():
        row = _roll_step(
            actor=actor,
            roll=roll,
            source=RollStatus.REVIEWED,
            target=RollStatus.LOCKED,
            fields={"locked_by": actor, "locked_at": timezone.now()},
        )
        from_enrolments = row.lines.filter(enrolment__application__isnull=False).values_list(
            "enrolment__application_id", flat=True
        )
        one_off = row.lines.filter(application__isnull=False).values_list("application_id", flat=True)
        ids = list(
            Application.objects.filter(Q(pk__in=from_enrolments) | Q(pk__in=one_off), status=S.APPROVED).values_list(
                "pk", flat=True
            )
        )
        Application.objects.filter(pk__in=ids, status=S.APPROVED).update(status=S.PAID, stage_due_on=None)
        opinion = _("Paid on the roll of %(roll)s.") % {"roll": row}
        ApplicationStatusChange.objects.bulk_create(
            [
                ApplicationStatusChange(
                    application_id=pk,
                    action="pay",
                    from_status=S.APPROVED,
                    to_status=S.PAID,
                    actor=actor,
                    opinion=opinion,
                )
                for pk in ids
            ]
        )
    return row


def payment_rolls_generate_county(*, actor, county: Region, month: datetime.date) -> list[tuple[PaymentRoll, bool]]:
    """Every township of a county for one month (each its own transaction, each idempotent)."""
    return [
        payment_roll_generate(actor=actor, township=township, month=month)
        for township in Region.objects.filter(parent=county, level=RegionLevel.TOWNSHIP).order_by("code")
    ]


def roll_totals(roll: PaymentRoll) -> list[dict]:
    """Totals per programme and kind of line (monthly, back pay, one-off) of one roll (one grouped query)."""
    from django.db.models import Count

    return list(
        roll.lines.values("programme", "kind")
        .annotate(lines=Count("id"), persons=Sum("members_count"), amount=Sum("amount"))
        .order_by("programme", "kind")
    )


# --- Disability certificates --------------------------------------------------------------------------------


@retry_on_sqlite_lock
def certificate_register(
    *,
    actor,
    person: Person,
    number: str,
    category: str,
    grade: int,
    issued_on: datetime.date,
    valid_until: datetime.date | None = None,
    cancelled_on: datetime.date | None = None,
    needs_long_term_care: bool = True,
    equivalent_care_benefit: bool = False,
    note: str = "",
    source: str = "",
) -> tuple[DisabilityCertificate, bool]:
    """Record a 残疾人证 as issued (the federation's roster, or one seen by staff). The same number again updates the
    row (a re-import is idempotent); a new number for a person who holds one in force — a re-assessed category or
    grade — cancels the old one from the new issue date. Returns (certificate, created)."""
    from assistance.choices import CertificateSource

    _require(actor, "assistance.add_disabilitycertificate", "assistance.import_assistance")
    if not Person.objects.for_user(actor).filter(pk=person.pk).exists():
        raise PermissionDenied(_("The person is outside your jurisdiction."))
    number = (number or "").strip().upper()
    source = source or CertificateSource.ENTERED
    fields = {
        "category": category,
        "grade": grade,
        "issued_on": issued_on,
        "valid_until": valid_until,
        "cancelled_on": cancelled_on,
        "needs_long_term_care": needs_long_term_care,
        "equivalent_care_benefit": equivalent_care_benefit,
        "note": note,
        "source": source,
    }
    with transaction.atomic():
        row = DisabilityCertificate.objects.select_for_update().filter(number=number).first()
        if row is not None:
            if row.person_id != person.pk:
                raise ValidationError({"number": [_("This certificate number belongs to another person.")]})
            for key, value in fields.items():
                setattr(row, key, value)
            row.full_clean()
            row.save()
            return row, False
        current = (
            DisabilityCertificate.objects.select_for_update()
            .filter(person=person, cancelled_on__isnull=True)
            .exclude(number=number)
            .first()
        )
        if current is not None and cancelled_on is None:
            if current.issued_on >= issued_on:
                raise ValidationError(
                    {
                        "number": [
                            _(
                                "%(name)s holds certificate %(other)s issued on %(date)s; a new certificate must be "
                                "issued later to replace it."
                            )
                            % {"name": person.name, "other": current.number, "date": cn_date(current.issued_on)}
                        ]
                    }
                )
            current.cancelled_on = issued_on
            current.save(update_fields=["cancelled_on", "updated_at"])
        row = DisabilityCertificate(person=person, number=number, created_by=actor, **fields)
        row.full_clean()
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            # The same certificate entered twice at once (a double submit, an import beside a page).
            raise ValidationError({"number": [_("This certificate was entered just now; reload the page.")]}) from None
    return row, True


# --- 低保边缘 / 低收入 register --------------------------------------------------------------------------------


def _lock_low_income(actor, record):
    pk = record.pk if isinstance(record, LowIncomeHousehold) else record
    row = LowIncomeHousehold.objects.for_user(actor).select_for_update(of=("self",)).filter(pk=pk).first()
    if row is None:
        raise LowIncomeHousehold.DoesNotExist(_("No such record in your jurisdiction."))
    return row


@retry_on_sqlite_lock
def low_income_recognise(
    *,
    actor,
    household: Household,
    category: str,
    recognised_on: datetime.date,
    source: str,
    note: str = "",
) -> LowIncomeHousehold:
    """认定 a household as 低保边缘 or 低收入 from a date; the per-capita income at recognition is recorded (computed
    from the members as entered). A household has one current recognition: change of category ends the old one."""
    _require(actor, "assistance.add_lowincomehousehold", "assistance.import_assistance")
    household = Household.objects.for_user(actor).filter(pk=household.pk).first()
    if household is None:
        raise Household.DoesNotExist(_("No such household in your jurisdiction."))
    if recognised_on > timezone.localdate():
        raise ValidationError({"recognised_on": [_("The date cannot be in the future.")]})
    from assistance.eligibility import household_means

    means = household_means(household, recognised_on)
    with transaction.atomic():
        current = LowIncomeHousehold.objects.select_for_update().filter(household=household, ended_on__isnull=True)
        for row in current:
            if row.category == category:
                raise ValidationError(
                    _("This household is already recognised as %(category)s since %(date)s.")
                    % {"category": row.get_category_display(), "date": cn_date(row.recognised_on)}
                )
            if recognised_on < row.recognised_on:
                raise ValidationError(
                    {"recognised_on": [_("The new recognition cannot start before the current one.")]}
                )
            row.ended_on = recognised_on
            row.end_reason = "other"
            row.save(update_fields=["ended_on", "end_reason", "updated_at"])
        record = LowIncomeHousehold(
            household=household,
            category=category,
            recognised_on=recognised_on,
            source=source,
            per_capita_income=means.per_capita_income if means.members_count else None,
            note=note,
            created_by=actor,
        )
        record.full_clean()
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            # Recognised twice at once (a double submit): one current recognition per household.
            raise ValidationError(_("This household was recognised just now; reload the page.")) from None
    return record


@retry_on_sqlite_lock
def low_income_flag(*, actor, record, reason: str, note: str, since: datetime.date | None = None):
    """Flag a recognised household for monitoring (因病、因灾、意外、收入骤降…): it becomes a to-do until visited."""
    _require(actor, "assistance.change_lowincomehousehold", "assistance.import_assistance")
    note = _required_text(note, "note")
    since = since or timezone.localdate()
    if reason not in MonitoringReason.values:
        raise ValidationError({"reason": [_("Choose the reason for monitoring.")]})
    with transaction.atomic():
        row = _lock_low_income(actor, record)
        if row.ended_on is not None:
            raise TransitionRefused(_("This recognition has ended."))
        before = (row.monitored, row.monitoring_reason)
        row.monitored, row.monitoring_reason, row.monitoring_note, row.monitored_since = True, reason, note, since
        row.save()
        log_bulk_changes(
            [(row, {"monitored": (before[0], True), "monitoring_reason": (before[1], reason)})], actor=actor
        )
    return row


@retry_on_sqlite_lock
def low_income_unflag(*, actor, record, note: str):
    """End monitoring (the risk has passed or the household is now assisted)."""
    _require(actor, "assistance.change_lowincomehousehold")
    note = _required_text(note, "note")
    with transaction.atomic():
        row = _lock_low_income(actor, record)
        if not row.monitored:
            raise TransitionRefused(_("This household is not being monitored."))
        row.monitored = False
        row.monitoring_note = (row.monitoring_note + "\n" if row.monitoring_note else "") + _(
            "Monitoring ended on %(date)s: %(note)s"
        ) % {"date": cn_date(timezone.localdate()), "note": note}
        row.save()
        log_bulk_changes([(row, {"monitored": (True, False)})], actor=actor)
    return row


@retry_on_sqlite_lock
def low_income_visit(
    *,
    actor,
    record,
    visited_on: datetime.date,
    visitors: str,
    findings: str,
    help_given: str = "",
    next_visit_due: datetime.date | None = None,
):
    """Record a follow-up visit (走访)."""
    _require(actor, "assistance.add_lowincomevisit")
    visitors = _required_text(visitors, "visitors")
    findings = _required_text(findings, "findings")
    today = timezone.localdate()
    with transaction.atomic():
        row = _lock_low_income(actor, record)
        if visited_on > today or visited_on < row.recognised_on:
            raise ValidationError({"visited_on": [_("The visit lies between the recognition and today.")]})
        if next_visit_due is not None and next_visit_due <= visited_on:
            raise ValidationError({"next_visit_due": [_("The next visit comes after this one.")]})
        visit = LowIncomeVisit.objects.create(
            record=row,
            visited_on=visited_on,
            visitors=visitors,
            findings=findings,
            help_given=help_given,
            next_visit_due=next_visit_due,
            recorded_by=actor,
        )
    return visit


@retry_on_sqlite_lock
def low_income_end(*, actor, record, ended_on: datetime.date, reason: str):
    """End a recognition (income rose, enrolled in 低保/特困, moved…); monitoring ends with it."""
    _require(actor, "assistance.change_lowincomehousehold")
    with transaction.atomic():
        row = _lock_low_income(actor, record)
        if row.ended_on is not None:
            raise TransitionRefused(_("This recognition has already ended."))
        if ended_on < row.recognised_on or ended_on > timezone.localdate():
            raise ValidationError({"ended_on": [_("The end lies between the recognition and today.")]})
        row.ended_on, row.end_reason, row.monitored = ended_on, reason, False
        row.full_clean()
        row.save()
    return row
