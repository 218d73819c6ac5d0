"""Reads of social assistance used by pages, the API, to-dos and exports (always starting from ``for_user``)."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from assistance.choices import (
    MEANS_TESTED_KINDS,
    OPEN_STATUSES,
    SUBSIDY_KINDS,
    ApplicationStatus,
    EnrolmentStatus,
    LineKind,
)
from assistance.conf import county_setting
from assistance.models import (
    Application,
    Enrolment,
    EnrolmentAmount,
    Household,
    LowIncomeHousehold,
    PaymentLine,
    TemporaryAdvance,
)
from assistance.models.enrolments import month_start
from civilaffairs.workdays import add_workdays

S = ApplicationStatus


def households_for(user) -> QuerySet[Household]:
    return (
        Household.objects.for_user(user)
        .select_related("village", "village__parent", "head")
        .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("village_id", "id")
    )


def applications_for(user) -> QuerySet[Application]:
    """Sorted by deadline: open cases by the current step's due date (overdue first), then closed ones."""
    return (
        Application.objects.for_user(user)
        .select_related("household__village__parent", "applicant", "target")
        .order_by(F("stage_due_on").asc(nulls_last=True), "-id")
    )


def amount_in_force(month: datetime.date):
    """A subquery: the enrolment's amount in force for ``month``."""
    return Subquery(
        EnrolmentAmount.objects.filter(enrolment=OuterRef("pk"), effective_from__lte=month_start(month))
        .order_by("-effective_from")
        .values("amount")[:1]
    )


def enrolments_for(user, on: datetime.date | None = None) -> QuerySet[Enrolment]:
    on = on or timezone.localdate()
    return (
        Enrolment.objects.for_user(user)
        .select_related("household__village__parent", "household__head", "payee")
        .annotate(current_amount=amount_in_force(on), member_count=Count("members", filter=Q(members__active=True)))
        .order_by("household__village_id", "id")
    )


def rechecks_due_for(user, on: datetime.date | None = None) -> QuerySet[Enrolment]:
    """Enrolments whose re-check falls due within the notice window (overdue ones first)."""
    on = on or timezone.localdate()
    county = user.jurisdiction_id if user.jurisdiction_id else None
    window = on + datetime.timedelta(days=county_setting("recheck_notice_days", county))
    return (
        enrolments_for(user, on)
        .exclude(status=EnrolmentStatus.ENDED)
        .filter(next_recheck_on__lte=window)
        .order_by("next_recheck_on", "id")
    )


def applications_waiting_on(user) -> QuerySet[Application]:
    """Open applications whose next step is the user's to take, by deadline.

    The means-tested programmes: acceptance and the survey, appraisal and notice wait on the caseworker, the opinion
    on the reviewer, confirmation on the level that holds it (county staff, or township reviewers where delegated);
    a REVIEWED 低保/特困 case waits on the caseworker (notice) when recommended, on the confirming level when not;
    临时救助 within the township's limit waits on the township reviewer. The two disability subsidies: the township's
    initial review on the reviewer, then the federation's review (county staff, where used), then the approving
    level (county staff unless the county delegates it).
    """
    county = (user.jurisdiction_id or "")[:6]
    means = Q(kind__in=list(MEANS_TESTED_KINDS))
    subsidy = Q(kind__in=list(SUBSIDY_KINDS))
    person_programmes = Q(kind__in=["dibao", "tekun"])
    waiting = Q(pk__in=[])
    if user.has_perm("assistance.accept_application"):
        waiting |= Q(status=S.SUBMITTED)
    if user.has_perm("assistance.process_application"):
        waiting |= means & Q(status__in=[S.ACCEPTED, S.SURVEYED, S.IN_NOTICE])
        waiting |= person_programmes & Q(status=S.REVIEWED, review_recommends=True)
    if user.has_perm("assistance.review_application"):
        waiting |= means & Q(status__in=[S.SURVEYED, S.APPRAISED])
        waiting |= subsidy & Q(status=S.ACCEPTED)
    if user.has_perm("assistance.confirm_application"):
        level = user.is_superuser or user.is_township_user == bool(
            county and county_setting("township_confirms", county)
        )
        if level:
            waiting |= Q(status=S.AWAITING_CONFIRMATION)
            waiting |= person_programmes & Q(status=S.REVIEWED) & ~Q(review_recommends=True)
        # 临时救助: the township reviewer within its limit, the county above it (分级审批).
        waiting |= Q(kind="temporary", status=S.REVIEWED)
        subsidy_level = user.is_superuser or user.is_township_user == bool(
            county and county_setting("subsidy_township_confirms", county)
        )
        if subsidy_level:
            federation = bool(county) and county_setting("disability_federation_review", county)
            waiting |= subsidy & Q(status=S.FEDERATION_REVIEWED)
            waiting |= subsidy & Q(status=S.REVIEWED) & (~Q(review_recommends=True) if federation else Q())
    if user.has_perm("assistance.record_federation_review") and county:
        if county_setting("disability_federation_review", county):
            waiting |= subsidy & Q(status=S.REVIEWED, review_recommends=True)
    return applications_for(user).filter(status__in=OPEN_STATUSES).filter(waiting)


