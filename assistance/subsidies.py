"""残疾人两项补贴 (国发〔2015〕52号): who is eligible on a date, as querysets shared by the workflow and the indicators.

- 困难残疾人生活补贴: a valid certificate, and the holder belongs on the date to one of the groups the county's dated
  rule admits (``disability_living_groups``): a 低保 household (national baseline), and where the county extends it
  特困, 低保边缘 / 低收入 households (this app's register), 一户多残, 以老养残.
- 重度残疾人护理补贴: a valid certificate of grade 1–2 (``disability_care_grades``) assessed as needing long-term care;
  from ``disability_care_extension_from`` also grade 3–4 intellectual and mental disability; people receiving an
  equivalent care benefit are excluded where the county says so.

The same querysets decide an application (``assess_subsidy``) and count the coverage indicators
(``assistance.indicators``), so a person the indicator counts as eligible is one the workflow would approve.
Rules are per county: for a jurisdiction above a county the conditions are combined county by county.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from assistance.choices import (
    DisabilityCategory,
    EnrolmentStatus,
    LowIncomeCategory,
    Programme,
    StandardKind,
)
from assistance.conf import county_setting
from assistance.eligibility import Assessment, money
from assistance.models import (
    DisabilityCertificate,
    Enrolment,
    EnrolmentMember,
    HouseholdMember,
    LowIncomeHousehold,
)
from assistance.models.enrolments import month_start
from assistance.models.standards import standard_in_force
from civilaffairs.choices import RegionLevel
from civilaffairs.formats import cn_date
from civilaffairs.models import Region

LIVING_GROUPS = ("dibao", "tekun", "dibao_edge", "low_income", "multi_disabled", "elderly_carers")
CARE_EXTENSION_CATEGORIES = (DisabilityCategory.INTELLECTUAL, DisabilityCategory.MENTAL)


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def living_groups_in_force(county_code: str, on: datetime.date) -> list[str]:
    """The groups the county's dated rule admits to the living subsidy on ``on`` (in a fixed order)."""
    rule = county_setting("disability_living_groups", county_code) or {}
    return [group for group in LIVING_GROUPS if (start := _date(rule.get(group))) is not None and start <= on]


def care_extension_in_force(county_code: str, on: datetime.date) -> bool:
    start = _date(county_setting("disability_care_extension_from", county_code))
    return start is not None and start <= on


def _counties(region: Region) -> list[str]:
    """The 6-digit county codes whose rules apply under ``region``."""
    if len(region.prefix) >= 6:
        return [region.code[:6]]
    codes = Region.objects.filter(code__startswith=region.prefix, level=RegionLevel.COUNTY).values_list(
        "code", flat=True
    )
    return sorted({code[:6] for code in codes})


# --- conditions on DisabilityCertificate rows (the holder is OuterRef("person")) ----------------------------


def _payable(prefix: str, month: datetime.date) -> Q:
    """The enrolment (reached through ``prefix``) pays for ``month``."""
    return (
        Q(**{f"{prefix}start_month__lte": month})
        & (Q(**{f"{prefix}end_month__isnull": True}) | Q(**{f"{prefix}end_month__gte": month}))
        & (Q(**{f"{prefix}phase_out_until__isnull": True}) | Q(**{f"{prefix}phase_out_until__gte": month}))
    )


def _current_member(on: datetime.date) -> QuerySet:
    """The holder's household membership on ``on``."""
    return HouseholdMember.objects.current(on).filter(person=OuterRef("person"))


def _in_programme(programme: str, month: datetime.date) -> Exists:
    """The holder is an active member of an enrolment of ``programme`` that pays for ``month``."""
    return Exists(
        EnrolmentMember.objects.filter(person=OuterRef("person"), programme=programme, active=True).filter(
            _payable("enrolment__", month)
        )
    )


def _dibao_household(month: datetime.date, on: datetime.date) -> Q:
    """家庭为在保低保家庭: the holder's household on ``on`` has a household 低保 enrolment paying for the month, or the
    holder is themselves enrolled (单人保). A holder supported as 特困 is not part of the 低保 household (they are
    left out of it, ``dibao_excludes_tekun_members``; 民发〔2021〕43号): they qualify only where the county admits
    the ``tekun`` group."""
    household_enrolled = Enrolment.objects.filter(
        household=OuterRef("household"), programme=Programme.DIBAO, single_person=False
    ).filter(_payable("", month))
    in_household = Q(Exists(_current_member(on).filter(Exists(household_enrolled)))) & ~Q(
        _in_programme(Programme.TEKUN, month)
    )
    return in_household | Q(_in_programme(Programme.DIBAO, month))


def _low_income(category: str, on: datetime.date) -> Q:
    recognised = LowIncomeHousehold.objects.current_on(on).filter(household=OuterRef("household"), category=category)
    return Q(Exists(_current_member(on).filter(Exists(recognised))))


