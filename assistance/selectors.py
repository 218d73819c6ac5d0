"""Reads of social assistance used by pages, the API, to-dos and exports (always starting from ``for_user``)."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from assistance.choices import OPEN_STATUSES, ApplicationStatus, EnrolmentStatus
from assistance.models import Application, Enrolment, EnrolmentAmount, Household
from assistance.models.enrolments import month_start
from civilaffairs.conf import county_setting

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


# Which open statuses wait on which role (the role holds the permission of the action that moves the case on).
WAITING_ON = {
    "assistance.accept_application": {S.SUBMITTED},
    "assistance.process_application": {S.ACCEPTED, S.SURVEYED, S.REVIEWED, S.IN_NOTICE},
    "assistance.review_application": {S.SURVEYED, S.APPRAISED},
    "assistance.confirm_application": {S.AWAITING_CONFIRMATION, S.REVIEWED},
}


def applications_waiting_on(user) -> QuerySet[Application]:
    """Open applications whose next step is the user's to take, by deadline.

    Confirmation waits on the level that holds it (county staff, or township reviewers where delegated); a
    REVIEWED case waits on the caseworker (notice) when recommended, on the confirming level when not.
    """
    statuses: set[str] = set()
    for permission, waiting in WAITING_ON.items():
        if user.has_perm(permission):
            statuses |= waiting
    if not statuses:
        return Application.objects.none()
    qs = applications_for(user).filter(status__in=statuses & OPEN_STATUSES)
    confirms = user.has_perm("assistance.confirm_application")
    processes = user.has_perm("assistance.process_application")
    if confirms:
        county = (user.jurisdiction_id or "")[:6]
        delegated = county_setting("township_confirms", county) if county else False
        if user.is_township_user != bool(delegated) and not user.is_superuser:
            # Not this level's decision (except 临时救助 within the township limit, which the reviewer decides).
            qs = qs.exclude(Q(status=S.AWAITING_CONFIRMATION) | Q(status=S.REVIEWED, kind__in=["dibao", "tekun"]))
    reviewed = Q(status=S.REVIEWED)
    if processes and not confirms:
        qs = qs.exclude(reviewed & ~Q(review_recommends=True, kind__in=["dibao", "tekun"]))
    elif confirms and not processes:
        qs = qs.exclude(reviewed & Q(review_recommends=True, kind__in=["dibao", "tekun"]))
    return qs
