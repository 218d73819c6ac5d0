"""Reads that pages, the API, the to-dos and the indicator computations share (one definition of each rule)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr

from civilaffairs.choices import RegionLevel
from civilaffairs.conf import county_setting
from civilaffairs.models import Region
from funeral.choices import PUBLIC_BURIAL_TYPES, BurialZoneKind, CrossProvinceBusiness
from funeral.models import (
    PROGRESS_FIGURE,
    BurialZone,
    ConstructionProject,
    Cremator,
    CrematorEmissionTest,
    CrossProvinceAuthorisation,
    FuneralFacility,
    MarriageRegistrationOffice,
    in_use_q,
)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the month's last day where it is shorter: 31 March − 1 → 28/29 February)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = index // 12, index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def months_after(day: datetime.date, months: int) -> datetime.date:
    return months_before(day, -months)


# --- regions ---------------------------------------------------------------------------------------------


def regions_valid_on(region: Region, level: str, as_of: datetime.date) -> QuerySet[Region]:
    """Regions of ``level`` under ``region`` that exist on the date (abolished on the date: no longer)."""
    return Region.objects.filter(level=level, code__startswith=region.prefix).filter(
        Q(abolished_on__isnull=True) | Q(abolished_on__gt=as_of)
    )


# --- burial facilities and zones ------------------------------------------------------------------------------


def public_burial_facilities(as_of: datetime.date) -> QuerySet[FuneralFacility]:
    """公益性安葬（放）设施 in use on the date (all regions; callers restrict to the jurisdiction)."""
    return FuneralFacility.objects.public_burial().in_use(as_of)


def village_covered(as_of: datetime.date) -> Q:
    """A village (Region) covered on the date: a public burial facility in use stands in it or lists it as served."""
    located = public_burial_facilities(as_of).filter(region=OuterRef("pk"))
    through = FuneralFacility.served_villages.through
    served = through.objects.filter(
        region=OuterRef("pk"),
        funeralfacility__is_public=True,
        funeralfacility__facility_type__in=sorted(PUBLIC_BURIAL_TYPES),
    ).filter(in_use_q(as_of, "funeralfacility__"))
    return Q(Exists(located)) | Q(Exists(served))


def cremation_zones_on(as_of: datetime.date) -> QuerySet[BurialZone]:
    return BurialZone.objects.current_on(as_of).filter(kind=BurialZoneKind.CREMATION)


def county_has_cremation_zone(as_of: datetime.date) -> Exists:
    """For a county Region: at least one of its townships is designated 火葬区 on the date."""
    return Exists(cremation_zones_on(as_of).filter(township__parent=OuterRef("pk")))


def county_has_public_burial_facility(as_of: datetime.date) -> Exists:
    """For a county Region: a public burial facility in use anywhere in it (county, township or village level)."""
    # The county's first 6 digits are the prefix of every region code inside it.
    return Exists(public_burial_facilities(as_of).filter(region__code__startswith=Substr(OuterRef("code"), 1, 6)))


def townships_with_public_burial(region: Region, as_of: datetime.date) -> list[Region]:
    """Townships where a public burial facility in use stands or whose villages one serves (for reference notes)."""
    facilities = public_burial_facilities(as_of).filter(region__code__startswith=region.prefix)
    keys = set(
        facilities.filter(region__level__in=[RegionLevel.TOWNSHIP, RegionLevel.VILLAGE])
        .annotate(_t=Substr("region_id", 1, 9))
        .values_list("_t", flat=True)
    )
    through = FuneralFacility.served_villages.through
    keys |= set(
        through.objects.filter(funeralfacility__in=facilities, region__code__startswith=region.prefix)
        .annotate(_t=Substr("region_id", 1, 9))
        .values_list("_t", flat=True)
    )
    codes = [key.ljust(12, "0") for key in keys]
    return list(Region.objects.filter(code__in=codes, level=RegionLevel.TOWNSHIP).order_by("code"))


# --- cremators --------------------------------------------------------------------------------------------


def emission_test_valid_months(region: Region) -> int:
    return int(county_setting("funeral_emission_test_valid_months", region.code))


def latest_test(as_of: datetime.date, field: str) -> Subquery:
    """``field`` of a cremator's latest emission test on or before the date."""
    tests = CrematorEmissionTest.objects.filter(cremator=OuterRef("pk"), tested_on__lte=as_of).order_by(
        "-tested_on", "-pk"
    )
    return Subquery(tests.values(field)[:1])