def advances_awaiting_regularisation(user) -> QuerySet[TemporaryAdvance]:
    """先行救助 paid but not yet regularised through the normal procedure, by due date."""
    return (
        TemporaryAdvance.objects.for_user(user)
        .awaiting_regularisation()
        .select_related("application__household__village__parent", "payee")
        .order_by("regularise_due_on", "pk")
    )


def low_income_for(user) -> QuerySet[LowIncomeHousehold]:
    return (
        LowIncomeHousehold.objects.for_user(user)
        .select_related("household__village__parent", "household__head")
        .annotate(
            last_visit_on=Max("visits__visited_on"),
            member_count=Count("household__members", filter=Q(household__members__left_on__isnull=True), distinct=True),
        )
        .order_by("household__village_id", "pk")
    )


def low_income_visit_due(record, on: datetime.date | None = None) -> datetime.date | None:
    """When a monitored household is next due a visit: within ``low_income_alert_visit_workdays`` of being flagged
    if not visited since, else the next visit the last visit set (None: nothing due)."""
    if not record.monitored or record.ended_on is not None:
        return None
    last = getattr(record, "last_visit_on", None)
    if last is None or (record.monitored_since and last < record.monitored_since):
        days = county_setting("low_income_alert_visit_workdays", record.household.village_id)
        return add_workdays(record.monitored_since, days)
    # From the prefetched visits when the list loaded them (no query per row).
    visits = list(record.visits.all())
    latest = max(visits, key=lambda v: (v.visited_on, v.pk), default=None)
    return latest.next_visit_due if latest else None


def low_income_monitoring_for(user) -> QuerySet[LowIncomeHousehold]:
    """Households under monitoring, by date flagged, with their visits (the next visit due is read from them)."""
    return (
        low_income_for(user)
        .filter(ended_on__isnull=True, monitored=True)
        .prefetch_related("visits")
        .order_by("monitored_since", "pk")
    )


def one_off_ledger(
    user,
    *,
    township=None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    limit: int = 500,
) -> dict:
    """一次性救助发放台账: 先行救助 paid by the townships, and one-off grants and back pay on the rolls, with totals per
    programme and kind (two grouped queries) and the latest ``limit`` rows of each source."""
    advances = TemporaryAdvance.objects.for_user(user)
    lines = PaymentLine.objects.for_user(user).filter(kind__in=[LineKind.ONE_OFF, LineKind.BACK_PAY])
    if township is not None:
        advances, lines = advances.within(township), lines.within(township)
    if start:
        advances = advances.filter(paid_on__gte=start)
        lines = lines.filter(roll__month__gte=month_start(start))
    if end:
        advances = advances.filter(paid_on__lte=end)
        lines = lines.filter(roll__month__lte=end)
    totals = [
        {"programme": "temporary", "kind": "advance", **row}
        for row in [advances.aggregate(count=Count("pk"), amount=Sum("amount"))]
        if row["count"]
    ]
    totals += list(
        lines.values("programme", "kind")
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by("programme", "kind")
    )
    rows = []
    for advance in advances.select_related("application__household__village__parent", "payee").order_by(
        "-paid_on", "-pk"
    )[:limit]:
        rows.append(
            {
                "date": advance.paid_on,
                "programme": "temporary",
                "kind": "advance",
                "payee": advance.payee.name,
                "township": advance.application.household.village.parent.name,
                "amount": advance.amount,
                "url": advance.application.get_absolute_url(),
                "reference": advance.application.number,
                "note": advance.get_method_display(),
            }
        )
    for line in lines.select_related("roll__township", "application", "enrolment__household").order_by(
        "-roll__month", "-pk"
    )[:limit]:
        rows.append(
            {
                "date": line.roll.month,
                "programme": line.programme,
                "kind": line.kind,
                "payee": line.payee_name,
                "township": line.roll.township.name,
                "amount": line.amount,
                "url": line.roll.get_absolute_url(),
                "reference": str(line.roll),
                "note": line.reason,
            }
        )
    rows.sort(key=lambda row: row["date"], reverse=True)
    grand = sum((t["amount"] or 0 for t in totals), 0)
    return {"totals": totals, "rows": rows[:limit], "grand_total": grand}
