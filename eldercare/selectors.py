"""Non-trivial reads of the elder-care registers (pages, API and to-dos share them)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from civilaffairs.conf import county_setting
from eldercare.choices import QualityResult
from eldercare.indicators import months_before
from eldercare.models import ElderCareBedInventory, ElderCareInstitution, ElderCareQualityAssessment, ElderlyPerson


def county_code(user) -> str | None:
    return user.jurisdiction_id if getattr(user, "jurisdiction_id", None) else None


def with_current_inventory(queryset: QuerySet, on: datetime.date | None = None) -> QuerySet:
    """Sites annotated with the beds, nursing beds, operation mode and functions of the version in force (one query)."""
    on = on or datetime.date.today()
    current = ElderCareBedInventory.objects.filter(site=OuterRef("pk"), effective_on__lte=on).order_by("-effective_on")
    fields = [
        "total_beds",
        "nursing_beds",
        "operation_mode",
        "offers_full_care",
        "offers_day_care",
        "offers_home_service",
    ]
    return queryset.annotate(**{f"current_{name}": Subquery(current.values(name)[:1]) for name in fields})


def visit_window(user, today: datetime.date) -> tuple[datetime.date, list[str]]:
    code = county_code(user)
    cycle = int(county_setting("elderly_visit_cycle_days", code))
    return today - datetime.timedelta(days=cycle - 1), list(county_setting("elderly_visit_counted_types", code))


def visits_due(user, today: datetime.date | None = None) -> QuerySet[ElderlyPerson]:
    """Roster entries living at home with no counted visit in the current cycle (the people to visit next), the
    longest-unvisited first."""
    today = today or datetime.date.today()
    start, types = visit_window(user, today)
    min_age = int(county_setting("elderly_min_age", county_code(user)))
    return (
        ElderlyPerson.objects.for_user(user)
        .at_home_on(today, min_age)
        .not_visited_between(start, today, types)
        .with_last_visit()
        .select_related("person", "person__region", "person__region__parent")
        .order_by("last_visited_on", "listed_on", "pk")
    )


def quality_inspections_due(user, today: datetime.date | None = None) -> QuerySet[ElderCareInstitution]:
    """Institutions in service whose last assessment is older than the window less the notice period (or missing):
    without a new one they will count as 不达标 (definition eldercare.institution_quality_compliance_rate)."""
    today = today or datetime.date.today()
    code = county_code(user)
    months = int(county_setting("quality_assessment_window_months", code))
    notice = int(county_setting("quality_assessment_notice_days", code))
    cutoff = months_before(today + datetime.timedelta(days=notice), months)
    recent = ElderCareQualityAssessment.objects.filter(institution=OuterRef("pk"), assessed_on__gt=cutoff)
    return ElderCareInstitution.objects.for_user(user).in_service_on(today).filter(~Exists(recent))


def rectifications_overdue(user, today: datetime.date | None = None) -> QuerySet[ElderCareQualityAssessment]:
    today = today or datetime.date.today()
    return ElderCareQualityAssessment.objects.for_user(user).filter(
        Q(result=QualityResult.FAIL, rectified_on__isnull=True, rectification_due_on__lt=today)
    )