def eco_cremators(region: Region, as_of: datetime.date) -> QuerySet[Cremator]:
    """环保节能火化炉 counted on the date (definitions.yaml ``funeral.eco_cremator_count``).

    Installed at a funeral home of the jurisdiction that is in use, itself in use (commissioned, not
    decommissioned), of the eco-friendly type, not past its mandatory scrapping date, and whose latest emission test
    on or before the date passed and is not older than the county's validity (``funeral_emission_test_valid_months``).
    """
    valid_from = months_before(as_of, emission_test_valid_months(region))
    return (
        Cremator.objects.filter(facility__region__code__startswith=region.prefix, is_eco=True)
        .filter(in_use_q(as_of, "facility__"))
        .in_use(as_of)
        .within_service_life(as_of)
        .alias(_latest_passed=latest_test(as_of, "passed"), _latest_on=latest_test(as_of, "tested_on"))
        .filter(_latest_passed=True, _latest_on__gt=valid_from)
    )


def cremators_needing_attention(user, today: datetime.date, warning_days: int) -> dict[str, QuerySet[Cremator]]:
    """Cremators in use whose emission test is overdue or runs out soon, and those near their scrapping date."""
    in_use = Cremator.objects.for_user(user).in_use(today).select_related("facility")
    horizon = today + datetime.timedelta(days=warning_days)
    months = int(county_setting("funeral_emission_test_valid_months", getattr(user, "jurisdiction_id", None)))
    # A test older than (horizon − validity) has run out by the horizon.
    test_cutoff = months_before(horizon, months)
    latest_on = latest_test(today, "tested_on")
    latest_passed = latest_test(today, "passed")
    tests_due = in_use.annotate(last_tested_on=latest_on, last_passed=latest_passed).filter(
        Q(last_tested_on__isnull=True) | Q(last_tested_on__lte=test_cutoff) | Q(last_passed=False)
    )
    scrap_due = in_use.filter(scrap_due_on__lte=horizon)
    return {"tests": tests_due, "scrap": scrap_due}


# --- marriage registration --------------------------------------------------------------------------------------


def cross_province_active(as_of: datetime.date, business: str) -> Exists:
    return Exists(CrossProvinceAuthorisation.objects.active_on(as_of).filter(office=OuterRef("pk"), business=business))


def offices_with_cross_province(region: Region, as_of: datetime.date) -> QuerySet[MarriageRegistrationOffice]:
    """Operating offices where both 结婚 and 离婚 跨省通办 are open on the date (one alone does not count)."""
    return (
        MarriageRegistrationOffice.objects.filter(region__code__startswith=region.prefix)
        .operating(as_of)
        .filter(cross_province_active(as_of, CrossProvinceBusiness.MARRIAGE))
        .filter(cross_province_active(as_of, CrossProvinceBusiness.DIVORCE))
    )


# --- construction projects ----------------------------------------------------------------------------------------


def projects_without_recent_progress(user, today: datetime.date):
    """Projects of the plan's indicator table under construction whose latest approved progress figure is older than
    the county's ``funeral_project_progress_stale_days`` (or missing): the indicator would use a stale figure."""
    from indicators.choices import ManualInputStatus
    from indicators.models import ManualInput

    days = int(county_setting("funeral_project_progress_stale_days", getattr(user, "jurisdiction_id", None)))
    recent = ManualInput.objects.filter(
        status=ManualInputStatus.APPROVED,
        type__code=PROGRESS_FIGURE,
        region=OuterRef("region"),
        subject=OuterRef("name"),
        effective_on__gt=today - datetime.timedelta(days=days),
    )
    return (
        ConstructionProject.objects.for_user(user)
        .in_indicator_table()
        .filter(started_on__lte=today)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=today))
        .filter(~Exists(recent))
    )