def _alive(on: datetime.date, prefix: str = "person__") -> Q:
    return Q(**{f"{prefix}death_date__isnull": True}) | Q(**{f"{prefix}death_date__gt": on})


def _multi_disabled(on: datetime.date) -> Q:
    """一户多残: another current, living member of the holder's household holds a valid certificate."""
    others = (
        HouseholdMember.objects.current(on)
        .filter(household=OuterRef("household"))
        .exclude(person=OuterRef(OuterRef("person")))
        .filter(_alive(on))
        .filter(Exists(DisabilityCertificate.objects.valid_on(on).filter(person=OuterRef("person"))))
    )
    return Q(Exists(_current_member(on).filter(Exists(others))))


def _years_before(on: datetime.date, years: int) -> datetime.date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _elderly_carers(on: datetime.date, county_code: str) -> Q:
    """以老养残: the household has another living member aged 60 or over and no living member of working age (18–59)
    other than certificate holders — the disabled are supported by the old."""
    old_age = county_setting("tekun_elderly_age", county_code)
    adult_age = county_setting("tekun_minor_age", county_code)
    sixty_cut = _years_before(on, old_age)  # born on or before: aged ≥ 60
    adult_cut = _years_before(on, adult_age)  # born on or before: aged ≥ 18
    members = HouseholdMember.objects.current(on).filter(household=OuterRef("household")).filter(_alive(on))
    # Someone else, aged 60 or over: a lone disabled elderly person is not "supported by the old".
    old = members.filter(person__birth_date__lte=sixty_cut).exclude(person=OuterRef(OuterRef("person")))
    working_age = members.filter(person__birth_date__gt=sixty_cut, person__birth_date__lte=adult_cut).filter(
        ~Exists(DisabilityCertificate.objects.valid_on(on).filter(person=OuterRef("person")))
    )
    return Q(Exists(_current_member(on).filter(Exists(old)).filter(~Exists(working_age))))


def _group_condition(group: str, on: datetime.date, county_code: str) -> Q:
    month = month_start(on)
    if group == "dibao":
        return _dibao_household(month, on)
    if group == "tekun":
        return Q(_in_programme(Programme.TEKUN, month))
    if group == "dibao_edge":
        return _low_income(LowIncomeCategory.DIBAO_EDGE, on)
    if group == "low_income":
        return _low_income(LowIncomeCategory.LOW_INCOME, on)
    if group == "multi_disabled":
        return _multi_disabled(on)
    if group == "elderly_carers":
        return _elderly_carers(on, county_code)
    raise ValueError(group)


def _living_condition(county_code: str, on: datetime.date) -> Q | None:
    groups = living_groups_in_force(county_code, on)
    if not groups:
        return None
    condition = Q()
    for group in groups:
        condition |= _group_condition(group, on, county_code)
    return condition


def _care_condition(county_code: str, on: datetime.date) -> Q:
    grades = county_setting("disability_care_grades", county_code)
    condition = Q(grade__in=grades)
    if care_extension_in_force(county_code, on):
        condition |= Q(grade__in=[3, 4], category__in=CARE_EXTENSION_CATEGORIES)
    condition &= Q(needs_long_term_care=True)
    if county_setting("disability_care_excludes_equivalent_benefit", county_code):
        condition &= Q(equivalent_care_benefit=False)
    return condition


def _per_county(region: Region, on: datetime.date, build) -> QuerySet[DisabilityCertificate]:
    certificates = DisabilityCertificate.objects.valid_on(on).filter(person__region__code__startswith=region.prefix)
    combined = Q(pk__in=[])
    for county in _counties(region):
        condition = build(county, on)
        if condition is None:
            continue
        combined |= Q(person__region__code__startswith=county) & condition
    return certificates.filter(combined)


def living_eligible(region: Region, on: datetime.date) -> QuerySet[DisabilityCertificate]:
    """Certificates whose holders are eligible for the 困难残疾人生活补贴 on ``on`` (one per person)."""
    return _per_county(region, on, _living_condition)


def care_eligible(region: Region, on: datetime.date) -> QuerySet[DisabilityCertificate]:
    """Certificates whose holders are eligible for the 重度残疾人护理补贴 on ``on`` (one per person)."""
    return _per_county(region, on, _care_condition)


ELIGIBLE = {Programme.LIVING_SUBSIDY: living_eligible, Programme.CARE_SUBSIDY: care_eligible}


def receiving(programme: str, on: datetime.date) -> Exists:
    """The holder has an approved enrolment of ``programme`` that pays for the month of ``on`` (a month approved
    from the next month on does not count yet)."""
    return _in_programme(programme, month_start(on))


def care_standard_kind(grade: int) -> str:
    return {1: StandardKind.DISABILITY_CARE_1, 2: StandardKind.DISABILITY_CARE_2}.get(
        grade, StandardKind.DISABILITY_CARE_34
    )


def standard_kind(programme: str, grade: int | None) -> str:
    return StandardKind.DISABILITY_LIVING if programme == Programme.LIVING_SUBSIDY else care_standard_kind(grade or 1)


# --- one person: the assessment an application and a re-check see ---------------------------------------


def _group_labels() -> dict[str, str]:
    return {
        "dibao": _("a dibao household"),
        "tekun": _("extreme-poverty support"),
        "dibao_edge": _("a dibao-edge household"),
        "low_income": _("a low-income household"),
        "multi_disabled": _("a household with several disabled members"),
        "elderly_carers": _("a household where the old support the disabled"),
    }


def assess_subsidy(*, programme: str, person, urban_rural: str, county_code: str, on: datetime.date) -> Assessment:
    """Whether ``person`` is eligible for the subsidy on ``on``, and the monthly amount from the dated standard."""
    region = Region(code=county_code[:6] + "000000", level=RegionLevel.COUNTY)
    certificate = (
        DisabilityCertificate.objects.valid_on(on).filter(person=person).order_by("-issued_on").first()
        if person is not None
        else None
    )
    result = Assessment(eligible=True, members_count=1)
    if certificate is None:
        result.fail(
            "certificate",
            _("%(name)s holds no disability certificate valid on %(date)s (the federation's roster).")
            % {"name": getattr(person, "name", ""), "date": cn_date(on)},
        )
        return result
    result.notes.append(
        _("Certificate %(number)s: %(category)s, %(grade)s, issued %(issued)s.")
        % {
            "number": certificate.number,
            "category": certificate.get_category_display(),
            "grade": certificate.get_grade_display(),
            "issued": certificate.issued_on.isoformat(),
        }
    )
    eligible = ELIGIBLE[programme](region, on).filter(pk=certificate.pk).exists()
    if not eligible:
        if programme == Programme.LIVING_SUBSIDY:
            labels = _group_labels()
            groups = living_groups_in_force(county_code, on)
            result.fail(
                "category",
                _("%(name)s does not belong to %(groups)s on %(date)s.")
                % {
                    "name": person.name,
                    "groups": _(" or ").join(labels[g] for g in groups) or _("any group the county admits"),
                    "date": cn_date(on),
                },
            )
        else:
            grades = "、".join(str(g) for g in county_setting("disability_care_grades", county_code))
            reason = _("Grade %(grade)s is not covered (grades %(grades)s%(extension)s).") % {
                "grade": certificate.grade,
                "grades": grades,
                "extension": _(", and grade 3–4 intellectual or mental")
                if care_extension_in_force(county_code, on)
                else "",
            }
            if not certificate.needs_long_term_care:
                reason = _("%(name)s is not assessed as needing long-term care.") % {"name": person.name}
            elif certificate.equivalent_care_benefit and county_setting(
                "disability_care_excludes_equivalent_benefit", county_code
            ):
                reason = _("%(name)s already receives an equivalent care benefit.") % {"name": person.name}
            result.fail("category", reason)
        return result
    kind = standard_kind(programme, certificate.grade)
    standard = standard_in_force(county_code, kind, urban_rural, on)
    if standard is None:
        result.fail(
            "standard",
            _("No “%(kind)s” standard of the county is in force on %(date)s; ask county staff to enter it.")
            % {"kind": StandardKind(kind).label, "date": cn_date(on)},
        )
        return result
    result.standard = standard
    result.amount = money(standard.monthly_amount)
    result.per_capita_income = Decimal("0")
    result.notes.append(
        _("Subsidy %(amount)s yuan a month (%(kind)s, from %(from)s).")
        % {"amount": result.amount, "kind": StandardKind(kind).label, "from": standard.effective_from.isoformat()}
    )
    result.certificate = certificate
    return result


def subsidy_enrolments_lapsing(county_code: str, on: datetime.date) -> QuerySet[Enrolment]:
    """Active subsidy enrolments of the county whose holder is no longer eligible on ``on`` (set-based: one query
    per programme)."""
    region = Region(code=county_code[:6] + "000000", level=RegionLevel.COUNTY)
    lapsing = Enrolment.objects.none()
    for programme, eligible in ELIGIBLE.items():
        holders = eligible(region, on).values("person_id")
        lapsing = lapsing | Enrolment.objects.filter(
            programme=programme,
            household__village__code__startswith=county_code[:6],
        ).exclude(status=EnrolmentStatus.ENDED).filter(
            ~Exists(EnrolmentMember.objects.filter(enrolment=OuterRef("pk"), person_id__in=holders))
        )
    return lapsing
